/**
 * What DRL rules see besides the facts: the {@code outcome} global a consequence reports through,
 * the {@code tables} global with the data tables of {@code rules/tables/}, and the {@link
 * dev.preflight.rules.AsOf} fact holding the moment the tenant is judged at.
 *
 * <p>These types are the rule authors' API: analysts call them from DRL, so their method names
 * are part of the contract of the rules directory.
 */
package dev.preflight.rules;
