package dev.preflight.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code batch} takes collections among its inputs: each one record; an unreadable one an error record. */
class BatchCollectionsTest {

    @TempDir
    Path tmp;

    @Test
    void collectionsAreRecordsAndABadOneIsAnErrorRecord() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("inbox"));
        CollectionCommandsTest.zip(Path.of(CollectionCommandsTest.SAMPLE), dir.resolve("a-contoso.zip"));
        Files.writeString(dir.resolve("b-broken.zip"), "not a zip");
        Files.copy(Path.of("samples/healthy-hybrid.json"), dir.resolve("c-healthy.json"));
        Path folder = Files.createDirectories(tmp.resolve("fabrikam"));
        try (var files = Files.walk(Path.of(CollectionCommandsTest.SAMPLE))) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Path to = folder.resolve(Path.of(CollectionCommandsTest.SAMPLE).relativize(f).toString());
                Files.createDirectories(to.getParent());
                Files.copy(f, to);
            }
        }
        Cli.Result r = Cli.run("batch", "-q", "--threads", "2", dir.toString(), folder.toString());
        List<String> lines = r.out().lines().toList();
        assertEquals(4, lines.size(), r.out() + r.err());
        ObjectMapper json = new ObjectMapper();
        JsonNode zip = json.readTree(lines.get(0));
        assertEquals(dir.resolve("a-contoso.zip").toString(), zip.get("origin").asText());
        assertEquals("NOT_ELIGIBLE", zip.get("verdict").asText());
        JsonNode sspr = null;
        for (JsonNode c : zip.get("checks")) {
            if (c.get("id").asText().equals("PWB-SSPR-001")) {
                sspr = c;
            }
        }
        assertEquals("answers.json", sspr.at("/missing/0/source").asText());
        JsonNode broken = json.readTree(lines.get(1));
        assertEquals("invalid-input", broken.at("/error/kind").asText(), broken.toString());
        assertTrue(broken.at("/error/message").asText().contains("unusable collection: " + dir.resolve("b-broken.zip") + ": not a readable zip file"), broken.toString());
        assertEquals("ELIGIBLE", json.readTree(lines.get(2)).get("verdict").asText());
        assertEquals(folder.toString(), json.readTree(lines.get(3)).get("origin").asText());
        assertEquals("NOT_ELIGIBLE", json.readTree(lines.get(3)).get("verdict").asText());
    }
}
