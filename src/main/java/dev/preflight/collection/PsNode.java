package dev.preflight.collection;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A value in a PowerShell or Graph JSON file, with the file and its path there, so that every
 * complaint names the file, the line and column, and the fact affected. Property names match
 * ignoring case, as PowerShell's do. Reading a value that should be an object or a list and finding
 * a type name or a space-joined string is reported as a {@code ConvertTo-Json} depth truncation.
 */
final class PsNode {

    private static final Pattern MS_DATE = Pattern.compile("^/Date\\((-?\\d+)([+-]\\d{4})?\\)/$");
    /** What ConvertTo-Json writes past its depth: a .NET type name such as System.Collections.Hashtable. */
    private static final Pattern TYPE_NAME = Pattern.compile("^[A-Za-z_][\\w`]*(\\.[A-Za-z_][\\w`+\\[\\], ]*)+$");
    private static final Pattern TIMESPAN_TEXT = Pattern.compile("^(-)?(?:(\\d+)\\.)?(\\d{1,2}):(\\d{2}):(\\d{2})(?:\\.(\\d{1,7}))?$");

    private final PsJson.Located file;
    private final JsonNode node;
    private final String path;

    PsNode(PsJson.Located file, JsonNode node, String path) {
        this.file = file;
        this.node = node;
        this.path = path;
    }

    String file() {
        return file.file();
    }

    /** Where this value is in its file: {@code [0].Partitions[1]}. */
    String path() {
        return path;
    }

    JsonNode raw() {
        return node;
    }

    /** Absent or null. */
    boolean isNull() {
        return node.isMissingNode() || node.isNull();
    }

    boolean isObject() {
        return node.isObject();
    }

