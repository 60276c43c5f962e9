package dev.preflight.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.preflight.api.FactsReader;
import dev.preflight.api.MissingFact;
import dev.preflight.api.RuleProblem;
import dev.preflight.facts.TenantFacts;
import dev.preflight.rules.RequirementScope;
import dev.preflight.rules.Tables;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Requirements whose paths share their first steps walk those steps once per tenant: what each
 * check is missing is what walking its path alone finds, in the shipped catalogue and in paths that
 * share an absent object, a filtered list, an optional list and a {@code when}.
 */
class RequirementsTest {

    private static final RuleFiles SHIPPED = RuleFiles.fromDirectory(Path.of("rules"));
    private static final Tables TABLES = Tables.load(SHIPPED.tables(), new ArrayList<>());
    private static final Messages MESSAGES = Messages.of(Languages.read(SHIPPED.messages(), new ArrayList<>()));

    /** Paths that share steps, each with its own ending, filter and condition. */
    private static final String SHARED = """
            {"checks": [
              {"id": "PWB-TST-001", "title": "t", "severities": ["ERROR"], "doc": "https://learn.microsoft.com/x",
               "requires": ["onPremises.connect.version", "onPremises.connect.stagingMode", "onPremises.connect.lastFullSync.ad",
                            "onPremises.connect.lastFullSync.entraId"]},
              {"id": "PWB-TST-002", "title": "t", "severities": ["ERROR"], "doc": "https://learn.microsoft.com/x",
               "requires": ["onPremises.forests[*].domains[*].pdcEmulator", "onPremises.forests[*].forestMode",
                            "onPremises.forests[*].domains?[*].domainControllers?[*].operatingSystem", "onPremises.forests"]},
              {"id": "PWB-TST-003", "title": "t", "severities": ["ERROR"], "doc": "https://learn.microsoft.com/x",
               "requires": ["onPremises.forests[*].domains[*].minPasswordAgeDays",
                            {"path": "users[testUser].onPremisesSyncEnabled", "when": "passwordReset.writebackEnabled != false"},
                            {"path": "users[testUser].isSsprCapable", "when": "passwordReset.writebackEnabled == false"},
                            "users[testUser].roles", "users[admin].onPremisesSyncEnabled"]}
            ]}""";

    private static final List<String> TENANTS = List.of(
            "{}",
            "{\"onPremises\": {\"forests\": null, \"connect\": null}}",
            """
            {"passwordReset": {"writebackEnabled": true},
             "users": [{"userPrincipalName": "t1@contoso.com", "purpose": ["testUser"], "accountEnabled": true},
                       {"userPrincipalName": "a@contoso.com", "roles": ["Global Administrator"], "accountEnabled": true, "isSsprCapable": true},
                       {"userPrincipalName": "t2@contoso.com", "purpose": ["testUser"], "onPremisesSyncEnabled": true, "roles": []}],
             "onPremises": {"connect": {"version": "2.4.18.0", "lastFullSync": {}},
               "forests": [{"name": "contoso.com", "domains": [{"name": "contoso.com", "minPasswordAgeDays": 1},
                                                               {"name": "eu.contoso.com", "pdcEmulator": "dc1.eu.contoso.com",
                                                                "domainControllers": [{"hostName": "dc1.eu.contoso.com"}]}]},
                           {"name": "fabrikam.com", "forestMode": "Windows2016Forest"}]}}""");

    @Test
    void sharedStepsFindWhatEachPathFindsAlone() {
        List<CheckDeclarations.CheckDecl> checks = read(SHARED);
        int found = 0;
        for (String tenant : TENANTS) {
            Set<String> shared = missing(checks, FactsReader.read(tenant));
            assertEquals(alone(checks, FactsReader.read(tenant)), shared, tenant);
            found += shared.size();
        }
        assertTrue(found > 20, "the tenants lack facts on every shared step: " + found);
    }

    @Test
    void theShippedCatalogueFindsWhatEachPathFindsAlone() {
        List<CheckDeclarations.CheckDecl> checks = read(SHIPPED.checks());
        for (String tenant : TENANTS) {
            assertEquals(alone(checks, FactsReader.read(tenant)), missing(checks, FactsReader.read(tenant)), tenant);
        }
    }

    @Test
    void anAbsentSharedObjectIsNamedForEveryPathThroughIt() {
        Set<String> missing = missing(read(SHARED), FactsReader.read("{\"onPremises\": {\"forests\": null}}"));
        assertTrue(missing.contains("PWB-TST-002 onPremises.forests"), missing::toString);
        assertTrue(missing.contains("PWB-TST-003 onPremises.forests"), missing::toString);
        assertTrue(missing.contains("PWB-TST-001 onPremises.connect.lastFullSync.ad"), missing::toString);
        assertTrue(missing.contains("PWB-TST-003 users"), missing::toString);
    }

    private static List<CheckDeclarations.CheckDecl> read(String catalogue) {
        List<RuleProblem> problems = new ArrayList<>();
        List<CheckDeclarations.CheckDecl> checks = CheckDeclarations.read(catalogue, problems);
        assertTrue(problems.stream().noneMatch(RuleProblem::isError), problems::toString);
        return checks;
    }

    /** Every missing fact as "check path", all requirements walked together. */
    private static Set<String> missing(List<CheckDeclarations.CheckDecl> checks, TenantFacts facts) {
        Set<String> out = new TreeSet<>();
        // The shipped catalogue's compiled walk, when it is one: compared with the interpreter's walks alone.
        new Requirements(checks, MESSAGES).attachCompiled().collect(new RequirementScope(facts, TABLES), Locale.ROOT, (id, m) -> out.add(line(id, m)));
        return out;
    }

    /** The same, each requirement in a catalogue of its own: nothing shared. */
    private static Set<String> alone(List<CheckDeclarations.CheckDecl> checks, TenantFacts facts) {
        Set<String> out = new TreeSet<>();
        for (CheckDeclarations.CheckDecl c : checks) {
            for (CheckDeclarations.Requirement r : c.requires()) {
                CheckDeclarations.CheckDecl one = new CheckDeclarations.CheckDecl(c.id(), c.title(), c.severities(), c.doc(), c.remediation(),
                        List.of(r), Map.of(), c.line(), c.complete());
                new Requirements(List.of(one), MESSAGES).collect(new RequirementScope(facts, TABLES), Locale.ROOT, (id, m) -> out.add(line(id, m)));
            }
        }
        return out;
    }

    private static String line(String checkId, MissingFact m) {
        return checkId + " " + m.path() + (m.reason().equals(MissingFact.NOT_COLLECTED) ? "" : " (" + m.reason() + ")");
    }
}
