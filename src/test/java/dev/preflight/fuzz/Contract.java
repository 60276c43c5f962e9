package dev.preflight.fuzz;

import dev.preflight.api.Evaluator;
import dev.preflight.api.InvalidFactsException;
import dev.preflight.api.InvalidWaiversException;
import dev.preflight.api.Report;
import dev.preflight.collection.UnusableCollectionException;
import dev.preflight.results.ResultsReader;

/**
 * The documented contract every reader is fuzzed against: a verdict, or one of the input errors
 * the command line turns into exit 3 (invalid facts, results), 65 (unusable collection) or 78
 * (invalid waivers), whose message is one line naming the input. Anything else (an
 * unexpected exception, which the command line reports as exit 70, or a message over several
 * lines) is a finding: it is rethrown so that Jazzer keeps the input.
 */
final class Contract {

    /** One evaluator for every input of a run: built once (the rules compile), thread-safe. */
    static final Evaluator EVALUATOR = Evaluator.builder().build();

    private Contract() {
    }

    /**
     * The most one input may take, in seconds: the evaluator's own limit per tenant. Jazzer's
     * per-input timeout comes from JUnit's {@code @Timeout}, which would also end the fuzzing run
     * itself after that long, so the time is checked here.
     */
    static final long MAX_SECONDS = 30;

    /** Runs {@code body}; returns normally when it kept the contract, throws a finding otherwise. */
    static void holds(String name, Runnable body) {
        long start = System.nanoTime();
        try {
            body.run();
        } catch (InvalidFactsException | UnusableCollectionException | InvalidWaiversException | ResultsReader.InvalidResultsException e) {
            oneLineNaming(name, e);
        }
        long seconds = (System.nanoTime() - start) / 1_000_000_000L;
        if (seconds > MAX_SECONDS) {
            throw new AssertionError("one input took " + seconds + " s, more than " + MAX_SECONDS + " s");
        }
    }

    /** A verdict: every evaluation must end in one, whatever the facts. */
    static void verdict(Report report) {
        if (report == null || report.verdict() == null) {
            throw new AssertionError("an evaluation without a verdict");
        }
    }

    private static void oneLineNaming(String name, RuntimeException e) {
        String m = e.getMessage();
        if (m == null || m.isBlank() || m.contains("\n") || m.contains("\r")) {
            throw new AssertionError("the message is not one line: " + m, e);
        }
        if (name != null && !m.contains(name)) {
            throw new AssertionError("the message does not name " + name + ": " + m, e);
        }
    }
}
