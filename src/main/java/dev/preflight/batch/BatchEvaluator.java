package dev.preflight.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.preflight.api.CheckInfo;
import dev.preflight.api.Evaluator;
import dev.preflight.api.FactsReader;
import dev.preflight.api.InvalidFactsException;
import dev.preflight.api.Report;
import dev.preflight.facts.TenantFacts;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Evaluates a stream of records in parallel and delivers one result per record, in input order.
 *
 * <p>A reader thread takes records from the iterator into a bounded window; worker threads read
 * the facts, evaluate them and render each result (for example to the bytes of an output line);
 * a writer thread hands the rendered results to the sink in input order. Memory is bounded by the
 * window, whatever the number of records. An invalid record becomes a {@link BatchResult.Invalid}
 * and the batch goes on; only a failure to read the input or to deliver a result stops it.
 *
 * <pre>{@code
 * BatchEvaluator batch = new BatchEvaluator(evaluator, 2);
 * BatchSummary summary = batch.run(records, result -> result, result -> store(result));
 * }</pre>
 */
public final class BatchEvaluator {

    private static final ObjectMapper LENIENT = new ObjectMapper();
    /**
     * Records a worker takes, and the writer delivers, at one handoff: what is waiting, up to this
     * many. Handing records over one at a time woke a sleeping thread about 2.5 times a record, which
     * cost more CPU than parsing the record; when records arrive slowly, a handoff holds one.
     */
    static final int HANDOFF = 64;

    private final Evaluator evaluator;
    private final int threads;
    private final int window;
    /** Whether records are only read and validated, not evaluated. */
    private final boolean validateOnly;
    /** Records taken at one handoff at most: {@link #HANDOFF}, or 1 to measure handing them over one by one. */
    private final int handoff;
    /** Each job's gate for the workers held back while the JIT compilers are busy. */
    private final Supplier<CompilerGate> gates;
    private final int processors;

    /** A batch evaluator with {@code threads} workers and a window of 256 records per worker. */
    public BatchEvaluator(Evaluator evaluator, int threads) {
        this(evaluator, threads, defaultWindow(threads));
    }

    /** 256 records per worker, at least 64. */
    private static int defaultWindow(int threads) {
        return Math.max(64, threads * 256);
    }

    /**
     * @param evaluator the evaluator, shared by the workers
     * @param threads   worker threads, at least 1
     * @param window    records in flight at most (read and not yet delivered): the memory bound
     */
    public BatchEvaluator(Evaluator evaluator, int threads, int window) {
        this(Objects.requireNonNull(evaluator), threads, window, false);
    }

    private BatchEvaluator(Evaluator evaluator, int threads, int window, boolean validateOnly) {
        this(evaluator, threads, window, validateOnly, HANDOFF);
    }

    /** A batch that hands records over {@code handoff} at a time at most: for the handoff benchmark. */
    static BatchEvaluator withHandoff(Evaluator evaluator, int threads, int handoff) {
        return new BatchEvaluator(Objects.requireNonNull(evaluator), threads, defaultWindow(threads), false, handoff);
    }

    /** No worker held back: this JVM may be warm, as a library's or the service's is. */
    private BatchEvaluator(Evaluator evaluator, int threads, int window, boolean validateOnly, int handoff) {
        this(evaluator, threads, window, validateOnly, handoff, CompilerGate::alwaysOpen, Runtime.getRuntime().availableProcessors());
    }

    /**
     * This batch with its workers beyond one core left to the JIT compilers held back until compiling
     * settles (30 seconds at the most): for a batch that starts its JVM, on a machine with few cores,
     * where the compilers and every worker would otherwise share the cores while the code is still
     * slow. Two workers on two cores start as one; with a core to spare for the compilers, all start.
     */
    public BatchEvaluator holdingWorkersWhileCompiling() {
        return new BatchEvaluator(evaluator, threads, window, validateOnly, handoff, CompilerGate::forThisJvm, processors);
    }

    /** A batch whose workers beyond those {@code processors} leave running wait at gates made by {@code gates}: for tests. */
    static BatchEvaluator withGate(Evaluator evaluator, int threads, int window, Supplier<CompilerGate> gates, int processors) {
        return new BatchEvaluator(Objects.requireNonNull(evaluator), threads, window, false, HANDOFF, gates, processors);
    }

