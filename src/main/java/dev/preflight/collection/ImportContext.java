package dev.preflight.collection;

import com.fasterxml.jackson.databind.JsonNode;
import dev.preflight.api.MissingFact.Reason;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One import under way: the collection's files, what the manifest says, the facts being built,
 * and every diagnostic. Per-file readers take what they need from here and read files only
 * through {@link #read}, {@link #graphList} and {@link #graphObject}, so that encodings, syntax
 * errors, Graph error bodies, failed requests and paging are handled in one place.
 */
final class ImportContext {

    private static final Pattern PAGE = Pattern.compile("^(.*)\\.(\\d+)\\.json$");

    final Map<String, byte[]> files;
    final List<Diagnostic> diagnostics = new ArrayList<>();
    final FactTree tree = new FactTree(diagnostics::add);
    /** Files some reader looked at, whether or not they could be read. */
    final Set<String> known = new LinkedHashSet<>();
    /** Reasons that apply to every instance of a fact template (a failed request, an unreadable file). */
    final Map<String, Reason> templateReasons = new LinkedHashMap<>();
    /** The manifest's errors[] by file. */
    final Map<String, Reason> failedRequests = new LinkedHashMap<>();
    /** The manifest's errors[] by file, as the provenance's {@code failedRequests}: status, what was lacked, the reason. */
    final com.fasterxml.jackson.databind.node.ObjectNode requests = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
    /** The Connect server's offset from UTC at collection (manifest utcOffset), or null. */
    ZoneOffset utcOffset;

    ImportContext(Map<String, byte[]> files) {
        this.files = files;
    }

    FactTree.Obj root() {
        return tree.root;
    }

    boolean exists(String file) {
        return files.containsKey(file);
    }

    /** The files matching a pattern of {@link FactSources#matches}, excluding further Graph pages. */
    List<String> matching(String pattern) {
        List<String> out = new ArrayList<>();
        for (String f : files.keySet()) {
            if (FactSources.matches(pattern, f) && !(f.startsWith("graph/") && PAGE.matcher(f).matches())) {
                out.add(f);
            }
        }
        return out;
    }

    void report(Diagnostic d) {
        diagnostics.add(d);
    }

    void warn(String file, String fact, String message) {
        diagnostics.add(new Diagnostic(Diagnostic.Severity.WARNING, file, 0, 0, fact, message));
    }

    /** A reason for every instance of a fact template, unless one was given before. */
    void reason(String template, Reason reason) {
        templateReasons.putIfAbsent(template, reason);
    }

    /** Records a problem and the facts it leaves absent. */
    void fail(ImportException e, String... templates) {
        report(e.diagnostic());
        for (String t : templates) {
            reason(t, e.reason());
        }
    }

    /** The facts a file gives, for naming them in its errors. */
    static String factsOf(String file) {
        List<String> t = FactSources.suppliedBy(file).stream().map(FactSources.Entry::template).toList();
        return t.isEmpty() ? null : t.size() <= 3 ? String.join(", ", t) : String.join(", ", t.subList(0, 3)) + ", ...";
    }

    /**
     * A PowerShell or Graph JSON file parsed, or null when it is absent (its facts then say "file
     * absent" or the manifest's error) or unreadable (its facts say why, and a diagnostic names it).
     */
    PsNode read(String file) {
        return read(file, false);
    }

    PsNode read(String file, boolean emptyMeansNone) {
        known.add(file);
        byte[] bytes = files.get(file);
        if (bytes == null) {
            return null;
        }
        try {
            return PsJson.parse(file, bytes, factsOf(file), emptyMeansNone);
        } catch (ImportException e) {
            failFile(file, e);
            return null;
        }
    }

    /**
     * Runs the part of a reader that reads {@code file}: a problem escaping it is a diagnostic of
     * the file it names (else {@code file}), whose facts stay absent with that reason, and the rest
     * of the collection still imports.
     */
    void guard(String file, Runnable reader) {
        try {
            reader.run();
        } catch (ImportException e) {
            failFile(e.diagnostic().file() == null ? file : e.diagnostic().file(), e);
        }
    }

    /** Every fact the file gives is absent for the reason of this problem. */
    void failFile(String file, ImportException e) {
        report(e.diagnostic());
        for (FactSources.Entry en : FactSources.suppliedBy(file)) {
            if (en.files().size() == 1 || en.files().get(0).equals(file) || FactSources.matches(en.files().get(0), file)) {
                reason(en.template(), e.reason());
            }
        }
    }

    /** A Graph response body holding one entity or a {@code value} list; null for absent, unreadable or an error body. */
    PsNode graphObject(String file) {
        PsNode n = read(file);
        if (n == null) {
            return null;
        }
        PsNode error = n.get("error");
        if (n.isObject() && error.isObject() && !n.has("value") && !n.has("id")) {
            String code = error.get("code").isNull() ? "error" : error.get("code").raw().asText();
            String message = error.get("message").isNull() ? "" : ": " + error.get("message").raw().asText();
            String permission = FactSources.graphPermission(file);
            String needs = code.contains("Authorization") || code.contains("Forbidden") || code.contains("AccessDenied")
                    ? permission == null ? "" : "; needs " + permission : "";
            failFile(file, n.problem(factsOf(file), "Graph error response saved instead of the data (" + code + message + ")" + needs));
            return null;
        }
        return n;
    }

    /** A Graph list: the {@code value} arrays of {@code <name>.json}, {@code <name>.2.json}, ... in order. */
    record GraphList(List<PsNode> items, boolean incomplete, String file) {
    }

    /**
     * Reads a paged Graph list; null when its first page is absent or unreadable. When the last page
     * present still has an {@code @odata.nextLink}, the list is incomplete and says so.
     */
    GraphList graphList(String base) {
        String first = base + ".json";
        PsNode page = graphObject(first);
        if (page == null) {
            return null;
        }
        List<PsNode> items = new ArrayList<>();
        String fact = factsOf(first);
        int n = 1;
        String file = first;
        while (true) {
            try {
                if (page.has("value") && !page.get("value").raw().isArray()) {
                    throw page.get("value").problem(fact, "expected a list (a JSON array) in value, found " + (page.get("value").isObject() ? "an object" : page.get("value").raw().asText()));
                }
                items.addAll(page.has("value") ? page.get("value").objects(fact) : page.objects(fact));
            } catch (ImportException e) {
                failFile(file, e);
                return null;
            }
            String next = base + "." + (n + 1) + ".json";
            boolean hasNext = !page.get("@odata.nextLink").isNull();
            if (!exists(next)) {
                if (hasNext) {
                    report(new Diagnostic(Diagnostic.Severity.ERROR, file, 0, 0, fact,
                            "incomplete list: this page has an @odata.nextLink but " + next + " is not in the collection"));
                }
                return new GraphList(items, hasNext, file);
            }
            if (!hasNext) {
                warn(next, fact, "ignored: " + file + " has no @odata.nextLink, so it was the last page");
                known.add(next);
                return new GraphList(items, false, file);
            }
            page = graphObject(next);
            if (page == null) {
                return new GraphList(items, true, next);
            }
            file = next;
            n++;
        }
    }

    /** The number in a {@code $count} file ({@code 893}), or null when absent or unreadable. */
    Long count(String file) {
        PsNode n = graphObject(file);
        if (n == null) {
            return null;
        }
        try {
            Long v = n.integer(factsOf(file));
            if (v == null || v < 0) {
                throw n.problem(factsOf(file), "expected a count (a whole number of 0 or more)");
            }
            return v;
        } catch (ImportException e) {
            failFile(file, e);
            return null;
        }
    }

    /** Reads a file (if present and readable) and runs {@code reader} on each of its objects. */
    void eachIn(String file, String fact, java.util.function.Consumer<PsNode> reader) {
        PsNode doc = read(file);
        if (doc != null) {
            each(doc, fact, reader);
        }
    }

    /** Runs {@code reader} on each object of a file; a bad one is reported and the others are still read. */
    void each(PsNode doc, String fact, java.util.function.Consumer<PsNode> reader) {
        List<PsNode> items;
        try {
            items = doc.objects(fact);
        } catch (ImportException e) {
            fail(e, fact);
            return;
        }
        for (PsNode item : items) {
            try {
                reader.accept(item);
            } catch (ImportException e) {
                report(e.diagnostic());
            }
        }
    }

    /** The manifest's error for a file, as a provenance reason, or null. */
    Reason failedRequest(String file) {
        return failedRequests.get(file);
    }

    static String text(JsonNode n) {
        return n == null || n.isNull() || n.isMissingNode() ? null : n.asText();
    }

    static Matcher page(String file) {
        return PAGE.matcher(file);
    }
}
