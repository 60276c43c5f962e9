package dev.preflight.collection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.preflight.docs.Docs;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Every fact path of the format (facts.md, as its shipped JSON Schema describes it) is derived
 * from a collection file or listed in docs/collecting.md as answer-only, and that guide's list is
 * the code's.
 */
class FactSourcesTest {

    /** The fact paths of the tenant-facts schema: leaves and lists, with [] for list indexes. */
    static Set<String> schemaPaths() throws Exception {
        JsonNode schema;
        try (InputStream in = FactSourcesTest.class.getResourceAsStream("/schema/tenant-facts.schema.json")) {
            schema = new ObjectMapper().readTree(in);
        }
        Set<String> out = new TreeSet<>();
        walk(schema, schema, "", out);
        return out;
    }

    private static JsonNode resolve(JsonNode schema, JsonNode node) {
        JsonNode n = node;
        while (n.has("$ref")) {
            n = schema.at(n.get("$ref").asText().substring(1));
        }
        return n;
    }

    private static void walk(JsonNode schema, JsonNode node, String prefix, Set<String> out) {
        JsonNode n = resolve(schema, node);
        n.path("properties").fields().forEachRemaining(e -> {
            String path = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
            JsonNode v = resolve(schema, e.getValue());
            JsonNode items = v.has("items") ? resolve(schema, v.get("items")) : null;
            if (v.has("properties")) {
                walk(schema, v, path, out);
            } else if (items != null && items.has("properties")) {
                out.add(path);
                walk(schema, items, path + "[]", out);
            } else {
                out.add(path);
            }
        });
    }

    @Test
    void everyFactPathOfTheFormatHasASourceAndNoSourceIsInvented() throws Exception {
        Set<String> schema = schemaPaths();
        Set<String> code = new TreeSet<>();
        FactSources.entries().forEach(e -> code.add(e.template()));
        assertTrue(schema.size() > 60, schema.toString());
        assertEquals(schema, code, "FactSources must cover exactly the fact paths of the format");
        for (FactSources.Entry e : FactSources.entries()) {
            for (String f : e.files()) {
                assertTrue(f.equals("answers.json") || f.equals("manifest.json") || f.startsWith("graph/") || f.startsWith("onprem/"), f);
            }
        }
    }

    @Test
    void theCollectingGuideListsExactlyTheAnswerOnlyFacts() throws Exception {
        List<String> listed = new ArrayList<>();
        for (String line : Docs.region(Path.of("docs/collecting.md"), "answer-only").split("\n")) {
            if (!line.isBlank()) {
                assertTrue(line.startsWith("- `") && line.endsWith("`"), line);
                listed.add(line.substring(3, line.length() - 1));
            }
        }
        assertEquals(FactSources.answerOnly(), listed);
        assertTrue(Files.readString(Path.of("README.md"), StandardCharsets.UTF_8).contains("| 65 |"),
                "the unusable-collection exit code is documented");
    }

    @Test
    void theReportHintNamesTheSupplierOfConcreteAndParentPaths() {
        assertEquals("onprem/Get-ADDefaultDomainPasswordPolicy.json", MissingSources.sourceOf("onPremises.forests[1].domains[0].minPasswordAgeDays"));
        assertEquals("answers.json", MissingSources.sourceOf("users[3].purpose"));
        assertEquals("onprem/Get-ADSyncRunProfileResult.json or onprem/Get-ADSyncConnector.json", MissingSources.sourceOf("onPremises.connect.lastFullImport"));
        assertEquals(null, MissingSources.sourceOf("nothing.here"));
    }

    @Test
    void filePatternsMatchScopesAndPagesButNotOtherCmdlets() {
        assertTrue(FactSources.matches("onprem/Get-ADDomain.json", "onprem/Get-ADDomain.emea.contoso.com.json"));
        assertTrue(!FactSources.matches("onprem/Get-ADDomain.json", "onprem/Get-ADDomainController.json"));
        assertTrue(FactSources.matches("graph/groupMembers.<groupId>.json", "graph/groupMembers.0f0e1d2c.json"));
        assertTrue(!FactSources.matches("graph/users.json", "graph/userRegistrationDetails.json"));
        assertEquals("RoleManagement.Read.Directory", FactSources.graphPermission("graph/roleAssignments.json"));
        assertEquals("GroupMember.Read.All", FactSources.graphPermission("graph/groupMembers.abc.json"));
    }
}
