package dev.preflight.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import dev.preflight.api.Evaluator;
import dev.preflight.api.Report;
import dev.preflight.api.Waivers;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** JUnit XML and SARIF outputs pass their published schemas and say what a CI server or code scanning shows. */
class CiFormatsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static Evaluator evaluator;
    private static Evaluator waived;
    private static JsonSchema sarifSchema;
    private static Schema junitSchema;

    @BeforeAll
    static void setUp() throws Exception {
        evaluator = Evaluator.builder().rulesDirectory(Path.of("rules")).build();
        waived = Evaluator.builder().rulesDirectory(Path.of("rules")).waivers(Waivers.read(Path.of("samples/waivers.yaml"))).build();
        try (InputStream in = CiFormatsTest.class.getResourceAsStream("/schemas/sarif-schema-2.1.0.json")) {
            sarifSchema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(in);
        }
        SchemaFactory xsd = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
        junitSchema = xsd.newSchema(CiFormatsTest.class.getResource("/schemas/junit-10.xsd"));
    }

    @AfterAll
    static void tearDown() {
        evaluator.close();
        waived.close();
    }

    static List<Path> samples() throws IOException {
        try (Stream<Path> s = Files.list(Path.of("samples"))) {
            return s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
    }

    private static String sarif(Evaluator e, Path facts) throws IOException {
        Report r = e.evaluate(facts);
        return SarifReport.render(r, e.catalogue(), facts.toString(), FactLocations.of(Files.readAllBytes(facts)), "test");
    }

    private static void assertValidJunit(String xml, String what) {
        try {
            junitSchema.newValidator().validate(new StreamSource(new StringReader(xml)));
        } catch (Exception e) {
            throw new AssertionError(what + ": " + e.getMessage() + "\n" + xml, e);
        }
    }

    @Test
    void everySampleGivesSarifValidAgainstTheSarif210Schema() throws IOException {
        for (Path p : samples()) {
            for (Evaluator e : List.of(evaluator, waived)) {
                JsonNode log = JSON.readTree(sarif(e, p));
                assertEquals(Set.of(), sarifSchema.validate(log), p.toString());
                assertEquals(36, log.at("/runs/0/tool/driver/rules").size(), "one rule per check");
                Report r = e.evaluate(p);
                assertEquals(r.findings().size(), log.at("/runs/0/results").size(), "one result per finding: " + p);
            }
        }
    }

    @Test
    void theSchemaCatchesWhatIsNotSarif() throws IOException {
        JsonNode log = JSON.readTree(sarif(evaluator, Path.of("samples/legacy-forest-2008r2.json")));
        ((com.fasterxml.jackson.databind.node.ObjectNode) log.at("/runs/0/results/0")).put("level", "fatal");
        assertTrue(!sarifSchema.validate(log).isEmpty(), "a validator that accepts anything proves nothing");
    }

    @Test
    void sarifResultsPointAtTheSubjectInTheFactsFile() throws IOException {
        Path facts = Path.of("samples/legacy-forest-2008r2.json");
        JsonNode log = JSON.readTree(sarif(waived, facts));
        List<String> lines = Files.readAllLines(facts);
        JsonNode dc2 = null;
        for (JsonNode result : log.at("/runs/0/results")) {
            if (result.at("/locations/0/logicalLocations/0/name").asText().equals("dc2.corp.fabrikam.com")) {
                dc2 = result;
            }
        }
        assertEquals("PWB-AD-002", dc2.get("ruleId").asText());
        assertEquals("error", dc2.get("level").asText());
        int line = dc2.at("/locations/0/physicalLocation/region/startLine").asInt();
        int column = dc2.at("/locations/0/physicalLocation/region/startColumn").asInt();
        assertEquals('{', lines.get(line - 1).charAt(column - 1), "the region starts at the domain controller's object");
        assertTrue(lines.get(line).contains("\"hostName\": \"dc2.corp.fabrikam.com\""), lines.get(line));
        assertEquals("samples/legacy-forest-2008r2.json", dc2.at("/locations/0/physicalLocation/artifactLocation/uri").asText());
        assertEquals("accepted", dc2.at("/suppressions/0/status").asText(), "the waiver shows as an accepted suppression");
        assertEquals("https://learn.microsoft.com/entra/identity/hybrid/connect/how-to-connect-install-prerequisites",
                log.at("/runs/0/tool/driver/rules/" + dc2.get("ruleIndex").asInt() + "/helpUri").asText());
    }

    @Test
    void factLocationsFollowPathsAndFallBackToTheNearestAncestor() {
        byte[] json = "{\n  \"a\": {\"b\": [1,\n {\"c\": true}]},\n  \"d\": 2\n}".getBytes(StandardCharsets.UTF_8);
        FactLocations at = FactLocations.of(json);
        assertEquals(new FactLocations.Position(3, 2), at.at("a.b[1]"));
        assertEquals(new FactLocations.Position(3, 8), at.at("a.b[1].c"));
        assertEquals(new FactLocations.Position(2, 8), at.at("a.missing"), "an absent field: the object that lacks it");
        assertEquals(new FactLocations.Position(4, 8), at.at("d"));
        assertEquals(new FactLocations.Position(1, 1), at.at(null));
        byte[] utf16 = ("\uFEFF" + new String(json, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_16LE);
        assertEquals(new FactLocations.Position(3, 8), FactLocations.of(utf16).at("a.b[1].c"), "UTF-16 as PowerShell writes it");
    }

    @Test
    void everySampleGivesJunitValidAgainstTheJunitSchema() throws IOException {
        for (Path p : samples()) {
            for (Evaluator e : List.of(evaluator, waived)) {
                assertValidJunit(JunitReport.render(e.evaluate(p)), p.toString());
            }
        }
    }

    @Test
    void junitHasATestCasePerCheckFailuresAndSkippedWithTheMissingFacts() throws Exception {
        Document legacy = parse(JunitReport.render(evaluator.evaluate(Path.of("samples/legacy-forest-2008r2.json"))));
        NodeList cases = legacy.getElementsByTagName("testcase");
        assertEquals(36, cases.getLength());
        Element suite = (Element) legacy.getElementsByTagName("testsuite").item(0);
        assertEquals("2", suite.getAttribute("failures"), "PWB-AD-002 (error) and PWB-EVT-001 (warning)");
        Element failure = (Element) legacy.getElementsByTagName("failure").item(0);
        assertEquals("ERROR", failure.getAttribute("type"));
        assertTrue(((Element) failure.getParentNode()).getAttribute("name").startsWith("PWB-AD-002 "));

        Document network = parse(JunitReport.render(evaluator.evaluate(Path.of("samples/network-not-collected.json"))));
        NodeList skipped = network.getElementsByTagName("skipped");
        assertEquals(4, skipped.getLength());
        String message = ((Element) skipped.item(0)).getAttribute("message");
        assertTrue(message.startsWith("not evaluated: missing onPremises.network."), message);

        Document waivedDoc = parse(JunitReport.render(waived.evaluate(Path.of("samples/legacy-forest-2008r2.json"))));
        Element ad2 = null;
        NodeList all = waivedDoc.getElementsByTagName("testcase");
        for (int i = 0; i < all.getLength(); i++) {
            if (((Element) all.item(i)).getAttribute("name").startsWith("PWB-AD-002")) {
                ad2 = (Element) all.item(i);
            }
        }
        Element f = (Element) ad2.getElementsByTagName("failure").item(0);
        assertEquals("WARNING", f.getAttribute("type"), "the waived error leaves the warnings failing");
        assertTrue(f.getTextContent().contains("WAIVED: dc2.corp.fabrikam.com"), f.getTextContent());
    }

    @Test
    void hostileTenantNamesStayValidXmlAndJson() throws IOException {
        String facts = Files.readString(Path.of("samples/legacy-forest-2008r2.json"))
                .replace("\"Fabrikam Inc\"", "\"<script>alert(1)</script> ]]> \\u0007\\u001b[31m & \\\"q\\\" \\ud800\"");
        Report r = evaluator.evaluateJson(facts);
        String xml = JunitReport.render(r);
        assertValidJunit(xml, "hostile");
        assertTrue(xml.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), xml.substring(0, 600));
        JsonNode log = JSON.readTree(SarifReport.render(r, evaluator.catalogue(), "t.json",
                FactLocations.of(facts.getBytes(StandardCharsets.UTF_8)), "test"));
        assertEquals(Set.of(), sarifSchema.validate(log));
        assertTrue(log.at("/runs/0/properties/tenantName").asText().startsWith("<script>alert(1)</script>"));
    }

    private static Document parse(String xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder().parse(new org.xml.sax.InputSource(new StringReader(xml)));
    }
}
