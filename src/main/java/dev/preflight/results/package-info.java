/**
 * Reading reports back: a single report ({@code evaluate --format json}) or a batch's JSON Lines,
 * streamed record by record into compact {@link dev.preflight.results.TenantSummary} values, and
 * comparing two runs ({@link dev.preflight.results.ResultsDiff}).
 */
package dev.preflight.results;
