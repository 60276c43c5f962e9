/** Report writers: JSON (the machine contract) and text for a terminal. */
package dev.preflight.report;
