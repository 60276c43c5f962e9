/**
 * Realistic generated tenants, for tests, demos and benchmarks: seeded, varying every fact the
 * checks read, each record carrying the verdict it was built to get.
 */
package dev.preflight.generate;
