package dev.preflight.api;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An immutable set of {@link Waiver}s, read from a YAML or JSON file:
 *
 * <pre>{@code
 * waivers:
 *   - checkId: PWB-AD-002
 *     scope: { tenant: 3f1a9b2c-1111-4000-8000-000000000002, subject: dc2.corp.fabrikam.com }
 *     reason: Legacy DC, decommissioned in the Q1 migration
 *     owner: alice@fabrikam.com
 *     expires: 2026-12-31
 *     ticket: CHG-4711
 * }</pre>
 *
 * Give them to {@link Evaluator.Builder#waivers(Waivers)}: every report then says which findings are
 * waived, its verdict leaves them out, and it lists the waivers that expired or match nothing.
 */
public final class Waivers {

    /** Waiving nothing. */
    public static final Waivers NONE = new Waivers(List.of(), null);

    private static final Pattern CHECK_ID = Pattern.compile("[A-Z][A-Z0-9]*-[A-Z][A-Z0-9]*-[0-9]{3}");
    private static final Set<String> ENTRY_FIELDS = Set.of("checkId", "scope", "reason", "owner", "expires", "ticket");
    private static final Set<String> SCOPE_FIELDS = Set.of("tenant", "subject");
    private static final int MAX_BYTES = 16 << 20;

    private final List<Waiver> waivers;
    private final String source;

    private Waivers(List<Waiver> waivers, String source) {
        this.waivers = List.copyOf(waivers);
        this.source = source;
    }

    /** These waivers, in this order (the first that covers a finding is the one shown). */
    public static Waivers of(Collection<Waiver> waivers) {
        return new Waivers(new ArrayList<>(waivers), null);
    }

    /**
     * Reads a waivers file: YAML when its name ends in {@code .yaml} or {@code .yml}, JSON otherwise.
     *
     * @throws InvalidWaiversException       when it is not a valid waivers file (file, line, column)
     * @throws java.io.UncheckedIOException when it cannot be read
     */
    public static Waivers read(Path file) {
        byte[] bytes;
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new InvalidWaiversException(file.toString(), 0, 0, "larger than 16 MiB");
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot be read (" + e.getMessage() + ")", e);
        }
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        return parse(decode(bytes, file.toString()), file.toString(), name.endsWith(".yaml") || name.endsWith(".yml"));
    }

    /**
     * The text of a waivers file in the encodings every input may have: UTF-8 (with or without a
     * byte-order mark) or UTF-16 with one (what Windows PowerShell's {@code Out-File} writes), decoded
     * strictly: bytes in no such encoding are refused, never replaced.
     */
    private static String decode(byte[] b, String origin) {
        java.nio.charset.Charset cs = StandardCharsets.UTF_8;
        int skip = 0;
        if (b.length >= 2 && (b[0] & 0xff) == 0xFF && (b[1] & 0xff) == 0xFE) {
            cs = StandardCharsets.UTF_16LE;
            skip = 2;
        } else if (b.length >= 2 && (b[0] & 0xff) == 0xFE && (b[1] & 0xff) == 0xFF) {
            cs = StandardCharsets.UTF_16BE;
            skip = 2;
        } else if (b.length >= 3 && (b[0] & 0xff) == 0xEF && (b[1] & 0xff) == 0xBB && (b[2] & 0xff) == 0xBF) {
            skip = 3;
        }
        try {
            return cs.newDecoder().onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                    .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(b, skip, b.length - skip)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new InvalidWaiversException(origin, 0, 0, "not " + (cs == StandardCharsets.UTF_8 ? "UTF-8" : "valid " + cs.name())
                    + " text: save it as UTF-8, or UTF-16 with a byte-order mark");
        }
    }

    /**
     * Parses waivers from text.
     *
     * @param text   the file's content
     * @param origin its name for messages, or {@code null}
     * @param yaml   YAML ({@code true}) or JSON
     * @throws InvalidWaiversException when it is not a valid waivers file
     */
    public static Waivers parse(String text, String origin, boolean yaml) {
        JsonFactory factory = yaml ? YAMLFactory.builder().build() : JsonFactory.builder().build();
        factory.setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(16).maxStringLength(100_000).build());
        String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
        try (JsonParser p = factory.createParser(body)) {
            p.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
            return new Waivers(new Reader(p, origin).document(), origin);
        } catch (JsonParseException e) {
            JsonLocation at = e.getLocation();
            throw new InvalidWaiversException(origin, at == null ? 0 : at.getLineNr(), at == null ? 0 : at.getColumnNr(),
                    "malformed " + (yaml ? "YAML" : "JSON") + ": " + dev.preflight.facts.ParseMessages.clean(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new InvalidWaiversException(origin, 0, 0, "cannot be read: " + dev.preflight.facts.ParseMessages.clean(e.getMessage()));
        }
    }

    /** The waivers, in file order. */
    public List<Waiver> list() {
        return waivers;
    }

    /** The file they were read from, or {@code null}. */
    public String source() {
        return source;
    }

    /** Whether there are none. */
    public boolean isEmpty() {
        return waivers.isEmpty();
    }

    /**
     * Checks that every waiver names a check of this catalogue (a mistyped id would never match).
     *
     * @throws InvalidWaiversException naming the first waiver that does not
     */
    public void requireKnownChecks(Collection<CheckInfo> catalogue) {
        Set<String> ids = new LinkedHashSet<>();
        catalogue.forEach(c -> ids.add(c.id()));
        for (Waiver w : waivers) {
            if (!ids.contains(w.checkId())) {
                int[] lc = lineColumn(w.origin());
                throw new InvalidWaiversException(source, lc[0], lc[1], "checkId: no check " + w.checkId() + " in the catalogue");
            }
        }
    }

    /**
     * Applies the waivers to a report: findings covered by a waiver in force at the report's
     * reference time are marked waived, and the verdict is decided without them.
     *
     * @param report    the report as the rules made it
     * @param catalogue the checks, to know which can block the verdict
     */
    public Report apply(Report report, Collection<CheckInfo> catalogue) {
        List<Waiver> active = new ArrayList<>();
        List<Waiver> expired = new ArrayList<>();
        for (Waiver w : waivers) {
            if (w.coversTenant(report.tenant().tenantId())) {
                (w.expiredAt(report.referenceTime()) ? expired : active).add(w);
            }
        }
        if (active.isEmpty() && expired.isEmpty()) {
            return report.withWaivers(new WaiverOutcome(report.verdict(), List.of(), List.of(), List.of()));
        }
        Map<String, Boolean> canBlock = new HashMap<>();
        catalogue.forEach(c -> canBlock.put(c.id(), c.canBlock()));
        List<WaiverOutcome.Applied> applied = new ArrayList<>();
        Set<Waiver> used = new LinkedHashSet<>();
        boolean anyError = false;
        boolean blockedByGap = false;
        for (CheckResult c : report.checks()) {
            Severity worst = null;
            for (Finding f : c.findings()) {
                Waiver covering = null;
                for (Waiver w : active) {
                    if (w.covers(f)) {
                        covering = w;
                        break;
                    }
                }
                if (covering != null) {
                    applied.add(new WaiverOutcome.Applied(f, covering));
                    used.add(covering);
                } else if (worst == null || f.severity().compareTo(worst) < 0) {
                    worst = f.severity();
                }
            }
            boolean blocks = canBlock.getOrDefault(c.id(), true);
            // The same rule as the engine's verdict, over the findings not waived.
            switch (c.status()) {
                case ERROR -> blockedByGap = true;
                case NOT_EVALUATED -> blockedByGap |= blocks;
                case FAIL -> {
                    anyError |= worst == Severity.ERROR;
                    blockedByGap |= blocks && worst != Severity.ERROR && !c.missing().isEmpty();
                }
                default -> {
                }
            }
        }
        List<Waiver> stale = active.stream().filter(w -> !used.contains(w)).toList();
        Verdict verdict = applied.isEmpty() ? report.verdict()
                : anyError ? Verdict.NOT_ELIGIBLE : blockedByGap ? Verdict.INCOMPLETE : Verdict.ELIGIBLE;
        return report.withWaivers(new WaiverOutcome(report.verdict(), applied, expired, stale), verdict);
    }

    private static int[] lineColumn(String origin) {
        if (origin != null) {
            String[] parts = origin.split(":");
            if (parts.length >= 3) {
                try {
                    return new int[] {Integer.parseInt(parts[parts.length - 2]), Integer.parseInt(parts[parts.length - 1])};
                } catch (NumberFormatException ignored) {
                    // not a location
                }
            }
        }
        return new int[] {0, 0};
    }

    /** A strict streaming reader: every error names the line and column of the offending value. */
    private static final class Reader {
        private final JsonParser p;
        private final String origin;

        Reader(JsonParser p, String origin) {
            this.p = p;
            this.origin = origin;
        }

        List<Waiver> document() throws IOException {
            JsonToken t = p.nextToken();
            if (t == null) {
                throw error("the file is empty: expected an object with a 'waivers' list");
            }
            List<Waiver> out;
            if (t == JsonToken.START_ARRAY) {
                out = entries();
            } else if (t == JsonToken.START_OBJECT) {
                out = null;
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    p.nextToken();
                    if (!name.equals("waivers")) {
                        throw error("unknown field '" + name + "' (expected 'waivers')");
                    }
                    if (p.currentToken() != JsonToken.START_ARRAY) {
                        throw error("waivers: expected a list of waivers");
                    }
                    out = entries();
                }
                if (out == null) {
                    throw error("expected a 'waivers' list");
                }
            } else {
                throw error("expected an object with a 'waivers' list");
            }
            if (p.nextToken() != null) {
                throw error("unexpected content after the waivers");
            }
            return out;
        }

        private List<Waiver> entries() throws IOException {
            List<Waiver> out = new ArrayList<>();
            int i = 0;
            while (p.nextToken() != JsonToken.END_ARRAY) {
                out.add(entry("waivers[" + i++ + "]"));
            }
            return out;
        }

        private Waiver entry(String path) throws IOException {
            if (p.currentToken() != JsonToken.START_OBJECT) {
                throw error(path + ": expected a waiver (an object with checkId, scope, reason, owner, expires)");
            }
            JsonLocation start = p.currentTokenLocation();
            Map<String, String> values = new HashMap<>();
            Map<String, JsonLocation> at = new HashMap<>();
            String tenant = null;
            String subject = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                if (!ENTRY_FIELDS.contains(name)) {
                    throw error(path + ": unknown field '" + name + "' (expected one of checkId, scope, reason, owner, expires, ticket)");
                }
                p.nextToken();
                at.put(name, p.currentTokenLocation());
                if (name.equals("scope")) {
                    if (p.currentToken() == JsonToken.VALUE_STRING) {
                        tenant = p.getText().trim(); // shorthand: scope: "*"
                        continue;
                    }
                    if (p.currentToken() != JsonToken.START_OBJECT) {
                        throw error(path + ".scope: expected {tenant, subject} or a tenant id or '*'");
                    }
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String s = p.currentName();
                        if (!SCOPE_FIELDS.contains(s)) {
                            throw error(path + ".scope: unknown field '" + s + "' (expected tenant, subject)");
                        }
                        p.nextToken();
                        String v = scalar(path + ".scope." + s);
                        if (s.equals("tenant")) {
                            tenant = v;
                        } else {
                            subject = v;
                        }
                    }
                    continue;
                }
                values.put(name, scalar(path + "." + name));
            }
            for (String required : List.of("checkId", "reason", "owner", "expires")) {
                if (values.get(required) == null || values.get(required).isEmpty()) {
                    throw errorAt(start, path + ": " + required + " is required");
                }
            }
            if (tenant == null || tenant.isEmpty()) {
                throw errorAt(at.getOrDefault("scope", start), path + ".scope.tenant is required (a tenant id, or '*' for every tenant)");
            }
            String checkId = values.get("checkId");
            if (!CHECK_ID.matcher(checkId).matches()) {
                throw errorAt(at.get("checkId"), path + ".checkId: '" + checkId + "' is not a check id such as PWB-AD-002");
            }
            LocalDate expires;
            try {
                expires = LocalDate.parse(values.get("expires"));
            } catch (DateTimeParseException e) {
                throw errorAt(at.get("expires"), path + ".expires: '" + values.get("expires") + "' is not a date (expected YYYY-MM-DD)");
            }
            String location = (origin == null ? "" : origin) + ":" + start.getLineNr() + ":" + start.getColumnNr();
            return new Waiver(checkId, tenant, subject == null || subject.isEmpty() ? null : subject, values.get("reason"),
                    values.get("owner"), expires, values.get("ticket"), location);
        }

        private String scalar(String path) throws IOException {
            JsonToken t = p.currentToken();
            if (t == JsonToken.VALUE_STRING || t == JsonToken.VALUE_NUMBER_INT) {
                return p.getText().trim();
            }
            throw error(path + ": expected text, found " + describe(t));
        }

        private static String describe(JsonToken t) {
            return switch (t) {
                case START_OBJECT -> "an object";
                case START_ARRAY -> "a list";
                case VALUE_NULL -> "null";
                case VALUE_TRUE, VALUE_FALSE -> "a boolean";
                default -> "a number";
            };
        }

        private InvalidWaiversException error(String problem) {
            return errorAt(p.currentTokenLocation(), problem);
        }

        private InvalidWaiversException errorAt(JsonLocation at, String problem) {
            return new InvalidWaiversException(origin, at.getLineNr(), at.getColumnNr(), problem);
        }
    }
}
