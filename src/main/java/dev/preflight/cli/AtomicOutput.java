package dev.preflight.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A file written under a temporary name and renamed into place when complete: a reader never sees
 * a half-written file, and a failure leaves the previous file (if any) untouched. A target that is
 * not a file but a device or a pipe ({@code /dev/null}, {@code /dev/stdout}, a shell's process
 * substitution) is written straight: renaming a file over it would replace the device.
 */
final class AtomicOutput implements AutoCloseable {

    private final Path target;
    private final Path temp;
    private final OutputStream stream;
    private boolean committed;

    AtomicOutput(Path target) throws IOException {
        this.target = target.toAbsolutePath();
        Path dir = this.target.getParent();
        requireOutputPath(target);
        if (isStream(this.target)) {
            this.temp = null;
            this.stream = Files.newOutputStream(this.target, java.nio.file.StandardOpenOption.WRITE);
            return;
        }
        // Not createTempFile: its owner-only permissions would stay on the renamed file.
        this.temp = (dir == null ? Path.of(".") : dir).resolve("." + this.target.getFileName() + "." + Long.toHexString(System.nanoTime()) + ".partial");
        this.stream = Files.newOutputStream(temp, java.nio.file.StandardOpenOption.CREATE_NEW, java.nio.file.StandardOpenOption.WRITE);
    }

    OutputStream stream() {
        return stream;
    }

    /** Flushes, closes and renames the file into place. */
    void commit() throws IOException {
        stream.close();
        if (temp == null) {
            committed = true;
            return;
        }
        try {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
        committed = true;
    }

    /** Removes the temporary file unless committed. */
    @Override
    public void close() throws IOException {
        if (!committed) {
            stream.close();
            if (temp != null) {
                Files.deleteIfExists(temp);
            }
        }
    }

    /** Refuses an output path whose directory does not exist, or that is a directory itself. */
    static void requireOutputPath(Path target) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        if (dir != null && !Files.isDirectory(dir)) {
            throw new IOException("directory " + dir + " does not exist");
        }
        if (Files.isDirectory(target)) {
            throw new IOException(target + " is a directory");
        }
    }

    /** Whether the path is there but neither a file nor a directory: a device, a pipe or a socket, written straight. */
    static boolean isStream(Path path) {
        return Files.exists(path) && !Files.isRegularFile(path) && !Files.isDirectory(path);
    }

    /** Writes the whole content atomically. */
    static void write(Path target, byte[] content) throws IOException {
        try (AtomicOutput out = new AtomicOutput(target)) {
            out.stream().write(content);
            out.commit();
        }
    }
}
