package dev.preflight.spark;

import java.io.IOException;
import java.io.InputStream;
import org.apache.hadoop.fs.FSDataInputStream;

/**
 * The lines of a file that start within a byte range {@code [start, end)}, read from a seekable
 * stream: a line that began before {@code start} belongs to the previous range, and the last line
 * starting before {@code end} is read to its end even past it. Ranges that tile a file thus hand
 * out each line exactly once. For a range after the first, the stream begins with one extra
 * newline, so that the core's line reader sees a blank first line (no record), never takes the
 * range's first bytes for a gzip header or byte-order mark, and numbers the range's lines from 2.
 */
final class ChunkStream extends InputStream {

    private final FSDataInputStream in;
    private final long end;
    private final byte[] buf = new byte[1 << 16];
    private int pos;
    private int limit;
    /** File position of buf[limit]. */
    private long filePos;
    private boolean done;
    private boolean prefixPending;

    ChunkStream(FSDataInputStream in, long start, long end) throws IOException {
        this.in = in;
        this.end = end;
        if (start > 0) {
            in.seek(start - 1);
            filePos = start - 1;
            // Skip the rest of a line that started before the range (nothing, when start follows a newline).
            int b;
            while ((b = readRaw()) >= 0 && b != '\n') {
                // skipping
            }
            prefixPending = true;
            if (b < 0 || position() >= end) {
                done = true; // no line starts in the range
                prefixPending = false;
            }
        }
    }

    /** File position of the next byte handed out. */
    private long position() {
        return filePos - (limit - pos);
    }

    private int readRaw() throws IOException {
        if (pos >= limit && !fill()) {
            return -1;
        }
        return buf[pos++] & 0xff;
    }

    private boolean fill() throws IOException {
        int n = in.read(buf, 0, buf.length);
        if (n <= 0) {
            return false;
        }
        pos = 0;
        limit = n;
        filePos += n;
        return true;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (prefixPending) {
            prefixPending = false;
            b[off] = '\n';
            return 1;
        }
        if (done || pos >= limit && !fill()) {
            done = true;
            return -1;
        }
        int n = Math.min(len, limit - pos);
        long first = position();
        // The range ends after the newline that ends the last line starting before `end`: a newline at end - 1 or later.
        int from = (int) Math.max(0, Math.min(n, end - 1 - first));
        for (int i = from; i < n; i++) {
            if (buf[pos + i] == '\n') {
                n = i + 1;
                done = true;
                break;
            }
        }
        System.arraycopy(buf, pos, b, off, n);
        pos += n;
        return n;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
