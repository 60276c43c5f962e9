package dev.preflight.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.preflight.engine.TermList;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The analysts' guide lists every term of the requirement language as the code has them. */
class AnalystTermsTest {

    static final Path GUIDE = Path.of("docs/analysts.md");
    static final String START = "<!-- terms:start -->\n";
    static final String END = "<!-- terms:end -->";

    @Test
    void theTermListIsGeneratedFromTheCode() throws IOException {
        String guide = Files.readString(GUIDE, StandardCharsets.UTF_8);
        int a = guide.indexOf(START);
        int b = guide.indexOf(END);
        assertTrue(a >= 0 && b > a, GUIDE + " holds the term list markers");
        assertEquals(TermList.markdown(), guide.substring(a + START.length(), b), GUIDE + "'s term list is stale: paste the output of"
                + " dev.preflight.engine.TermList.markdown() between the markers");
        // The terms the issue found undocumented are in the list, as an analyst writes them (a table function with
        // "tables."), and so are the catalogue's defined terms.
        String list = guide.substring(a, b);
        for (String term : new String[] {"tables.writebackPlanUnknown(", "uncertainWritebackLicense(", "holdsRole(", "lacksAnyDomainController(", "tables.probes",
                                         "usableOrUnknown`"}) {
            assertTrue(list.contains("`" + term), term);
        }
    }
}
