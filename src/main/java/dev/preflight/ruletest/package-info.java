/**
 * Rule test cases written as data ({@code rules/tests/*.json}): "this input, these expected
 * statuses and findings". Run by {@code preflight rules test} and by the project's JUnit suite.
 */
package dev.preflight.ruletest;
