/**
 * The tenant facts: the input format of Preflight as immutable Java records.
 *
 * <p>The types mirror the JSON contract documented in docs/collecting.md and in
 * {@code schema/tenant-facts.schema.json}: names follow Microsoft Graph and the Connect server's
 * PowerShell output. Every field is nullable on purpose: {@code null} means "not collected", never
 * {@code false} or zero, and the checks that need such a field report {@code NOT_EVALUATED}.
 *
 * <p>Besides their components, some records offer derived properties (for example
 * {@link dev.preflight.facts.SubscribedSku#usable()}) that spell out the terms of the check
 * catalogue, so that rules read like the catalogue does.
 */
package dev.preflight.facts;
