package dev.preflight.batch;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Holds some workers back while the JIT compilers are busy, on a machine with too few cores for
 * both. A fresh JVM spends the start of a batch compiling: on two cores, a second worker then
 * mostly competes with the compilers, running slow code on CPU time that would have made the
 * fast code sooner (200,000 tenants, 2 threads, six rounds interleaved: 17.8 s with the second
 * worker held back until compiling settled, against 20.0 s without, and 13% less CPU). Compiling
 * has settled when the compilers' time grew by less than {@link #QUIET_SHARE} of a poll interval
 * over the last one; the gate also opens when the input ends, when the batch is cancelled, and
 * after {@link #MAX_HOLD_NANOS} at the most. In a JVM that has already compiled the evaluation, it
 * opens at the first poll.
 */
final class CompilerGate {

    static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(500);
    /**
     * Once the compilers no longer fill a core, the held worker's core would stand partly idle.
     * With the launcher's JVM options, C2 fills its core for the first 6 s of a batch, then less
     * and less; at 0.4 the second worker started after about 9 s, and a 200,000-tenant batch took
     * 15.05 and 17.16 s against 14.0 and 15.5 s at 0.7 (medians of two interleaved sets of six and
     * five rounds, 2026-12-07; faster in 6 of the 11 pairs: the host is noisy); with
     * {@code java -jar}, 19.07 against 19.39 s, within the noise.
     */
    static final double QUIET_SHARE = 0.7;
    static final long MAX_HOLD_NANOS = TimeUnit.SECONDS.toNanos(30);

    private final LongSupplier compileMillis;
    private final long pollNanos;
    private final long maxHoldNanos;
    private final CountDownLatch open = new CountDownLatch(1);

    /**
     * @param compileMillis the compilers' accumulated time, in milliseconds; {@code null} when it
     *                      cannot be measured, and then the gate is open from the start
     */
    CompilerGate(LongSupplier compileMillis, long pollNanos, long maxHoldNanos) {
        this.compileMillis = compileMillis;
        this.pollNanos = pollNanos;
        this.maxHoldNanos = maxHoldNanos;
        if (compileMillis == null) {
            open.countDown();
        }
    }

    /** A gate that holds no one. */
    static CompilerGate alwaysOpen() {
        return new CompilerGate(null, POLL_NANOS, MAX_HOLD_NANOS);
    }

    /** A gate on this JVM's compilers; open from the start when it has none that report their time. */
    static CompilerGate forThisJvm() {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        boolean measurable = jit != null && jit.isCompilationTimeMonitoringSupported();
        return new CompilerGate(measurable ? jit::getTotalCompilationTime : null, POLL_NANOS, MAX_HOLD_NANOS);
    }

    /**
     * Workers to hold back: those beyond one core left to the compilers, always keeping one running.
     * Two workers on two cores hold one back; on eight cores, seven run from the start.
     */
    static int heldWorkers(int threads, int processors) {
        return threads - Math.max(1, Math.min(threads, processors - 1));
    }

    /** Waits until the gate opens: compiling has settled, {@link #open()} was called, or the longest hold passed. */
    void await() throws InterruptedException {
        long start = System.nanoTime();
        long last = compileMillis == null ? 0 : compileMillis.getAsLong();
        long quietMillis = (long) (TimeUnit.NANOSECONDS.toMillis(pollNanos) * QUIET_SHARE);
        while (!open.await(pollNanos, TimeUnit.NANOSECONDS)) {
            long now = compileMillis.getAsLong();
            if (now - last < quietMillis || System.nanoTime() - start >= maxHoldNanos) {
                open();
                return;
            }
            last = now;
        }
    }

    /** Opens the gate for every worker held at it, now and later. */
    void open() {
        open.countDown();
    }

    boolean isOpen() {
        return open.getCount() == 0;
    }
}
