package dev.preflight.collection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What collection.md settles about mixed tenants, the connector account of several AD connectors,
 * the role assignment of a user who holds neither admin role, and a user known only from answers.
 */
class CollectionRulesTest {

    static final String ORG_ID = "84841066-274d-4ec0-a5c1-276be684bdd3"; // graph/organization-list.json

    static TestCollection withManifestTenant(String tenantId) {
        return CollectionImporterTest.full51().text("manifest.json", "{\"collectedAt\": \"2026-11-20T11:00:00+01:00\", \"utcOffset\": \"+01:00\", "
                + "\"tenantId\": \"" + tenantId + "\", \"errors\": []}");
    }

    @Test
    void filesOfTwoTenantsAreRefusedNamingBothIdsAndFiles() {
        UnusableCollectionException e = assertThrows(UnusableCollectionException.class,
                () -> withManifestTenant("11111111-2222-3333-4444-555555555555").importIt());
        assertTrue(e.getMessage().contains("manifest.json names tenant 11111111-2222-3333-4444-555555555555"), e.getMessage());
        assertTrue(e.getMessage().contains("graph/organization.json names tenant " + ORG_ID), e.getMessage());
        // The same tenant, its id in capitals: one tenant.
        ImportResult same = withManifestTenant(ORG_ID.toUpperCase(java.util.Locale.ROOT)).importIt();
        assertEquals(ORG_ID.toUpperCase(java.util.Locale.ROOT), same.document().at("/tenant/tenantId").asText());
    }

    static String connector(String name, String account, String domain, String dc) {
        return "{\"Name\": \"" + name + "\", \"Identifier\": \"" + java.util.UUID.nameUUIDFromBytes(name.getBytes()) + "\", \"Type\": \"AD\", \"Subtype\": null,"
                + " \"ADConnectorAccountName\": \"" + account + "\", \"ADConnectorAccountDomain\": \"" + domain + "\","
                + " \"Partitions\": [{\"Name\": \"" + name + "\", \"DN\": \"DC=x\", \"Selected\": true, \"PreferredDCs\": [\"" + dc + "\"]}]}";
    }

    static final String AAD = "{\"Name\": \"contoso.onmicrosoft.com - AAD\", \"Identifier\": \"b891884f-051e-4a83-95af-2544101c9083\","
            + " \"Type\": \"Extensible2\", \"Subtype\": \"Windows Azure Active Directory (Microsoft)\", \"Partitions\": []}";

    @Test
    void severalAdConnectorsGiveEachDistinctAccountOnceInTheirOrder() {
        String connectors = "[" + connector("corp.fabrikam.com", "MSOL_1a2b3c4d5e6f", "corp.fabrikam.com", "DC1.corp.fabrikam.com") + ", " + AAD + ", "
                + connector("partner.local", "svc-aadc", "PARTNER", "DC9.partner.local") + ", "
                + connector("lab.fabrikam.com", "msol_1a2b3c4d5e6f", "CORP.FABRIKAM.COM", "DC1.lab.fabrikam.com") + "]";
        ImportResult r = CollectionImporterTest.full51().text("onprem/Get-ADSyncConnector.json", connectors).importIt();
        assertEquals("corp.fabrikam.com\\MSOL_1a2b3c4d5e6f; PARTNER\\svc-aadc", r.document().at("/onPremises/connect/connectorAccount/name").asText());
        assertEquals(List.of("DC1.corp.fabrikam.com", "DC9.partner.local", "DC1.lab.fabrikam.com"),
                List.of(CollectionImporterTest.JSON.convertValue(r.document().at("/onPremises/connect/preferredDomainControllers"), String[].class)));
    }

    @Test
    void aUserHoldingNeitherAdminRoleHasNoRoleAssignment() {
        String assignments = """
                {"value": [
                  {"id": "a1", "principalId": "ace08ec9-aa11-4ada-9145-addf0398233e", "directoryScopeId": "/",
                   "roleDefinitionId": "fe930be7-5e62-47db-91af-98c3a49a38b1",
                   "principal": {"@odata.type": "#microsoft.graph.user", "id": "ace08ec9-aa11-4ada-9145-addf0398233e"}},
                  {"id": "a2", "principalId": "10fc1cc8-ac36-4186-b99b-0cf814aa2dd5", "directoryScopeId": "/",
                   "roleDefinitionId": "62e90394-69f5-4237-9190-012177145e10",
                   "principal": {"@odata.type": "#microsoft.graph.user", "id": "10fc1cc8-ac36-4186-b99b-0cf814aa2dd5"}}
                 ]}""";
        String definitions = """
                {"value": [{"id": "fe930be7-5e62-47db-91af-98c3a49a38b1", "templateId": "fe930be7-5e62-47db-91af-98c3a49a38b1", "displayName": "User Administrator"}]}""";
        ImportResult r = CollectionImporterTest.full51().text("graph/roleAssignments.json", assignments).text("graph/roleDefinitions.json", definitions).importIt();
        JsonNode users = r.document().at("/users");
        JsonNode joey = users.get(0);
        assertEquals("joeyc@contoso.com", joey.get("userPrincipalName").asText());
        assertEquals("User Administrator", joey.get("roles").get(0).asText());
        assertFalse(joey.has("roleAssignment"), "neither Global nor Hybrid Identity Administrator: absent, " + joey);
        assertEquals("Direct", users.get(1).get("roleAssignment").asText(), "the Global Administrator's, direct");
    }

    @Test
    void aUserKnownOnlyFromAnswersHasOnlyWhatTheAnswerSays() {
        ImportResult r = CollectionImporter.importCollection(CollectionFiles.open(java.nio.file.Path.of("samples/collection-ps51")),
                Answers.none().with("users[upn=pwtest2@fabrikam.com].purpose=testUser"));
        JsonNode user = null;
        for (JsonNode u : r.document().at("/users")) {
            if ("pwtest2@fabrikam.com".equals(u.path("userPrincipalName").asText())) {
                user = u;
            }
        }
        assertTrue(user != null, r.document().at("/users").toString());
        assertEquals(List.of("userPrincipalName", "purpose"), List.copyOf(iterable(user.fieldNames())), "roles, accountEnabled and licences stay absent: " + user);
    }

    static <T> List<T> iterable(java.util.Iterator<T> it) {
        List<T> out = new java.util.ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }
}
