package dev.preflight.bench;

import dev.preflight.api.Evaluator;
import dev.preflight.api.PreflightException;
import dev.preflight.api.Report;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * What an integrator's JVM does with the library alone on its class path (no test framework, no
 * application class): builds an {@link Evaluator} with the built-in rules, evaluates every
 * {@code .json} of a directory, and prints one line per tenant ({@code file verdict sha256-of-report})
 * and one of figures: milliseconds from JVM start to the first report, heap after a full GC, classes
 * loaded. With a second argument, then builds an evaluator from that rules directory and prints how
 * that went. Run in a child JVM by {@code SlimLibraryIT} and {@code SlimLibraryBenchmark}.
 *
 * <p>{@code java -cp LIBRARY:DEPENDENCIES:PROBE dev.preflight.bench.LibraryProbe SAMPLES [RULES_DIR]}
 */
public final class LibraryProbe {

    /** The clock for facts without {@code collectedAt}: the same reports in every run. */
    public static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T00:00:00Z"), ZoneOffset.UTC);

    private LibraryProbe() {
    }

    /** The line printed for one tenant's report. */
    public static String line(Path file, Report report) throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(report.toJson().getBytes(StandardCharsets.UTF_8));
        return file.getFileName() + " " + report.verdict() + " " + HexFormat.of().formatHex(digest);
    }

    /** The tenants of a directory, sorted. */
    public static List<Path> tenants(Path dir) throws Exception {
        List<Path> out = new ArrayList<>();
        try (var s = Files.list(dir)) {
            s.filter(p -> p.toString().endsWith(".json")).sorted().forEach(out::add);
        }
        return out;
    }

    public static void main(String[] args) throws Exception {
        List<Path> tenants = tenants(Path.of(args[0]));
        try (Evaluator evaluator = Evaluator.builder().clock(CLOCK).build()) {
            List<String> lines = new ArrayList<>();
            long firstAt = -1;
            for (Path t : tenants) {
                lines.add(line(t, evaluator.evaluate(t)));
                if (firstAt < 0) {
                    firstAt = ManagementFactory.getRuntimeMXBean().getUptime();
                }
            }
            System.gc();
            System.gc();
            long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            lines.forEach(System.out::println);
            System.out.println("figures firstReportMs=" + firstAt + " heapBytes=" + heap
                    + " classes=" + ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount());
        }
        if (args.length > 1) {
            try (Evaluator evaluator = Evaluator.builder().rulesDirectory(Path.of(args[1])).build()) {
                System.out.println("rules loaded " + evaluator.rules().hash());
            } catch (PreflightException e) {
                System.out.println("rules refused " + e.getClass().getSimpleName() + ": " + e.getMessage().replace(System.lineSeparator(), " | "));
            }
        }
    }
}
