/**
 * Evaluating many tenants: records in, one result per record out, in input order, in parallel,
 * in bounded memory, cancellable; with a summary. The command line's {@code batch} is built on it.
 */
package dev.preflight.batch;
