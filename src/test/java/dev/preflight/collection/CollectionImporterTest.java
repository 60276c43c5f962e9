package dev.preflight.collection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.preflight.api.FactsReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Collections built from the real examples (src/test/resources/real, see SOURCES.md there):
 * the exact facts and provenance they import to.
 */
class CollectionImporterTest {

    static final ObjectMapper JSON = new ObjectMapper();

    /** The role holders of roleassignments-list-expand-principal.json, as users.json would list them with the collector's $select. */
    static final String USERS = """
            {"@odata.context": "https://graph.microsoft.com/v1.0/$metadata#users(id,userPrincipalName,accountEnabled,onPremisesSyncEnabled,assignedLicenses,userType)",
             "value": [
              {"id": "ace08ec9-aa11-4ada-9145-addf0398233e", "userPrincipalName": "joeyc@contoso.com", "accountEnabled": true,
               "onPremisesSyncEnabled": null, "userType": "Member",
               "assignedLicenses": [{"disabledPlans": [], "skuId": "c7df2760-2c81-4ef7-b578-5b5392b571df"}]},
              {"id": "6f87972e-2e7e-4b49-9980-eb3888bdcfe1", "userPrincipalName": "kalyan_contoso.com#EXT#@contoso.onmicrosoft.com",
               "accountEnabled": true, "onPremisesSyncEnabled": null, "userType": "Guest", "assignedLicenses": []},
              {"id": "10fc1cc8-ac36-4186-b99b-0cf814aa2dd5", "userPrincipalName": "markie@fabrikam.com", "accountEnabled": false,
               "onPremisesSyncEnabled": true, "userType": "Member", "assignedLicenses": []}
             ]}
            """;
    static final String DOMAINS = """
            {"@odata.context": "https://graph.microsoft.com/v1.0/$metadata#domains",
             "value": [
              {"authenticationType": "Managed", "id": "contoso.com", "isRoot": true},
              {"authenticationType": "Managed", "id": "contoso.onmicrosoft.com", "isRoot": true},
              {"authenticationType": "Federated", "id": "fabrikam.com", "isRoot": true}
             ]}
            """;

    static TestCollection full51() {
        return new TestCollection().manifest("[]").graph().onPremises51()
                .text("graph/users.json", USERS).text("graph/domains.json", DOMAINS);
    }

    static JsonNode at(ImportResult r, String pointer) {
        return r.document().at(pointer);
    }

