package dev.preflight.batch;

import dev.preflight.api.FactsReader;
import dev.preflight.collection.CollectionFiles;
import dev.preflight.collection.CollectionImporter;
import dev.preflight.collection.UnusableCollectionException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * Record sources: JSON Lines (a record a line, blank lines skipped, optionally gzip-compressed,
 * UTF-8 or UTF-16 with a byte-order mark), directories of {@code .json} files (a record a file), and
 * collections ({@code .zip} files and folders holding {@code manifest.json}, a record each, imported).
 * Records are read lazily: memory does not grow with the input.
 */
public final class BatchInputs {

    /** The longest record read, in bytes; a longer line becomes an invalid record instead of filling memory. */
    public static final int MAX_RECORD_BYTES = (int) FactsReader.MAX_DOCUMENT_LENGTH;

    private BatchInputs() {
    }

    /** The records of a file, a directory, or {@code -} (standard input, given as {@code stdin}). */
    public static Iterator<BatchRecord> open(String input, InputStream stdin) throws IOException {
        if (input.equals("-")) {
            return jsonLines(stdin, "-");
        }
        Path p = Path.of(input);
        if (isCollection(p)) {
            return List.of(collection(p)).iterator();
        }
        if (Files.isDirectory(p)) {
            return directory(p);
        }
        return jsonLines(Files.newInputStream(p), input);
    }

