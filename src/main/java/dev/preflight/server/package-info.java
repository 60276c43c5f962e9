/**
 * {@code preflight serve}: the evaluator behind an HTTP API (Jetty 12), for support tools that are
 * not written in Java. Part of the application, not of the library: its dependencies are optional
 * in the POM, and it uses the library only through {@code dev.preflight.api}, the report writers
 * and the batch and collection readers. {@link dev.preflight.server.RequestParsing} parses a
 * request's content without a socket (for fuzzing and tests).
 */
package dev.preflight.server;
