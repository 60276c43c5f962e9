/**
 * Preflight's public API: build an {@link dev.preflight.api.Evaluator} once, evaluate tenants,
 * read the {@link dev.preflight.api.Report}.
 *
 * <pre>{@code
 * Evaluator evaluator = Evaluator.builder().build();          // the rules shipped in the jar
 * Report report = evaluator.evaluate(Path.of("tenant.json"));  // or a String, a stream, TenantFacts
 * if (report.verdict() != Verdict.ELIGIBLE) {
 *     report.failures().forEach(f -> log.warn("{} {}: {}", f.checkId(), f.severity(), f.message()));
 * }
 * String json = report.toJson();
 * }</pre>
 *
 * <p>Everything here is immutable and thread-safe; nothing prints or exits. Invalid input raises
 * {@link dev.preflight.api.InvalidFactsException}, invalid rules {@link
 * dev.preflight.api.InvalidRulesException}, both unchecked and both naming where the problem is.
 */
package dev.preflight.api;