    @Test
    void windowsPowerShell51CollectionImportsToExactFacts() throws Exception {
        ImportResult r = full51().importIt();
        assertEquals(List.of(), r.diagnostics(), r.summary());
        JsonNode expected = JSON.readTree("""
                {"forests": [{"name": "corp.fabrikam.com", "forestMode": "Windows2008R2Forest", "domains": [
                  {"name": "corp.fabrikam.com", "pdcEmulator": "DC1.corp.fabrikam.com", "domainControllers": [
                    {"hostName": "DC1.corp.fabrikam.com", "operatingSystem": "Windows Server 2019 Datacenter", "isReadOnly": false},
                    {"hostName": "DC2.corp.fabrikam.com", "operatingSystem": "Windows Server 2022 Standard", "isReadOnly": false},
                    {"hostName": "RODC1.corp.fabrikam.com", "operatingSystem": "Windows Server 2016 Standard", "isReadOnly": true}],
                   "minPasswordAgeDays": 1},
                  {"name": "emea.corp.fabrikam.com", "domainControllers": [
                    {"hostName": "EMEA-DC1.emea.corp.fabrikam.com", "operatingSystem": "Windows Server 2008 R2 Standard",
                     "operatingSystemServicePack": "Service Pack 1", "isReadOnly": false}]}]}],
                 "connect": {"installed": true,
                  "connectorAccount": {"name": "corp.fabrikam.com\\\\MSOL_1a2b3c4d5e6f",
                    "permissions": ["ResetPassword", "ChangePassword", "WriteLockoutTime", "WritePwdLastSet", "UnexpirePassword"]},
                  "preferredDomainControllers": ["DC1.corp.fabrikam.com", "DC2.corp.fabrikam.com"],
                  "stagingMode": false, "passwordWritebackEnabled": true, "version": "2.5.79.0",
                  "lastFullImport": {"ad": "2026-11-19T22:04:58.651Z", "entraId": "2026-11-19T22:09:47.880Z"},
                  "lastFullSync": {"ad": "2026-11-19T22:11:58.002Z", "entraId": "2026-11-19T22:12:41.118Z"},
                  "recentEvents": [
                    {"source": "PasswordResetService", "id": 31019, "time": "2026-11-20T09:55:00.412Z",
                     "message": "ServiceBusHeartBeat. (RECONSTRUCTED: the real message text was not found in any public source.)"},
                    {"source": "PasswordResetService", "id": 31015, "time": "2026-11-18T06:12:31.908Z",
                     "message": "WriteBackServiceStarted. (RECONSTRUCTED message text.)"},
                    {"source": "ADSync", "id": 6329, "time": "2026-11-19T15:41:07.155Z",
                     "message": "BAIL: MMS(4924) 0x80230619: \\"A restriction prevents the password from being changed to the current one specified.\\" (RECONSTRUCTED framing; the quoted part is the documented name/message of event 6329.) user's <test> & co"}]}}
                """);
        assertEquals(expected, at(r, "/onPremises"));
        assertEquals(JSON.readTree("""
                {"collectedAt": "2026-11-20T10:00:00Z", "tenantId": "84841066-274d-4ec0-a5c1-276be684bdd3", "displayName": "Contoso",
                 "onPremisesSyncEnabled": false, "cloud": "Public", "syncedUserCount": 880, "cloudOnlyUserCount": 13}"""), at(r, "/tenant"));
        assertEquals(JSON.readTree("""
                [{"userPrincipalName": "joeyc@contoso.com", "id": "ace08ec9-aa11-4ada-9145-addf0398233e", "accountEnabled": true, "onPremisesSyncEnabled": false,
                  "assignedLicenses": [{"skuId": "c7df2760-2c81-4ef7-b578-5b5392b571df", "disabledPlans": []}],
                  "roles": ["Global Administrator"], "roleAssignment": "Direct", "federated": false},
                 {"userPrincipalName": "kalyan_contoso.com#EXT#@contoso.onmicrosoft.com", "id": "6f87972e-2e7e-4b49-9980-eb3888bdcfe1", "accountEnabled": true, "onPremisesSyncEnabled": false,
                  "assignedLicenses": [], "roles": ["Global Administrator"], "roleAssignment": "Direct", "federated": false},
                 {"userPrincipalName": "markie@fabrikam.com", "id": "10fc1cc8-ac36-4186-b99b-0cf814aa2dd5", "accountEnabled": false, "onPremisesSyncEnabled": true,
                  "assignedLicenses": [], "roles": ["Global Administrator"], "roleAssignment": "Direct", "federated": true}]"""), at(r, "/users"));
        assertEquals(2, at(r, "/subscribedSkus").size());
        assertEquals("ENTERPRISEPREMIUM", at(r, "/subscribedSkus/0/skuPartNumber").asText());
        // The document is valid tenant facts as it is (provenance is an unknown top-level field).
        FactsReader.read(r.toJson(), "imported");
    }

