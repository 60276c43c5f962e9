package dev.preflight.collection;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.preflight.api.MissingFact;
import java.util.List;
import java.util.Map;

/**
 * What importing a collection gave: the tenant-facts document with its {@code provenance}, and
 * everything the importer noticed. Immutable.
 *
 * @param document     the facts document of facts.md with a top-level {@code provenance} object
 * @param diagnostics  problems and remarks, by file
 * @param filesRead    the collection files the importer read
 * @param filesIgnored the files it does not know
 * @param reasons      why each missing fact is missing, by concrete path, as a message key and its
 *                     arguments (the provenance's {@code missing} holds their English texts)
 */
public record ImportResult(ObjectNode document, List<Diagnostic> diagnostics, List<String> filesRead, List<String> filesIgnored,
                           Map<String, MissingFact.Reason> reasons) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public ImportResult {
        diagnostics = List.copyOf(diagnostics);
        filesRead = List.copyOf(filesRead);
        filesIgnored = List.copyOf(filesIgnored);
        reasons = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(reasons));
    }

    /** An import's result without the reasons' keys (reports then say the provenance's English reasons). */
    public ImportResult(ObjectNode document, List<Diagnostic> diagnostics, List<String> filesRead, List<String> filesIgnored) {
        this(document, diagnostics, filesRead, filesIgnored, Map.of());
    }

    /** The document as indented JSON. */
    public String toPrettyJson() {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The document as one line of JSON. */
    public String toJson() {
        return document.toString();
    }

    /** Why each missing fact is missing, by concrete path. */
    public ObjectNode missing() {
        return (ObjectNode) document.path("provenance").path("missing");
    }

    /** Where each written fact came from, by concrete path. */
    public ObjectNode sources() {
        return (ObjectNode) document.path("provenance").path("facts");
    }

    /** Whether any file or value could not be imported. */
    public boolean hasErrors() {
        return diagnostics.stream().anyMatch(d -> d.severity() == Diagnostic.Severity.ERROR);
    }

    /** The summary for standard error: files read and ignored, facts derived, facts missing with why, problems. */
    public String summary() {
        StringBuilder sb = new StringBuilder();
        sb.append("files read: ").append(filesRead.size());
        if (!filesIgnored.isEmpty()) {
            sb.append("; ignored (unknown): ").append(String.join(", ", filesIgnored));
        }
        sb.append(System.lineSeparator());
        sb.append("facts derived: ").append(sources().size()).append("; missing: ").append(missing().size()).append(System.lineSeparator());
        missing().fields().forEachRemaining(e -> sb.append("  missing ").append(e.getKey()).append(": ").append(e.getValue().asText()).append(System.lineSeparator()));
        for (Diagnostic d : diagnostics) {
            sb.append("  ").append(d.severity().name().toLowerCase(java.util.Locale.ROOT)).append(": ").append(d).append(System.lineSeparator());
        }
        return sb.toString();
    }
}
