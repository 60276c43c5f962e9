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
 *
 * <p>Each record has a builder, generated at compile time beside it ({@code TenantFactsBuilder},
 * {@code UserBuilder}, ...): build facts in code with them rather than with the canonical
 * constructors, whose arguments grow when the input contract gains a field.
 *
 * <pre>{@code
 * TenantFacts facts = TenantFactsBuilder.builder()
 *         .tenant(TenantBuilder.builder().tenantId("d4f5a6b7-6666-4000-8000-000000000007").build())
 *         .users(List.of(UserBuilder.builder().userPrincipalName("admin@contoso.com").build()))
 *         .build();
 * }</pre>
 */
@RecordBuilder.Include(value = {
        AssignedLicense.class,
        Connect.class,
        ConnectEvent.class,
        ConnectorAccount.class,
        ConnectorRun.class,
        ConnectorRuns.class,
        Domain.class,
        DomainController.class,
        Forest.class,
        Network.class,
        OnPremises.class,
        PasswordReset.class,
        PrepaidUnits.class,
        Probe.class,
        ServicePlan.class,
        SubscribedSku.class,
        SyncTime.class,
        Tenant.class,
        TenantFacts.class,
        User.class
}, packagePattern = "*")
@RecordBuilder.Options(enableWither = false, addStaticBuilder = false, addClassRetainedGenerated = false)
package dev.preflight.facts;

import io.soabase.recordbuilder.core.RecordBuilder;
