package dev.preflight.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.preflight.engine.TermList;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The analysts' guide lists every term of the requirement language as the code has them. */
class AnalystTermsTest {

    static final Path GUIDE = Path.of("docs/analysts.md");

    @Test
    void theTermListIsGeneratedFromTheCode() {
        String list = Docs.region(GUIDE, "terms");
        assertEquals(TermList.markdown(), list, GUIDE + "'s term list is stale: paste the output of"
                + " dev.preflight.engine.TermList.markdown() between the markers");
        // The terms the issue found undocumented are in the list, as an analyst writes them (a table function with
        // "tables."), and so are the catalogue's defined terms.
        for (String term : new String[] {"tables.writebackPlanUnknown(", "uncertainWritebackLicense(", "holdsRole(", "lacksAnyDomainController(", "tables.probes",
                                         "usableOrUnknown`"}) {
            assertTrue(list.contains("`" + term), term);
        }
    }
}
