package dev.preflight.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.preflight.api.RuleProblem;
import dev.preflight.engine.RuleFiles;
import dev.preflight.facts.Cloud;
import dev.preflight.facts.ConnectEvent;
import dev.preflight.facts.ProvisioningStatus;
import dev.preflight.facts.ServicePlan;
import dev.preflight.facts.Version;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The shipped tables, read the way the catalogue describes. */
class TablesTest {

    static Tables tables;

    @BeforeAll
    static void load() {
        List<RuleProblem> problems = new ArrayList<>();
        tables = Tables.load(RuleFiles.fromDirectory(Path.of("rules")).tables(), problems);
        assertEquals(List.of(), problems);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Windows Server 2019 Datacenter | 2019",
        "Windows Server® 2008 Standard | 2008",
        "Windows Server 2003 Enterprise Edition | 2003",
        "Windows Server 2008 R2 Enterprise | 2008 R2",
        "Windows Server™ 2012 R2 Datacenter | 2012 R2",
        "windows server 2016 standard evaluation | 2016",
        "Windows Server 2025 Datacenter: Azure Edition | 2025",
        "Windows Server 2031 Standard | 2025",
        "Windows 2000 Server | 2000"
    })
    void operatingSystemsMapByYearAndR2(String os, String release) {
        assertEquals(release, tables.windowsServer(os).release());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"Samba 4.15", "Windows Server vNext", "Windows Server 2016 R2", "''"})
    void unrecognisedOperatingSystems(String os) {
        assertNull(tables.windowsServer(os));
    }

    @Test
    void connectVersionsFallUnderTheHighestListedBuildNotAboveThem() {
        assertEquals(Version.parse("1.1.443.0"), tables.connectBuildFor(Version.parse("2.1.20.0")).build());
        assertEquals(Version.parse("2.4.131.0"), tables.connectBuildFor(Version.parse("2.4.200.0")).build());
        assertEquals(Version.parse("2.5.79.0"), tables.connectBuildFor(Version.parse("2.10.0.0")).build());
        assertNull(tables.connectBuildFor(Version.parse("1.0.8641.0")));
        assertEquals(Version.parse("2.5.79.0"), tables.newestConnectBuild().build());
        assertEquals(Version.parse("2.5.79.0"), tables.requiredConnectBuild(LocalDate.parse("2026-09-30")).build());
        assertNull(tables.requiredConnectBuild(LocalDate.parse("2026-09-29")));
    }

    @Test
    void namesMatchInAnyCase() {
        assertEquals(true, tables.isWritebackPlan(new ServicePlan("41781fb2-bc02-4b7c-bd55-b576c07bb09d", null, ProvisioningStatus.SUCCESS)));
        assertEquals(true, tables.isWritebackPlan(new ServicePlan("41781FB2-BC02-4B7C-BD55-B576C07BB09D", null, ProvisioningStatus.SUCCESS)));
        assertEquals(true, tables.isWritebackPlan(new ServicePlan(null, "aad_premium_p2", ProvisioningStatus.SUCCESS)));
        assertEquals(false, tables.isWritebackPlan(new ServicePlan("41781fb2-bc02-4b7c-bd55-b576c07bb09e", "AAD_PREMIUM", ProvisioningStatus.SUCCESS)),
                "an id decides when there is one, not the name");
        assertEquals(false, tables.isWritebackPlan(new ServicePlan(null, "AAD_PREMIUM_P3", ProvisioningStatus.SUCCESS)));
        assertEquals("passwordreset.microsoftonline.us", tables.endpoint(Cloud.USGOV, "PASSWORDRESET").host());
        assertNull(tables.endpoint(Cloud.USGOV, "password reset"));
    }

    @Test
    void endpointsPerCloud() {
        assertEquals("passwordreset.microsoftonline.us", tables.endpoint(Cloud.USGOV, "passwordReset").host());
        assertEquals("servicebus.chinacloudapi.cn", tables.endpoint(Cloud.CHINA, "serviceBus").host());
        assertEquals(false, tables.endpoint(Cloud.CHINA, "passwordReset").documented());
    }

    @Test
    void eventsAreToldApartByTheirMarker() {
        assertEquals("PasswordSyncNotEnabled", tables.event(new ConnectEvent("ADSync", 6329, null, "... 0x8023061F ...")).name());
        assertEquals("PasswordPolicyControlMissing", tables.event(new ConnectEvent("adsync", 6329, null, "MMS(3040): ldap.cpp")).name());
        assertEquals("DuplicateAnchor", tables.event(new ConnectEvent("ADSync", 611, null, "hr=80230402")).name());
        assertNull(tables.event(new ConnectEvent("ADSync", 6329, null, "something else")));
        assertEquals(false, tables.event(new ConnectEvent("PasswordResetService", 31019, null, "")).error());
    }
}
