package dev.preflight.collection;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Variations of the real UTF-16 examples, for collections the examples do not cover (a second forest). */
final class TextFiles {

    private TextFiles() {
    }

    /** The UTF-16LE (with byte-order mark) file with pairs of texts replaced, written back the same way. */
    static byte[] replaceUtf16(Path file, String... pairs) {
        try {
            String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_16);
            for (int i = 0; i < pairs.length; i += 2) {
                if (!text.contains(pairs[i])) {
                    throw new IllegalArgumentException(file + " does not contain " + pairs[i]);
                }
                text = text.replace(pairs[i], pairs[i + 1]);
            }
            byte[] body = text.getBytes(StandardCharsets.UTF_16LE);
            byte[] out = new byte[body.length + 2];
            out[0] = (byte) 0xFF;
            out[1] = (byte) 0xFE;
            System.arraycopy(body, 0, out, 2, body.length);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
