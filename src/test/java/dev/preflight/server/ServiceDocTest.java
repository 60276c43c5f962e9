package dev.preflight.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.preflight.generate.TenantGenerator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The curl examples of docs/service.md, run as written against a started server (its port put in). */
class ServiceDocTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void everyCurlExampleOfTheServiceGuideWorks() throws Exception {
        String doc = Files.readString(Path.of("docs/service.md"));
        String examples = doc.substring(doc.indexOf("## Examples"));
        examples = examples.substring(examples.indexOf("```sh") + 5, examples.indexOf("```", examples.indexOf("```sh") + 5));
        List<String> commands = examples.lines().filter(l -> l.startsWith("curl ")).toList();
        assertTrue(commands.size() >= 8, "the guide's examples: " + commands);

        TestServer s = TestServer.shared();
        Files.createSymbolicLink(dir.resolve("samples"), Path.of("samples").toAbsolutePath());
        Files.write(dir.resolve("fabrikam.zip"), ServerTest.zipOf(Path.of("samples/collection-ps51")));
        TenantGenerator g = new TenantGenerator(3);
        StringBuilder tenants = new StringBuilder();
        for (int i = 0; i < 5; i++) {
            tenants.append(g.line(i)).append('\n');
        }
        Files.writeString(dir.resolve("tenants.jsonl"), tenants);
        byte[] batch = s.post("/v1/batches", "application/x-ndjson", tenants.toString().getBytes(StandardCharsets.UTF_8)).body();
        Files.write(dir.resolve("monday.jsonl"), batch);
        Files.write(dir.resolve("tuesday.jsonl"), batch);

        String base = s.server.uri().toString();
        for (String c : commands) {
            String command = c.replace("http://127.0.0.1:8080", base) + " -w '\\n%{http_code}'";
            Process p = new ProcessBuilder("bash", "-c", command).directory(dir.toFile()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(120, TimeUnit.SECONDS));
            assertEquals(0, p.exitValue(), c + "\n" + out);
            assertTrue(out.endsWith("\n200"), c + " answered " + out.substring(Math.max(0, out.length() - 300)));
        }
        assertTrue(Files.readString(dir.resolve("report.html")).contains("<html"), "-o report.html wrote the page");
        assertEquals("ELIGIBLE", JSON.readTree(s.post("/v1/evaluations", "application/json",
                Files.readAllBytes(Path.of("samples/healthy-hybrid.json"))).body()).path("verdict").asText());
    }
}