    @Test
    void provenanceSaysWhereEachFactCameFromAndWhyEachMissingOneIsMissing() {
        ImportResult r = full51().importIt();
        ObjectNode facts = r.sources();
        assertEquals("onprem/Get-ADForest.json", facts.at("/onPremises.forests[0].forestMode/source").asText());
        assertEquals("onprem/Get-ADDomainController.emea.corp.fabrikam.com.json",
                facts.at("/onPremises.forests[0].domains[1].domainControllers/source").asText());
        assertEquals("graph/organization.json", facts.at("/tenant.cloud/source").asText());
        assertEquals("from the host in @odata.context", facts.at("/tenant.cloud/note").asText());
        assertEquals("Graph's null: never synchronised", facts.at("/tenant.onPremisesSyncEnabled/note").asText());
        assertEquals("domain fabrikam.com is Federated", facts.at("/users[2].federated/note").asText());
        assertEquals("inferred", facts.at("/schemaVersion/source").asText());
        ObjectNode missing = r.missing();
        assertEquals("no onprem/Get-ADDomain[.<scope>].json describes domain emea.corp.fabrikam.com",
                missing.get("onPremises.forests[0].domains[1].pdcEmulator").asText());
        assertEquals("answer needed: no export gives it; state it in answers.json", missing.get("passwordReset.selfServiceScope").asText());
        assertEquals("answer needed: no export gives it; state it in answers.json", missing.get("users[0].purpose").asText());
        assertEquals("graph/organization.json gives none (null: no synchronisation recorded)", missing.get("tenant.onPremisesLastSyncDateTime").asText());
        assertEquals("not collected: onprem/Test-NetConnection.json not in the collection", missing.get("onPremises.network.probes").asText());
        assertEquals("graph/userRegistrationDetails.json has no entry for this user", missing.get("users[0].isSsprCapable").asText());
        // TLS 1.2: two SCHANNEL client values not found, and no server.json to say what the defaults are.
        assertTrue(missing.get("onPremises.connect.tls12Enabled").asText().startsWith(
                "not set: SCHANNEL TLS 1.2 Client Enabled, SCHANNEL TLS 1.2 Client DisabledByDefault"), missing.toString());
        assertTrue(facts.at("/onPremises.connect.connectorAccount.permissions/note").asText().contains("not examined: [emea.corp.fabrikam.com]"));
        // Nothing invented: no key in both maps.
        facts.fieldNames().forEachRemaining(k -> assertFalse(missing.has(k), k));
    }

    @Test
    void powerShell7CollectionImportsToTheSameFacts() {
        ImportResult five = full51().importIt();
        ImportResult seven = new TestCollection().manifest("[]").graph().onPremises7()
                .text("graph/users.json", USERS).text("graph/domains.json", DOMAINS).importIt();
        assertEquals(List.of(), seven.diagnostics(), seven.summary());
        ObjectNode a = five.document().deepCopy();
        ObjectNode b = seven.document().deepCopy();
        a.remove("provenance");
        b.remove("provenance");
        assertEquals(a, b);
    }

    @Test
    void runHistoryOf51WithoutTheServersOffsetIsTakenAsWrittenAndSaysSo() {
        ImportResult r = full51().text("manifest.json", "{\"collectedAt\": \"2026-11-20T10:00:00Z\"}").importIt();
        assertEquals("2026-11-19T21:04:58.651Z", at(r, "/onPremises/connect/lastFullImport/ad").asText());
        assertTrue(r.sources().at("/onPremises.connect.lastFullImport.ad/note").asText().contains("may be off by that offset"));
    }

