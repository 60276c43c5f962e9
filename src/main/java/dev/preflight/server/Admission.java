package dev.preflight.server;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Bounded concurrency with a bounded queue: at most {@code workers} requests work at once, at most
 * {@code queue} more wait for one of them, each no longer than its time budget (504); one more
 * than that is refused at once (503 with {@code Retry-After}).
 */
final class Admission {

    private final Semaphore slots;
    private final int queue;
    private final AtomicInteger waiting = new AtomicInteger();

    Admission(int workers, int queue) {
        this.slots = new Semaphore(workers, true);
        this.queue = queue;
    }

    /** A slot held: {@link #close} gives it back, once. */
    final class Slot implements AutoCloseable {
        private final java.util.concurrent.atomic.AtomicBoolean held = new java.util.concurrent.atomic.AtomicBoolean(true);

        @Override
        public void close() {
            if (held.compareAndSet(true, false)) {
                slots.release();
            }
        }
    }

    /**
     * Takes a slot, waiting until {@code deadlineNanos} (of {@link System#nanoTime}) at most.
     *
     * @throws Problem.ProblemException 503 when the queue is full, 504 when the deadline passes while waiting
     */
    Slot enter(long deadlineNanos) throws InterruptedException {
        if (slots.tryAcquire()) {
            return new Slot();
        }
        if (waiting.incrementAndGet() > queue) {
            waiting.decrementAndGet();
            throw Problem.of(503, "busy", "Service busy", "every worker is busy and " + queue + " requests already wait: try again shortly")
                    .retryAfter(1).exception();
        }
        try {
            if (!slots.tryAcquire(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                throw timeout();
            }
            return new Slot();
        } finally {
            waiting.decrementAndGet();
        }
    }

    /** The answer to a request that outlived its time budget. */
    static Problem.ProblemException timeout() {
        return Problem.of(504, "timeout", "Time budget exceeded", "the request did not finish within its time budget").exception();
    }
}