    private BatchEvaluator(Evaluator evaluator, int threads, int window, boolean validateOnly, int handoff,
                           Supplier<CompilerGate> gates, int processors) {
        if (threads < 1 || window < 1) {
            throw new IllegalArgumentException("threads and window must be at least 1");
        }
        this.evaluator = evaluator;
        this.threads = threads;
        this.window = window;
        this.validateOnly = validateOnly;
        this.handoff = Math.max(1, handoff);
        this.gates = gates;
        this.processors = processors;
    }

    /**
     * A batch that reads and validates every record without evaluating it: each valid record gives
     * a {@link BatchResult.Read}. For checking an export before evaluating it; it is also the
     * pipeline's own cost, the baseline evaluation is measured against.
     */
    public static BatchEvaluator validateOnly(int threads) {
        return new BatchEvaluator(null, threads, defaultWindow(threads), true);
    }

    /** Starts the batch on threads of its own and returns at once. */
    public <T> Job start(Iterator<BatchRecord> records, Function<BatchResult, T> render, Consumer<? super T> sink) {
        Job job = new Job();
        job.begin(records, render, sink);
        return job;
    }

    /** Runs the batch to its end (or until the calling thread is interrupted, which cancels it). */
    public <T> BatchSummary run(Iterator<BatchRecord> records, Function<BatchResult, T> render, Consumer<? super T> sink)
            throws InterruptedException {
        Job job = start(records, render, sink);
        try {
            return job.await();
        } catch (InterruptedException e) {
            job.cancel();
            throw e;
        }
    }

    /** Evaluates one record: the result an invalid or failing record gives is a value, never an exception. */
    public BatchResult evaluate(long index, BatchRecord record) {
        if (record.tooLong()) {
            return new BatchResult.Invalid(index, record.origin(), new InvalidFactsException(record.source(), "",
                    (int) Math.min(Integer.MAX_VALUE, record.line()), 0, "the record is longer than the "
                    + (BatchInputs.MAX_RECORD_BYTES >> 20) + " MB limit"), null);
        }
        if (record.unusable() != null) {
            return new BatchResult.Invalid(index, record.origin(), new InvalidFactsException(record.source(), "", 0, 0,
                    "unusable collection: " + record.unusable()), null);
        }
        TenantFacts facts;
        try {
            facts = FactsReader.read(record.json(), record.source());
        } catch (InvalidFactsException e) {
            return new BatchResult.Invalid(index, record.origin(), located(e, record), tenantIdOf(record));
        } catch (RuntimeException e) {
            return new BatchResult.Failed(index, record.origin(), "cannot read the record: " + e);
        }
        if (validateOnly) {
            return new BatchResult.Read(index, record.origin(), facts.tenantId());
        }
        try {
            Report report = evaluator.evaluate(facts);
            if (record.imported() != null) {
                report = dev.preflight.collection.MissingSources.annotate(report, record.imported());
            }
            return new BatchResult.Evaluated(index, record.origin(), report);
        } catch (RuntimeException e) {
            return new BatchResult.Failed(index, record.origin(), "evaluation failed: " + e);
        }
    }

    /** The error with its line and column in the input file, not within the record. */
    private static InvalidFactsException located(InvalidFactsException e, BatchRecord record) {
        if (record.line() <= 0) {
            return e;
        }
        long line = e.line() > 0 ? record.line() + e.line() - 1 : record.line();
        return new InvalidFactsException(record.source(), e.path(), (int) Math.min(Integer.MAX_VALUE, line), e.column(), e.problem(), e.getCause());
    }

