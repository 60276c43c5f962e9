package dev.preflight.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.preflight.api.FactsReader;
import dev.preflight.collection.CollectionFiles;
import dev.preflight.collection.CollectionImporter;
import dev.preflight.collection.ImportResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The collection importer under coverage-guided fuzzing, then the evaluation of what it imported.
 * The first byte picks the form: 255 reads the rest as a {@code .zip} from disk (entry names,
 * sizes, compression and every file kind inside); any other value replaces that file of the sample
 * collection ({@code samples/collection-ps51} plus the Graph files it lacks) by the rest, so that
 * every per-file reader, {@code answers.json} and the manifest meet mutated bytes in a collection
 * that is otherwise whole.
 */
class CollectionFuzzTest {

    /** The sample collection's files and the other kinds the importer reads. */
    static final Map<String, byte[]> BASE = Seeds.sampleCollection();
    static final List<String> KINDS = Seeds.collectionKinds();

    @FuzzTest(maxDuration = "10s")
    void collection(byte[] input) throws IOException {
        if (input.length == 0) {
            return;
        }
        int selector = input[0] & 0xff;
        byte[] body = Arrays.copyOfRange(input, 1, input.length);
        if (selector == 255) {
            Path zip = Files.createTempFile("preflight-fuzz", ".zip");
            try {
                Files.write(zip, body);
                Contract.holds(zip.getFileName().toString(), () -> check(CollectionFiles.open(zip)));
            } finally {
                Files.deleteIfExists(zip);
            }
            return;
        }
        Map<String, byte[]> files = new LinkedHashMap<>(BASE);
        files.put(KINDS.get(selector % KINDS.size()), body);
        Contract.holds("fuzz", () -> check(CollectionFiles.of("fuzz", files)));
    }

    private static void check(CollectionFiles files) {
        ImportResult r = CollectionImporter.importCollection(files);
        // What the importer wrote must read as facts: the schema's rules applied, nothing left to refuse.
        dev.preflight.facts.TenantFacts facts;
        try {
            facts = FactsReader.read(r.toJson(), "the imported facts");
        } catch (dev.preflight.api.InvalidFactsException e) {
            throw new AssertionError("the importer wrote facts the evaluator refuses: " + e.getMessage(), e);
        }
        Contract.verdict(Contract.EVALUATOR.evaluate(facts));
        r.diagnostics().forEach(d -> {
            if (d.toString().contains("\n") || d.toString().contains("\r")) {
                throw new AssertionError("a diagnostic over several lines: " + d);
            }
        });
    }
}
