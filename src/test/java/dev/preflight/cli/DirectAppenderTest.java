package dev.preflight.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Direct writes give the file exactly the bytes written, in whole blocks, across buffers, flushes and a file's earlier bytes. */
class DirectAppenderTest {

    @TempDir
    Path tmp;

    private ExecutorService io;
    private FileChannel opened;

    @BeforeEach
    void startIo() {
        io = Executors.newSingleThreadExecutor();
    }

    @AfterEach
    void stopIo() throws IOException {
        io.shutdownNow();
        if (opened != null) {
            opened.close();
        }
    }

    @Test
    void theFileHoldsEveryByteWrittenAcrossBuffersAndFlushes() throws Exception {
        Path file = directFile();
        DirectAppender out = open(file, 0);
        Random random = new Random(7);
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        // 10 MB in lines of 1 byte to 20 KB (a result line is about 11 KB): more than two buffers
        while (expected.size() < 10 << 20) {
            byte[] line = new byte[1 + random.nextInt(20_000)];
            random.nextBytes(line);
            out.write(line);
            expected.write(line);
            if (random.nextInt(40) == 0) {
                out.flush(); // a checkpoint: a partial block written padded, then written again
            }
        }
        finish(out);
        assertEquals(expected.size(), out.length());
        assertArrayEquals(expected.toByteArray(), Files.readAllBytes(file));
    }

    @Test
    void aFileIsContinuedAfterItsFirstBytesWhateverTheirLength() throws Exception {
        Path file = directFile();
        byte[] first = new byte[7_777]; // not a whole number of blocks
        new Random(1).nextBytes(first);
        Files.write(file, first);
        DirectAppender out = open(file, first.length);
        byte[] more = new byte[100_003];
        new Random(2).nextBytes(more);
        out.write(more);
        finish(out);
        byte[] expected = Arrays.copyOf(first, first.length + more.length);
        System.arraycopy(more, 0, expected, first.length, more.length);
        assertArrayEquals(expected, Files.readAllBytes(file));
    }

    @Test
    void aFlushWritesTheLastBlockPaddedAndFinishCutsThePadding() throws Exception {
        Path file = directFile();
        DirectAppender out = open(file, 0);
        byte[] line = "{\"tenant\":1}\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        out.write(line);
        out.flush();
        io.submit(() -> { }).get();
        byte[] padded = Files.readAllBytes(file);
        assertEquals(0, padded.length % 512, "whole blocks: " + padded.length);
        assertArrayEquals(line, Arrays.copyOf(padded, line.length));
        for (int i = line.length; i < padded.length; i++) {
            assertEquals(0, padded[i], "padding at " + i);
        }
        out.write(line); // covers the padded block again from its start
        finish(out);
        assertArrayEquals((new String(line) + new String(line)).getBytes(), Files.readAllBytes(file));
    }

    @Test
    void aWriteThatFailsIsReportedToTheWriter() throws Exception {
        Path file = directFile();
        DirectAppender out = open(file, 0);
        out.channel().close(); // the disk gone, as far as the writes are concerned
        out.write(new byte[1000]);
        out.flush();
        io.submit(() -> { }).get();
        assertThrows(IOException.class, out::failIfWriteFailed);
        assertThrows(IOException.class, () -> out.write(new byte[1]));
    }

    private DirectAppender open(Path file, long length) throws IOException {
        opened = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
        DirectAppender out = DirectAppender.open(file, opened, length, io);
        assertTrue(out != null, "direct writes were possible on this file system a moment ago");
        return out;
    }

    private void finish(DirectAppender out) throws Exception {
        out.flush();
        io.submit(() -> { }).get();
        out.finish();
        out.close();
    }

    /**
     * A file on a file system that takes direct writes: the temporary folder's, else the build
     * folder's (an older tmpfs refuses them); where neither does, there is nothing to test.
     */
    private Path directFile() throws IOException {
        for (Path dir : new Path[] {tmp, Path.of("target", "direct-appender-test")}) {
            Path file = Files.createTempFile(Files.createDirectories(dir), "direct", ".jsonl");
            try (FileChannel c = FileChannel.open(file, StandardOpenOption.READ)) {
                DirectAppender probe = DirectAppender.open(file, c, 0, io);
                if (probe != null) {
                    probe.close();
                    return file;
                }
            }
        }
        assumeTrue(false, "no file system here takes direct writes");
        return null;
    }
}