    /** The records of several inputs, one after the other. */
    public static Iterator<BatchRecord> concat(List<Iterator<BatchRecord>> parts) {
        return new Iterator<>() {
            private int i;

            @Override
            public boolean hasNext() {
                while (i < parts.size()) {
                    if (parts.get(i).hasNext()) {
                        return true;
                    }
                    i++;
                }
                return false;
            }

            @Override
            public BatchRecord next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return parts.get(i).next();
            }
        };
    }

    /** A collection input: a {@code .zip}, or a folder holding {@code manifest.json}. */
    static boolean isCollection(Path p) {
        return Files.isDirectory(p) ? Files.isRegularFile(p.resolve("manifest.json"))
                : Files.isRegularFile(p) && p.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".zip");
    }

    /** A collection, imported: one record, or an error record when it cannot be read at all. */
    static BatchRecord collection(Path p) {
        try {
            return BatchRecord.collection(p.toString(), CollectionImporter.importCollection(CollectionFiles.open(p)));
        } catch (UnusableCollectionException e) {
            return BatchRecord.unusableCollection(p.toString(), e.getMessage());
        } catch (RuntimeException e) {
            return BatchRecord.unusableCollection(p.toString(), "cannot be imported: " + e);
        }
    }

    private static boolean isRecordFile(Path f) {
        return f.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".json") && Files.isRegularFile(f) || isCollection(f);
    }

    /**
     * The {@code .json} files and collections ({@code .zip} files, folders holding {@code manifest.json})
     * of a directory, sorted by name, a record each (read when reached).
     */
    public static Iterator<BatchRecord> directory(Path dir) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(BatchInputs::isRecordFile).sorted().toList();
        }
        Iterator<Path> it = files.iterator();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public BatchRecord next() {
                Path f = it.next();
                if (isCollection(f)) {
                    return collection(f);
                }
                try {
                    long size = Files.size(f);
                    if (size > MAX_RECORD_BYTES) {
                        return BatchRecord.tooLong(f.toString(), 0);
                    }
                    return new BatchRecord(f.toString(), 0, Files.readAllBytes(f));
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read " + f + ": " + e.getMessage(), e);
                }
            }
        };
    }

    /** How many records a directory holds, or -1 when not cheap to tell. */
    public static long countDirectory(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(BatchInputs::isRecordFile).count();
        } catch (IOException e) {
            return -1;
        }
    }

    /** How many non-blank lines a plain (uncompressed) JSON Lines file holds; -1 when it is compressed or unreadable. */
    public static long countLines(Path file) {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            raw.mark(2);
            int b0 = raw.read();
            int b1 = raw.read();
            raw.reset();
            if (b0 == 0x1f && b1 == 0x8b || b0 == 0xFF && b1 == 0xFE || b0 == 0xFE && b1 == 0xFF) {
                return -1;
            }
            byte[] buf = new byte[1 << 16];
            long lines = 0;
            boolean content = false;
            for (int n; (n = raw.read(buf)) > 0; ) {
                for (int i = 0; i < n; i++) {
                    byte b = buf[i];
                    if (b == '\n') {
                        if (content) {
                            lines++;
                        }
                        content = false;
                    } else if (b != ' ' && b != '\t' && b != '\r') {
                        content = true;
                    }
                }
            }
            return content ? lines + 1 : lines;
        } catch (IOException e) {
            return -1;
        }
    }

    /**
     * The records of a JSON Lines stream: gzip is recognised by its magic bytes, UTF-16 by its
     * byte-order mark (the records are then handed on as UTF-8); a UTF-8 byte-order mark is dropped.
     */
    public static Iterator<BatchRecord> jsonLines(InputStream in, String source) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(in, 1 << 16);
        buffered.mark(4);
        int b0 = buffered.read();
        int b1 = buffered.read();
        buffered.reset();
        InputStream body = buffered;
        if (b0 == 0x1f && b1 == 0x8b) {
            body = new BufferedInputStream(new GZIPInputStream(buffered, 1 << 16), 1 << 16);
            body.mark(4);
            b0 = body.read();
            b1 = body.read();
            body.reset();
        }
        if (b0 == 0xFF && b1 == 0xFE || b0 == 0xFE && b1 == 0xFF) {
            Charset cs = b0 == 0xFF ? StandardCharsets.UTF_16LE : StandardCharsets.UTF_16BE;
            body.skip(2);
            // Re-encode as UTF-8 on the fly, so that the line splitter below sees one encoding.
            body = new Utf16ToUtf8(body, cs);
        }
        return new LineIterator(body, source);
    }

    /** Splits a UTF-8 byte stream into records at newlines, without decoding it, through a buffer of its own. */
    private static final class LineIterator implements Iterator<BatchRecord> {
        private final InputStream in;
        private final String source;
        private final byte[] buf = new byte[1 << 16];
        private int pos;
        private int limit;
        private byte[] line = new byte[8192];
        private long lineNo;
        private BatchRecord next;
        private boolean eof;

        LineIterator(InputStream in, String source) {
            this.in = in;
            this.source = source;
        }

        @Override
        public boolean hasNext() {
            if (next != null) {
                return true;
            }
            try {
                while (!eof || pos < limit) {
                    next = readLine();
                    if (next != null) {
                        return true;
                    }
                }
                in.close();
                return false;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + source + " after line " + lineNo + ": " + e.getMessage(), e);
            }
        }

        @Override
        public BatchRecord next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            BatchRecord r = next;
            next = null;
            return r;
        }

        private boolean fill() throws IOException {
            if (eof) {
                return false;
            }
            int n = in.read(buf, 0, buf.length);
            if (n < 0) {
                eof = true;
                return false;
            }
            pos = 0;
            limit = n;
            return true;
        }

        /** The next record, or null for a blank line (or at the end). */
        private BatchRecord readLine() throws IOException {
            long length = 0;
            int kept = 0;
            boolean sawNewline = false;
            while (!sawNewline) {
                if (pos >= limit && !fill()) {
                    break;
                }
                int start = pos;
                while (pos < limit && buf[pos] != '\n') {
                    pos++;
                }
                int n = pos - start;
                if (pos < limit) {
                    sawNewline = true;
                    pos++; // the newline
                }
                length += n;
                if (kept + n <= MAX_RECORD_BYTES && n > 0) {
                    if (kept + n > line.length) {
                        line = java.util.Arrays.copyOf(line, Math.min(MAX_RECORD_BYTES, Math.max(line.length * 2, kept + n)));
                    }
                    System.arraycopy(buf, start, line, kept, n);
                    kept += n;
                }
            }
            if (!sawNewline && length == 0) {
                return null; // the end, after a final newline
            }
            lineNo++;
            if (length > MAX_RECORD_BYTES) {
                return BatchRecord.tooLong(source, lineNo);
            }
            int start = 0;
            int end = kept;
            if (lineNo == 1 && end >= 3 && (line[0] & 0xff) == 0xEF && (line[1] & 0xff) == 0xBB && (line[2] & 0xff) == 0xBF) {
                start = 3;
            }
            while (end > start && (line[end - 1] == '\r' || line[end - 1] == ' ' || line[end - 1] == '\t')) {
                end--;
            }
            while (start < end && (line[start] == ' ' || line[start] == '\t')) {
                start++;
            }
            if (start == end) {
                return null; // a blank line is no record
            }
            return new BatchRecord(source, lineNo, java.util.Arrays.copyOfRange(line, start, end));
        }
    }

    /** A UTF-16 stream re-encoded as UTF-8. */
    private static final class Utf16ToUtf8 extends InputStream {
        private final java.io.Reader reader;
        private byte[] pending = new byte[0];
        private int pos;
        private final char[] chars = new char[8192];

        Utf16ToUtf8(InputStream in, Charset cs) {
            this.reader = new java.io.InputStreamReader(in, cs);
        }

        @Override
        public int read() throws IOException {
            if (pos >= pending.length) {
                int n = reader.read(chars);
                if (n < 0) {
                    return -1;
                }
                pending = new String(chars, 0, n).getBytes(StandardCharsets.UTF_8);
                pos = 0;
                if (pending.length == 0) {
                    return read();
                }
            }
            return pending[pos++] & 0xff;
        }

        @Override
        public void close() throws IOException {
            reader.close();
        }
    }

    /** For callers that need the records as a list (tests, small inputs). */
    public static List<BatchRecord> all(Iterator<BatchRecord> it) {
        List<BatchRecord> out = new ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }
}
