package dev.preflight.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.preflight.api.RuleProblem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Named conditions: {@code checks.json} names a condition once ({@code "define"}) and its
 * requirements use the name; the DRL uses the function of the same name in {@code terms.drl}. A name
 * that is not defined, or one defined in terms of itself, fails with file and line; one no
 * requirement uses is a warning.
 */
class DefineTest {

    private static final String WRITTEN_OUT = "usable || capabilityStatus == null";

    private static String shippedCatalogue() throws IOException {
        return Files.readString(RulesDirs.SHIPPED.resolve(CheckDeclarations.FILE));
    }

    private static int lineOf(String text, String needle) {
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains(needle)) {
                return i + 1;
            }
        }
        throw new AssertionError(needle + " not found");
    }

    private static List<RuleProblem> read(String catalogue) {
        List<RuleProblem> problems = new ArrayList<>();
        CheckDeclarations.read(catalogue, problems);
        return problems;
    }

    /** The catalogue with its define section replaced by {@code define}, and the shipped requirements left as they are. */
    private static String withDefines(String catalogue, String define) {
        int a = catalogue.indexOf("\"define\": {");
        int b = catalogue.indexOf("},", a) + 2;
        return catalogue.substring(0, a) + define + catalogue.substring(b);
    }

    @Test
    void theShippedRulesNameTheSharedConditionOnceEachSide() throws IOException {
        String catalogue = shippedCatalogue();
        assertEquals(Map.of("usableOrUnknown", WRITTEN_OUT), Map.of("usableOrUnknown", CheckDeclarations.definedTerms(catalogue).get("usableOrUnknown")));
        assertEquals(1, catalogue.split(java.util.regex.Pattern.quote(WRITTEN_OUT), -1).length - 1, "written out once, in the define");
        for (String drl : List.of("licensing.drl", "active-directory.drl")) {
            assertFalse(Files.readString(RulesDirs.SHIPPED.resolve(drl)).contains(WRITTEN_OUT), drl);
        }
        assertEquals(1, Files.readString(RulesDirs.SHIPPED.resolve("terms.drl")).split("sku.usable\\(\\) \\|\\| sku.capabilityStatus\\(\\) == null", -1).length - 1,
                "terms.drl's usableOrUnknown");
        // PWB-AD-004's requirement path is short enough to read.
        assertTrue(catalogue.contains("\"onPremises.forests[*].domains?[*].domainControllers?[connectMayWriteTo].isReadOnly\""));
        assertEquals(List.of(), read(catalogue));
    }

    @Test
    void aDefineReadsTheFieldsOfItsConditionOnBothSides() throws IOException {
        List<RuleProblem> problems = new ArrayList<>();
        CheckDeclarations.CheckDecl lic001 = CheckDeclarations.read(shippedCatalogue(), problems).stream()
                .filter(d -> d.id().equals("PWB-LIC-001")).findFirst().orElseThrow();
        // The requirement names capabilityStatus through the define's condition...
        assertTrue(RequirementCoverage.named(lic001).contains("subscribedSkus[*].capabilityStatus"), RequirementCoverage.named(lic001)::toString);
        // ...and the rule reads it through terms.drl's function, so the two are held to each other.
        RuleFiles files = RuleFiles.fromDirectory(RulesDirs.SHIPPED);
        List<RuleDecl> rules = DrlInspector.inspect(files.drl(), problems);
        assertTrue(rules.stream().filter(r -> "PWB-LIC-001".equals(r.annotations().get("id")))
                .allMatch(r -> r.reads().stream().anyMatch(x -> x.path().equals("subscribedSkus[*].capabilityStatus"))));
        assertTrue(rules.stream().filter(r -> "PWB-AD-004".equals(r.annotations().get("id")))
                .anyMatch(r -> r.reads().stream().anyMatch(x -> x.path().equals("onPremises.connect.preferredDomainControllers"))));
        assertEquals(List.of(), problems);
    }

    @Test
    void anUnknownNameIsAnErrorAtTheRequirementsLineListingTheDefines() throws IOException {
        String catalogue = shippedCatalogue().replaceFirst("subscribedSkus\\[usableOrUnknown && \\(assigned", "subscribedSkus[usableOrUnknwn && (assigned");
        List<RuleProblem> errors = read(catalogue).stream().filter(RuleProblem::isError).toList();
        assertEquals(1, errors.size(), errors::toString);
        assertEquals("checks.json", errors.get(0).file());
        assertEquals(lineOf(catalogue, "usableOrUnknwn"), errors.get(0).line());
        assertTrue(errors.get(0).message().contains("\"usableOrUnknwn\" is not a field or term of SubscribedSku or the facts, nor a define of checks.json ("
                + "connectMayWriteTo, mayCarryWritebackPlan, usableOrUnknown)"), errors.get(0).message());
    }

    @Test
    void anUnknownNameInsideADefineNamesTheDefineAndItsLine() throws IOException {
        String catalogue = shippedCatalogue().replace("\"usableOrUnknown\": \"usable || capabilityStatus == null\"", "\"usableOrUnknown\": \"usable || capabilityStatuss == null\"");
        List<RuleProblem> errors = read(catalogue).stream().filter(RuleProblem::isError).toList();
        assertFalse(errors.isEmpty());
        int defineLine = lineOf(catalogue, "capabilityStatuss");
        for (RuleProblem p : errors) {
            assertTrue(p.message().contains("in \"usableOrUnknown\" (define, line " + defineLine + ", \"usable || capabilityStatuss == null\" column 11): \"capabilityStatuss\" is not a field"),
                    p.message());
        }
    }

    @Test
    void aCycleIsAnErrorAtTheDefinesLine() throws IOException {
        String catalogue = withDefines(shippedCatalogue(), """
                "define": {
                    "usableOrUnknown": "usable || unknownStatus",
                    "unknownStatus": "capabilityStatus == null || usableOrUnknown",
                    "mayCarryWritebackPlan": "tables.carriesWritebackPlan(this) || tables.writebackPlanUnknown(this)",
                    "connectMayWriteTo": "!onPremises.connect.onlyPreferred || onPremises.connect.preferredDomainControllers != null && (!onPremises.connect.hasPreferred || onPremises.connect.prefers(hostName))"
                  },
                """);
        List<RuleProblem> errors = read(catalogue).stream().filter(RuleProblem::isError).toList();
        RuleProblem cycle = errors.stream().filter(p -> p.message().contains("defined in terms of itself")).findFirst().orElseThrow(() -> new AssertionError(errors));
        assertEquals("checks.json", cycle.file());
        assertEquals(lineOf(catalogue, "\"usableOrUnknown\": \"usable || unknownStatus\""), cycle.line());
        assertTrue(cycle.message().contains("usableOrUnknown -> unknownStatus -> usableOrUnknown"), cycle.message());
        assertEquals(1, errors.stream().filter(p -> p.message().contains("defined in terms of itself")).count(), "one cycle, one error");
    }

    @Test
    void anUnusedDefineIsAWarningAndANameThatHidesAFieldIsAnError() throws IOException {
        String unused = shippedCatalogue().replace("\"define\": {", "\"define\": {\n    \"enabledSku\": \"capabilityStatus == 'ENABLED'\",");
        List<RuleProblem> problems = read(unused);
        assertEquals(1, problems.size(), problems::toString);
        assertFalse(problems.get(0).isError());
        assertEquals(lineOf(unused, "enabledSku"), problems.get(0).line());
        assertTrue(problems.get(0).message().contains("define \"enabledSku\" is used by no requirement"), problems.get(0).message());

        String hiding = shippedCatalogue().replace("\"define\": {", "\"define\": {\n    \"usable\": \"capabilityStatus == 'ENABLED'\",");
        List<RuleProblem> errors = read(hiding).stream().filter(RuleProblem::isError).toList();
        assertEquals(1, errors.size(), errors::toString);
        assertEquals(lineOf(hiding, "\"usable\":"), errors.get(0).line());
        assertTrue(errors.get(0).message().contains("define \"usable\" has the name of a field or term of SubscribedSku"), errors.get(0).message());
    }
}
