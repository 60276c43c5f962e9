/**
 * Preflight's public API: build an {@link dev.preflight.api.Evaluator} once, evaluate tenants,
 * read the {@link dev.preflight.api.Report}.
 *
 * <pre>{@code
 * try (Evaluator evaluator = Evaluator.builder().build()) {           // the rules shipped in the jar
 *     Report report = evaluator.evaluate(Path.of("tenant.json"));   // or evaluateJson(text), a stream, TenantFacts
 *     if (report.verdict() != Verdict.ELIGIBLE) {
 *         for (Finding f : report.findings()) {
 *             log.warn("{} {}: {}", f.checkId(), f.severity(), f.message());
 *         }
 *     }
 *     String json = report.toJson();
 * }
 * }</pre>
 *
 * <p>Facts can also be built in code, with a builder per record ({@code dev.preflight.facts.*Builder}) so that a field added to the
 * input contract later breaks no caller:
 *
 * <pre>{@code
 * TenantFacts facts = TenantFactsBuilder.builder()
 *         .tenant(TenantBuilder.builder().tenantId("d4f5a6b7-6666-4000-8000-000000000007").displayName("Adventure Works").build())
 *         .build();
 * Report report = evaluator.evaluate(facts);
 * }</pre>
 *
 * <p>Everything here is immutable and thread-safe; nothing prints or exits. Null arguments are
 * refused with a {@link NullPointerException} naming the parameter. Invalid input raises
 * {@link dev.preflight.api.InvalidFactsException}, invalid rules {@link
 * dev.preflight.api.InvalidRulesException}, both unchecked and both naming where the problem is.
 */
package dev.preflight.api;
