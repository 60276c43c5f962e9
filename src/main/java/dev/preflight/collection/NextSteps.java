package dev.preflight.collection;

import com.fasterxml.jackson.databind.JsonNode;
import dev.preflight.api.CheckResult;
import dev.preflight.api.MissingFact;
import dev.preflight.api.NextStep;
import dev.preflight.api.Report;
import dev.preflight.api.Status;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The report's "To complete this evaluation": the missing facts of its NOT_EVALUATED checks
 * grouped by the action that supplies them (an export to run again with the permission or module
 * it lacked, a file the collection lacks, an export that does not give the facts, answers to
 * give), each reason once, the action that unblocks most checks first. What supplies each fact
 * comes from {@link FactSources}; which requests failed and which files were read from the
 * import's provenance, when the facts came from a collection. Stateless and thread-safe.
 */
public final class NextSteps {

    private NextSteps() {
    }

    /** The report with its next steps; {@code provenance} (the import's) may be null for a facts document. */
    public static Report add(Report report, JsonNode provenance) {
        return report.withNextSteps(of(report, provenance));
    }

    /** What would complete the report, most checks unblocked first. */
    public static List<NextStep> of(Report report, JsonNode provenance) {
        JsonNode failed = provenance == null ? null : provenance.get("failedRequests");
        Set<String> read = null;
        if (provenance != null && provenance.path("filesRead").isArray()) {
            read = new LinkedHashSet<>();
            for (JsonNode f : provenance.get("filesRead")) {
                read.add(f.asText());
            }
        }
        Map<String, Group> groups = new LinkedHashMap<>();
        for (CheckResult c : report.checks()) {
            if (c.status() != Status.NOT_EVALUATED) {
                continue;
            }
            for (MissingFact m : c.missing()) {
                Group g = classify(m, failed, read, groups);
                g.paths.add(m.path());
                g.checks.add(c.id());
                if (g.action == NextStep.Action.ANSWER) {
                    g.questions.putIfAbsent(m.path(), new NextStep.Question(m.path(), m.subject(), m.field()));
                } else if (g.action == NextStep.Action.FIX_EXPORT && m.reason() != null && !MissingFact.NOT_COLLECTED.equals(m.reason())) {
                    g.reasons.putIfAbsent(m.reason(), m.why() != null ? m.why() : Reasons.of(Reasons.PROBLEM, m.reason()));
                }
            }
        }
        List<String> order = report.checks().stream().map(CheckResult::id).toList();
        List<NextStep> steps = new ArrayList<>();
        for (Group g : groups.values()) {
            List<String> checks = g.checks.stream().sorted(Comparator.comparingInt(order::indexOf)).toList();
            String reason = g.reason != null ? g.reason : g.reasons.isEmpty() ? null : String.join("; ", g.reasons.keySet());
            steps.add(new NextStep(g.action, g.file, g.need, g.command, reason, List.copyOf(g.questions.values()), List.copyOf(g.paths), checks,
                    g.reason != null ? List.of() : List.copyOf(g.reasons.values())));
        }
        // Most checks unblocked first; among equals, the cheapest action: a re-run, a file, a fix, then answers.
        steps.sort(Comparator.comparingInt((NextStep s) -> -s.checks().size()).thenComparingInt(s -> s.action().ordinal()));
        return steps;
    }

    /** The missing facts one action supplies. */
    private static final class Group {
        final NextStep.Action action;
        final String file;
        final String need;
        final String command;
        final String reason;
        /** The importer's reasons by their English text, each once. */
        final Map<String, MissingFact.Reason> reasons = new LinkedHashMap<>();
        final Set<String> paths = new LinkedHashSet<>();
        final Set<String> checks = new LinkedHashSet<>();
        final Map<String, NextStep.Question> questions = new LinkedHashMap<>();

        Group(NextStep.Action action, String file, String need, String command, String reason) {
            this.action = action;
            this.file = file;
            this.need = need;
            this.command = command;
            this.reason = reason;
        }
    }

    private static Group classify(MissingFact m, JsonNode failed, Set<String> read, Map<String, Group> groups) {
        List<String> files = filesOf(m);
        if (files.isEmpty() || files.get(0).equals(FactSources.ANSWERS)) {
            if (files.isEmpty()) {
                return groups.computeIfAbsent("FIX|", k -> new Group(NextStep.Action.FIX_EXPORT, null, null, null, null));
            }
            return groups.computeIfAbsent("ANSWER", k -> new Group(NextStep.Action.ANSWER, null, null, null, null));
        }
        List<String> exports = files.stream().filter(f -> !f.equals(FactSources.ANSWERS)).toList();
        if (failed != null) {
            for (String f : exports) {
                for (var it = failed.fields(); it.hasNext(); ) {
                    var e = it.next();
                    if (FactSources.matches(f, e.getKey())) {
                        String file = e.getKey();
                        JsonNode req = e.getValue();
                        return groups.computeIfAbsent("RERUN|" + file, k -> new Group(NextStep.Action.RERUN_EXPORT, file,
                                req.hasNonNull("needs") ? req.get("needs").asText() : null, FactSources.collectorCommand(file),
                                req.hasNonNull("reason") ? req.get("reason").asText() : null));
                    }
                }
            }
        }
        String present = null;
        if (read != null) {
            for (String f : exports) {
                if (read.stream().anyMatch(r -> FactSources.matches(f, r))) {
                    present = f;
                    break;
                }
            }
        }
        if (present == null) {
            String file = exports.get(0);
            return groups.computeIfAbsent("ADD|" + file, k -> new Group(NextStep.Action.ADD_FILE, file, FactSources.module(file),
                    FactSources.collectorCommand(file), null));
        }
        String file = present;
        return groups.computeIfAbsent("FIX|" + file, k -> new Group(NextStep.Action.FIX_EXPORT, file, null, FactSources.collectorCommand(file), null));
    }

    /** The files that supply a missing fact (or the facts below it), answers.json first when an answer does. */
    private static List<String> filesOf(MissingFact m) {
        var entry = FactSources.forPath(m.path());
        if (entry.isPresent()) {
            return entry.get().files();
        }
        String source = m.source() != null ? m.source() : MissingSources.sourceOf(m.path());
        if (source == null) {
            // a path through a filter or a field below a fact (subscribedSkus[0].servicePlans.provisioningStatus): its fact's files
            String p = m.path();
            while (p.contains(".")) {
                p = p.substring(0, p.lastIndexOf('.'));
                var up = FactSources.forPath(p);
                if (up.isPresent()) {
                    return up.get().files();
                }
            }
            return List.of();
        }
        return Arrays.asList(source.split(" or "));
    }
}
