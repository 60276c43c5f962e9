package dev.preflight.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.preflight.api.FactsReader;
import dev.preflight.api.InvalidFactsException;
import dev.preflight.api.MissingFact;
import dev.preflight.api.RuleProblem;
import dev.preflight.facts.TenantFacts;
import dev.preflight.generate.TenantGenerator;
import dev.preflight.rules.RequirementScope;
import dev.preflight.rules.Tables;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.kie.memorycompiler.KieMemoryCompiler;

/**
 * The requirement walk compiled with the jar: used for the shipped catalogue, never for another,
 * and naming exactly the missing facts the interpreter names, in the same order and words.
 */
class RequirementWalksTest {

    private static final RuleFiles SHIPPED = RuleFiles.fromDirectory(Path.of("rules"));
    private static final Tables TABLES = Tables.load(SHIPPED.tables(), new ArrayList<>());
    private static final Messages MESSAGES = Messages.of(Languages.read(SHIPPED.messages(), new ArrayList<>()));
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-07T12:00:00Z"), ZoneOffset.UTC);

    @Test
    void theShippedCatalogueIsWalkedByTheCodeCompiledWithTheJarFromItsTwoHundredthTenant() {
        assertTrue(new Requirements(read(SHIPPED.checks()), MESSAGES).attachCompiled().isCompiled());
        TenantFacts tenant = FactsReader.read(new TenantGenerator(3).line(0));
        try (RuleBase builtIn = RuleBase.load(RuleFiles.builtIn())) {
            // A one-shot evaluate does not pay for attaching it.
            for (int i = 1; i < Requirements.COMPILE_AFTER; i++) {
                builtIn.evaluate(tenant, CLOCK);
            }
            assertFalse(builtIn.requirements().isCompiled());
            builtIn.evaluate(tenant, CLOCK);
            assertTrue(builtIn.requirements().isCompiled());
        }
    }

    @Test
    void theCompiledWalkNamesWhatTheInterpreterNames() throws IOException {
        List<CheckDeclarations.CheckDecl> checks = read(SHIPPED.checks());
        Requirements compiled = new Requirements(checks, MESSAGES).attachCompiled();
        Requirements interpreted = new Requirements(checks, MESSAGES, false);
        assertTrue(compiled.isCompiled());
        assertFalse(interpreted.isCompiled());
        assertSame(tenants(300, 700), compiled::collect, interpreted);
    }

    @Test
    void anEditedCatalogueIsInterpretedAndItsEditCounts() {
        // A condition turned around: the same shape of code, another answer. The compiled walk,
        // generated from the shipped condition, would give the shipped answer.
        String shipped = "\"known\": \"tables.forestLevel(forestMode) != null\"";
        assertTrue(SHIPPED.checks().contains(shipped));
        String edited = SHIPPED.checks().replace(shipped, shipped.replace("!=", "=="));
        Requirements requirements = new Requirements(read(edited), MESSAGES).attachCompiled();
        assertFalse(requirements.isCompiled());
        String tenant = "{\"onPremises\": {\"forests\": [{\"name\": \"contoso.com\", \"forestMode\": \"Windows2016Forest\"}]}}";
        List<String> missing = new ArrayList<>();
        requirements.collect(new RequirementScope(FactsReader.read(tenant), TABLES), Locale.ROOT, (id, m) -> missing.add(m.path()));
        assertTrue(missing.contains("onPremises.forests[0].forestMode"), missing::toString);
        List<String> shippedMissing = new ArrayList<>();
        new Requirements(read(SHIPPED.checks()), MESSAGES).attachCompiled().collect(new RequirementScope(FactsReader.read(tenant), TABLES), Locale.ROOT,
                (id, m) -> shippedMissing.add(m.path()));
        assertFalse(shippedMissing.contains("onPremises.forests[0].forestMode"), shippedMissing::toString);
    }

    /** Conditions of every kind the language has, some the shipped catalogue does not use. */
    private static final String EVERY_NODE = """
            {"define": {"big": "consumedUnits > 10 || consumedUnits == null"},
             "checks": [
              {"id": "PWB-TST-001", "title": "t", "severities": ["ERROR"], "doc": "https://learn.microsoft.com/x",
               "requires": [
                 {"path": "subscribedSkus[big && consumedUnits >= 11].capabilityStatus", "when": "any(subscribedSkus[consumedUnits < 5])"},
                 {"path": "subscribedSkus[consumedUnits <= 4 || !usable].servicePlans", "when": "none(subscribedSkus[*]) || true"},
                 {"path": "users[this.accountEnabled == true && roles != null].roles", "when": "!(passwordReset.writebackEnabled == false)"},
                 {"path": "users[hasPurpose('TEST_USER') && (false || synced)].onPremisesSyncEnabled"},
                 {"path": "onPremises.forests[*].domains?[minPasswordAgeDays > 0 && minPasswordAgeDays != 3].pdcEmulator"},
                 {"path": "onPremises.forests[*].forestMode", "known": "tables.forestLevel(forestMode) != null && 1 < 2",
                  "reason": "unknown-forest-level", "args": ["forestMode", "label"]},
                 {"path": "onPremises.connect.version", "when": "onPremises.connect.version != null || tenant.cloud == 'USGOV'"},
                 {"path": "users[admin].userPrincipalName", "when": "any(users[writebackAdmin(this)])"}
               ]}
            ]}""";

