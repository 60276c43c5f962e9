package dev.preflight.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.preflight.cli.Console;
import dev.preflight.cli.Main;
import dev.preflight.generate.TenantGenerator;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * The structure-aware mutation campaign of "Hardened by a fuzzer", on demand: collections, facts
 * documents, batch files and waivers files mutated the way real exports go wrong (fields dropped,
 * retyped and duplicated, huge numbers, deep nesting, odd Unicode, truncation, byte flips,
 * re-encoding) and each run through the real command line in-process ({@link Main#run}), checking
 * its exit code against the documented ones and that no stack trace is printed. Findings (input,
 * exit code, standard error) are kept under {@code target/mutation-campaign/}, a line per run in its
 * {@code runs.tsv}; the kinds run interleaved, with a progress line every 100 runs.
 *
 * <pre>
 * mvn -o -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=dev.preflight.fuzz.MutationCampaign \
 *     -Dexec.args="collections=1500 facts=1000 batches=200 waivers=100 seed=1"
 * </pre>
 */
public final class MutationCampaign {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final Set<Integer> EVALUATE_EXITS = Set.of(0, 1, 2, 3, 65, 66);
    private static final Set<Integer> BATCH_EXITS = Set.of(0, 1, 2, 3, 66);
    private static final Set<Integer> WAIVER_EXITS = Set.of(0, 1, 2, 78);
    private static final String[] ODD = {"\u202Eevil\u202C", "\u0000", "\uD83D\uDE00", "\u65E5\u672C\u8A9E", "\u001B[31m", "a\r\nb", "\uFEFF",
        "\u0130\u0131", "\\ud800", "", " ", "\u00A0"};
    private static final String[] HUGE = {"1e2147483648", "-1e2147483648", "99999999999999999999", "2147483648", "-1", "-2147483649",
        "1.7976931348623157E309", "0.000000000000000000001", "4294967296", "9223372036854775808"};

    private final Random random;
    private final Path work;
    private final Map<String, AtomicInteger> exits = new ConcurrentHashMap<>();
    private final AtomicInteger findings = new AtomicInteger();
    private final AtomicInteger runs = new AtomicInteger();

    private final long start = System.nanoTime();

    private MutationCampaign(long seed, Path work) {
        this.random = new Random(seed);
        this.work = work;
    }

    /** A line per run (seconds since the start, kind, exit code, input) in {@code runs.tsv}: the figures of a campaign stopped early. */
    private synchronized void log(String line) {
        try {
            Files.writeString(work.resolve("runs.tsv"), line, StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opt = new TreeMap<>(Map.of("collections", "1500", "facts", "1000", "batches", "200", "waivers", "100", "seed", "1", "threads", "2"));
        for (String a : args) {
            String[] kv = a.split("=", 2);
            opt.put(kv[0], kv[1]);
        }
        Path work = Path.of("target/mutation-campaign");
        deleteTree(work);
        Files.createDirectories(work);
        MutationCampaign c = new MutationCampaign(Long.parseLong(opt.get("seed")), work);
        long start = System.nanoTime();
        c.run(Integer.parseInt(opt.get("collections")), Integer.parseInt(opt.get("facts")), Integer.parseInt(opt.get("batches")),
                Integer.parseInt(opt.get("waivers")), Integer.parseInt(opt.get("threads")));
        System.out.printf("campaign: %d runs in %.0f s, %d findings; exit codes by kind: %s%n", c.runs.get(),
                (System.nanoTime() - start) / 1e9, c.findings.get(), new TreeMap<>(c.exits));
        System.exit(c.findings.get() == 0 ? 0 : 1);
    }

    private void run(int collections, int facts, int batches, int waivers, int threads) throws Exception {
        List<Map<String, byte[]>> bases = List.of(Seeds.sampleCollection(), realCollection());
        List<JsonNode> tenants = new ArrayList<>();
        for (Path p : Seeds.sampleFacts()) {
            tenants.add(JSON.readTree(p.toFile()));
        }
        TenantGenerator gen = new TenantGenerator(7);
        for (int i = 0; i < 20; i++) {
            tenants.add(gen.tenant(i));
        }
        byte[] waiversYaml = Files.readAllBytes(Path.of("samples/waivers.yaml"));
        // Inputs are made on this thread (one Random, reproducible), then run on the pool with the
        // kinds interleaved in proportion, so that a campaign stopped early has run some of each.
        List<Map.Entry<Double, Runnable>> tasks = new ArrayList<>();
        for (int i = 0; i < collections; i++) {
            Map<String, byte[]> files = new TreeMap<>(bases.get(i % bases.size()));
            int n = 1 + random.nextInt(3);
            List<String> names = new ArrayList<>(files.keySet());
            for (int k = 0; k < n; k++) {
                String f = names.get(random.nextInt(names.size()));
                files.put(f, mutateFile(files.get(f)));
            }
            if (random.nextInt(20) == 0) {
                files.remove(names.get(random.nextInt(names.size())));
            }
            Path dir = work.resolve("in/collection-" + i);
            boolean zip = i % 5 == 4;
            Path input = zip ? dir.resolveSibling("collection-" + i + ".zip") : dir;
            if (zip) {
                Files.createDirectories(dir.getParent());
                Files.write(input, Seeds.zip(files));
            } else {
                for (Map.Entry<String, byte[]> e : files.entrySet()) {
                    Path p = dir.resolve(e.getKey());
                    Files.createDirectories(p.getParent());
                    Files.write(p, e.getValue());
                }
            }
            tasks.add(Map.entry((i + 0.5) / collections, () -> check("collection", input, EVALUATE_EXITS, "evaluate", "--format", "json", input.toString())));
        }
        for (int i = 0; i < facts; i++) {
            JsonNode t = tenants.get(i % tenants.size());
            Path input = work.resolve("in/facts-" + i + ".json");
            Files.createDirectories(input.getParent());
            Files.write(input, mutateDocument(t));
            tasks.add(Map.entry((i + 0.5) / facts, () -> check("facts", input, EVALUATE_EXITS, "evaluate", "--format", "json", input.toString())));
        }
        for (int i = 0; i < batches; i++) {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            int lines = 3 + random.nextInt(10);
            for (int k = 0; k < lines; k++) {
                JsonNode t = tenants.get(random.nextInt(tenants.size()));
                byte[] line = random.nextInt(3) == 0 ? mutateDocument(t) : JSON.writeValueAsBytes(t);
                b.write(random.nextInt(4) == 0 ? line : new String(line, StandardCharsets.UTF_8).replace("\n", " ").getBytes(StandardCharsets.UTF_8));
                b.write('\n');
            }
            byte[] whole = b.toByteArray();
            whole = switch (random.nextInt(6)) {
                case 0 -> gzip(whole, random.nextInt(3) == 0);
                case 1 -> reencode(whole);
                case 2 -> flip(whole);
                default -> whole;
            };
            Path input = work.resolve("in/batch-" + i + (whole.length > 1 && (whole[0] & 0xff) == 0x1f ? ".jsonl.gz" : ".jsonl"));
            Files.write(input, whole);
            Path out = work.resolve("out/batch-" + i + ".jsonl");
            Files.createDirectories(out.getParent());
            tasks.add(Map.entry((i + 0.5) / batches, () -> check("batch", input, BATCH_EXITS, "batch", "-q", "--threads", "1", "-o", out.toString(), input.toString())));
        }
        for (int i = 0; i < waivers; i++) {
            boolean yaml = i % 2 == 0;
            byte[] bytes = yaml ? mutateYaml(waiversYaml) : mutateDocument(JSON.readTree(waiversJson(waiversYaml)));
            Path input = work.resolve("in/waivers-" + i + (yaml ? ".yaml" : ".json"));
            Files.write(input, bytes);
            tasks.add(Map.entry((i + 0.5) / waivers, () -> check("waivers", input, WAIVER_EXITS, "evaluate", "--format", "json", "--waivers", input.toString(),
                    "samples/legacy-forest-2008r2.json")));
        }
        tasks.sort(Map.Entry.comparingByKey());
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        for (Map.Entry<Double, Runnable> t : tasks) {
            pool.submit(t.getValue());
        }
        pool.shutdown();
        pool.awaitTermination(7, TimeUnit.DAYS);
    }

    private void check(String kind, Path input, Set<Integer> allowed, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Console console = new Console(new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of(), false);
        int code;
        try {
            code = Main.run(console, args);
        } catch (Throwable t) {
            code = -1;
            t.printStackTrace(new PrintStream(err, true, StandardCharsets.UTF_8));
        }
        int run = runs.incrementAndGet();
        exits.computeIfAbsent(kind + " " + code, k -> new AtomicInteger()).incrementAndGet();
        log(String.format("%.0f\t%s\t%d\t%s%n", (System.nanoTime() - start) / 1e9, kind, code, input.getFileName()));
        if (run % 100 == 0) {
            System.out.printf("progress: %d runs in %.0f s, %d findings; %s%n", run, (System.nanoTime() - start) / 1e9, findings.get(), new TreeMap<>(exits));
        }
        String e = err.toString(StandardCharsets.UTF_8);
        String problem = null;
        if (!allowed.contains(code)) {
            problem = "exit " + code;
        } else if (e.contains("\tat ") || e.contains("Exception in thread") || e.contains("internal error")) {
            problem = "a stack trace or internal error";
        } else if (!kind.equals("batch") && (code == 3 || code == 65 || code == 66 || code == 78)) {
            String last = e.strip().lines().reduce((a, b) -> b).orElse("");
            if (!last.startsWith("preflight") || !last.contains(input.getFileName().toString().replaceAll("\\.(zip|jsonl\\.gz|jsonl|json|yaml)$", ""))) {
                problem = "the error does not name the input: " + last;
            }
        }
        if (problem != null) {
            int n = findings.incrementAndGet();
            try {
                Path dir = work.resolve("findings/" + kind + "-" + n);
                Files.createDirectories(dir);
                Files.writeString(dir.resolve("what.txt"), problem + "\n" + String.join(" ", args) + "\n\n" + e);
            } catch (IOException ex) {
                throw new java.io.UncheckedIOException(ex);
            }
            System.out.println("FINDING " + kind + " " + input + ": " + problem + " | " + e.lines().findFirst().orElse(""));
        }
    }

    /** A collection of the real exports (PowerShell 7 and 5.1, real Graph responses), beside the sample. */
    private static Map<String, byte[]> realCollection() throws IOException {
        Map<String, byte[]> f = new TreeMap<>(Seeds.sampleCollection());
        Path r = Seeds.REAL;
        f.put("graph/users.json", Files.readAllBytes(r.resolve("graph/users-list.json")));
        f.put("graph/roleAssignments.json", Files.readAllBytes(r.resolve("graph/roleassignments-list-expand-principal.json")));
        f.put("graph/subscribedSkus.json", Files.readAllBytes(r.resolve("graph/subscribedskus-list.json")));
        f.put("graph/organization.json", Files.readAllBytes(r.resolve("graph/organization-list.json")));
        f.put("onprem/Get-ADForest.json", Files.readAllBytes(r.resolve("onprem/ad/Get-ADForest.ps7.reconstructed.json")));
        f.put("onprem/Get-ADDomainController.json", Files.readAllBytes(r.resolve("onprem/ad/Get-ADDomainController.root.ps7.reconstructed.json")));
        f.put("onprem/Get-ADSyncRunProfileResult.json", Files.readAllBytes(r.resolve("onprem/connect/Get-ADSyncRunProfileResult.ps7.reconstructed.json")));
        f.put("onprem/Get-WinEvent.json", Files.readAllBytes(r.resolve("onprem/events/Get-WinEvent.select.ps7.reconstructed.json")));
        return f;
    }

    /** A collection file mutated: as a JSON tree when it parses, else as bytes. */
    private byte[] mutateFile(byte[] bytes) {
        JsonNode tree = null;
        String text = decode(bytes);
        if (text != null) {
            try {
                tree = JSON.readTree(text);
            } catch (IOException e) {
                tree = null;
            }
        }
        if (tree == null || random.nextInt(5) == 0) {
            return random.nextBoolean() ? flip(bytes) : truncate(bytes);
        }
        return mutateDocument(tree);
    }

    /** A JSON document with one to three structural mutations, written in some encoding, sometimes cut or flipped. */
    private byte[] mutateDocument(JsonNode original) {
        JsonNode doc = original.deepCopy();
        String text;
        int n = 1 + random.nextInt(3);
        for (int i = 0; i < n; i++) {
            doc = mutateTree(doc);
        }
        text = doc.toString();
        if (random.nextInt(6) == 0) {
            text = duplicateKey(text);
        }
        if (random.nextInt(8) == 0) {
            text = text.replaceFirst("\"([A-Za-z]+)\":\\s*\"[^\"]*\"", "\"$1\": " + HUGE[random.nextInt(HUGE.length)]);
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return switch (random.nextInt(12)) {
            case 0 -> truncate(bytes);
            case 1 -> flip(bytes);
            case 2, 3 -> reencode(bytes);
            case 4 -> overlong(bytes);
            default -> bytes;
        };
    }

    private JsonNode mutateTree(JsonNode root) {
        List<JsonNode> containers = new ArrayList<>();
        collect(root, containers, 0);
        if (containers.isEmpty()) {
            return replacement(root);
        }
        JsonNode c = containers.get(random.nextInt(containers.size()));
        if (c instanceof ObjectNode o && o.size() > 0) {
            List<String> keys = new ArrayList<>();
            o.fieldNames().forEachRemaining(keys::add);
            String k = keys.get(random.nextInt(keys.size()));
            switch (random.nextInt(5)) {
                case 0 -> o.remove(k);
                case 1 -> o.putNull(k);
                case 2 -> o.set(k + (random.nextBoolean() ? "" : "X"), replacement(o.get(k)));
                case 3 -> o.set(k.toUpperCase(java.util.Locale.ROOT), o.get(k).deepCopy());
                default -> o.set(k, replacement(o.get(k)));
            }
        } else if (c instanceof ArrayNode a && a.size() > 0) {
            int i = random.nextInt(a.size());
            switch (random.nextInt(4)) {
                case 0 -> a.remove(i);
                case 1 -> a.add(a.get(i).deepCopy());
                case 2 -> a.insertNull(i);
                default -> a.set(i, replacement(a.get(i)));
            }
        }
        return root;
    }

    private static void collect(JsonNode n, List<JsonNode> out, int depth) {
        if (n.isContainerNode() && depth < 20) {
            out.add(n);
            n.forEach(c -> collect(c, out, depth + 1));
        }
    }

    /** A value of another type, a huge number, odd Unicode, deep nesting, a long list. */
    private JsonNode replacement(JsonNode old) {
        switch (random.nextInt(9)) {
            case 0:
                return F.textNode(old == null ? "" : old.toString());
            case 1:
                return F.numberNode(new java.math.BigDecimal(HUGE[random.nextInt(HUGE.length)].replace("2147483648", "21474836")));
            case 2:
                return F.booleanNode(random.nextBoolean());
            case 3:
                return F.textNode((old != null && old.isTextual() ? old.asText() : "x") + ODD[random.nextInt(ODD.length)]);
            case 4: {
                JsonNode deep = F.textNode("deep");
                int depth = random.nextBoolean() ? 70 : 30;
                for (int i = 0; i < depth; i++) {
                    deep = random.nextBoolean() ? F.arrayNode().add(deep) : F.objectNode().set("a", deep);
                }
                return deep;
            }
            case 5: {
                ArrayNode a = F.arrayNode();
                for (int i = 0; i < 1 + random.nextInt(2000); i++) {
                    a.add(old == null ? F.nullNode() : old.deepCopy());
                }
                return a;
            }
            case 6:
                return F.objectNode().set("value", old == null ? F.nullNode() : old.deepCopy());
            case 7:
                return F.textNode("/Date(" + (random.nextBoolean() ? "99999999999999999999" : "-62135596800001") + ")/");
            default:
                return F.textNode(random.nextBoolean() ? "99999999999999999999.00:00:00" : "2.x");
        }
    }

    private String duplicateKey(String text) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"[A-Za-z]+\":\\s*(\"[^\"]*\"|[-0-9.eE+]+|true|false|null)").matcher(text);
        List<int[]> spans = new ArrayList<>();
        while (m.find()) {
            spans.add(new int[] {m.start(), m.end()});
        }
        if (spans.isEmpty()) {
            return text;
        }
        int[] s = spans.get(random.nextInt(spans.size()));
        return text.substring(0, s[1]) + "," + text.substring(s[0], s[1]) + text.substring(s[1]);
    }

    private byte[] truncate(byte[] b) {
        return b.length == 0 ? b : java.util.Arrays.copyOf(b, random.nextInt(b.length));
    }

    private byte[] flip(byte[] b) {
        byte[] out = b.clone();
        for (int i = 0; i < 1 + random.nextInt(4) && out.length > 0; i++) {
            out[random.nextInt(out.length)] ^= (byte) (1 << random.nextInt(8));
        }
        return out;
    }

    private byte[] reencode(byte[] utf8) {
        String s = new String(utf8, StandardCharsets.UTF_8);
        String[] encodings = {"UTF-16LE", "UTF-16BE", "UTF-32LE", "UTF-32BE", "windows-1252"};
        String enc = encodings[random.nextInt(encodings.length)];
        byte[] body = s.getBytes(Charset.forName(enc));
        byte[] bom = switch (enc) {
            case "UTF-16LE" -> random.nextBoolean() ? new byte[] {(byte) 0xFF, (byte) 0xFE} : new byte[0];
            case "UTF-16BE" -> random.nextBoolean() ? new byte[] {(byte) 0xFE, (byte) 0xFF} : new byte[0];
            case "UTF-32LE" -> new byte[] {(byte) 0xFF, (byte) 0xFE, 0, 0};
            case "UTF-32BE" -> new byte[] {0, 0, (byte) 0xFE, (byte) 0xFF};
            default -> new byte[0];
        };
        byte[] out = new byte[bom.length + body.length];
        System.arraycopy(bom, 0, out, 0, bom.length);
        System.arraycopy(body, 0, out, bom.length, body.length);
        return random.nextInt(4) == 0 ? flip(out) : out;
    }

    /** A "/" or a letter written as an overlong two-byte sequence. */
    private byte[] overlong(byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        boolean done = false;
        for (byte x : b) {
            if (!done && (x == '/' || x == 'A' || x == 't') && random.nextInt(3) == 0) {
                out.write(0xC0 | (x >> 6));
                out.write(0x80 | (x & 0x3F));
                done = true;
            } else {
                out.write(x);
            }
        }
        return out.toByteArray();
    }

    private byte[] gzip(byte[] b, boolean cut) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (java.util.zip.GZIPOutputStream z = new java.util.zip.GZIPOutputStream(out)) {
                z.write(b);
            }
            byte[] g = out.toByteArray();
            return cut ? java.util.Arrays.copyOf(g, Math.max(2, random.nextInt(g.length))) : g;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private byte[] mutateYaml(byte[] yaml) {
        List<String> lines = new ArrayList<>(new String(yaml, StandardCharsets.UTF_8).lines().toList());
        int n = 1 + random.nextInt(3);
        for (int i = 0; i < n && !lines.isEmpty(); i++) {
            int k = random.nextInt(lines.size());
            String l = lines.get(k);
            switch (random.nextInt(7)) {
                case 0 -> lines.remove(k);
                case 1 -> lines.add(k, l);
                case 2 -> lines.set(k, l.replaceFirst(":\\s.*", ": " + HUGE[random.nextInt(HUGE.length)]));
                case 3 -> lines.set(k, l.replaceFirst(":\\s.*", ": [" + ODD[random.nextInt(ODD.length)] + "]"));
                case 4 -> lines.set(k, "  " + l);
                case 5 -> lines.set(k, l.replaceFirst(":\\s.*", ": {a: &x [*x]}"));
                default -> lines.set(k, l + " " + ODD[random.nextInt(ODD.length)]);
            }
        }
        byte[] out = String.join("\n", lines).getBytes(StandardCharsets.UTF_8);
        return switch (random.nextInt(8)) {
            case 0 -> reencode(out);
            case 1 -> truncate(out);
            case 2 -> flip(out);
            default -> out;
        };
    }

    private static byte[] waiversJson(byte[] yaml) throws IOException {
        return JSON.writeValueAsBytes(new ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory()).readTree(yaml));
    }

    /** The text of a file in the encodings PowerShell writes, or null. */
    private static String decode(byte[] b) {
        if (b.length >= 2 && (b[0] & 0xff) == 0xFF && (b[1] & 0xff) == 0xFE) {
            return new String(b, 2, b.length - 2, StandardCharsets.UTF_16LE);
        }
        if (b.length >= 3 && (b[0] & 0xff) == 0xEF) {
            return new String(b, 3, b.length - 3, StandardCharsets.UTF_8);
        }
        return new String(b, StandardCharsets.UTF_8);
    }

    private static void deleteTree(Path p) throws IOException {
        if (Files.exists(p)) {
            try (Stream<Path> s = Files.walk(p)) {
                for (Path f : s.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(f);
                }
            }
        }
    }
}