    @Test
    void purgedRunHistoryFallsBackToTheEarliestDeltaAndNeverWritesNever() {
        String runs = """
                [{"ConnectorName": "corp.fabrikam.com", "RunProfileName": "Delta Import", "Result": "success",
                  "StartDate": "2026-11-19T08:00:00", "EndDate": "2026-11-19T08:01:00"},
                 {"ConnectorName": "CORP.fabrikam.com", "RunProfileName": "Delta Import", "Result": "completed-export-errors",
                  "StartDate": "2026-11-18T08:00:00", "EndDate": "2026-11-18T08:01:00"},
                 {"ConnectorName": "corp.fabrikam.com", "RunProfileName": "Full Import", "Result": "stopped-server-down",
                  "StartDate": "2026-11-17T08:00:00", "EndDate": "2026-11-17T08:01:00"}]""";
        ImportResult r = full51().text("onprem/Get-ADSyncRunProfileResult.json", runs).importIt();
        assertEquals("2026-11-18T08:00:00Z", at(r, "/onPremises/connect/lastFullImport/ad").asText());
        assertTrue(r.sources().at("/onPremises.connect.lastFullImport.ad/note").asText()
                .startsWith("no completed Full Import left in the run history; the earliest completed Delta Import started then"));
        assertTrue(at(r, "/onPremises/connect/lastFullSync/ad").isMissingNode());
        assertEquals("no completed Full Synchronization or Delta Synchronization of connector corp.fabrikam.com in the run history (it may have been purged)",
                r.missing().get("onPremises.connect.lastFullSync.ad").asText());
        assertEquals("no run of connector fabrikam.onmicrosoft.com - AAD in the run history (purged, or not collected)",
                r.missing().get("onPremises.connect.lastFullImport.entraId").asText());
        assertFalse(r.toJson().contains("\"never\""));
    }

    @Test
    void aForbiddenRequestInTheManifestIsNotCollectedWithThePermissionNeverNone() {
        ImportResult r = full51().without("graph/roleAssignments.json").manifest("""
                [{"file": "graph/roleAssignments.json", "request": "GET /v1.0/roleManagement/directory/roleAssignments?$expand=principal",
                  "status": 403, "error": "Authorization_RequestDenied: Insufficient privileges to complete the operation."}]""").importIt();
        assertTrue(at(r, "/users").isMissingNode(), "no users list, not an empty one");
        assertEquals("not collected: request failed: 403 Forbidden: needs RoleManagement.Read.Directory "
                + "(GET /v1.0/roleManagement/directory/roleAssignments?$expand=principal): "
                + "Authorization_RequestDenied: Insufficient privileges to complete the operation.", r.missing().get("users").asText());
    }

    @Test
    void aGraphErrorBodySavedInsteadOfTheResponseIsNamedAndItsFactsAbsent() {
        ImportResult r = full51().text("graph/roleAssignments.json", """
                {"error": {"code": "Authorization_RequestDenied", "message": "Insufficient privileges to complete the operation."}}""").importIt();
        Diagnostic d = r.diagnostics().get(0);
        assertEquals("graph/roleAssignments.json", d.file());
        assertEquals(1, d.line());
        assertTrue(d.message().contains("Graph error response saved instead of the data (Authorization_RequestDenied: Insufficient privileges"), d.message());
        assertTrue(d.message().endsWith("needs RoleManagement.Read.Directory"), d.message());
        assertTrue(d.fact().startsWith("users"), d.fact());
        assertTrue(at(r, "/users").isMissingNode());
        assertTrue(r.missing().get("users").asText().contains("Graph error response"));
    }

