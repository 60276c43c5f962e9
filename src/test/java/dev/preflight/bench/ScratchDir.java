package dev.preflight.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A harness's scratch directory, deleted with all it holds: a run of {@link BeforeAfterBenchmark}
 * writes 3 GB there (200,000 tenants and their results), and runs that kept theirs filled this
 * machine's disk. Each harness deletes its directory in a {@code finally} when it is done, because
 * under {@code mvn exec:java}, the way these harnesses are run, no shutdown hook of the program runs
 * (tried: a hook writing a file never wrote it). The hook stays for a plain {@code java} run that is
 * interrupted.
 */
final class ScratchDir {

    private ScratchDir() {
    }

    static Path create(String prefix) throws IOException {
        Path dir = Files.createTempDirectory(prefix);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(dir), "delete " + dir));
        return dir;
    }

    /** Deletes the directory and what it holds; what cannot be deleted is left, the rest goes. */
    static void delete(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a scratch directory left behind is not worth failing a measurement for
        }
    }
}