    @Test
    void codeGeneratedForAnyCatalogueDoesWhatTheInterpreterDoes() throws Exception {
        Requirements interpreted = new Requirements(read(EVERY_NODE), MESSAGES, false);
        String name = "GeneratedWalkUnderTest";
        RequirementWalks.Source source = RequirementWalks.generate(interpreted, name);
        assertFalse(source.text().contains(".eval(c, r)"), "every node of this catalogue is generated as code");
        Map<String, byte[]> classes = KieMemoryCompiler.compileNoLoad(Map.of("dev.preflight.engine." + name, source.text()),
                getClass().getClassLoader());
        // Defined in this package, as the build defines the shipped one: it calls package-private types.
        Class<?> type = MethodHandles.lookup().defineClass(classes.get("dev.preflight.engine." + name));
        Requirements.Walk walk = (Requirements.Walk) type.getDeclaredConstructor(Requirements.class, Object[].class)
                .newInstance(interpreted, source.constants());
        assertSame(tenants(300, 700), walk::collect, interpreted);
    }

    /** Two walks compared on every tenant, in English and Chinese: the same facts, the same order. */
    private static void assertSame(List<TenantFacts> tenants, Requirements.Walk walk, Requirements interpreted) {
        int missing = 0;
        int unknown = 0;
        for (TenantFacts t : tenants) {
            for (Locale locale : List.of(Locale.ROOT, Locale.SIMPLIFIED_CHINESE)) {
                List<String> expected = new ArrayList<>();
                interpreted.collect(new RequirementScope(t, TABLES), locale, (id, m) -> expected.add(line(id, m)));
                List<String> actual = new ArrayList<>();
                walk.collect(new RequirementScope(t, TABLES), locale, (id, m) -> actual.add(line(id, m)));
                assertEquals(expected, actual, () -> "tenant " + (t.tenant() == null ? "?" : t.tenant().displayName()));
                missing += expected.size();
                unknown += (int) expected.stream().filter(l -> !l.contains("reason=" + MissingFact.NOT_COLLECTED)).count();
            }
        }
        assertTrue(missing > 1000 && unknown > 20, "the tenants lack facts and hold unknown values: " + missing + ", " + unknown);
    }

    /** Everything the report shows of a missing fact. */
    private static String line(String checkId, MissingFact m) {
        return checkId + " " + m;
    }

    private static List<CheckDeclarations.CheckDecl> read(String catalogue) {
        List<RuleProblem> problems = new ArrayList<>();
        List<CheckDeclarations.CheckDecl> checks = CheckDeclarations.read(catalogue, problems);
        assertTrue(problems.stream().noneMatch(RuleProblem::isError), problems::toString);
        return checks;
    }

    /**
     * Generated tenants, the same with fields removed, nulled or emptied at random (what a partial
     * collection gives), the samples and the rule cases' tenants.
     */
    private static List<TenantFacts> tenants(int generated, int pruned) throws IOException {
        List<TenantFacts> out = new ArrayList<>();
        TenantGenerator generator = new TenantGenerator(23);
        Random random = new Random(5);
        for (int i = 0; i < generated + pruned; i++) {
            ObjectNode doc = generator.tenant(i);
            if (i >= generated) {
                prune(doc, random, 0.04 + random.nextDouble() * 0.2);
            }
            try {
                out.add(FactsReader.read(JSON.writeValueAsString(doc)));
            } catch (InvalidFactsException e) {
                // a pruned required field: not a tenant
            }
        }
        for (Path dir : List.of(Path.of("samples"), Path.of("rules/tests/tenants"))) {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path p : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                    try {
                        out.add(FactsReader.read(p));
                    } catch (InvalidFactsException e) {
                        // a rule case's deliberately invalid input
                    }
                }
            }
        }
        assertTrue(out.size() > generated + pruned / 2, "most pruned tenants still read: " + out.size());
        return out;
    }

    private static void prune(JsonNode node, Random random, double rate) {
        if (node instanceof ObjectNode o) {
            for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                double roll = random.nextDouble();
                if (roll < rate / 2) {
                    it.remove();
                } else if (roll < rate) {
                    field.setValue(field.getValue().isArray() && random.nextBoolean() ? JSON.createArrayNode() : JSON.nullNode());
                } else {
                    prune(field.getValue(), random, rate);
                }
            }
        } else if (node instanceof ArrayNode a) {
            a.forEach(e -> prune(e, random, rate));
        }
    }
}