    /** The tenant id of a record that does not validate, when the JSON is still readable. */
    private static String tenantIdOf(BatchRecord record) {
        try {
            JsonNode id = LENIENT.readTree(record.json()).path("tenant").path("tenantId");
            return id.isTextual() ? id.asText() : null;
        } catch (java.io.IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * The bytes of the records in flight (read and not yet delivered), bounded besides their count:
     * a record's JSON, the facts and report made from it and its rendered result take some
     * {@link #WEIGHT} times its size until the writer delivers it, so the budget is a quarter of the
     * heap. A record larger than the whole budget still runs, alone. 60 records of 16 MB fit a
     * 512 MB heap this way; counting records only, they did not.
     */
    static final class ByteBudget {
        static final int WEIGHT = 8;
        private static final int UNIT = 1024;
        private final java.util.concurrent.Semaphore permits;
        private final int total;

        ByteBudget(long maxHeap) {
            total = (int) Math.max(1, Math.min(Integer.MAX_VALUE, maxHeap / 4 / UNIT));
            permits = new java.util.concurrent.Semaphore(total);
        }

        /** Waits until the record fits; returns what it holds. */
        int acquire(BatchRecord r) throws InterruptedException {
            long bytes = r.json() == null ? 0 : (long) r.json().length * WEIGHT;
            int n = (int) Math.min(total, Math.max(1, bytes / UNIT));
            permits.acquire(n);
            return n;
        }

        void release(int n) {
            if (n > 0) {
                permits.release(n);
            }
        }
    }

    /**
     * One record in flight: its result is filled by a worker and taken, in order, by the writer. The
     * fields a worker sets are published by {@link #complete()} and read after {@link #await()}.
     */
    private static final class Slot<T> {
        final long index;
        final BatchRecord record;
        private final java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
        T result;
        Throwable failure;
        boolean cancelled;
        /** What the slot holds of the byte budget, given back when it is delivered or dropped. */
        int permits;

        Slot(long index, BatchRecord record) {
            this.index = index;
            this.record = record;
        }

        void complete() {
            done.countDown();
        }

        void await() throws InterruptedException {
            done.await();
        }
    }

    /** A running batch. */
    public final class Job implements AutoCloseable {

        private final AtomicBoolean cancelled = new AtomicBoolean();
        private final AtomicLong read = new AtomicLong();
        private final AtomicLong delivered = new AtomicLong();
        private final AtomicReference<Throwable> failure = new AtomicReference<>();
        private final ByteBudget bytesInFlight = new ByteBudget(Runtime.getRuntime().maxMemory());
        private final List<SummaryCounter> counters = new ArrayList<>();
        private final List<Thread> all = new ArrayList<>();
        private final CompilerGate gate = gates.get();
        private volatile Thread writer;
        private long started;
        private long finished;
        private BatchSummary summary;

        private Job() {
        }

        @SuppressWarnings({"unchecked", "rawtypes"})
        private <T> void begin(Iterator<BatchRecord> records, Function<BatchResult, T> render, Consumer<? super T> sink) {
            started = System.nanoTime();
            // The window is counted by permits the reader takes before reading a record and the writer
            // gives back, several at once, after delivering; the queues only need room for it and the end.
            java.util.concurrent.Semaphore inFlight = new java.util.concurrent.Semaphore(window);
            BlockingQueue<Slot<T>> inOrder = new ArrayBlockingQueue<>(window + 1);
            BlockingQueue<Slot<T>> work = new ArrayBlockingQueue<>(window + 1);
            Slot<T> end = new Slot<>(-1, null);

            Thread reader = thread("preflight-batch-reader", () -> {
                long i = 0;
                try {
                    while (!cancelled.get() && records.hasNext()) {
                        inFlight.acquire();
                        Slot<T> s = new Slot<>(i++, records.next());
                        s.permits = bytesInFlight.acquire(s.record);
                        inOrder.put(s);
                        work.put(s);
                        read.incrementAndGet();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (RuntimeException | Error e) {
                    // Not a cancel: the records read before the failure are still evaluated and delivered.
                    failure.compareAndSet(null, new BatchException(BatchException.Kind.INPUT,
                            "cannot read the input after " + i + " records: " + e.getMessage(), 0, e));
                } finally {
                    // Held workers are no longer worth holding: what is left fits in the window.
                    gate.open();
                    putQuietly(inOrder, end);
                    // One end marker: each worker that takes it puts it back for the next (there is room,
                    // since it has just been taken and nothing else is put any more).
                    putQuietly(work, end);
                }
            });
            int running = threads - CompilerGate.heldWorkers(threads, processors);
            for (int w = 0; w < threads; w++) {
                SummaryCounter counter = new SummaryCounter();
                counters.add(counter);
                boolean held = w >= running;
                all.add(thread("preflight-batch-worker-" + w, () -> {
                    List<Slot<T>> taken = new ArrayList<>(handoff);
                    try {
                        if (held) {
                            gate.await();
                        }
                        boolean more = true;
                        while (more) {
                            taken.clear();
                            taken.add(work.take());
                            work.drainTo(taken, handoff - 1);
                            int n = taken.indexOf(end);
                            if (n >= 0) {
                                // The one end marker goes back for the other workers to see.
                                putQuietly(work, end);
                                more = false;
                            } else {
                                n = taken.size();
                            }
                            for (int i = 0; i < n; i++) {
                                Slot<T> s = taken.get(i);
                                if (cancelled.get()) {
                                    s.cancelled = true;
                                    continue;
                                }
                                try {
                                    BatchResult r = evaluate(s.index, s.record);
                                    counter.count(r);
                                    s.result = render.apply(r);
                                } catch (RuntimeException | Error e) {
                                    s.failure = e;
                                }
                            }
                            // Completed together, so that the writer wakes once for what was taken, not once a record.
                            for (int i = 0; i < n; i++) {
                                taken.get(i).complete();
                            }
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }));
            }
            writer = thread("preflight-batch-writer", () -> {
                List<Slot<T>> taken = new ArrayList<>(handoff);
                try {
                    boolean more = true;
                    while (more) {
                        taken.clear();
                        taken.add(inOrder.take());
                        inOrder.drainTo(taken, handoff - 1);
                        // Wait for the last of them first: the earlier ones are then mostly done, and the
                        // writer wakes once for what it took instead of once for each worker's handoff.
                        Slot<T> last = taken.get(taken.size() - 1);
                        if (last != end && !cancelled.get()) {
                            last.await();
                        }
                        int done = 0;
                        try {
                            for (Slot<T> s : taken) {
                                if (s == end) {
                                    more = false;
                                    break;
                                }
                                deliver(s, sink);
                                done++;
                            }
                        } finally {
                            inFlight.release(done);
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            all.add(0, reader);
            all.add(writer);
            all.forEach(Thread::start);
        }

        /** Hands one result to the sink once its worker is done with it; a failure stops the batch. */
        private <T> void deliver(Slot<T> s, Consumer<? super T> sink) throws InterruptedException {
            if (cancelled.get()) {
                bytesInFlight.release(s.permits);
                return; // drain without waiting, so that the reader can finish
            }
            try {
                s.await();
            } finally {
                bytesInFlight.release(s.permits);
            }
            if (s.cancelled) {
                return;
            }
            if (s.failure != null) {
                fail(new BatchException(BatchException.Kind.INTERNAL, "record " + s.record.origin() + " could not be rendered: " + s.failure, delivered.get(), s.failure));
                return;
            }
            try {
                sink.accept(s.result);
            } catch (RuntimeException | Error e) {
                fail(new BatchException(BatchException.Kind.OUTPUT, "cannot deliver the result of " + s.record.origin() + ": " + e.getMessage(), delivered.get(), e));
                return;
            }
            delivered.incrementAndGet();
        }

        private void fail(Throwable t) {
            failure.compareAndSet(null, t);
            cancelled.set(true);
            gate.open();
        }

        private static <S> void putQuietly(BlockingQueue<S> q, S s) {
            while (true) {
                try {
                    q.put(s);
                    return;
                } catch (InterruptedException e) {
                    // keep trying: the end marker must get through, or the other threads would wait forever
                }
            }
        }

        private Thread thread(String name, Runnable body) {
            Thread t = new Thread(body, name);
            t.setDaemon(true);
            return t;
        }

        /** Stops reading; results already delivered stay; the rest are dropped. */
        public void cancel() {
            cancelled.set(true);
            gate.open();
        }

        /** Whether the batch was cancelled (or stopped by a failure). */
        public boolean isCancelled() {
            return cancelled.get();
        }

        /** Records read so far. */
        public long read() {
            return read.get();
        }

        /** Results delivered to the sink so far, in order. */
        public long delivered() {
            return delivered.get();
        }

        /**
         * Waits for the end of the batch.
         *
         * @return the summary
         * @throws BatchException when the input could not be read or a result not delivered
         */
        public synchronized BatchSummary await() throws InterruptedException {
            if (summary == null) {
                for (Thread t : all) {
                    t.join();
                }
                finished = System.nanoTime();
                SummaryCounter total = new SummaryCounter();
                counters.forEach(total::add);
                List<String> order = evaluator == null ? List.of() : evaluator.catalogue().stream().map(CheckInfo::id).toList();
                summary = total.summary(delivered.get(), cancelled.get(), (finished - started) / 1e9, threads, order);
            }
            Throwable f = failure.get();
            if (f instanceof BatchException b) {
                // The count of delivered results is final only now: the writer may have delivered one more.
                throw new BatchException(b.kind(), b.getMessage(), delivered.get(), b.getCause());
            } else if (f != null) {
                throw new BatchException(BatchException.Kind.INTERNAL, f.toString(), delivered.get(), f);
            }
            return summary;
        }

        /** Cancels the batch if it still runs and waits for its threads. */
        @Override
        public void close() throws InterruptedException {
            cancel();
            try {
                await();
            } catch (BatchException e) {
                // already reported to whoever awaited; closing only releases
            }
        }
    }
}
