package dev.preflight.collection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The Connect server's registry and ACL exports: TLS 1.2 and the connector account's permissions. */
class ConnectServerFilesTest {

    private static final String USER = "bf967aba-0de6-11d0-a285-00aa003049e2";

    @Test
    void aTls12ValueSetTheOtherWayIsFalseAndNamed() {
        String rows = """
                [{"Path": "HKEY_LOCAL_MACHINE\\\\SOFTWARE\\\\Microsoft\\\\.NETFramework\\\\v4.0.30319", "Name": "SchUseStrongCrypto", "Value": 0},
                 {"Path": "hklm:\\\\system\\\\CurrentControlSet\\\\Control\\\\SecurityProviders\\\\SCHANNEL\\\\Protocols\\\\TLS 1.2\\\\Client", "Name": "Enabled", "Value": 0}]""";
        ImportResult r = CollectionImporterTest.full51().text("onprem/Get-ADSyncToolsTls12.json", rows).importIt();
        assertFalse(r.document().at("/onPremises/connect/tls12Enabled").booleanValue());
        assertEquals("set the other way: .NET v4.0.30319 SchUseStrongCrypto = 0, SCHANNEL TLS 1.2 Client Enabled = 0",
                r.sources().at("/onPremises.connect.tls12Enabled/note").asText());
    }

    @Test
    void allEightValuesSetIsTrueWithoutCaveat() {
        StringBuilder rows = new StringBuilder("[");
        String net = "HKLM:\\\\SOFTWARE\\\\%sMicrosoft\\\\.NETFramework\\\\v4.0.30319";
        String sch = "HKLM:\\\\SYSTEM\\\\CurrentControlSet\\\\Control\\\\SecurityProviders\\\\SCHANNEL\\\\Protocols\\\\TLS 1.2\\\\%s";
        for (String wow : new String[] {"", "WOW6432Node\\\\"}) {
            for (String name : new String[] {"SystemDefaultTlsVersions", "SchUseStrongCrypto"}) {
                rows.append(String.format("{\"Path\": \"%s\", \"Name\": \"%s\", \"Value\": 1},", String.format(net, wow), name));
            }
        }
        for (String side : new String[] {"Server", "Client"}) {
            rows.append(String.format("{\"Path\": \"%s\", \"Name\": \"Enabled\", \"Value\": 4294967295},", String.format(sch, side)));
            rows.append(String.format("{\"Path\": \"%s\", \"Name\": \"DisabledByDefault\", \"Value\": 0},", String.format(sch, side)));
        }
        rows.setCharAt(rows.length() - 1, ']');
        ImportResult r = CollectionImporterTest.full51().text("onprem/Get-ADSyncToolsTls12.json", rows.toString()).importIt();
        assertTrue(r.document().at("/onPremises/connect/tls12Enabled").booleanValue(), r.summary());
        assertTrue(r.sources().at("/onPremises.connect.tls12Enabled/note").isMissingNode());
    }

    private static String rule(Object rights, String objectType, String inherited, Object type) {
        return String.format("{\"ActiveDirectoryRights\": %s, \"ObjectType\": \"%s\", \"InheritedObjectType\": \"%s\", \"AccessControlType\": %s, "
                + "\"IdentityReference\": {\"Value\": \"CONTOSO\\\\MSOL_1\"}}", rights, objectType, inherited, type);
    }

    @Test
    void permissionsFromNamesGenericAllAndDenyOverEveryDomain() {
        String root = "[" + String.join(",",
                rule("\"GenericAll\"", "00000000-0000-0000-0000-000000000000", "", "\"Allow\""),
                rule(256, "00299570-246d-11d0-a768-00aa006e0529", USER, "\"Deny\""),
                rule(32, "bf967a0a-0de6-11d0-a285-00aa003049e2", "bf967a86-0de6-11d0-a285-00aa003049e2", 0)) + "]";
        String child = "[" + String.join(",",
                rule("\"ExtendedRight, WriteProperty\"", "00000000-0000-0000-0000-000000000000", USER, 0),
                rule(256, "ccc2dc7d-a6ad-4a7a-8846-c04e3cc53501", "", 0)) + "]";
        ImportResult r = CollectionImporterTest.full51().text("onprem/connector-acl.corp.fabrikam.com.json", root)
                .text("onprem/connector-acl.emea.corp.fabrikam.com.json", child).importIt();
        assertEquals("[\"ChangePassword\",\"WriteLockoutTime\",\"WritePwdLastSet\",\"UnexpirePassword\"]",
                r.document().at("/onPremises/connect/connectorAccount/permissions").toString(), r.summary());
        assertEquals("granted on every examined domain: [corp.fabrikam.com, emea.corp.fabrikam.com]",
                r.sources().at("/onPremises.connect.connectorAccount.permissions/note").asText());
        ImportResult bad = CollectionImporterTest.full51().text("onprem/connector-acl.corp.fabrikam.com.json",
                "[" + rule("\"ReadEverything\"", "00299570-246d-11d0-a768-00aa006e0529", USER, 0) + "]").importIt();
        assertTrue(bad.diagnostics().get(0).message().contains("unknown ActiveDirectoryRights name \"ReadEverything\""), bad.diagnostics().toString());
    }
}