    /** The property of this object by name, ignoring case; absent when there is none. */
    PsNode get(String name) {
        JsonNode v = MissingNode.getInstance();
        String key = name;
        if (node.isObject()) {
            v = node.get(name);
            if (v == null) {
                v = MissingNode.getInstance();
                for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    if (e.getKey().equalsIgnoreCase(name)) {
                        v = e.getValue();
                        key = e.getKey();
                        break;
                    }
                }
            }
        }
        return new PsNode(file, v, path.isEmpty() ? key : path + "." + key);
    }

    /** Whether the object has the property (ignoring case), even if null. */
    boolean has(String name) {
        return !get(name).node.isMissingNode();
    }

    /**
     * The value as a list: an array's elements, a single object as a one-element list (PowerShell
     * writes one pipeline object without brackets), null or absent as empty. A string here is a
     * depth truncation.
     */
    List<PsNode> list(String fact) {
        List<PsNode> out = new ArrayList<>();
        if (isNull()) {
            return out;
        }
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                out.add(new PsNode(file, node.get(i), path + "[" + i + "]"));
            }
            return out;
        }
        if (node.isObject()) {
            out.add(this);
            return out;
        }
        throw truncatedOr(fact, "a list");
    }

    /** The list's elements, each of which must be an object. */
    List<PsNode> objects(String fact) {
        List<PsNode> out = list(fact);
        for (PsNode e : out) {
            if (!e.node.isObject()) {
                throw e.truncatedOr(fact, "an object");
            }
        }
        return out;
    }

    /** A list of strings (PowerShell collections of names), or empty. */
    List<String> strings(String fact) {
        List<String> out = new ArrayList<>();
        for (PsNode e : list(fact)) {
            if (e.node.isObject()) {
                throw e.problem(fact, "expected a string, found an object");
            }
            if (!e.isNull()) {
                out.add(e.node.asText());
            }
        }
        return out;
    }

    /** The text of a string or a number; {@code null} when null or absent. */
    String text(String fact) {
        if (isNull()) {
            return null;
        }
        if (node.isTextual() || node.isNumber() || node.isBoolean()) {
            return node.asText();
        }
        throw problem(fact, "expected a string, found " + kind());
    }

    /** A non-empty text, or null. */
    String nonEmptyText(String fact) {
        String t = text(fact);
        return t == null || t.isBlank() ? null : t;
    }

    /** A Boolean, also from the texts {@code "True"} and {@code "False"}; null when null or absent. */
    Boolean bool(String fact) {
        if (isNull()) {
            return null;
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isTextual() && (node.asText().equalsIgnoreCase("true") || node.asText().equalsIgnoreCase("false"))) {
            return Boolean.parseBoolean(node.asText());
        }
        throw problem(fact, "expected true or false, found " + kind());
    }

    /** A whole number (also from its text, and from an integral double such as 3.6288E+15); null when null or absent. */
    Long integer(String fact) {
        if (isNull()) {
            return null;
        }
        try {
            BigDecimal d = node.isNumber() ? node.decimalValue() : node.isTextual() ? new BigDecimal(node.asText().strip()) : null;
            if (d != null) {
                return d.setScale(0, RoundingMode.UNNECESSARY).longValueExact();
            }
        } catch (NumberFormatException | ArithmeticException e) {
            // fall through to the message
        }
        throw problem(fact, "expected a whole number, found " + kind());
    }

    /**
     * An enum written as its integer (ConvertTo-Json) or its name (-EnumsAsStrings): the name from
     * the table, or an "unknown value" problem.
     */
    String enumName(String fact, String enumType, Map<Integer, String> names) {
        if (isNull()) {
            return null;
        }
        if (node.isIntegralNumber()) {
            String name = names.get(node.intValue());
            if (name == null) {
                throw problem(fact, "unknown " + enumType + " value " + node.asText() + " (known: " + describe(names) + ")");
            }
            return name;
        }
        if (node.isTextual()) {
            for (String n : names.values()) {
                if (n.equalsIgnoreCase(node.asText().strip())) {
                    return n;
                }
            }
            throw problem(fact, "unknown " + enumType + " value \"" + node.asText() + "\" (known: " + describe(names) + ")");
        }
        throw problem(fact, "expected an " + enumType + " integer or name, found " + kind());
    }

    private static String describe(Map<Integer, String> names) {
        StringBuilder sb = new StringBuilder();
        names.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ", ").append(k).append(' ').append(v));
        return sb.toString();
    }

    /** How a date without an offset is to be read. */
    enum Clock {
        /** A local time that knows its zone (event times): 5.1's milliseconds are the exact instant. */
        LOCAL,
        /** A UTC clock reading stored without a zone (run history): 5.1 shifted it by the server's offset. */
        UNSPECIFIED_UTC
    }

    /** A date and, when it rests on an assumption, a note saying which. */
    record Dated(Instant instant, String note) {
    }

    /**
     * A date: 5.1's {@code \/Date(ms)\/} or an ISO-8601 string (with offset, {@code Z}, or none).
     * {@code utcOffset} is the Connect server's offset from the manifest, or null.
     */
    Dated date(String fact, Clock clock, ZoneOffset utcOffset) {
        if (isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw problem(fact, "expected a date, found " + kind());
        }
        String s = node.asText().strip();
        Matcher m = MS_DATE.matcher(s);
        if (m.matches()) {
            try {
                return msDate(m, clock, utcOffset);
            } catch (NumberFormatException | DateTimeException | ArithmeticException e) {
                throw problem(fact, "expected a date, found \"" + abbreviate(s) + "\": out of range");
            }
        }
        try {
            return new Dated(OffsetDateTime.parse(s).toInstant(), null);
        } catch (DateTimeParseException e) {
            // no offset: below
        }
        try {
            Instant utc = LocalDateTime.parse(s).toInstant(ZoneOffset.UTC);
            return new Dated(utc, clock == Clock.UNSPECIFIED_UTC ? null : "written without an offset; read as UTC");
        } catch (DateTimeParseException e) {
            throw problem(fact, "expected a date (\\/Date(ms)\\/ or ISO-8601), found \"" + abbreviate(s) + "\"");
        }
    }

    /** 5.1's {@code \/Date(ms)\/}; a number past what a long or an Instant holds throws. */
    private static Dated msDate(Matcher m, Clock clock, ZoneOffset utcOffset) {
        Instant ms = Instant.ofEpochMilli(Long.parseLong(m.group(1)));
        if (clock == Clock.LOCAL) {
            return new Dated(ms, null);
        }
        if (utcOffset == null) {
            return new Dated(ms, "Windows PowerShell 5.1 shifted this UTC time by the server's offset from UTC, which the manifest does not give (utcOffset): it may be off by that offset");
        }
        return new Dated(ms.plusSeconds(utcOffset.getTotalSeconds()), null);
    }

    /** A TimeSpan in ticks (100 ns): its object's {@code Ticks}, or its text {@code "1.00:00:00"}. */
    long ticks(String fact) {
        if (node.isObject()) {
            Long t = get("Ticks").integer(fact);
            if (t == null) {
                throw problem(fact, "expected a TimeSpan object with Ticks");
            }
            return t;
        }
        if (node.isTextual()) {
            Matcher m = TIMESPAN_TEXT.matcher(node.asText().strip());
            if (m.matches()) {
                try {
                    long days = m.group(2) == null ? 0 : Long.parseLong(m.group(2));
                    long hours = Math.addExact(Math.multiplyExact(days, 24), Long.parseLong(m.group(3)));
                    long seconds = Math.addExact(Math.multiplyExact(Math.addExact(Math.multiplyExact(hours, 60), Long.parseLong(m.group(4))), 60),
                            Long.parseLong(m.group(5)));
                    long fraction = m.group(6) == null ? 0 : Long.parseLong((m.group(6) + "0000000").substring(0, 7));
                    long t = Math.addExact(Math.multiplyExact(seconds, 10_000_000L), fraction);
                    return m.group(1) == null ? t : -t;
                } catch (NumberFormatException | ArithmeticException e) {
                    // A TimeSpan holds at most 10,675,199 days: past that no .NET export writes it.
                    throw problem(fact, "expected a TimeSpan, found " + kind() + ": out of range");
                }
            }
        }
        throw problem(fact, "expected a TimeSpan (an object with Ticks, or text such as 1.00:00:00), found " + kind());
    }

    /** A problem with this value, naming the file, line, column and fact. */
    ImportException problem(String fact, String message) {
        int[] p = file.position(path);
        String where = path.isEmpty() ? "" : path + ": ";
        return new ImportException(new Diagnostic(Diagnostic.Severity.ERROR, file.file(), p[0], p[1], fact, where + message));
    }

    /** Expected {@code what}; a string found instead is named as a depth truncation. */
    ImportException truncatedOr(String fact, String what) {
        if (node.isTextual()) {
            String s = node.asText();
            if (TYPE_NAME.matcher(s).matches() || s.contains(" ") || s.isEmpty() || TIMESPAN_TEXT.matcher(s).matches()) {
                return problem(fact, "truncated by ConvertTo-Json's depth limit (found \"" + abbreviate(s)
                        + "\" where " + what + " belongs): export again with -Depth 5");
            }
        }
        return problem(fact, "expected " + what + ", found " + kind());
    }

    private String kind() {
        if (node.isTextual()) {
            return "\"" + abbreviate(node.asText()) + "\"";
        }
        if (node.isObject()) {
            return "an object";
        }
        if (node.isArray()) {
            return "a list";
        }
        return node.isNull() || node.isMissingNode() ? "null" : node.asText();
    }

    private static String abbreviate(String s) {
        String one = s.replaceAll("\\p{Cntrl}", "?");
        return one.length() > 80 ? one.substring(0, 77) + "..." : one;
    }

    /** A fixed table's lookup, as the enums' names keyed by their integers. */
    static Map<Integer, String> table(Object... pairs) {
        Map<Integer, String> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((Integer) pairs[i], (String) pairs[i + 1]);
        }
        return m;
    }

    @Override
    public String toString() {
        return file.file() + (path.isEmpty() ? "" : " " + path);
    }

    static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }
}