    @Test
    void groupAssignedAdminsHoldTheirRolesThroughTheGroup() {
        String assignments = """
                {"@odata.context": "https://graph.microsoft.com/v1.0/$metadata#roleManagement/directory/roleAssignments(principal())",
                 "value": [
                  {"id": "a1", "principalId": "ace08ec9-aa11-4ada-9145-addf0398233e", "directoryScopeId": "/",
                   "roleDefinitionId": "fe930be7-5e62-47db-91af-98c3a49a38b1",
                   "principal": {"@odata.type": "#microsoft.graph.user", "id": "ace08ec9-aa11-4ada-9145-addf0398233e", "accountEnabled": true}},
                  {"id": "a2", "principalId": "0f0e1d2c-0000-4000-8000-00000000aaaa", "directoryScopeId": "/",
                   "roleDefinitionId": "62e90394-69f5-4237-9190-012177145e10",
                   "principal": {"@odata.type": "#microsoft.graph.group", "id": "0f0e1d2c-0000-4000-8000-00000000aaaa", "displayName": "Tier0 admins"}},
                  {"id": "a3", "principalId": "0f0e1d2c-0000-4000-8000-00000000bbbb", "directoryScopeId": "/",
                   "roleDefinitionId": "8ac3fc64-6eca-42ea-9e69-59f4c7b60eb2",
                   "principal": {"@odata.type": "#microsoft.graph.group", "id": "0f0e1d2c-0000-4000-8000-00000000bbbb"}},
                  {"id": "a4", "principalId": "10fc1cc8-ac36-4186-b99b-0cf814aa2dd5", "directoryScopeId": "/administrativeUnits/x",
                   "roleDefinitionId": "62e90394-69f5-4237-9190-012177145e10",
                   "principal": {"@odata.type": "#microsoft.graph.user", "id": "10fc1cc8-ac36-4186-b99b-0cf814aa2dd5"}}
                 ]}""";
        String members = """
                {"value": [{"id": "ace08ec9-aa11-4ada-9145-addf0398233e", "userPrincipalName": "joeyc@contoso.com", "accountEnabled": true},
                           {"id": "99999999-0000-4000-8000-000000000001", "userPrincipalName": "ops@contoso.com", "accountEnabled": true,
                            "onPremisesSyncEnabled": true, "assignedLicenses": []}]}""";
        String definitions = """
                {"value": [{"id": "fe930be7-5e62-47db-91af-98c3a49a38b1", "templateId": "fe930be7-5e62-47db-91af-98c3a49a38b1", "displayName": "User Administrator"}]}""";
        ImportResult r = full51().text("graph/roleAssignments.json", assignments)
                .text("graph/groupMembers.0f0e1d2c-0000-4000-8000-00000000aaaa.json", members)
                .text("graph/roleDefinitions.json", definitions).importIt();
        JsonNode users = at(r, "/users");
        assertEquals(2, users.size(), users.toString());
        assertEquals("joeyc@contoso.com", users.get(0).get("userPrincipalName").asText());
        assertEquals(JSON.valueToTree(List.of("User Administrator", "Global Administrator")), users.get(0).get("roles"));
        assertEquals("Group", users.get(0).get("roleAssignment").asText(), "its Global Administrator role comes through the group");
        assertEquals("ops@contoso.com", users.get(1).get("userPrincipalName").asText());
        assertEquals("Group", users.get(1).get("roleAssignment").asText());
        assertEquals("graph/groupMembers.0f0e1d2c-0000-4000-8000-00000000aaaa.json", r.sources().at("/users[1].userPrincipalName/source").asText());
        assertFalse(r.missing().has("users"));
        Diagnostic notExported = r.diagnostics().stream().filter(d -> d.message().contains("members not exported")).findFirst().orElseThrow();
        assertTrue(notExported.message().contains("0f0e1d2c-0000-4000-8000-00000000bbbb holds Hybrid Identity Administrator"), notExported.message());
    }

    @Test
    void pagedUsersAreConcatenatedAndAMissingPageMakesTheListIncomplete() throws Exception {
        JsonNode all = JSON.readTree(USERS);
        ObjectNode page1 = JSON.createObjectNode();
        page1.put("@odata.nextLink", "https://graph.microsoft.com/v1.0/users?$skiptoken=X");
        page1.putArray("value").add(all.get("value").get(0)).add(all.get("value").get(1));
        ObjectNode page2 = JSON.createObjectNode();
        page2.putArray("value").add(all.get("value").get(2));
        ImportResult r = full51().text("graph/users.json", page1.toString()).text("graph/users.2.json", page2.toString()).importIt();
        assertEquals("markie@fabrikam.com", at(r, "/users/2/userPrincipalName").asText());
        assertEquals("graph/users.2.json", r.sources().at("/users[2].userPrincipalName/source").asText());
        assertTrue(r.filesRead().contains("graph/users.2.json"));
        assertEquals(List.of(), r.diagnostics());

        ImportResult cut = full51().text("graph/subscribedSkus.json", "{\"@odata.nextLink\": \"https://graph.microsoft.com/v1.0/subscribedSkus?$skiptoken=Y\", \"value\": []}").importIt();
        assertTrue(at(cut, "/subscribedSkus").isMissingNode());
        assertTrue(cut.missing().get("subscribedSkus").asText().startsWith("incomplete list"), cut.missing().toString());
        assertTrue(cut.diagnostics().get(0).message().contains("graph/subscribedSkus.2.json is not in the collection"));
    }

