package dev.preflight.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.preflight.generate.TenantGenerator;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Old against new, on demand (never in {@code mvn verify}): the same tenants through two builds of
 * Preflight, each with the rules built into it, must give identical outcomes. Compared per tenant:
 * the verdict, and per check the status, the severity, every finding's severity, subject, subject
 * path and message, and every missing fact's path and reason.
 *
 * <pre>git worktree add --detach /tmp/base main &amp;&amp; (cd /tmp/base &amp;&amp; mvn -o -q package -DskipTests)
 * mvn -q package -DskipTests &amp;&amp; mvn -q exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=dev.preflight.bench.RulesComparison -Dexec.args="/tmp/base [GENERATED MUTATED]"</pre>
 *
 * The tenants: {@code GENERATED} (default 20,000) from the generator, {@code MUTATED} (default
 * 10,000) generated tenants and samples with one to four random changes each (a field dropped or
 * nulled, a value taken from another tenant at the same place, a flag flipped, a number moved, a
 * list element repeated, every user made an admin and a test user), the samples, and the tenants of
 * the rule cases ({@code rules/tests/tenants}). Both builds' {@code rules test} run too: each must
 * pass its own rule cases.
 */
public final class RulesComparison {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private RulesComparison() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            throw new IllegalArgumentException("usage: RulesComparison BASE_CHECKOUT [GENERATED MUTATED]");
        }
        Path base = Path.of(args[0]);
        Path oldJar = base.resolve("target/preflight.jar");
        Path newJar = Path.of("target/preflight.jar");
        int generated = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        int mutated = args.length > 2 ? Integer.parseInt(args[2]) : 10_000;
        for (Path jar : List.of(oldJar, newJar)) {
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException("build it first: " + jar);
            }
        }
        Path dir = ScratchDir.create("preflight-compare");
        try {
            Path input = dir.resolve("tenants.jsonl");
            int[] counts = writeInput(input, generated, mutated);
            System.out.printf(Locale.ROOT, "input: %,d generated, %,d mutated, %,d samples and rule-case tenants%n", counts[0], counts[1], counts[2]);

            System.out.println("rule cases, old build on its rules: " + ruleCases(oldJar, base.resolve("rules")));
            System.out.println("rule cases, new build on its rules: " + ruleCases(newJar, Path.of("rules")));

            Path oldOut = dir.resolve("old.jsonl");
            Path newOut = dir.resolve("new.jsonl");
            batch(oldJar, input, oldOut);
            batch(newJar, input, newOut);
            compare(oldOut, newOut);
        } finally {
            ScratchDir.delete(dir);
        }
    }

    private static String ruleCases(Path jar, Path rules) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(java(), "-jar", jar.toString(), "rules", "test", rules.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int rc = p.waitFor();
        String[] lines = out.strip().split("\n");
        String last = lines[lines.length - 1];
        if (rc != 0) {
            throw new IllegalStateException("rules test failed (exit " + rc + "):\n" + out);
        }
        return last;
    }

    private static void batch(Path jar, Path input, Path output) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(java(), "-jar", jar.toString(), "batch", "-q", "--threads", "2", input.toString(), "-o", output.toString())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        int rc = p.waitFor();
        // 0: all eligible; the documented non-zero exits for findings are expected here.
        if (!Files.isRegularFile(output)) {
            throw new IllegalStateException(jar + " batch exited " + rc + " without output");
        }
    }

    private static void compare(Path oldOut, Path newOut) throws IOException {
        long n = 0;
        long differ = 0;
        TreeMap<String, Integer> verdicts = new TreeMap<>();
        try (BufferedReader a = Files.newBufferedReader(oldOut); BufferedReader b = Files.newBufferedReader(newOut)) {
            while (true) {
                String x = a.readLine();
                String y = b.readLine();
                if (x == null || y == null) {
                    if (x != null || y != null) {
                        throw new IllegalStateException("the outputs differ in length at line " + (n + 1));
                    }
                    break;
                }
                n++;
                String ox = outcome(JSON.readTree(x));
                String oy = outcome(JSON.readTree(y));
                JsonNode verdict = JSON.readTree(y).get("verdict");
                verdicts.merge(verdict == null ? "(not evaluated: " + JSON.readTree(y).path("error").path("kind").asText("invalid") + ")"
                        : verdict.asText(), 1, Integer::sum);
                if (!ox.equals(oy)) {
                    if (++differ <= 5) {
                        System.out.println("DIFFERENT at line " + n + ":\n  old " + ox + "\n  new " + oy);
                    }
                }
            }
        }
        System.out.printf(Locale.ROOT, "compared %,d tenants: %s; %s%n", n, verdicts,
                differ == 0 ? "IDENTICAL outcomes" : differ + " DIFFER");
        if (differ > 0) {
            throw new IllegalStateException(differ + " tenants differ");
        }
    }

    /** What must not change, as one string: verdict, then each check's status, severity, findings and missing facts. */
    static String outcome(JsonNode line) {
        StringBuilder s = new StringBuilder();
        s.append(line.path("origin").asText()).append(' ').append(line.path("verdict").asText("-"));
        if (line.has("error")) {
            s.append(" error=").append(line.get("error"));
        }
        for (JsonNode c : line.path("checks")) {
            s.append(" | ").append(c.path("id").asText()).append(' ').append(c.path("status").asText()).append(' ')
                    .append(c.path("severity").asText("-"));
            for (JsonNode f : c.path("findings")) {
                s.append(" F[").append(f.path("severity").asText()).append(';').append(f.path("subject").asText("-")).append(';')
                        .append(f.path("subjectPath").asText("-")).append(';').append(f.path("message").asText()).append(';')
                        .append(f.path("evidence")).append(']');
            }
            for (JsonNode m : c.path("notes")) {
                s.append(" N[").append(m.asText()).append(']');
            }
            for (JsonNode m : c.path("missing")) {
                s.append(" M[").append(m.path("path").asText()).append(';').append(m.path("reason").asText()).append(']');
            }
        }
        for (JsonNode e : line.path("errors")) {
            s.append(" E").append(e);
        }
        return s.toString();
    }

    // ---- the tenants -------------------------------------------------------------------------

    private static int[] writeInput(Path input, int generated, int mutated) throws IOException {
        TenantGenerator g = new TenantGenerator(42);
        List<JsonNode> fixed = new ArrayList<>();
        for (Path d : List.of(Path.of("samples"), Path.of("rules/tests/tenants"))) {
            try (Stream<Path> s = Files.list(d)) {
                for (Path p : s.filter(x -> x.toString().endsWith(".json")).sorted().toList()) {
                    JsonNode doc = JSON.readTree(p.toFile());
                    if (doc.isObject() && (doc.has("tenant") || doc.has("users") || doc.has("onPremises"))) {
                        fixed.add(doc);
                    }
                }
            }
        }
        Random random = new Random(7);
        TenantGenerator donors = new TenantGenerator(1042);
        try (BufferedWriter w = Files.newBufferedWriter(input, StandardCharsets.UTF_8)) {
            for (int i = 0; i < generated; i++) {
                w.write(g.line(i));
                w.newLine();
            }
            for (int i = 0; i < mutated; i++) {
                JsonNode doc = i % 10 == 0 ? fixed.get(random.nextInt(fixed.size())).deepCopy() : g.tenant(generated + i);
                ((ObjectNode) doc).remove("generator");
                int changes = 1 + random.nextInt(4);
                for (int c = 0; c < changes; c++) {
                    mutate(doc, donors.tenant(i), random);
                }
                w.write(JSON.writeValueAsString(doc));
                w.newLine();
            }
            for (JsonNode doc : fixed) {
                w.write(JSON.writeValueAsString(doc));
                w.newLine();
            }
        }
        return new int[] {generated, mutated, fixed.size()};
    }

    /** A place in a document: its parent and the name or index under which it sits. */
    private record Slot(JsonNode parent, String name, int index, String path) {
        JsonNode value() {
            return name != null ? parent.get(name) : parent.get(index);
        }

        void set(JsonNode v) {
            if (name != null) {
                if (v == null) {
                    ((ObjectNode) parent).remove(name);
                } else {
                    ((ObjectNode) parent).set(name, v);
                }
            } else if (v == null) {
                ((ArrayNode) parent).remove(index);
            } else {
                ((ArrayNode) parent).set(index, v);
            }
        }
    }

    private static void mutate(JsonNode doc, JsonNode donor, Random random) {
        int kind = random.nextInt(14);
        if (kind == 13) {
            // Every user an enabled Global Administrator and a test user: the terms' corner.
            for (JsonNode u : doc.path("users")) {
                if (u instanceof ObjectNode o) {
                    o.put("accountEnabled", true);
                    o.set("roles", F.arrayNode().add("Global Administrator"));
                    o.set("purpose", F.arrayNode().add("testUser").add(random.nextBoolean() ? "writebackAdmin" : "testUser"));
                }
            }
            return;
        }
        List<Slot> slots = new ArrayList<>();
        collect(doc, "", slots);
        if (slots.isEmpty()) {
            return;
        }
        Slot s = slots.get(random.nextInt(slots.size()));
        JsonNode v = s.value();
        switch (kind) {
            case 0, 1, 2 -> s.set(null);
            case 3, 4 -> s.set(F.nullNode());
            case 5, 6, 7 -> {
                JsonNode other = at(donor, s.path());
                if (other != null) {
                    s.set(other.deepCopy());
                }
            }
            case 8 -> {
                if (v.isBoolean()) {
                    s.set(F.booleanNode(!v.asBoolean()));
                }
            }
            case 9, 10 -> {
                if (v.isIntegralNumber()) {
                    long[] moves = {0, 1, -1, 179, 180, 181, 299, 301, 1_000_000};
                    s.set(F.numberNode(random.nextBoolean() ? v.asLong() + moves[random.nextInt(3) + 1] : moves[random.nextInt(moves.length)]));
                }
            }
            case 11 -> {
                if (v.isArray() && !v.isEmpty()) {
                    ((ArrayNode) v).add(v.get(random.nextInt(v.size())).deepCopy());
                }
            }
            default -> {
                if (v.isArray()) {
                    ((ArrayNode) v).removeAll();
                }
            }
        }
    }

    /** The node at a path of names and indexes ({@code onPremises.forests.0.domains}), or null. */
    private static JsonNode at(JsonNode doc, String path) {
        JsonNode n = doc;
        for (String part : path.split("\\.")) {
            if (part.isEmpty()) {
                continue;
            }
            n = n.isArray() ? n.get(Integer.parseInt(part)) : n.get(part);
            if (n == null) {
                return null;
            }
        }
        return n;
    }

    private static void collect(JsonNode node, String path, List<Slot> out) {
        if (node.isObject()) {
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                String name = it.next();
                if (path.isEmpty() && name.equals("schemaVersion")) {
                    continue;
                }
                String p = path.isEmpty() ? name : path + "." + name;
                out.add(new Slot(node, name, -1, p));
                collect(node.get(name), p, out);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                String p = path + "." + i;
                out.add(new Slot(node, null, i, p));
                collect(node.get(i), p, out);
            }
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
