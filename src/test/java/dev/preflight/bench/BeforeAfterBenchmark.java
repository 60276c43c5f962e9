package dev.preflight.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Before against after in one run, interleaved, on demand (never in {@code mvn verify}): another
 * checkout of Preflight (the before, built with {@code mvn -o -q package -DskipTests}) and this one
 * run the same measures in alternation, round by round, with the load average noted at each step,
 * so that a shared machine's load falls on both alike.
 *
 * <pre>git worktree add --detach /tmp/base main &amp;&amp; (cd /tmp/base &amp;&amp; mvn -o -q package -DskipTests)
 * mvn -q package -DskipTests &amp;&amp; mvn -q exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=dev.preflight.bench.BeforeAfterBenchmark -Dexec.args="/tmp/base [RECORDS ROUNDS IN_PROCESS]"</pre>
 *
 * Each round, for each side (the order alternating between rounds): end to end with the JVM start,
 * {@code batch --threads 2} against the same build's rules-free pipeline ({@code --validate-only})
 * over {@code RECORDS} (default 200,000) generated tenants (section 1 of {@link BatchBenchmark});
 * the same two runs through the build's launcher ({@code target/preflight-<version>/bin/preflight}, the
 * command users run, with its JVM options and a class-data archive made by one {@code evaluate}
 * first, as a user's first run makes it), where the build has one, and there the batch once more
 * with {@code -o /dev/null}, its results written nowhere, which shows what writing them to the disk costs;
 * then {@link BatchBenchmark} sections 2 (steady state) and 6 (where a tenant's time goes, the
 * rules step per tenant), this checkout's harness on that build's classes, over {@code IN_PROCESS} (default 20,000; 0 for none) tenants in a JVM of its own. Medians over
 * the rounds, and the ratio of each side's best round too; every ratio is against a baseline measured in the same run.
 */
