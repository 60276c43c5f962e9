package dev.preflight.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.preflight.api.FactsReader;
import dev.preflight.api.Report;
import dev.preflight.api.Verdict;
import dev.preflight.facts.TenantFacts;
import dev.preflight.generate.TenantGenerator;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.drools.ancompiler.CompiledNetwork;
import org.drools.base.InitialFact;
import org.drools.core.reteoo.ObjectTypeNode;
import org.drools.kiesession.rulebase.InternalKnowledgeBase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kie.api.KieBase;

/**
 * The built-in rules' alpha networks, compiled when the jar was built: attached at load to every
 * fact type's network they fit, never to one they do not, and without changing an answer.
 */
class AlphaNetworksTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-20T12:00:00Z"), ZoneOffset.UTC);

    @Test
    void theBuiltInRulesPropagateEveryFactTypeThroughItsCompiledNetwork() {
        try (RuleBase builtIn = RuleBase.load(RuleFiles.builtIn())) {
            assertEquals(RuleBase.Source.PRECOMPILED, builtIn.source());
            Map<String, Boolean> compiled = compiledByType(builtIn.kieBase());
            assertTrue(compiled.size() >= 14, "a network per fact type the rules match: " + compiled.keySet());
            compiled.forEach((type, isCompiled) -> assertTrue(isCompiled, type + " propagates through its compiled network"));
        }
    }

    @TempDir
    Path tmp;

    @Test
    void rulesCompiledAtRunTimeKeepTheNetworkAsDroolsBuildsIt() {
        try (RuleBase fromDirectory = RuleBase.load(RuleFiles.fromDirectory(editedRules()))) {
            assertEquals(RuleBase.Source.COMPILED, fromDirectory.source());
            Map<String, Boolean> compiled = compiledByType(fromDirectory.kieBase());
            assertFalse(compiled.isEmpty());
            compiled.forEach((type, isCompiled) -> assertFalse(isCompiled, type + " as Drools builds it"));
        }
    }

    @Test
    void aCompiledNetworkThatDoesNotFitTheNetworkBuiltHereIsNotAttached() throws IOException {
        byte[] kjar;
        try (RuleBase builtIn = RuleBase.load(RuleFiles.builtIn())) {
            kjar = builtIn.compiled();
        }
        // As if another Drools had built the User network differently: its fingerprint no longer matches.
        byte[] altered = withIndex(kjar, index -> {
            StringBuilder b = new StringBuilder();
            for (String line : index.split("\n")) {
                b.append(line.contains("_User=") ? line.replaceFirst("\\|a (\\d+) ", "|a 9$1 ") : line).append('\n');
            }
            assertNotEquals(index, b.toString(), "the User network's fingerprint was altered");
            return b.toString();
        });
        KieBase kieBase = KjarLoader.load(altered).kieBase();
        Map<String, Boolean> compiled = compiledByType(kieBase);
        assertFalse(compiled.get("dev.preflight.facts.User"), "the User network stays as Drools built it");
        compiled.forEach((type, isCompiled) -> assertTrue(isCompiled || type.equals("dev.preflight.facts.User"), type + " still compiled"));
        // And the compiled rules without any: nothing attached, nothing fails.
        byte[] none = withIndex(kjar, index -> null);
        compiledByType(KjarLoader.load(none).kieBase()).forEach((type, isCompiled) -> assertFalse(isCompiled, type));
    }

    @Test
    void theAnswersAreTheSameWithTheCompiledNetworksAsWithout() throws IOException {
        List<TenantFacts> tenants = new ArrayList<>();
        TenantGenerator generator = new TenantGenerator(11);
        for (int i = 0; i < 400; i++) {
            tenants.add(FactsReader.read(generator.line(i)));
        }
        try (var samples = Files.list(Path.of("samples"))) {
            for (Path s : (Iterable<Path>) samples.filter(p -> p.toString().endsWith(".json")).sorted()::iterator) {
                tenants.add(FactsReader.read(s));
            }
        }
        try (RuleBase compiledNetworks = RuleBase.load(RuleFiles.builtIn()); RuleBase droolsNetworks = RuleBase.load(RuleFiles.fromDirectory(editedRules()))) {
            assertTrue(compiledByType(compiledNetworks.kieBase()).values().stream().allMatch(c -> c));
            assertTrue(compiledByType(droolsNetworks.kieBase()).values().stream().noneMatch(c -> c));
            int notEligible = 0;
            for (TenantFacts t : tenants) {
                Report a = compiledNetworks.evaluate(t, CLOCK);
                Report b = droolsNetworks.evaluate(t, CLOCK);
                String who = t.tenant() == null ? "a tenant" : t.tenant().displayName();
                assertEquals(b.verdict(), a.verdict(), who);
                assertEquals(b.checks(), a.checks(), who);
                assertEquals(b.summary(), a.summary(), who);
                assertEquals(b.errors(), a.errors(), who);
                notEligible += a.verdict() == Verdict.NOT_ELIGIBLE ? 1 : 0;
            }
            assertTrue(notEligible > 50, "the tenants fail checks too: " + notEligible);
        }
    }

    /**
     * The shipped rules with a comment added: compiled here, at run time (the shipped rules
     * unchanged would reuse the compiled ones the jar carries).
     */
    private Path editedRules() {
        Path copy = RulesDirs.copy(tmp.resolve("rules"));
        RulesDirs.append(copy.resolve("events.drl"), "\n// edited: compiled at run time\n");
        return copy;
    }

    /** Per fact type the rules match, whether it propagates through a compiled network. */
    private static Map<String, Boolean> compiledByType(KieBase kieBase) {
        Map<String, Boolean> out = new TreeMap<>();
        ((InternalKnowledgeBase) kieBase).getRete().getEntryPointNodes().values().forEach(ep -> {
            for (ObjectTypeNode otn : ep.getObjectTypeNodes().values()) {
                if (!otn.getObjectType().isAssignableTo(InitialFact.class)) {
                    assertSame(null, out.put(otn.getObjectType().getClassName(), otn.getObjectSinkPropagator() instanceof CompiledNetwork));
                }
            }
        });
        return out;
    }

    /** The compiled rules with their alpha network index rewritten (null: removed). */
    private static byte[] withIndex(byte[] kjar, UnaryOperator<String> rewrite) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        boolean found = false;
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(kjar)); ZipOutputStream zip = new ZipOutputStream(out)) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                byte[] content = in.readAllBytes();
                if (e.getName().equals(AlphaNetworks.INDEX)) {
                    found = true;
                    String text = rewrite.apply(new String(content, StandardCharsets.UTF_8));
                    if (text == null) {
                        continue;
                    }
                    content = text.getBytes(StandardCharsets.UTF_8);
                }
                zip.putNextEntry(new ZipEntry(e.getName()));
                zip.write(content);
                zip.closeEntry();
            }
        }
        assertTrue(found, "the built-in compiled rules hold the alpha networks' index");
        return out.toByteArray();
    }
}