    @Test
    void aTruncatedConnectorExportIsNamedAndItsFactsLeftAbsent() {
        ImportResult r = full51().real("onprem/Get-ADSyncConnector.json",
                "onprem/connect/Get-ADSyncConnector.select-naive.default-depth.ps51.reconstructed.json").importIt();
        JsonNode connect = at(r, "/onPremises/connect");
        assertTrue(connect.path("preferredDomainControllers").isMissingNode());
        assertTrue(connect.path("connectorAccount").path("name").isMissingNode());
        Diagnostic d = r.diagnostics().stream().filter(x -> x.fact().equals("onPremises.connect.connectorAccount.name")).findFirst().orElseThrow();
        assertEquals("onprem/Get-ADSyncConnector.json", d.file());
        assertEquals(8, d.line());
        assertEquals(40, d.column());
        assertTrue(d.message().contains("[0].ConnectivityParameters[0]: truncated by ConvertTo-Json's depth limit (found \"Microsoft.IdentityManagement.PowerShell.ObjectModel.ConfigurationParameter\""), d.message());
        assertTrue(d.message().endsWith("export again with -Depth 5"));
        assertTrue(r.missing().get("onPremises.connect.preferredDomainControllers").asText().startsWith("truncated export: onprem/Get-ADSyncConnector.json"));
        // The run history still imports: the connectors' names and types survived.
        assertEquals("2026-11-19T22:04:58.651Z", connect.at("/lastFullImport/ad").asText());
    }

    @Test
    void aTruncatedBundleFromDefaultDepthIsNamed() {
        ImportResult r = new TestCollection().real("onprem/Get-ADForest.json", "onprem/ad/bundle-default-depth-2.TRUNCATED.ps51.reconstructed.json").importIt();
        // The bundle is not Get-ADForest's shape: the forest is one level down, so it has no Name.
        assertTrue(r.hasErrors());
    }

    @Test
    void severalForestsAndASingleDomainControllerDomain() {
        byte[] second = TextFiles.replaceUtf16(TestCollection.REAL.resolve("onprem/ad/Get-ADForest.ps51.reconstructed.json"),
                "emea.corp.fabrikam.com", "eu.woodgrove.local", "corp.fabrikam.com", "woodgrove.local",
                "\"ForestMode\":  4", "\"ForestMode\":  7");
        byte[] dc = TextFiles.replaceUtf16(TestCollection.REAL.resolve("onprem/ad/Get-ADDomainController.child-single-dc.ps51.reconstructed.json"),
                "emea.corp.fabrikam.com", "woodgrove.local", "corp.fabrikam.com", "woodgrove.local", "EMEA-DC1", "WG-DC1");
        ImportResult r = full51().bytes("onprem/Get-ADForest.woodgrove.local.json", second)
                .bytes("onprem/Get-ADDomainController.woodgrove.local.json", dc).importIt();
        JsonNode forests = at(r, "/onPremises/forests");
        assertEquals(2, forests.size());
        assertEquals("woodgrove.local", forests.get(1).get("name").asText());
        assertEquals("Windows2016Forest", forests.get(1).get("forestMode").asText());
        assertEquals("woodgrove.local", forests.get(1).at("/domains/0/name").asText());
        assertEquals(1, forests.get(1).at("/domains/0/domainControllers").size(), "a single object is a one-element list");
        assertEquals("WG-DC1.woodgrove.local", forests.get(1).at("/domains/0/domainControllers/0/hostName").asText());
        assertTrue(r.missing().has("onPremises.forests[1].domains[1].domainControllers"));
        assertTrue(r.missing().has("onPremises.forests[1].addedAfterWritebackEnabled"));
    }

