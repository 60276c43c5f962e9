package dev.preflight.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import picocli.CommandLine;

/** preflight help like git help, whole-sentence summaries, grouped options, --fail-on, and batch CI files for a fleet. */
class HelpAndCiGatesTest {

    @TempDir
    static Path tmp;

    /** 1,000 generated tenants and two records that cannot be read, at known lines. */
    static Path fleet;

    @BeforeAll
    static void generate() throws Exception {
        fleet = tmp.resolve("fleet.jsonl");
        assertEquals(0, Cli.run("generate", "--count", "1000", "--seed", "23", "-o", fleet.toString()).exitCode());
        Files.writeString(fleet, "{\"schemaVersion\": 1, \"tenant\": {\"cloud\": \"Mars\"}}\nnot json\n",
                StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }

    @Test
    void helpCommandPrintsWhatDashDashHelpPrints() {
        for (String[] command : new String[][] {{"evaluate"}, {"batch"}, {"diff"}, {"rules", "check"}, {"rules"}, {"import"}}) {
            List<String> help = new ArrayList<>(List.of("help"));
            help.addAll(List.of(command));
            List<String> dashed = new ArrayList<>(List.of(command));
            dashed.add("--help");
            Cli.Result a = Cli.run(help.toArray(String[]::new));
            Cli.Result b = Cli.run(dashed.toArray(String[]::new));
            assertEquals(0, a.exitCode(), String.join(" ", help) + "\n" + a.err());
            assertEquals(b.out(), a.out(), String.join(" ", help));
            assertTrue(a.out().startsWith("Usage: preflight " + String.join(" ", command)), a.out());
        }
        Cli.Result list = Cli.run("help");
        assertEquals(0, list.exitCode());
        assertEquals(Cli.run("--help").out(), list.out(), "help alone lists the commands, as --help does");
        assertTrue(list.out().contains("  help "), "help lists itself");
        Cli.Result unknown = Cli.run("help", "evaluat");
        assertEquals(64, unknown.exitCode());
        assertTrue(unknown.err().contains("unknown command 'evaluat'"), unknown.err());
    }

    @Test
    void everyCommandSummaryIsAWholeSentence() {
        CommandLine top = new PreflightCommand(Console.system()).commandLine();
        List<CommandLine> all = new ArrayList<>(List.of(top));
        for (int i = 0; i < all.size(); i++) {
            all.addAll(all.get(i).getSubcommands().values());
        }
        assertTrue(all.size() >= 11, "every command and rules subcommand: " + all.size());
        for (CommandLine c : all) {
            String summary = c.getCommandSpec().usageMessage().description()[0];
            assertTrue(summary.matches("[A-Z].*[.]"), c.getCommandName() + ": '" + summary + "'");
        }
        // As people see it: the list shows each summary whole (wrapped, never cut).
        String usage = Cli.run("--help").out();
        String commands = usage.substring(usage.indexOf("Commands:"), usage.indexOf("Exit codes:")).replaceAll("\\s+", " ");
        assertTrue(commands.contains("batch Evaluates many tenants and writes one result per input record, in input order. "), commands);
        assertTrue(commands.contains("rules Checks, lists and tests a rules directory (default: the rules built into the jar). "), commands);
    }

    @Test
    void optionsAreGroupedUnderTheHeadingsOfTheDocs() throws Exception {
        String help = Cli.run("evaluate", "--help").out();
        int input = help.indexOf("\nInput:\n");
        int output = help.indexOf("\nOutput:\n");
        int judging = help.indexOf("\nJudging:\n");
        int rules = help.indexOf("\nRules:\n");
        int general = help.indexOf("\nGeneral:\n");
        assertTrue(input > 0 && input < output && output < judging && judging < rules && rules < general, help);
        int failOn = help.indexOf("\n      --fail-on=");
        int format = help.indexOf("\n      --format=");
        assertTrue(failOn > judging && failOn < rules, "--fail-on is a judging option\n" + help);
        assertTrue(format > output && format < judging, "--format is an output option\n" + help);
        String reports = Files.readString(Path.of("docs/reports.md"), StandardCharsets.UTF_8);
        for (String heading : List.of("Input", "Output", "Judging", "Rules", "General")) {
            assertTrue(reports.contains("\n**" + heading + "**\n"), "docs/reports.md groups evaluate's options the same way: " + heading);
        }
    }

    /** Every command and rules subcommand, as picocli builds them. */
    private static List<CommandLine> allCommands() {
        CommandLine top = new PreflightCommand(Console.system()).commandLine();
        OptionGroups.install(top);
        List<CommandLine> all = new ArrayList<>(List.of(top));
        for (int i = 0; i < all.size(); i++) {
            all.addAll(all.get(i).getSubcommands().values());
        }
        return all;
    }

    /** The heading each option of a help text is listed under, by its long name. */
    private static Map<String, String> headings(String help) {
        Map<String, String> out = new LinkedHashMap<>();
        String heading = null;
        for (String line : help.split("\n")) {
            Matcher h = Pattern.compile("^([A-Z][a-z]+):$").matcher(line);
            Matcher o = Pattern.compile("^\\s+(?:-\\w, )?(--[a-z][a-z-]*)").matcher(line);
            if (h.matches()) {
                heading = h.group(1);
            } else if (o.find() && heading != null && !heading.equals("Commands") && !heading.equals("Usage")) {
                out.put(o.group(1), heading);
            }
        }
        return out;
    }

    @Test
    void everyOptionOfEveryCommandIsUnderAHeadingAndEveryDescriptionIsWhole() {
        for (CommandLine c : allCommands()) {
            String name = c.getCommandSpec().qualifiedName(" ");
            String help = c.getUsageMessage(CommandLine.Help.Ansi.OFF);
            assertTrue(!help.contains("\nOther:\n"), name + ": every option is under a heading of the docs\n" + help);
            for (String line : c.getCommandSpec().usageMessage().description()) {
                assertTrue(line.matches("[A-Z].*[.]"), name + ": each paragraph of the description is whole sentences: '" + line + "'");
            }
            for (CommandLine.Model.OptionSpec o : c.getCommandSpec().options()) {
                // picocli starts each element of a description on a line of its own: one element, wrapped as a whole.
                assertEquals(1, o.description().length, name + " " + o.longestName() + ": " + List.of(o.description()));
                assertTrue(o.description()[0].endsWith("."), name + " " + o.longestName() + ": '" + o.description()[0] + "'");
            }
        }
    }

    @Test
    void theGuidesGroupEachCommandsOptionsAsItsHelpDoes() throws Exception {
        Map<String, String> guides = new LinkedHashMap<>();
        guides.put("evaluate", "docs/reports.md");
        guides.put("batch", "docs/batch-and-spark.md");
        guides.put("serve", "docs/service.md");
        for (Map.Entry<String, String> g : guides.entrySet()) {
            Map<String, String> help = headings(Cli.run(g.getKey(), "--help").out());
            Map<String, String> documented = new LinkedHashMap<>();
            String heading = null;
            for (String line : Files.readAllLines(Path.of(g.getValue()), StandardCharsets.UTF_8)) {
                Matcher bold = Pattern.compile("^\\*\\*([A-Z][a-z]+)\\*\\*$").matcher(line);
                Matcher row = Pattern.compile("^\\| ([A-Z][a-z]+) \\| (.*?) \\|").matcher(line);
                if (bold.matches()) {
                    heading = bold.group(1);
                } else if (line.startsWith("| `-") && heading != null) {
                    String cell = line.substring(2, line.indexOf(" |", 2));
                    put(documented, cell, heading);
                } else if (row.find() && OptionGroups.GROUPS.containsKey(row.group(1))) {
                    put(documented, row.group(2), row.group(1));
                } else if (line.startsWith("#")) {
                    heading = null;
                }
            }
            Set<String> unknown = new java.util.TreeSet<>(documented.keySet());
            unknown.removeAll(help.keySet());
            assertEquals(Set.of(), unknown, g.getValue() + " documents options " + g.getKey() + " does not have");
            assertTrue(documented.size() >= 5, g.getValue() + " groups " + g.getKey() + "'s options: " + documented);
            for (Map.Entry<String, String> d : documented.entrySet()) {
                assertEquals(help.get(d.getKey()), d.getValue(), g.getValue() + ": " + g.getKey() + " " + d.getKey() + " is under the heading its help gives it");
            }
            Set<String> undocumented = new java.util.TreeSet<>(help.keySet());
            undocumented.removeAll(documented.keySet());
            undocumented.removeIf(o -> help.get(o).equals("General") && !documented.containsKey(o)); // every command has them
            assertEquals(Set.of(), undocumented, g.getValue() + " lists every option of " + g.getKey());
        }
    }

    private static void put(Map<String, String> documented, String cell, String heading) {
        Matcher m = Pattern.compile("`(?:-\\w, )?(--[a-z][a-z-]*)").matcher(cell);
        while (m.find()) {
            documented.put(m.group(1), heading);
        }
    }

    @Test
    void failOnLetsACiStepWriteItsReportAndPass() throws Exception {
        Path sarif = tmp.resolve("one.sarif");
        assertEquals(1, Cli.run("evaluate", "--format", "sarif", "-o", sarif.toString(), "samples/legacy-forest-2008r2.json").exitCode());
        assertEquals(0, Cli.run("evaluate", "--format", "sarif", "--fail-on", "none", "-o", sarif.toString(), "samples/legacy-forest-2008r2.json").exitCode());
        assertTrue(Files.readString(sarif).contains("\"PWB-AD-002\""), "the report is written all the same");
        assertEquals(1, Cli.run("evaluate", "--fail-on", "not-eligible", "samples/legacy-forest-2008r2.json").exitCode());
        assertEquals(2, Cli.run("evaluate", "samples/network-not-collected.json").exitCode());
        assertEquals(0, Cli.run("evaluate", "--fail-on", "not-eligible", "samples/network-not-collected.json").exitCode());
        assertEquals(2, Cli.run("evaluate", "--fail-on", "incomplete", "samples/network-not-collected.json").exitCode());
        Cli.Result bad = Cli.run("evaluate", "--fail-on", "never", "samples/healthy-hybrid.json");
        assertEquals(64, bad.exitCode());
        assertTrue(bad.err().contains("--fail-on must be none, not-eligible or incomplete, not 'never'"), bad.err());

        Path waived = tmp.resolve("waived.json");
        Path plain = tmp.resolve("plain.json");
        Cli.run("evaluate", "--format", "json", "--waivers", "samples/waivers.yaml", "-o", waived.toString(), "samples/legacy-forest-2008r2.json");
        Cli.run("evaluate", "--format", "json", "-o", plain.toString(), "samples/legacy-forest-2008r2.json");
        assertEquals(1, Cli.run("diff", waived.toString(), plain.toString()).exitCode(), "worse: exit 1 by default");
        Path html = tmp.resolve("diff.html");
        assertEquals(0, Cli.run("diff", "--fail-on", "none", "--format", "html", "-o", html.toString(), waived.toString(), plain.toString()).exitCode());
        assertTrue(Files.size(html) > 0);
        assertEquals(64, Cli.run("diff", "--fail-on", "better", waived.toString(), plain.toString()).exitCode());
        Path one = tmp.resolve("legacy.jsonl");
        Files.writeString(one, new ObjectMapper().readTree(Path.of("samples/legacy-forest-2008r2.json").toFile()) + "\n");
        assertEquals(1, Cli.run("batch", "-q", "--fail-on", "not-eligible", one.toString()).exitCode());
        assertEquals(0, Cli.run("batch", "-q", "--fail-on", "none", one.toString()).exitCode());
    }

    @Test
    void batchWritesOneJunitFileForAFleetValidAgainstTheSchema() throws Exception {
        Path xml = tmp.resolve("fleet-junit.xml");
        Cli.Result r = Cli.run("batch", "-q", "--threads", "2", "--format", "junit", "-o", xml.toString(), fleet.toString());
        assertEquals(3, r.exitCode(), "two records are invalid: " + r.err());
        SchemaFactory xsd = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
        xsd.newSchema(HelpAndCiGatesTest.class.getResource("/schemas/junit-10.xsd")).newValidator().validate(new StreamSource(xml.toFile()));
        Element root = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(xml.toFile()).getDocumentElement();
        NodeList suites = root.getElementsByTagName("testsuite");
        assertEquals(1002, suites.getLength(), "a test suite per tenant and per unreadable record");
        Element first = (Element) suites.item(0);
        assertEquals("36", first.getAttribute("tests"), "a test case per check");
        assertTrue(Files.readString(xml).contains("<property name=\"origin\" value=\"" + fleet + ":1\""), "each suite names its record");
        Element invalid = (Element) suites.item(1001);
        assertEquals("INVALID_INPUT", ((Element) invalid.getElementsByTagName("error").item(0)).getAttribute("type"));
    }

    @Test
    void batchWritesOneSarifLogForAFleetEachResultAtItsRecord() throws Exception {
        Path out = tmp.resolve("fleet.sarif");
        Cli.Result r = Cli.run("batch", "-q", "--threads", "2", "--format", "sarif", "-o", out.toString(), fleet.toString());
        assertEquals(3, r.exitCode(), r.err());
        JsonSchema schema;
        try (InputStream in = HelpAndCiGatesTest.class.getResourceAsStream("/schemas/sarif-schema-2.1.0.json")) {
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(in);
        }
        JsonNode log = new ObjectMapper().readTree(out.toFile());
        assertEquals(Set.of(), schema.validate(log));
        assertEquals(36, log.at("/runs/0/tool/driver/rules").size(), "the catalogue's checks, once");
        JsonNode results = log.at("/runs/0/results");
        assertTrue(results.size() > 1000, "the findings of 1,000 tenants: " + results.size());
        List<String> lines = Files.readAllLines(fleet);
        for (JsonNode result : results) {
            String origin = result.at("/properties/origin").asText();
            int line = result.at("/locations/0/physicalLocation/region/startLine").asInt();
            int column = result.at("/locations/0/physicalLocation/region/startColumn").asInt();
            assertEquals(origin.substring(origin.lastIndexOf(':') + 1), Integer.toString(line), "the result is on its record's line");
            assertTrue("{[\"-0123456789tfn".indexOf(lines.get(line - 1).charAt(column - 1)) >= 0, "the column starts a JSON value: " + result);
            assertEquals(fleet.toString(), result.at("/locations/0/physicalLocation/artifactLocation/uri").asText().replace("file://", ""));
        }
        JsonNode problems = log.at("/runs/0/invocations/0/toolExecutionNotifications");
        assertEquals(2, problems.size(), "the two unreadable records");
        assertEquals(1002, problems.get(1).at("/locations/0/physicalLocation/region/startLine").asInt());
        assertEquals(false, log.at("/runs/0/invocations/0/executionSuccessful").asBoolean());
    }
}
