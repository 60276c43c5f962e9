package dev.preflight.fuzz;

import dev.preflight.api.Report;
import dev.preflight.cli.ConsoleRun;
import dev.preflight.generate.TenantGenerator;
import dev.preflight.server.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Where the fuzzers' seeds come from: {@code samples/}, {@code src/test/resources/real} (copies of
 * the real exports) and the generator. {@link #main} writes the seed corpora into the fuzz tests'
 * {@code *Inputs} directories, where Jazzer reads them in regression mode and adds its findings:
 * {@code mvn -o -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=dev.preflight.fuzz.Seeds}.
 */
public final class Seeds {

    static final Path SAMPLE_COLLECTION = Path.of("samples/collection-ps51");
    static final Path REAL = Path.of("src/test/resources/real");

    /** Every file kind the importer reads, by its place in a collection; a fuzz input's first byte picks one. */
    static List<String> collectionKinds() {
        return List.of("manifest.json", "answers.json",
                "graph/organization.json", "graph/subscribedSkus.json", "graph/users.json", "graph/users.2.json",
                "graph/roleAssignments.json", "graph/roleDefinitions.json", "graph/groupMembers.0f8e.json",
                "graph/userRegistrationDetails.json", "graph/domains.json", "graph/onPremisesSynchronization.json",
                "graph/userCount.txt", "graph/syncedUserCount.txt",
                "onprem/Get-ADForest.json", "onprem/Get-ADDomain.corp.fabrikam.com.json",
                "onprem/Get-ADDomainController.corp.fabrikam.com.json", "onprem/Get-ADDomainController.emea.corp.fabrikam.com.json",
                "onprem/Get-ADDefaultDomainPasswordPolicy.corp.fabrikam.com.json",
                "onprem/Get-ADSyncConnector.json", "onprem/Get-ADSyncScheduler.json", "onprem/Get-ADSyncAADPasswordResetConfiguration.json",
                "onprem/Get-ADSyncGlobalSettings.json", "onprem/Get-ADSyncRunProfileResult.json", "onprem/Get-ADSyncToolsTls12.json",
                "onprem/Get-WinEvent.json", "onprem/Test-NetConnection.json", "onprem/server.json",
                "onprem/connector-acl.corp.fabrikam.com.json");
    }

    /** The sample collection, with real Graph responses for the files it lacks. */
    static Map<String, byte[]> sampleCollection() {
        Map<String, byte[]> files = new LinkedHashMap<>();
        try (Stream<Path> s = Files.walk(SAMPLE_COLLECTION)) {
            for (Path f : s.filter(Files::isRegularFile).sorted().toList()) {
                files.put(SAMPLE_COLLECTION.relativize(f).toString().replace('\\', '/'), Files.readAllBytes(f));
            }
            files.put("graph/domains.json", Files.readAllBytes(REAL.resolve("graph/domains-list.json")));
            files.put("graph/onPremisesSynchronization.json", Files.readAllBytes(REAL.resolve("graph/onpremisessync-get-v1doc.json")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    /** A real report to judge waivers against: the healthy hybrid sample's. */
    static Report sampleReport() {
        return Contract.EVALUATOR.evaluate(Path.of("samples/healthy-hybrid.json"));
    }

    /** A real batch output of every sample, to diff fuzzed results against. */
    static Path sampleResults() {
        try {
            Path out = Files.createTempFile("preflight-fuzz-results", ".jsonl");
            out.toFile().deleteOnExit();
            List<String> args = new ArrayList<>(List.of("batch", "-q", "--threads", "1", "-o", out.toString()));
            args.addAll(sampleFacts().stream().map(Path::toString).toList());
            ConsoleRun.run(args.toArray(String[]::new));
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Path> sampleFacts() throws IOException {
        try (Stream<Path> s = Files.list(Path.of("samples"))) {
            return s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
    }

    /** Writes the seed corpora. */
    public static void main(String[] args) throws IOException {
        Path base = Path.of("src/test/resources/dev/preflight/fuzz");
        // Facts: every sample, the rule tests' tenants, generated tenants; JSON Lines of them.
        Path doc = clean(base.resolve("FactsReaderFuzzTestInputs/document"));
        Path lines = clean(base.resolve("JsonLinesFuzzTestInputs/jsonLines"));
        List<Path> facts = new ArrayList<>(sampleFacts());
        try (Stream<Path> s = Files.list(Path.of("rules/tests/tenants"))) {
            facts.addAll(s.sorted().toList());
        }
        for (Path f : facts) {
            Files.copy(f, doc.resolve(f.getFileName()));
        }
        TenantGenerator gen = new TenantGenerator(20);
        StringBuilder jsonl = new StringBuilder();
        for (int i = 0; i < 4; i++) {
            Files.writeString(doc.resolve("generated-" + i + ".json"), gen.line(i));
            jsonl.append(gen.line(i)).append('\n');
        }
        Files.writeString(lines.resolve("generated.jsonl"), jsonl);
        Files.writeString(lines.resolve("samples.jsonl"), Files.readString(facts.get(0)).replaceAll("\\s*\\n\\s*", " ") + "\n{}\n");
        // Collections: each file kind with its sample or real bytes; the sample as a zip.
        Path coll = clean(base.resolve("CollectionFuzzTestInputs/collection"));
        Map<String, byte[]> files = sampleCollection();
        List<String> kinds = collectionKinds();
        for (int k = 0; k < kinds.size(); k++) {
            byte[] content = files.get(kinds.get(k));
            if (content != null) {
                Files.write(coll.resolve(String.format("%02d-%s", k, kinds.get(k).replace('/', '_'))), prefixed(k, content));
            }
        }
        Files.write(coll.resolve(kinds.indexOf("graph/users.json") + "-real-users"), prefixed(kinds.indexOf("graph/users.json"),
                Files.readAllBytes(REAL.resolve("graph/users-list.json"))));
        Files.write(coll.resolve(kinds.indexOf("graph/roleAssignments.json") + "-real-assignments"), prefixed(kinds.indexOf("graph/roleAssignments.json"),
                Files.readAllBytes(REAL.resolve("graph/roleassignments-list-expand-principal.json"))));
        Files.write(coll.resolve("zip-sample"), prefixed(255, zip(files)));
        // Waivers: the sample, as YAML and as JSON.
        Path waivers = clean(base.resolve("WaiversFuzzTestInputs/waivers"));
        Files.write(waivers.resolve("sample-yaml"), prefixed(0, Files.readAllBytes(Path.of("samples/waivers.yaml"))));
        Files.write(waivers.resolve("sample-json"), prefixed(1, ("{\"waivers\": [{\"checkId\": \"PWB-NET-004\", \"scope\": {\"tenant\": \"*\"}, \"reason\": \"accepted\","
                + " \"owner\": \"a@contoso.com\", \"expires\": \"2099-01-01\"}]}").getBytes(StandardCharsets.UTF_8)));
        // Results: a batch output, the same gzipped, one evaluate --format json report.
        Path results = clean(base.resolve("ResultsFuzzTestInputs/results"));
        byte[] batch = Files.readAllBytes(sampleResults());
        String[] resultLines = new String(batch, StandardCharsets.UTF_8).split("\n");
        Files.writeString(results.resolve("batch.jsonl"), String.join("\n", java.util.Arrays.copyOf(resultLines, Math.min(3, resultLines.length))) + "\n");
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(gz)) {
            z.write(resultLines[0].getBytes(StandardCharsets.UTF_8));
        }
        Files.write(results.resolve("batch.jsonl.gz"), gz.toByteArray());
        ConsoleRun r = ConsoleRun.run("evaluate", "--format", "json", "samples/short-idle-timeout.json");
        Files.writeString(results.resolve("report.json"), r.out());
        // Service requests: Content-Type, Accept, locale and all lines, then the content, as the service's tests send them.
        Path requests = clean(Path.of("src/test/resources/dev/preflight/server/RequestParsingFuzzTestInputs/evaluation"));
        byte[] zip = zip(files);
        Files.write(requests.resolve("facts-json"), request("application/json\n\n\n\n", Files.readAllBytes(facts.get(0))));
        Files.write(requests.resolve("facts-html-zh-CN"), request("application/json; charset=utf-8\ntext/html\nzh-CN\n\n", Files.readAllBytes(facts.get(1))));
        Files.write(requests.resolve("facts-text-zh-TW-all"), request("application/merge-patch+json\ntext/plain;q=0.9, */*;q=0.1\nzh_TW\ntrue\n",
                Files.readAllBytes(facts.get(2))));
        Files.write(requests.resolve("facts-sarif"), request("application/json\napplication/sarif+json\nen\nfalse\n", Files.readAllBytes(facts.get(3))));
        Files.write(requests.resolve("facts-junit"), request("application/json\napplication/xml\n\n\n", gen.line(7).getBytes(StandardCharsets.UTF_8)));
        Files.write(requests.resolve("collection-zip"), request("application/zip\napplication/json\n\n\n", zip));
        Files.write(requests.resolve("form-facts"), request(TestServer.FORM + "\ntext/plain\nzh-TW\n\n",
                TestServer.form("facts", "tenant.json", Files.readAllBytes(facts.get(4)))));
        Files.write(requests.resolve("form-collection-answers"), request(TestServer.FORM + "\n\n\n\n",
                TestServer.form("collection", "contoso.zip", zip, "answers", "answers.json", files.get("answers.json"))));
        Files.write(requests.resolve("not-facts"), request("text/csv\n\n\n\n", "tenantId,verdict\n".getBytes(StandardCharsets.UTF_8)));
        Files.write(requests.resolve("not-acceptable"), request("application/json\nimage/png\n\n\n", "{}".getBytes(StandardCharsets.UTF_8)));
    }

    /** A service request as {@code RequestParsingFuzzTest} reads one: its header lines, then the content. */
    private static byte[] request(String lines, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(lines.getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(content);
        return out.toByteArray();
    }

    /** The folder, emptied of seeds; Jazzer's findings ({@code crash-*}) stay as regression inputs. */
    private static Path clean(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            try (Stream<Path> s = Files.list(dir)) {
                for (Path f : s.filter(f -> !f.getFileName().toString().startsWith("crash-")).toList()) {
                    Files.delete(f);
                }
            }
        }
        return Files.createDirectories(dir);
    }

    static byte[] prefixed(int selector, byte[] content) {
        byte[] out = new byte[content.length + 1];
        out[0] = (byte) selector;
        System.arraycopy(content, 0, out, 1, content.length);
        return out;
    }

    static byte[] zip(Map<String, byte[]> files) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(b)) {
            for (Map.Entry<String, byte[]> e : files.entrySet()) {
                z.putNextEntry(new ZipEntry(e.getKey()));
                z.write(e.getValue());
                z.closeEntry();
            }
        }
        return b.toByteArray();
    }

    private Seeds() {
    }
}