    @Test
    void answersAreMergedByUpnAndForestNameAndWin() {
        String answers = """
                {"users": [{"userPrincipalName": "JOEYC@contoso.com", "purpose": ["writebackAdmin"]},
                           {"userPrincipalName": "pwtest@contoso.com", "purpose": ["testUser"]}],
                 "passwordReset": {"selfServiceScope": "Selected", "writebackEnabled": true},
                 "onPremises": {"forests": [{"name": "corp.fabrikam.com", "addedAfterWritebackEnabled": false}],
                                "connect": {"stagingMode": true},
                                "network": {"idleTimeoutSeconds": 300, "tlsInspection": false}}}""";
        ImportResult r = full51().text("answers.json", answers).importIt();
        assertEquals("[\"writebackAdmin\"]", at(r, "/users/0/purpose").toString());
        assertEquals("joeyc@contoso.com", at(r, "/users/0/userPrincipalName").asText(), "the export's spelling stays");
        assertEquals("pwtest@contoso.com", at(r, "/users/3/userPrincipalName").asText(), "named only by the answers: added with what they say");
        assertEquals(2, at(r, "/users/3").size());
        assertFalse(at(r, "/onPremises/forests/0/addedAfterWritebackEnabled").booleanValue());
        assertEquals(1, at(r, "/onPremises/forests").size());
        assertTrue(at(r, "/onPremises/connect/stagingMode").booleanValue());
        assertEquals("answers", r.sources().at("/onPremises.connect.stagingMode/source").asText());
        assertEquals("stated by a person; onprem/Get-ADSyncScheduler.json gave false", r.sources().at("/onPremises.connect.stagingMode/note").asText());
        assertFalse(r.missing().has("passwordReset.selfServiceScope"));
        // The test user has no registration details: scopeIncludesTestUsers still needs an answer.
        assertTrue(r.missing().get("passwordReset.scopeIncludesTestUsers").asText().startsWith("answer needed"));
    }

    @Test
    void theTestUsersRegistrationIsEvidenceForTheResetScope() {
        String answers = "{\"users\": [{\"userPrincipalName\": \"AlexW@Contoso.com\", \"purpose\": [\"testUser\"]}]}";
        ImportResult r = full51().text("answers.json", answers).importIt();
        assertFalse(at(r, "/passwordReset/scopeIncludesTestUsers").booleanValue());
        assertEquals("inferred: test user AlexW@Contoso.com has isSsprEnabled false",
                r.sources().at("/passwordReset.scopeIncludesTestUsers/note").asText());
        assertFalse(at(r, "/users/3/isSsprCapable").booleanValue());
    }

    @Test
    void commandLineAnswersWinOverTheAnswersFile() {
        Answers extra = Answers.none().with("passwordReset.selfServiceScope=All").with("users[joeyc@contoso.com].adminCount=0");
        ImportResult r = CollectionImporter.importCollection(full51().text("answers.json", "{\"passwordReset\": {\"selfServiceScope\": \"None\"}}").files(), extra);
        assertEquals("All", at(r, "/passwordReset/selfServiceScope").asText());
        assertEquals(0, at(r, "/users/0/adminCount").intValue());
    }

