package dev.preflight.collection;

import com.fasterxml.jackson.databind.JsonNode;
import dev.preflight.api.CheckResult;
import dev.preflight.api.MissingFact;
import dev.preflight.api.Report;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Adds to a report's missing facts which export or answer would supply each
 * ({@link MissingFact#source()}), from {@link FactSources}; for a collection's report, a bare
 * "not collected" also gets the importer's reason (a 403, a truncated export, an answer needed).
 * Applied after evaluation: the engine's own missing entries are left as they are otherwise.
 */
public final class MissingSources {

    private MissingSources() {
    }

    /** The report with sources on its missing facts; {@code provenanceMissing} (path to reason) may be null. */
    public static Report annotate(Report report, JsonNode provenanceMissing) {
        return annotate(report, provenanceMissing, java.util.Map.of());
    }

    /**
     * The report with sources on its missing facts and the importer's reasons on those "not
     * collected": by key ({@code reasons}) where the import gave one, else the provenance's text.
     */
    private static Report annotate(Report report, JsonNode provenanceMissing, java.util.Map<String, MissingFact.Reason> reasons) {
        List<CheckResult> checks = new ArrayList<>();
        for (CheckResult c : report.checks()) {
            if (c.missing().isEmpty()) {
                checks.add(c);
                continue;
            }
            List<MissingFact> missing = new ArrayList<>();
            for (MissingFact m : c.missing()) {
                MissingFact out = m;
                String source = sourceOf(m.path());
                if (source != null && m.source() == null) {
                    out = out.withSource(source);
                }
                MissingFact.Reason keyed = reasons.get(m.path());
                JsonNode why = provenanceMissing == null ? null : provenanceMissing.get(m.path());
                if (keyed != null && MissingFact.NOT_COLLECTED.equals(m.reason())) {
                    out = out.withReason(keyed);
                } else if (why != null && MissingFact.NOT_COLLECTED.equals(m.reason())) {
                    out = out.withReason(why.asText());
                }
                missing.add(out);
            }
            checks.add(new CheckResult(c.id(), c.area(), c.title(), c.status(), c.severity(), c.docUrl(), c.findings(), missing, c.notes()));
        }
        return report.withChecks(checks);
    }

    /** The report of an imported collection with sources and the importer's reasons on its missing facts, and its next steps. */
    public static Report annotate(Report report, ImportResult imported) {
        return NextSteps.add(annotate(report, imported.missing(), imported.reasons()), imported.document().path("provenance"));
    }

    /** What supplies a fact path; for an object or list path, what supplies the facts below it. */
    public static String sourceOf(String path) {
        var entry = FactSources.forPath(path);
        if (entry.isPresent()) {
            return entry.get().supplies();
        }
        String template = path.replaceAll("\\[\\d+]", "[]");
        Set<String> files = new LinkedHashSet<>();
        for (FactSources.Entry e : FactSources.entries()) {
            if (e.template().startsWith(template + ".") || e.template().startsWith(template + "[]")) {
                files.addAll(e.files());
            }
        }
        return files.isEmpty() ? null : String.join(" or ", files);
    }
}
