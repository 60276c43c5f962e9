package dev.preflight.results;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.zip.GZIPInputStream;

/**
 * Streams the tenants of a results file: a report as {@code evaluate --format json} writes it (one
 * JSON document, indented or not), or a batch's JSON Lines (gzip-compressed too), one record at a
 * time, so that files of any size are read in constant memory.
 */
public final class ResultsReader implements Iterator<TenantSummary>, Closeable {

    private static final ObjectMapper JSON = new ObjectMapper();

    static {
        JSON.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxStringLength(20_000_000).build());
    }

    private final String name;
    private final InputStream in;
    private final MappingIterator<JsonNode> records;

    private ResultsReader(String name, InputStream in) throws IOException {
        this.name = name;
        this.in = in;
        JsonParser p = JSON.getFactory().createParser(in);
        this.records = JSON.readerFor(JsonNode.class).readValues(p);
    }

    /**
     * Opens a results file.
     *
     * @throws IOException when it cannot be opened
     */
    public static ResultsReader open(Path file) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        in.mark(2);
        int b1 = in.read();
        int b2 = in.read();
        in.reset();
        if (b1 == 0x1f && b2 == 0x8b) {
            try {
                in = new BufferedInputStream(new GZIPInputStream(in, 1 << 16), 1 << 16);
            } catch (java.io.EOFException | java.util.zip.ZipException e) {
                in.close();
                throw corruptGzip(file.toString(), e);
            }
        }
        try {
            return new ResultsReader(file.toString(), in);
        } catch (IOException e) {
            in.close();
            throw problem(file.toString(), e);
        }
    }

    /** A problem with the content rather than the reading: malformed JSON, a cut or corrupt gzip, bytes in no encoding. */
    private static RuntimeException problem(String name, IOException e) {
        if (e instanceof JsonProcessingException j) {
            com.fasterxml.jackson.core.JsonLocation l = j.getLocation();
            return new InvalidResultsException(name + (l == null ? "" : ":" + l.getLineNr() + ":" + l.getColumnNr())
                    + ": not a Preflight report or batch result: " + dev.preflight.facts.ParseMessages.clean(j.getOriginalMessage()));
        }
        if (e instanceof java.io.EOFException || e instanceof java.util.zip.ZipException) {
            return corruptGzip(name, e);
        }
        if (e instanceof java.io.CharConversionException) {
            return new InvalidResultsException(name + ": not a Preflight report or batch result: not UTF-8 text (" + e.getMessage() + ")");
        }
        return new UncheckedIOException(name + ": " + e.getMessage(), e);
    }

    private static InvalidResultsException corruptGzip(String name, IOException e) {
        return new InvalidResultsException(name + ": a truncated or corrupt gzip file"
                + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")") + ": compress it again, or give the uncompressed file");
    }

    /** Reads a whole file into a list (for small files and tests). */
    public static List<TenantSummary> readAll(Path file) throws IOException {
        List<TenantSummary> out = new ArrayList<>();
        try (ResultsReader r = open(file)) {
            r.forEachRemaining(out::add);
        }
        return out;
    }

    @Override
    public boolean hasNext() {
        try {
            return records.hasNextValue();
        } catch (JsonProcessingException e) {
            throw malformed(e);
        } catch (IOException e) {
            throw problem(name, e);
        }
    }

    @Override
    public TenantSummary next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        JsonNode n;
        long line;
        try {
            line = records.getParser().currentTokenLocation().getLineNr();
            n = records.nextValue();
        } catch (JsonProcessingException e) {
            throw malformed(e);
        } catch (IOException e) {
            throw problem(name, e);
        }
        String refused = kind(n);
        if (refused != null) {
            boolean more = refused.equals(TENANT_FACTS) && hasNext();
            throw new InvalidResultsException(name + ":" + line + ": " + (more ? FACTS_FILE : refused));
        }
        return summary(n);
    }

    private InvalidResultsException malformed(JsonProcessingException e) {
        return (InvalidResultsException) problem(name, e);
    }

    static final String TENANT_FACTS = "a tenant-facts document, not a report: run `evaluate --format json` on it first";
    static final String FACTS_FILE = "a facts file (tenant facts, one per line), not batch results: run `batch` on it first";

    /** Null for a report, a batch result or a batch's error record; otherwise what the record looks like, and what to run. */
    private static String kind(JsonNode n) {
        if (n.isObject() && (n.has("verdict") && n.has("checks") || n.has("error") && !n.has("checks") || n.has("valid") && n.has("tenant"))) {
            return null;
        }
        if (!n.isObject()) {
            return "not a Preflight report or batch result: a JSON " + n.getNodeType().name().toLowerCase(java.util.Locale.ROOT) + " where a record (an object) was expected";
        }
        for (String fact : List.of("passwordReset", "onPremises", "users", "subscribedSkus")) {
            if (n.has(fact)) {
                return TENANT_FACTS;
            }
        }
        if (n.has("tenant") && !n.has("checks")) {
            return TENANT_FACTS;
        }
        if (n.has("collectedAt") && (n.has("tenantId") || n.has("collector"))) {
            return "a collection's manifest.json, not a report: run `evaluate` on the collection's folder or zip";
        }
        return "not a Preflight report or batch result (a record without 'verdict' and 'checks', or 'error')";
    }

    private TenantSummary summary(JsonNode n) {
        JsonNode t = n.path("tenant");
        String origin = text(n, "origin");
        if (n.has("error") || !n.has("verdict")) {
            JsonNode e = n.path("error");
            String msg = text(e, "message");
            return new TenantSummary(text(t, "tenantId"), text(t, "displayName"), text(t, "cloud"), origin, "INVALID", 0, List.of(),
                    msg == null ? (n.path("valid").asBoolean(false) ? "validated only" : "not evaluated") : msg);
        }
        List<TenantSummary.Check> checks = new ArrayList<>();
        for (JsonNode c : n.path("checks")) {
            String status = text(c, "status");
            if ("PASS".equals(status)) {
                continue;
            }
            List<TenantSummary.Finding> findings = new ArrayList<>();
            for (JsonNode f : c.path("findings")) {
                findings.add(new TenantSummary.Finding(text(f, "checkId"), text(f, "subject"), text(f, "severity"), text(f, "message"), f.has("waived"), text(f, "remediation")));
            }
            List<String> missing = new ArrayList<>();
            for (JsonNode m : c.path("missing")) {
                missing.add(text(m, "path"));
            }
            // What the report schema requires of a check the fleet page and the diff show.
            String lacking = text(c, "id") == null ? "'id'" : status == null ? "'status'" : text(c, "area") == null ? "'area'"
                    : "FAIL".equals(status) && text(c, "severity") == null ? "'severity'" : null;
            for (JsonNode f : c.path("findings")) {
                if (lacking == null && "FAIL".equals(status) && text(f, "severity") == null) {
                    lacking = "a finding's 'severity'";
                }
            }
            if (lacking != null) {
                com.fasterxml.jackson.core.JsonLocation l = records.getCurrentLocation();
                throw new InvalidResultsException(name + (l == null ? "" : ":" + l.getLineNr()) + ": not a Preflight report or batch result: a check without "
                        + lacking);
            }
            checks.add(new TenantSummary.Check(text(c, "id"), text(c, "area"), text(c, "title"), status, text(c, "severity"),
                    text(c, "docUrl"), findings, missing));
        }
        return new TenantSummary(text(t, "tenantId"), text(t, "displayName"), text(t, "cloud"), origin, text(n, "verdict"),
                n.path("waivers").path("waived").asInt(0), checks, null);
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    @Override
    public void close() throws IOException {
        records.close();
        in.close();
    }

    /** A file that is not a Preflight report or batch result. */
    public static final class InvalidResultsException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        InvalidResultsException(String message) {
            super(message.replaceAll("\\p{Cntrl}", "?")); // one line, whatever the file quoted
        }
    }
}
