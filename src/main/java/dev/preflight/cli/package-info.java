/** The {@code preflight} command line: the only place that prints to the console or exits the JVM. */
package dev.preflight.cli;
