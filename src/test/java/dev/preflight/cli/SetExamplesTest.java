package dev.preflight.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every {@code --set} example of the README and the guides, as bash, cmd.exe and Windows
 * PowerShell 5.1 would pass it to the program, imports the sample collection to the same facts. The
 * shells are modelled, not run: bash removes the quoting; cmd.exe keeps single quotes as text
 * (Java's launcher removes double quotes); PowerShell 5.1 removes the outer quotes and drops the
 * double quotes inside the argument.
 */
class SetExamplesTest {

    static final Pattern EXAMPLE = Pattern.compile("--set (\"[^\"]*\"|'[^']*'|[^\\s`|)]+)");

    static Set<String> examples() throws Exception {
        Set<String> out = new LinkedHashSet<>();
        List<Path> files = new ArrayList<>(List.of(Path.of("README.md")));
        try (Stream<Path> docs = Files.list(Path.of("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(files::add);
        }
        for (Path f : files) {
            Matcher m = EXAMPLE.matcher(Files.readString(f));
            while (m.find()) {
                if (!m.group(1).contains("PATH") && m.group(1).contains("=")) {
                    out.add(m.group(1));
                }
            }
        }
        return out;
    }

    static String bash(String word) {
        if (word.startsWith("'") || word.startsWith("\"")) {
            return word.substring(1, word.length() - 1);
        }
        return word;
    }

    static String cmd(String word) {
        return word.startsWith("\"") ? word.substring(1, word.length() - 1) : word;
    }

    static String powershell51(String word) {
        return bash(word).replace("\"", "");
    }

    static String withoutProvenance(String json) throws Exception {
        com.fasterxml.jackson.databind.node.ObjectNode o = (com.fasterxml.jackson.databind.node.ObjectNode) RefusedInputTest.JSON.readTree(json);
        o.remove("provenance");
        return o.toString();
    }

    @Test
    void everyDocumentedSetExampleGivesTheSameFactsInBashCmdAndPowerShell() throws Exception {
        Set<String> examples = examples();
        assertTrue(examples.size() >= 4, "the guides' examples: " + examples);
        for (String example : examples) {
            String expected = null;
            for (String arg : List.of(bash(example), cmd(example), powershell51(example))) {
                Cli.Result r = Cli.run("import", "samples/collection-ps51", "--set", arg);
                assertEquals(0, r.exitCode(), example + " passed as " + arg + ": " + r.err());
                String facts = withoutProvenance(r.out());
                if (expected == null) {
                    expected = facts;
                    assertTrue(!facts.equals(withoutProvenance(Cli.run("import", "samples/collection-ps51").out())), example + " changes the facts");
                } else {
                    assertEquals(expected, facts, example + " passed as " + arg);
                }
            }
        }
    }
}
