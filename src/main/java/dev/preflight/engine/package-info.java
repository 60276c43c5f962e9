/**
 * The engine behind {@link dev.preflight.api.Evaluator}: reading and compiling a rules
 * directory, the session that evaluates one tenant, and the assembly of its report. Internal:
 * nothing here is part of the public API.
 */
package dev.preflight.engine;
