package dev.preflight.spark;

import dev.preflight.generate.TenantGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/**
 * Generated fleets for tests and the benchmark: the core's {@link TenantGenerator} tenants, with
 * (when asked) invalid records and blank lines mixed in at fixed places, the way a real export
 * goes wrong: wrong types, cut-off lines, text that is no JSON, Windows line ends.
 */
final class Fleet {

    private static final String[] BROKEN = {
        "{\"tenant\": {\"tenantId\": \"broken-%d\", \"cloud\": 5}}",
        "{\"tenant\": {\"tenantId\": \"cut-%d\", \"displayName\": \"Cut",
        "not json at all %d",
        "[%d]",
        "{\"tenant\": {\"tenantId\": \"dup-%d\"}, \"licenses\": \"none\"}",
    };

    private Fleet() {
    }

    /** {@code count} lines of JSON Lines; every 37th an invalid record when {@code withInvalid}; every 101st followed by a blank line. */
    static Path write(Path file, long seed, int count, boolean withInvalid) throws IOException {
        TenantGenerator generator = new TenantGenerator(seed);
        OutputStream raw = Files.newOutputStream(file);
        OutputStream out = file.toString().endsWith(".gz") ? new GZIPOutputStream(raw, 1 << 16) : raw;
        try (Writer w = new java.io.BufferedWriter(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16)) {
            for (int i = 0; i < count; i++) {
                if (withInvalid && i % 37 == 5) {
                    w.write(String.format(java.util.Locale.ROOT, BROKEN[(i / 37) % BROKEN.length], i));
                    w.write('\n');
                } else if (withInvalid && i % 53 == 7) {
                    w.write(generator.line(i));
                    w.write("\r\n");
                } else {
                    w.write(generator.line(i));
                    w.write('\n');
                }
                if (withInvalid && i % 101 == 100) {
                    w.write(i % 2 == 0 ? "\n" : "   \n");
                }
            }
        }
        return file;
    }
}