    @Test
    void twoExportsGivingOneFactDifferentValuesLeaveItAbsentAsAConflict() {
        ImportResult r = full51().text("onprem/server.json", """
                {"OperatingSystem": "Microsoft Windows Server 2022 Standard", "NetFx4Release": 533320, "ConnectVersion": "2.4.18.0"}""").importIt();
        assertTrue(at(r, "/onPremises/connect/version").isMissingNode());
        assertEquals("conflict: onprem/Get-ADSyncGlobalSettings.json gives \"2.5.79.0\", onprem/server.json gives \"2.4.18.0\"",
                r.missing().get("onPremises.connect.version").asText());
        // Two tenant ids are no conflict but two tenants: refused (CollectionRulesTest).
        assertEquals(1, r.diagnostics().stream().filter(d -> d.message().startsWith("conflict")).count());
        // server.json's other facts, and TLS 1.2 resting on the 2022 + .NET 4.8.1 defaults.
        assertEquals("Windows Server 2022 Standard", at(r, "/onPremises/connect/serverOperatingSystem").asText());
        assertEquals("4.8.1", at(r, "/onPremises/connect/dotNetVersion").asText());
        assertTrue(at(r, "/onPremises/connect/tls12Enabled").booleanValue());
        assertTrue(r.sources().at("/onPremises.connect.tls12Enabled/note").asText().contains("rests on the defaults of Windows Server 2016 or later"));
    }

    @Test
    void probesGiveEachDomainsPdcReachability() {
        ImportResult r = full51().text("onprem/Test-NetConnection.json", """
                [{"ComputerName": "ssprdedicatedsbprodncu.servicebus.windows.net", "RemotePort": 443, "TcpTestSucceeded": true},
                 {"ComputerName": "dc1.corp.fabrikam.com.", "RemotePort": 389, "TcpTestSucceeded": true}]""").importIt();
        assertEquals(2, at(r, "/onPremises/network/probes").size());
        assertTrue(at(r, "/onPremises/forests/0/domains/0/pdcEmulatorReachable").booleanValue());
        assertTrue(at(r, "/onPremises/connect/pdcEmulatorReachable").isMissingNode());
    }

    @Test
    void noMatchingEventIsAnEmptyFileAndMeansNoEvents() {
        ImportResult r = full51().text("onprem/Get-WinEvent.json", "").importIt();
        assertEquals(0, at(r, "/onPremises/connect/recentEvents").size());
        assertEquals("collected: no matching event", r.sources().at("/onPremises.connect.recentEvents/note").asText());
        ImportResult empty = full51().text("onprem/Get-ADSyncScheduler.json", "").importIt();
        assertEquals("onprem/Get-ADSyncScheduler.json: the file is empty", empty.missing().get("onPremises.connect.stagingMode").asText());
    }

    @Test
    void nothingCollectedOnPremisesMeansNoForestsNotAnEmptyList() throws Exception {
        ImportResult r = new TestCollection().manifest("[]").graph().importIt();
        assertTrue(at(r, "/onPremises/forests").isMissingNode());
        assertTrue(at(r, "/onPremises/connect/installed").isMissingNode());
        assertEquals("not collected: onprem/Get-ADForest.json not in the collection", r.missing().get("onPremises.forests").asText());
        ImportResult none = new TestCollection().text("manifest.json", "{\"connectInstalled\": false}").importIt();
        assertFalse(at(none, "/onPremises/connect/installed").booleanValue());
        assertNull(none.missing().get("onPremises.connect.installed"));
    }

    @Test
    void unknownFilesAreListedAsIgnored() {
        ImportResult r = full51().text("onprem/Get-Something.json", "{}").text("notes.txt", "hello").importIt();
        assertEquals(List.of("notes.txt", "onprem/Get-Something.json"), r.filesIgnored());
        assertTrue(r.summary().contains("ignored (unknown): notes.txt, onprem/Get-Something.json"));
    }

    @Test
    void aFolderAndAZipOfItImportTheSame(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) throws Exception {
        TestCollection c = full51();
        ImportResult folder = CollectionImporter.importCollection(CollectionFiles.open(c.writeFolder(tmp.resolve("c"))));
        ImportResult zip = CollectionImporter.importCollection(CollectionFiles.open(c.writeZip(tmp.resolve("c.zip"), "Preflight-contoso")));
        assertEquals(folder.document(), zip.document());
        assertEquals(full51().importIt().document(), folder.document());
        assertTrue(Files.exists(tmp.resolve("c/manifest.json")));
        assertEquals(StandardCharsets.UTF_8, StandardCharsets.UTF_8);
    }
}
