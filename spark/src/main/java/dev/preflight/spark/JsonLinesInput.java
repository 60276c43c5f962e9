package dev.preflight.spark;

import dev.preflight.batch.BatchInputs;
import dev.preflight.batch.BatchRecord;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * JSON Lines inputs on any file system Spark reads, split for parallel reading with every record
 * keeping its {@code file:line} origin.
 *
 * <p>Lines are split by the core's own reader ({@link BatchInputs#jsonLines}), so a record is
 * exactly what {@code preflight batch} reads: blank lines are no records, gzip is recognised by its
 * magic bytes, UTF-16 by its byte-order mark, an over-long line becomes an invalid record. A plain
 * file is cut into byte ranges of a split size, each range owning the lines that start in it; a
 * first, cheap pass counts each range's lines (for line numbers) and records (the job's rows in).
 * A gzip or UTF-16 file cannot be cut: it is one range.
 */
final class JsonLinesInput {

    /** A byte range of a file. */
    record Range(int index, String path, String source, long start, long end, boolean whole) implements Serializable {
    }

    /** What the first pass found in a range: lines starting in it (blank ones too) and records. */
    record Counts(long lines, long records) implements Serializable {
    }

    /** A range with the number of its first line. */
    record NumberedRange(Range range, long firstLine) implements Serializable {
    }

    private JsonLinesInput() {
    }

    /**
     * The ranges of the inputs: each argument is a file, a directory (its files, recursively, by
     * path; names starting with {@code _} or {@code .} such as {@code _SUCCESS} are skipped) or a
     * glob. A file named directly keeps the name it was given as its records' origin, as the
     * command line does; files found in a directory or by a glob are named by their full URI.
     */
    static List<Range> plan(List<String> inputs, long splitBytes, Configuration hadoop) throws IOException {
        List<Range> ranges = new ArrayList<>();
        for (String input : inputs) {
            Path p = new Path(input);
            FileSystem fs = p.getFileSystem(hadoop);
            FileStatus[] matched = fs.globStatus(p);
            if (matched == null || matched.length == 0) {
                throw new java.io.FileNotFoundException(input + ": no such file or directory");
            }
            boolean named = matched.length == 1 && matched[0].isFile() && !containsGlob(input);
            List<FileStatus> files = new ArrayList<>();
            for (FileStatus s : matched) {
                collect(fs, s, files);
            }
            files.sort(Comparator.comparing(f -> f.getPath().toString()));
            for (FileStatus f : files) {
                String source = named ? input : f.getPath().toString();
                long length = f.getLen();
                if (length == 0) {
                    continue;
                }
                if (!splittable(fs, f.getPath()) || length <= splitBytes) {
                    ranges.add(new Range(ranges.size(), f.getPath().toString(), source, 0, length, true));
                    continue;
                }
                for (long start = 0; start < length; start += splitBytes) {
                    ranges.add(new Range(ranges.size(), f.getPath().toString(), source, start, Math.min(length, start + splitBytes), false));
                }
            }
        }
        return ranges;
    }

    private static boolean containsGlob(String s) {
        return s.indexOf('*') >= 0 || s.indexOf('?') >= 0 || s.indexOf('[') >= 0 || s.indexOf('{') >= 0;
    }

    private static void collect(FileSystem fs, FileStatus s, List<FileStatus> out) throws IOException {
        String name = s.getPath().getName();
        if (s.isDirectory()) {
            for (FileStatus child : fs.listStatus(s.getPath())) {
                if (!child.getPath().getName().startsWith("_") && !child.getPath().getName().startsWith(".")) {
                    collect(fs, child, out);
                }
            }
        } else if (s.isFile() && !name.endsWith(".crc")) {
            out.add(s);
        }
    }

    /** Plain UTF-8 can be cut at newlines; gzip and UTF-16 (recognised as the core does, by their first bytes) cannot. */
    private static boolean splittable(FileSystem fs, Path file) throws IOException {
        try (FSDataInputStream in = fs.open(file)) {
            int b0 = in.read();
            int b1 = in.read();
            return !(b0 == 0x1f && b1 == 0x8b || b0 == 0xFF && b1 == 0xFE || b0 == 0xFE && b1 == 0xFF);
        }
    }

    /** First pass: the lines and records of a range. */
    static Counts count(Range range, Configuration hadoop) throws IOException {
        try (CountingStream in = new CountingStream(open(range, hadoop), range.start() > 0)) {
            Iterator<BatchRecord> records = BatchInputs.jsonLines(in, range.source());
            long n = 0;
            while (records.hasNext()) {
                records.next();
                n++;
            }
            return new Counts(in.lines(), n);
        }
    }

    /** The first line number of each range, from the first pass's counts (in range order). */
    static List<NumberedRange> number(List<Range> ranges, List<Counts> counts) {
        List<NumberedRange> out = new ArrayList<>();
        long line = 1;
        String path = null;
        for (int i = 0; i < ranges.size(); i++) {
            Range r = ranges.get(i);
            if (!r.path().equals(path)) {
                path = r.path();
                line = 1;
            }
            out.add(new NumberedRange(r, line));
            line += counts.get(i).lines();
        }
        return out;
    }

    /** Second pass: the records of a range, numbered by their line in the file. */
    static Iterator<BatchRecord> records(NumberedRange numbered, Configuration hadoop) throws IOException {
        Range r = numbered.range();
        Iterator<BatchRecord> lines = BatchInputs.jsonLines(open(r, hadoop), r.source());
        // A range after the first starts with the extra newline of ChunkStream: its line 2 is the range's first.
        long shift = r.start() > 0 ? numbered.firstLine() - 2 : numbered.firstLine() - 1;
        if (shift == 0) {
            return lines;
        }
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return lines.hasNext();
            }

            @Override
            public BatchRecord next() {
                BatchRecord b = lines.next();
                return new BatchRecord(b.source(), b.line() + shift, b.json());
            }
        };
    }

    private static InputStream open(Range r, Configuration hadoop) throws IOException {
        Path p = new Path(r.path());
        FSDataInputStream in = p.getFileSystem(hadoop).open(p);
        if (r.whole()) {
            return in;
        }
        return new ChunkStream(in, r.start(), r.end());
    }

    /** Counts the lines of the bytes going through: newlines, and an unterminated last line. */
    private static final class CountingStream extends java.io.FilterInputStream {
        private long newlines;
        private int last = '\n';
        private boolean skipPrefix;

        CountingStream(InputStream in, boolean skipPrefix) {
            super(in);
            this.skipPrefix = skipPrefix;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                see(b);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            for (int i = 0; i < n; i++) {
                see(b[off + i]);
            }
            return n;
        }

        private void see(int b) {
            if (skipPrefix) {
                skipPrefix = false; // the extra newline ChunkStream puts first is not a line of the file
                return;
            }
            if (b == '\n') {
                newlines++;
            }
            last = b;
        }

        long lines() {
            return last == '\n' ? newlines : newlines + 1;
        }
    }
}
