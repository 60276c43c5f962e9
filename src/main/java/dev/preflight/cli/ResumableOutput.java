package dev.preflight.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.preflight.batch.BatchResult;
import dev.preflight.batch.SummaryCounter;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.Channels;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * The output file of a batch, safe under faults. Results go to {@code FILE.partial}; after each
 * flush a checkpoint ({@code FILE.partial.checkpoint}) records how many records and bytes are in
 * it, with the summary counts so far. Only a complete batch renames the partial file to
 * {@code FILE}: a batch killed halfway leaves {@code FILE} as it was (the previous complete result,
 * or nothing) beside a file that says it is partial. {@code --resume} cuts the partial file back to
 * its last checkpoint, skips that many records, and appends: no record is written twice or skipped.
 *
 * <p>A checkpoint is made durable (the file forced to the disk, then the checkpoint written) on a
 * thread of its own while results go on being written: forcing a second's worth of full reports
 * (some 200 MB) took the writer away long enough for every worker to stop on a full window. The
 * counts a checkpoint records are taken before its force, so they never claim more than is on disk.
 * Where the file system allows it, results are written around the page cache ({@link DirectAppender},
 * on the same thread, before the forces that follow them).
 */
final class ResumableOutput implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long CHECKPOINT_NANOS = 1_000_000_000L;
    private static final int CHECKPOINT_RECORDS = 5_000;
    /**
     * Results are written around the page cache on Linux only, where it was measured; on Windows a
     * second handle could not write the range the first one locks (byte-range locks are mandatory
     * there), and elsewhere it is untried.
     */
    private static final boolean DIRECT_WRITES = System.getProperty("os.name", "").startsWith("Linux");

    /**
     * What a partial result belongs to; resuming needs the same.
     *
     * @param inputs       each input as path, size and modification time
     * @param format       jsonl or csv
     * @param rules        the rules' content hash (or "validate-only")
     */
    record Identity(List<String> inputs, String format, String rules) {
    }

    /**
     * A checkpoint.
     *
     * @param identity what the partial result belongs to
     * @param records  records completely written
     * @param bytes    the partial file's length after them
     * @param counts   the summary counts of those records
     */
    record Checkpoint(Identity identity, long records, long bytes, SummaryCounter.State counts) {
    }

    private final Path target;
    private final Path partial;
    private final Path checkpointFile;
    private final Identity identity;
    private final FileChannel channel;
    /** Writes around the page cache, or null where this file system cannot. */
    private final DirectAppender direct;
    private final OutputStream out;
    private final SummaryCounter counter;
    private final long resumedRecords;
    private long records;
    private long bytes;
    private long sinceCheckpoint;
    private long lastCheckpoint = System.nanoTime();
    /** Makes checkpoints durable, one at a time, beside the writer. */
    private final java.util.concurrent.ExecutorService durability = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "preflight-checkpoint");
        t.setDaemon(true);
        return t;
    });
    private java.util.concurrent.Future<?> inFlight;
    private volatile IOException durabilityFailure;
    private boolean committed;
    private boolean closed;

    private ResumableOutput(Path target, Identity identity, Checkpoint from, boolean tryDirect) throws IOException {
        this.target = target.toAbsolutePath();
        this.partial = Path.of(this.target + ".partial");
        this.checkpointFile = Path.of(this.target + ".partial.checkpoint");
        this.identity = identity;
        AtomicOutput.requireOutputPath(target);
        this.channel = FileChannel.open(partial, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        java.nio.channels.FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (java.nio.channels.OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            channel.close();
            throw new IllegalStateException("another batch is writing " + partial);
        }
        if (from == null) {
            Files.deleteIfExists(checkpointFile); // its counts belong to the result being replaced
            channel.truncate(0);
            this.counter = new SummaryCounter();
        } else {
            channel.truncate(from.bytes()); // anything after the last checkpoint is written again
            this.counter = SummaryCounter.of(from.counts());
        }
        this.records = from == null ? 0 : from.records();
        this.bytes = from == null ? 0 : from.bytes();
        this.resumedRecords = records;
        channel.position(bytes);
        try {
            this.direct = tryDirect ? DirectAppender.open(partial, channel, bytes, durability) : null;
        } catch (IOException | RuntimeException e) {
            channel.close(); // and with it the lock
            throw e;
        }
        this.out = direct != null ? direct : new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 20);
    }

    /**
     * Opens the output.
     *
     * @param resume continue a partial result of the same batch, if there is one
     * @param notes  receives what the user should know (a partial result replaced or continued)
     * @throws IllegalStateException when resuming a partial result of another batch
     */
    static ResumableOutput open(Path target, Identity identity, boolean resume, List<String> notes) throws IOException {
        return open(target, identity, resume, notes, DIRECT_WRITES);
    }

    /** As {@link #open(Path, Identity, boolean, List)}; {@code tryDirect} false writes through the page cache even where direct writes work. */
    static ResumableOutput open(Path target, Identity identity, boolean resume, List<String> notes, boolean tryDirect) throws IOException {
        Path partial = Path.of(target.toAbsolutePath() + ".partial");
        Path checkpoint = Path.of(target.toAbsolutePath() + ".partial.checkpoint");
        Checkpoint from = null;
        if (resume) {
            if (Files.isRegularFile(checkpoint) && Files.isRegularFile(partial)) {
                from = JSON.readValue(checkpoint.toFile(), Checkpoint.class);
                if (!from.identity().equals(identity)) {
                    throw new IllegalStateException(partial + " belongs to another batch (other inputs, format or rules): "
                            + "remove it, or run without --resume to start again");
                }
                if (Files.size(partial) < from.bytes()) {
                    throw new IllegalStateException(partial + " is shorter than its checkpoint says: it cannot be resumed; run without --resume");
                }
                notes.add("resuming after " + from.records() + " records already in " + partial);
            } else {
                notes.add("nothing to resume in " + partial + ": starting from the first record");
            }
        } else if (Files.exists(partial)) {
            notes.add("replacing a partial result of an earlier batch in " + partial + " (--resume would continue it)");
        }
        return new ResumableOutput(target, identity, from, tryDirect);
    }

    /** Records already written by the batch this one resumes: to skip in the input. */
    long resumedRecords() {
        return resumedRecords;
    }

    /** Writes the result of the next record, in order. */
    void write(BatchResult result, byte[] line) throws IOException {
        out.write(line);
        bytes += line.length;
        records++;
        counter.count(result);
        if (++sinceCheckpoint >= CHECKPOINT_RECORDS || System.nanoTime() - lastCheckpoint > CHECKPOINT_NANOS) {
            checkpoint();
        }
    }

    /** Writes bytes that are not a record (the CSV header), before any record, and a first checkpoint. */
    void writeHeader(byte[] header) throws IOException {
        out.write(header);
        bytes += header.length;
        checkpointNow();
    }

    /** Writes bytes that end the output after the last record (the closing of an XML or JSON document), just before {@link #commit}. */
    void writeTrailer(byte[] trailer) throws IOException {
        out.write(trailer);
        bytes += trailer.length;
    }

    /**
     * Flushes, and has how far the partial file is complete recorded once it is on the disk; while
     * an earlier checkpoint is still being made durable, this one is left to the next.
     */
    void checkpoint() throws IOException {
        failIfDurabilityFailed();
        out.flush();
        sinceCheckpoint = 0;
        lastCheckpoint = System.nanoTime();
        if (inFlight != null && !inFlight.isDone()) {
            return;
        }
        Checkpoint taken = new Checkpoint(identity, records, bytes, counter.state());
        inFlight = durability.submit(() -> {
            try {
                makeDurable(taken);
            } catch (IOException e) {
                durabilityFailure = e;
            }
        });
    }

    /** A checkpoint of everything written so far, on the disk when this returns. */
    private void checkpointNow() throws IOException {
        awaitInFlight();
        out.flush();
        awaitWrites();
        makeDurable(new Checkpoint(identity, records, bytes, counter.state()));
        sinceCheckpoint = 0;
        lastCheckpoint = System.nanoTime();
    }

    private void makeDurable(Checkpoint checkpoint) throws IOException {
        if (direct != null) {
            direct.failIfWriteFailed(); // written before this, on this thread: never claim bytes a write lost
        }
        channel.force(false);
        Path tmp = Path.of(checkpointFile + ".tmp");
        JSON.writeValue(tmp.toFile(), checkpoint);
        move(tmp, checkpointFile);
    }

    private void awaitInFlight() throws IOException {
        await(inFlight);
    }

    /** Waits until the direct writes handed over so far are on the file (nothing to wait for through the page cache). */
    private void awaitWrites() throws IOException {
        if (direct != null) {
            await(durability.submit(() -> { }));
            direct.failIfWriteFailed();
        }
    }

    private void await(java.util.concurrent.Future<?> task) throws IOException {
        if (task != null) {
            try {
                task.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted while a checkpoint was written");
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IOException("cannot write the checkpoint: " + e.getCause(), e.getCause());
            }
        }
        failIfDurabilityFailed();
    }

    private void failIfDurabilityFailed() throws IOException {
        IOException e = durabilityFailure;
        if (e != null) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /** The whole batch is written: the partial file becomes the output. */
    void commit() throws IOException {
        awaitInFlight();
        out.flush();
        awaitWrites();
        if (direct != null) {
            direct.finish(); // the last block was written padded
        }
        channel.force(false);
        if (direct != null) {
            direct.close();
        }
        channel.close();
        durability.shutdown();
        move(partial, target);
        Files.deleteIfExists(checkpointFile);
        committed = true;
    }

    /** The counts of every record written, including those of the batch this one resumes. */
    SummaryCounter counter() {
        return counter;
    }

    /** Records written, including those of the batch this one resumes. */
    long records() {
        return records;
    }

    /** Whether results go around the page cache. */
    boolean writesDirect() {
        return direct != null;
    }

    /** The partial file. */
    Path partial() {
        return partial;
    }

    /** Not committed: keeps what was written, with a checkpoint, so that --resume can continue it. */
    @Override
    public void close() {
        if (committed || closed) {
            return;
        }
        closed = true;
        try {
            checkpointNow();
            if (direct != null) {
                direct.finish(); // no padding after the last record: the checkpoint's length is the file's
            }
        } catch (IOException | RuntimeException e) {
            // best effort (the disk may be full): the previous checkpoint still holds
        } finally {
            durability.shutdown();
        }
        try {
            if (direct != null) {
                direct.close();
            }
            channel.close();
        } catch (IOException e) {
            // nothing more to do
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
