package dev.preflight.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The collection commands of docs/collecting.md with the jar alone: the sample collection, made from the shared
 * real examples (Windows PowerShell 5.1 exports), zipped as Compress-Archive does, evaluates end to
 * end, and its report names the unanswered facts NOT_EVALUATED instead of failing them.
 */
class CollectionJarIT {

    @TempDir
    Path tmp;

    @Test
    void theSampleCollectionEvaluatesFromAZipWithTheJarAlone() throws Exception {
        Path dir = Path.of("samples/collection-ps51");
        Path zip = tmp.resolve("collection.zip");
        try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(out); Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                z.putNextEntry(new ZipEntry(("collection-ps51/" + dir.relativize(f)).replace('/', '\\')));
                z.write(Files.readAllBytes(f));
                z.closeEntry();
            }
        }
        RunnableJarIT.Run r = RunnableJarIT.run("evaluate", "--format", "json", zip.toString());
        assertEquals(1, r.exitCode(), r.err());
        JsonNode report = new ObjectMapper().readTree(r.out());
        assertEquals("NOT_ELIGIBLE", report.get("verdict").asText());
        assertEquals("Contoso", report.at("/tenant/displayName").asText());
        int answerNeeded = 0;
        for (JsonNode c : report.get("checks")) {
            for (JsonNode m : c.get("missing")) {
                assertTrue(m.has("source"), c.get("id") + " " + m);
                if (m.get("source").asText().equals("answers.json")) {
                    answerNeeded++;
                    assertEquals("NOT_EVALUATED", c.get("status").asText(), c.toString());
                }
            }
        }
        assertTrue(answerNeeded >= 6, "answer-only facts named: " + answerNeeded);
        assertTrue(r.err().contains("403 Forbidden: needs User.Read.All"), r.err());

        RunnableJarIT.Run text = RunnableJarIT.run("evaluate", "samples/collection-ps51");
        assertEquals(1, text.exitCode());
        assertTrue(text.out().contains("passwordReset.selfServiceScope (answer needed: no export gives it; state it in answers.json) [from answers.json]"), text.out());

        RunnableJarIT.Run imported = RunnableJarIT.run("import", "-o", tmp.resolve("facts.json").toString(), zip.toString());
        assertEquals(0, imported.exitCode(), imported.err());
        assertTrue(imported.err().startsWith("files read: 22"), imported.err());
        RunnableJarIT.Run again = RunnableJarIT.run("evaluate", tmp.resolve("facts.json").toString());
        assertEquals(1, again.exitCode(), again.err());
    }
}
