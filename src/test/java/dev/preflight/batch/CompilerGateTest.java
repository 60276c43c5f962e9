package dev.preflight.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CompilerGateTest {

    static final long POLL = TimeUnit.MILLISECONDS.toNanos(10);

    /** Compilers that compile without pause: each reading is a second more. */
    static CompilerGate busy(long maxHoldNanos) {
        return compiling(1000, maxHoldNanos);
    }

    /** Compilers whose time grows by {@code millisPerPoll} at each reading. */
    static CompilerGate compiling(long millisPerPoll, long maxHoldNanos) {
        AtomicLong millis = new AtomicLong();
        return new CompilerGate(() -> millis.addAndGet(millisPerPoll), POLL, maxHoldNanos);
    }

    @Test
    void leavesOneCoreToTheCompilersAndAlwaysOneWorkerRunning() {
        assertEquals(1, CompilerGate.heldWorkers(2, 2), "two workers on two cores: one held");
        assertEquals(0, CompilerGate.heldWorkers(1, 2));
        assertEquals(3, CompilerGate.heldWorkers(4, 2));
        assertEquals(1, CompilerGate.heldWorkers(2, 1), "one core: one worker runs");
        assertEquals(0, CompilerGate.heldWorkers(4, 8), "cores to spare: none held");
        assertEquals(1, CompilerGate.heldWorkers(8, 8));
    }

    @Test
    void opensOnceTheCompilersAreQuiet() {
        CompilerGate gate = new CompilerGate(() -> 42, POLL, TimeUnit.SECONDS.toNanos(60));
        assertFalse(gate.isOpen());
        assertTimeoutPreemptively(Duration.ofSeconds(10), gate::await);
        assertTrue(gate.isOpen());
    }

    @Test
    void opensOnceTheCompilersNoLongerFillACore() {
        // The compilers' time grows by 6 ms a 10 ms poll: they use 60% of a core, the rest stands idle.
        CompilerGate gate = compiling(6, TimeUnit.SECONDS.toNanos(60));
        assertTimeoutPreemptively(Duration.ofSeconds(10), gate::await);
        assertTrue(gate.isOpen());
    }

    @Test
    void holdsWhileTheCompilersFillMostOfACore() throws InterruptedException {
        // 8 ms a 10 ms poll: still compiling hard, so the gate holds to the longest hold.
        long maxHold = TimeUnit.MILLISECONDS.toNanos(300);
        CompilerGate gate = compiling(8, maxHold);
        long start = System.nanoTime();
        assertTimeoutPreemptively(Duration.ofSeconds(10), gate::await);
        assertTrue(System.nanoTime() - start >= maxHold, "held until the longest hold");
    }

    @Test
    void holdsWhileTheCompilersAreBusyUntilTheLongestHold() throws InterruptedException {
        long maxHold = TimeUnit.MILLISECONDS.toNanos(200);
        CompilerGate gate = busy(maxHold);
        long start = System.nanoTime();
        assertTimeoutPreemptively(Duration.ofSeconds(10), gate::await);
        assertTrue(System.nanoTime() - start >= maxHold, "held for the longest hold");
        assertTrue(gate.isOpen());
    }

    @Test
    void openingReleasesAWorkerHeldWhileTheCompilersAreBusy() throws InterruptedException {
        CompilerGate gate = busy(TimeUnit.SECONDS.toNanos(600));
        Thread held = new Thread(() -> {
            try {
                gate.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        held.start();
        Thread.sleep(50);
        assertTrue(held.isAlive(), "still held");
        gate.open();
        held.join(TimeUnit.SECONDS.toMillis(10));
        assertFalse(held.isAlive(), "released");
    }

    @Test
    void isOpenFromTheStartWhenTheCompilersCannotBeMeasured() {
        CompilerGate gate = new CompilerGate(null, POLL, TimeUnit.SECONDS.toNanos(600));
        assertTrue(gate.isOpen());
        assertTimeoutPreemptively(Duration.ofSeconds(10), gate::await);
    }

    @Test
    void aBatchHoldsNoOneUnlessAsked() {
        assertTrue(CompilerGate.alwaysOpen().isOpen());
    }
}