public final class BeforeAfterBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern STEADY = Pattern.compile("(\\d) threads?: rules-free baseline ([\\d,]+) tenants/s, batch ([\\d,]+) tenants/s");
    private static final Pattern BREAKDOWN = Pattern.compile("parse ([\\d.]+) us, rules ([\\d.]+) us \\(of which ([\\d.]+) us .*\\), render ([\\d.]+) us");

    private BeforeAfterBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path before = Path.of(args[0]).toAbsolutePath();
        Path after = Path.of("").toAbsolutePath();
        int records = args.length > 1 ? Integer.parseInt(args[1]) : 200_000;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        int inProcess = args.length > 3 ? Integer.parseInt(args[3]) : 20_000;
        for (Path side : List.of(before, after)) {
            if (!Files.isRegularFile(side.resolve("target/preflight.jar")) || !Files.isDirectory(side.resolve("target/test-classes"))) {
                throw new IllegalStateException("build it first (mvn -o -q package -DskipTests): " + side);
            }
        }
        System.out.printf(Locale.ROOT, "machine: %d cores, Java %s; before %s, after %s; load %s%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), before, after, load());
        Path dir = ScratchDir.create("preflight-before-after");
        try {
            Path input = dir.resolve("tenants.jsonl");
            exec(after, List.of(java(), "-jar", "target/preflight.jar", "generate", "--count", String.valueOf(records), "--seed", "42",
                    "-o", input.toString()));
            // One tenant: what a run costs before its first result (the JVM, the rules, the first tenant's cold code).
            Path one = dir.resolve("one.jsonl");
            try (var lines = Files.lines(input)) {
                Files.writeString(one, lines.findFirst().orElseThrow() + "\n");
            }
            // The launcher's class-data archive, made once per side by an evaluate, as a user's first run makes it.
            Map<Path, Path> caches = new LinkedHashMap<>();
            for (Path side : List.of(before, after)) {
                Path launcher = launcher(side);
                if (launcher != null) {
                    Path cache = Files.createDirectories(dir.resolve("cache-" + (side.equals(before) ? "before" : "after")));
                    caches.put(side, cache);
                    timed(side, List.of(launcher.toString(), "evaluate", "-o", dir.resolve("first.json").toString(),
                            side.resolve("samples/healthy-hybrid.json").toString()), cache);
                }
            }
            Map<String, Map<String, List<Double>>> figures = new LinkedHashMap<>();
            figures.put("before", new LinkedHashMap<>());
            figures.put("after", new LinkedHashMap<>());
            for (int round = 0; round < rounds; round++) {
                List<Path> order = round % 2 == 0 ? List.of(before, after) : List.of(after, before);
                for (Path side : order) {
                    String name = side.equals(before) ? "before" : "after";
                    Map<String, List<Double>> f = figures.get(name);
                    System.out.printf(Locale.ROOT, "round %d, %s: load %s%n", round + 1, name, load());
                    double base = timed(side, List.of("batch", "--validate-only", "-q", "--threads", "2", input.toString(),
                            "-o", dir.resolve("base.jsonl").toString(), "--summary", dir.resolve("summary.json").toString()));
                    add(f, "e2e baseline s", base);
                    add(f, "e2e baseline cpu s", JSON.readTree(dir.resolve("summary.json").toFile()).get("jvm").get("cpuSeconds").asDouble());
                    double full = timed(side, List.of("batch", "-q", "--threads", "2", input.toString(),
                            "-o", dir.resolve("full.jsonl").toString(), "--summary", dir.resolve("summary.json").toString()));
                    JsonNode jvm = JSON.readTree(dir.resolve("summary.json").toFile()).get("jvm");
                    add(f, "e2e batch s", full);
                    add(f, "e2e batch cpu s", jvm.get("cpuSeconds").asDouble());
                    add(f, "e2e batch jit s", jvm.get("jitCompileSeconds").asDouble());
                    add(f, "e2e ratio", full / base);
                    System.out.printf(Locale.ROOT, "   end to end, 2 threads: baseline %.2f s, batch %.2f s (%.0f/s): %.2fx; load %s%n",
                            base, full, records / full, full / base, load());
                    Path launcher = launcher(side);
                    if (launcher != null) {
                        double lbase = timed(side, List.of(launcher.toString(), "batch", "--validate-only", "-q", "--threads", "2", input.toString(),
                                "-o", dir.resolve("base.jsonl").toString()), caches.get(side));
                        // The same batch with its results written nowhere: what writing them to the disk costs,
                        // measured in the run rather than assumed (the baseline writes a hundredth of the bytes).
                        // The two alternate in order between rounds, as the sides do.
                        List<String> batch = List.of(launcher.toString(), "batch", "-q", "--threads", "2", input.toString(), "-o");
                        List<String> toFile = concat(batch, dir.resolve("full.jsonl").toString());
                        List<String> toNowhere = concat(batch, "/dev/null");
                        double lfull;
                        double lnowhere;
                        if (round % 2 == 0) {
                            lfull = timed(side, toFile, caches.get(side));
                            lnowhere = timed(side, toNowhere, caches.get(side));
                        } else {
                            lnowhere = timed(side, toNowhere, caches.get(side));
                            lfull = timed(side, toFile, caches.get(side));
                        }
                        add(f, "launcher baseline s", lbase);
                        add(f, "launcher batch s", lfull);
                        add(f, "launcher ratio", lfull / lbase);
                        add(f, "launcher to null s", lnowhere);
                        add(f, "launcher to null ratio", lnowhere / lbase);
                        System.out.printf(Locale.ROOT, "   end to end through bin/preflight: baseline %.2f s, batch %.2f s: %.2fx;"
                                + " results to /dev/null %.2f s: %.2fx; load %s%n", lbase, lfull, lfull / lbase, lnowhere, lnowhere / lbase, load());
                    }
                    double baseOne = timed(side, List.of("batch", "--validate-only", "-q", one.toString(), "-o", dir.resolve("base1.jsonl").toString()));
                    double fullOne = timed(side, List.of("batch", "-q", one.toString(), "-o", dir.resolve("full1.jsonl").toString()));
                    add(f, "one tenant baseline s", baseOne);
                    add(f, "one tenant batch s", fullOne);
                    System.out.printf(Locale.ROOT, "   one tenant: baseline %.2f s, batch %.2f s%n", baseOne, fullOne);
                    if (inProcess == 0) {
                        continue; // end to end only
                    }
                    String out = exec(side, List.of(java(), "-cp", classpath(side, after), BatchBenchmark.class.getName(), String.valueOf(inProcess), "2", "6"));
                    Matcher m = STEADY.matcher(out);
                    while (m.find()) {
                        String t = m.group(1);
                        double b = number(m.group(2));
                        double r = number(m.group(3));
                        add(f, "steady " + t + "t baseline/s", b);
                        add(f, "steady " + t + "t batch/s", r);
                        add(f, "steady " + t + "t ratio", b / r);
                    }
                    Matcher d = BREAKDOWN.matcher(out);
                    if (d.find()) {
                        add(f, "parse us", Double.parseDouble(d.group(1)));
                        add(f, "rules us", Double.parseDouble(d.group(2)));
                        add(f, "3-rule session us", Double.parseDouble(d.group(3)));
                        add(f, "render us", Double.parseDouble(d.group(4)));
                    }
                    System.out.print(out.lines().filter(l -> l.startsWith("   ")).map(l -> "   " + l.strip() + "\n").reduce("", String::concat));
                    System.out.printf(Locale.ROOT, "   load %s%n", load());
                }
            }
            System.out.printf(Locale.ROOT, "%nmedians over %d rounds (min-max):%n", rounds);
            // Besides the medians, the best rounds' ratio: a round can meet one of the host's slow
            // stretches on either side, and the best round of each side is the one that met none.
            System.out.printf(Locale.ROOT, "%-24s %-26s %-26s %s%n", "measure", "before", "after", "after/before (medians; best rounds)");
            for (String key : figures.get("after").keySet()) {
                List<Double> b = figures.get("before").getOrDefault(key, List.of());
                List<Double> a = figures.get("after").get(key);
                boolean higherIsBetter = key.endsWith("/s");
                double best = b.isEmpty() ? Double.NaN
                        : higherIsBetter ? Collections.max(a) / Collections.max(b) : Collections.min(a) / Collections.min(b);
                System.out.printf(Locale.ROOT, "%-24s %-26s %-26s %.3f; %.3f%n", key, cell(b), cell(a), b.isEmpty() ? Double.NaN : median(a) / median(b), best);
            }
            System.out.printf(Locale.ROOT, "load at the end %s%n", load());
        } finally {
            ScratchDir.delete(dir);
        }
    }

    private static List<String> concat(List<String> args, String last) {
        List<String> all = new ArrayList<>(args);
        all.add(last);
        return all;
    }

    private static void add(Map<String, List<Double>> f, String key, double v) {
        f.computeIfAbsent(key, k -> new ArrayList<>()).add(v);
    }

    private static String cell(List<Double> xs) {
        if (xs.isEmpty()) {
            return "-";
        }
        return String.format(Locale.ROOT, "%.2f (%.2f-%.2f)", median(xs), Collections.min(xs), Collections.max(xs));
    }

    private static double number(String s) {
        return Double.parseDouble(s.replace(",", ""));
    }

    /**
     * The classpath of a checkout: this checkout's benchmark (the same harness measures both sides),
     * the checkout's own classes (its engine and its compiled rules) and this run's libraries (both
     * builds have the same).
     */
    private static String classpath(Path side, Path harness) {
        List<String> parts = new ArrayList<>(List.of(harness.resolve("target/test-classes").toString(), side.resolve("target/classes").toString()));
        // Run by `mvn exec:java`, the libraries are in the class loader Maven made, not on java.class.path.
        List<String> entries = new ArrayList<>();
        if (Thread.currentThread().getContextClassLoader() instanceof java.net.URLClassLoader loader) {
            for (java.net.URL u : loader.getURLs()) {
                try {
                    entries.add(Path.of(u.toURI()).toString());
                } catch (java.net.URISyntaxException | IllegalArgumentException e) {
                    throw new IllegalStateException("a class path entry that is no file: " + u, e);
                }
            }
        }
        entries.addAll(List.of(System.getProperty("java.class.path").split(File.pathSeparator)));
        for (String p : entries) {
            if (!p.contains("/target/classes") && !p.contains("/target/test-classes") && !parts.contains(p)) {
                parts.add(p);
            }
        }
        return String.join(File.pathSeparator, parts);
    }

    private static double timed(Path side, List<String> args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(java(), "-jar", "target/preflight.jar"));
        cmd.addAll(args);
        return timed(side, cmd, null);
    }

    /** A command's wall time; with a cache directory, run as the launcher with its archive kept there. */
    private static double timed(Path side, List<String> cmd, Path cache) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(side.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        if (cache != null) {
            pb.environment().put("XDG_CACHE_HOME", cache.toString());
            pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
            pb.environment().remove("JAVA_OPTS");
            pb.environment().remove("PREFLIGHT_OPTS");
        }
        long t0 = System.nanoTime();
        Process p = pb.start();
        int exit = p.waitFor();
        double seconds = (System.nanoTime() - t0) / 1e9;
        // A run that stopped early is no figure: a full disk once gave a batch of 49,431 of the
        // 200,000 tenants, timed as if it were the whole one.
        if (exit != 0) {
            throw new IllegalStateException(cmd + " in " + side + " exited " + exit + " after " + seconds + " s");
        }
        return seconds;
    }

    /** The build's unpacked launcher, or null for a build that has none. */
    private static Path launcher(Path side) throws IOException {
        try (var dirs = Files.list(side.resolve("target"))) {
            return dirs.filter(d -> d.getFileName().toString().startsWith("preflight-"))
                    .map(d -> d.resolve("bin/preflight")).filter(Files::isExecutable).findFirst().orElse(null);
        }
    }

    private static String exec(Path dir, List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException(cmd + " failed:\n" + out);
        }
        return out;
    }

    private static String load() {
        try {
            String[] l = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return l[0] + " " + l[1] + " " + l[2];
        } catch (IOException e) {
            return "?";
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static double median(List<Double> xs) {
        List<Double> s = new ArrayList<>(xs);
        Collections.sort(s);
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }
}
