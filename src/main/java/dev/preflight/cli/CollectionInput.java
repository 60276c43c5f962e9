package dev.preflight.cli;

import dev.preflight.api.Report;
import dev.preflight.collection.Answers;
import dev.preflight.collection.CollectionFiles;
import dev.preflight.collection.CollectionImporter;
import dev.preflight.collection.Diagnostic;
import dev.preflight.collection.ImportResult;
import dev.preflight.collection.MissingSources;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** A collection given where facts are expected: imported first, its problems told on standard error. */
final class CollectionInput {

    private CollectionInput() {
    }

    /** Whether an input names a collection (a .zip, or a folder holding manifest.json, graph/ or onprem/). */
    static boolean is(String input) {
        if (input.equals("-")) {
            return false;
        }
        Path p = Path.of(input);
        return Files.exists(p) && CollectionFiles.isCollection(p);
    }

    static ImportResult importFrom(String input, Answers answers) {
        refuseNonCollectionFolder(input);
        return CollectionImporter.importCollection(CollectionFiles.open(Path.of(input)), answers);
    }

    /**
     * A folder given where one tenant is expected that is not a collection (no manifest.json, graph/
     * or onprem/): refused (exit 65) with what it probably is, a folder of tenants for {@code batch}.
     */
    static void refuseNonCollectionFolder(String input) {
        Path p = Path.of(input);
        if (!Files.isDirectory(p) || CollectionFiles.isCollection(p)) {
            return;
        }
        long json;
        try (var s = Files.list(p)) {
            json = s.filter(f -> f.getFileName().toString().toLowerCase(java.util.Locale.ROOT).matches(".*\\.(json|jsonl|jsonl\\.gz|zip)")).count();
        } catch (java.io.IOException | java.io.UncheckedIOException e) {
            json = 0;
        }
        throw new dev.preflight.collection.UnusableCollectionException(input + ": a folder, but not a collection (no manifest.json, graph/ or onprem/)"
                + (json > 0 ? "; it holds " + json + " tenant file" + (json == 1 ? "" : "s") : "") + ": did you mean `batch " + input + "`?");
    }

    /** The import's warnings and errors, a line each. */
    static void tell(PrintStream err, String input, ImportResult r) {
        for (Diagnostic d : r.diagnostics()) {
            if (d.severity() != Diagnostic.Severity.INFO) {
                err.println("preflight: " + input + ": " + d.severity().name().toLowerCase(java.util.Locale.ROOT) + ": " + d);
            }
        }
    }

    /** The report with each missing fact's source and the importer's reason. */
    static Report annotate(Report report, ImportResult r) {
        return MissingSources.annotate(report, r.missing());
    }
}
