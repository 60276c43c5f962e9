package dev.preflight.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A batch's request body read on a thread of its own, as fast as the client sends it, into
 * temporary segment files, and read back by the evaluation as an {@link InputStream}.
 *
 * <p>Why: many HTTP clients (the JDK's {@code HttpClient}, Python {@code requests}, .NET's
 * {@code HttpClient}) send the whole request body before they read any of the response. A batch
 * that read its body only as fast as it evaluated would stop reading once the response filled the
 * socket buffers; the client, still sending, would stop too, and the connection would stall until
 * a timeout cut it off. Reading the body independently of writing the response breaks that cycle,
 * and the segments (deleted as soon as they are evaluated) keep the fleet on disk, never in memory.
 *
 * <p>Bound: at most {@code limit} bytes are held ahead of the evaluation. Past that the reading
 * pauses ({@link #paused()}) until the evaluation catches up: a client that reads its results is
 * unaffected; a client that sends more than {@code limit} bytes before reading anything stalls, as
 * it would on any server, and the idle timeout ends it.
 */
final class Spool extends InputStream {

    static final long SEGMENT = 8L << 20;

    private final InputStream body;
    private final Path dir;
    private final long limit;
    private final Object lock = new Object();
    private final Thread copier;
    private long written;
    private long consumed;
    private boolean ended;
    private boolean closed;
    private boolean paused;
    private boolean copierDone;
    private IOException failure;
    private FileChannel reading;
    private long readingSegment = -1;

    /**
     * Starts reading {@code body} into {@code dir} (which this spool owns and deletes when closed).
     *
     * @param limit the most bytes held ahead of the evaluation
     */
    Spool(InputStream body, Path dir, long limit) {
        this.body = body;
        this.dir = dir;
        this.limit = Math.max(limit, 1 << 16);
        this.copier = new Thread(this::copy, "preflight-batch-spool");
        copier.setDaemon(true);
        copier.start();
    }

    /** True while the reading waits for the evaluation (the client is not being waited on). */
    boolean paused() {
        synchronized (lock) {
            return paused;
        }
    }

    private Path segment(long index) {
        return dir.resolve("segment-" + index);
    }

    private void copy() {
        byte[] buf = new byte[1 << 16];
        OutputStream out = null;
        long outSegment = -1;
        try {
            while (true) {
                synchronized (lock) {
                    while (!closed && written - consumed >= limit) {
                        paused = true;
                        lock.wait();
                    }
                    paused = false;
                    if (closed) {
                        return;
                    }
                }
                int n = body.read(buf);
                if (n < 0) {
                    break;
                }
                for (int off = 0; off < n;) {
                    long at;
                    synchronized (lock) {
                        at = written;
                    }
                    long index = at / SEGMENT;
                    if (index != outSegment) {
                        if (out != null) {
                            out.close();
                        }
                        out = Files.newOutputStream(segment(index), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                        outSegment = index;
                    }
                    int k = (int) Math.min(n - off, SEGMENT - at % SEGMENT);
                    out.write(buf, off, k); // unbuffered: in the file (the page cache) once it returns
                    off += k;
                    synchronized (lock) {
                        written += k;
                        lock.notifyAll();
                    }
                }
            }
            synchronized (lock) {
                ended = true;
                lock.notifyAll();
            }
        } catch (IOException | RuntimeException e) {
            synchronized (lock) {
                failure = e instanceof IOException io ? io : new IOException(e.getMessage(), e);
                lock.notifyAll();
            }
        } catch (InterruptedException e) {
            synchronized (lock) {
                failure = new InterruptedIOException("the batch stopped");
                lock.notifyAll();
            }
        } finally {
            if (out != null) {
                try {
                    out.close();
                } catch (IOException ignored) {
                    // the segment is deleted with the folder
                }
            }
            try {
                body.close(); // on this thread: the body is never read and closed at once
            } catch (IOException ignored) {
                // unread content: Jetty discards it
            }
            boolean delete;
            synchronized (lock) {
                copierDone = true;
                delete = closed;
                lock.notifyAll();
            }
            if (delete) {
                Api.deleteTree(dir);
            }
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        long at;
        int k;
        synchronized (lock) {
            while (written == consumed && !ended && failure == null && !closed) {
                try {
                    lock.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while waiting for the request body");
                }
            }
            if (closed) {
                throw new IOException("the request body is closed");
            }
            if (written == consumed) {
                if (failure != null) {
                    throw failure;
                }
                return -1;
            }
            at = consumed;
            k = (int) Math.min(len, Math.min(written - consumed, SEGMENT - at % SEGMENT));
        }
        long index = at / SEGMENT;
        if (index != readingSegment) {
            closeReading();
            reading = FileChannel.open(segment(index), StandardOpenOption.READ);
            readingSegment = index;
        }
        ByteBuffer into = ByteBuffer.wrap(b, off, k);
        long position = at % SEGMENT;
        while (into.hasRemaining()) {
            int r = reading.read(into, position);
            if (r < 0) {
                throw new IOException("the spooled request body is shorter than written");
            }
            position += r;
        }
        if ((at + k) % SEGMENT == 0) {
            closeReading(); // a whole segment evaluated: its disk space goes back now
        }
        synchronized (lock) {
            consumed += k;
            lock.notifyAll();
        }
        return k;
    }

    private void closeReading() throws IOException {
        if (reading != null) {
            reading.close();
            reading = null;
            Files.deleteIfExists(segment(readingSegment));
        }
    }

    /**
     * Stops the reading and deletes the segments. A read of the body in progress ends when the
     * request ends (its callback completes) or the connection's timeouts cut it off; its segments
     * go then.
     */
    @Override
    public void close() {
        boolean delete;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            delete = copierDone;
            lock.notifyAll();
        }
        try {
            closeReading();
        } catch (IOException ignored) {
            // deleted with the folder
        }
        if (delete) {
            Api.deleteTree(dir);
        }
    }
}
