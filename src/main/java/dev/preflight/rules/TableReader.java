package dev.preflight.rules;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import dev.preflight.api.RuleProblem;
import dev.preflight.facts.Cloud;
import dev.preflight.facts.Version;
import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/** Reads the CSV tables of {@code rules/tables/}: header first, {@code #} comments, every problem with its line. */
final class TableReader {

    static final String WRITEBACK_PLANS = "writeback-plans.csv";
    static final String WRITEBACK_SKUS = "writeback-skus.csv";
    static final String CLOUD_RESET_SKUS = "cloud-reset-skus.csv";
    static final String WINDOWS_SERVER = "windows-server.csv";
    static final String CONNECT_VERSIONS = "connect-versions.csv";
    static final String ENDPOINTS = "endpoints.csv";
    static final String EVENTS = "events.csv";
    static final String FOREST_LEVELS = "forest-levels.csv";
    static final String CONNECTOR_PERMISSIONS = "connector-permissions.csv";

    /** Each known table and the {@code tables.} methods that read it. */
    static final Map<String, List<String>> READERS = readers();

    private static Map<String, List<String>> readers() {
        Map<String, List<String>> m = new LinkedHashMap<>();
        m.put(WRITEBACK_PLANS, List.of("isWritebackPlan", "carriesWritebackPlan", "writebackPlanUnknown", "grantsWriteback", "grantsWritebackByNameOnly", "nameOnlyWritebackPlan", "writebackLicense"));
        m.put(WRITEBACK_SKUS, List.of("writebackProducts"));
        m.put(CLOUD_RESET_SKUS, List.of("cloudResetSku"));
        m.put(WINDOWS_SERVER, List.of("windowsServer", "windowsStatus", "lacksServicePack"));
        m.put(CONNECT_VERSIONS, List.of("connectBuildFor", "newestConnectBuild", "requiredConnectBuild"));
        m.put(ENDPOINTS, List.of("endpoint", "documentedEndpoint", "probes"));
        m.put(EVENTS, List.of("event", "errorEvent", "serviceHealthEvent"));
        m.put(FOREST_LEVELS, List.of("forestLevel", "minimumForestLevel", "unsupportedForestLevel"));
        m.put(CONNECTOR_PERMISSIONS, List.of("connectorPermissions", "missingPermissions"));
        return java.util.Collections.unmodifiableMap(m);
    }

    private static final Pattern GUID = Pattern.compile("(?i)[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Pattern RELEASE = Pattern.compile("(19|20)\\d\\d( R2)?");
    private static final Pattern HOST = Pattern.compile("(?i)[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+");
    private static final CsvMapper CSV = CsvMapper.builder()
            .enable(CsvParser.Feature.WRAP_AS_ARRAY)
            .enable(CsvParser.Feature.ALLOW_COMMENTS)
            .enable(CsvParser.Feature.SKIP_EMPTY_LINES)
            .enable(CsvParser.Feature.TRIM_SPACES)
            .build();

    private TableReader() {
    }

    static Tables read(Map<String, String> files, List<RuleProblem> problems) {
        Map<String, DataTable> all = new LinkedHashMap<>();
        Map<String, List<Row>> rows = new LinkedHashMap<>();
        for (Map.Entry<String, String> f : files.entrySet()) {
            List<Row> parsed = parse(f.getKey(), f.getValue(), problems);
            rows.put(f.getKey(), parsed);
            String name = f.getKey().replaceFirst("(?i)\\.csv$", "");
            all.put(name, toDataTable(name, parsed));
        }
        return new Tables(all,
                typed(rows, WRITEBACK_PLANS, problems, List.of("servicePlanId", "servicePlanName", "product"),
                        r -> new WritebackPlan(r.guid("servicePlanId"), r.required("servicePlanName"), r.text("product")),
                        r -> r.text("servicePlanId").toLowerCase(Locale.ROOT)),
                typed(rows, WRITEBACK_SKUS, problems, List.of("skuPartNumber", "product"),
                        r -> new LicenseSku(r.required("skuPartNumber"), r.text("product")),
                        r -> r.text("skuPartNumber").toUpperCase(Locale.ROOT)),
                typed(rows, CLOUD_RESET_SKUS, problems, List.of("skuPartNumber", "product"),
                        r -> new LicenseSku(r.required("skuPartNumber"), r.text("product")),
                        r -> r.text("skuPartNumber").toUpperCase(Locale.ROOT)),
                typed(rows, WINDOWS_SERVER, problems, List.of("release", "servicePackRequired", "status", "endOfSupport", "note"),
                        r -> new WindowsServerRelease(r.matching("release", RELEASE, "a year, optionally followed by R2 (such as 2008 R2)"),
                                r.integer("servicePackRequired"),
                                r.choice("status", WindowsServerRelease.Status.class),
                                r.optionalDate("endOfSupport"), r.text("note")),
                        r -> r.text("release").toUpperCase(Locale.ROOT)),
                typed(rows, CONNECT_VERSIONS, problems, List.of("build", "supportEnds", "requiredFrom", "note"),
                        r -> new ConnectBuild(r.version("build"), r.optionalDate("supportEnds"), r.optionalDate("requiredFrom"), r.text("note")),
                        r -> Version.parse(r.text("build"))),
                typed(rows, ENDPOINTS, problems, List.of("cloud", "service", "host", "note"),
                        r -> new Endpoint(r.cloud("cloud"), r.oneOf("service", "passwordReset", "serviceBus"),
                                r.optionalMatching("host", HOST, "a host name such as passwordreset.microsoftonline.com"), r.text("note")),
                        r -> r.text("cloud").toUpperCase(Locale.ROOT) + "/" + r.text("service").toUpperCase(Locale.ROOT)),
                typed(rows, EVENTS, problems, List.of("source", "id", "marker", "name", "kind", "serviceHealth", "meaning"),
                        r -> new EventInfo(r.required("source"), r.eventId("id"), r.text("marker"), r.text("name"),
                                r.oneOf("kind", "info", "error").equals("error"), r.yesNo("serviceHealth"), r.text("meaning")),
                        r -> (r.text("source") + "/" + r.text("id") + "/" + r.text("marker")).toUpperCase(Locale.ROOT)),
                typedRanked(rows, problems),
                typed(rows, CONNECTOR_PERMISSIONS, problems, List.of("permission", "purpose"),
                        r -> r.required("permission"),
                        r -> r.text("permission").toUpperCase(Locale.ROOT)));
    }

    private static List<ForestLevel> typedRanked(Map<String, List<Row>> rows, List<RuleProblem> problems) {
        int[] rank = {0};
        return typed(rows, FOREST_LEVELS, problems, List.of("level", "supported"),
                r -> new ForestLevel(r.required("level"), rank[0]++, r.yesNo("supported")),
                r -> r.text("level").toUpperCase(Locale.ROOT));
    }

    /** Converts a known table's rows; a bad row is reported and left out, the rest still load. */
    private static <T> List<T> typed(Map<String, List<Row>> rows, String file, List<RuleProblem> problems,
                                     List<String> columns, Function<Row, T> convert, Function<Row, Object> key) {
        List<Row> table = rows.get(file);
        List<T> out = new ArrayList<>();
        if (table == null) {
            return out;
        }
        if (!table.isEmpty()) {
            Row header = table.get(0);
            for (String c : columns) {
                if (!header.header().contains(c)) {
                    problems.add(RuleProblem.error(file, header.line(), 0,
                            "missing column '" + c + "' (the columns are: " + String.join(", ", columns) + ")"));
                    return out;
                }
            }
            for (String c : header.header()) {
                if (!columns.contains(c) && !columns.contains(translated(c))) {
                    problems.add(RuleProblem.warning(file, header.line(), 0,
                            "column '" + c + "' is not read by any rule (known columns: " + String.join(", ", columns) + ")"));
                }
            }
        }
        Set<Object> seen = new HashSet<>();
        List<String> translations = table.isEmpty() ? List.of()
                : table.get(0).header().stream().filter(c -> !columns.contains(c) && columns.contains(translated(c))).toList();
        for (Row r : table.subList(Math.min(1, table.size()), table.size())) {
            if (!r.complete()) {
                continue; // its column count was already reported
            }
            for (String t : translations) {
                if (!r.text(translated(t)).isEmpty() && r.text(t).isEmpty()) {
                    // A report in that language quotes the English text meanwhile: not worth stopping the rules for.
                    problems.add(RuleProblem.warning(file, r.line(), 0, Tables.MISSING_TRANSLATION + t + " of " + translated(t) + ": " + r.text(translated(t))));
                }
            }
            try {
                T value = convert.apply(r);
                Object k = key.apply(r);
                if (!seen.add(k)) {
                    problems.add(RuleProblem.error(file, r.line(), 0, "duplicate row: an earlier row has the same key (" + k + ")"));
                    continue;
                }
                out.add(value);
            } catch (BadValue e) {
                problems.add(RuleProblem.error(file, r.line(), e.column, e.getMessage()).withExcerpt(e.value));
            } catch (IllegalArgumentException e) {
                problems.add(RuleProblem.error(file, r.line(), 0, e.getMessage()));
            }
        }
        return out;
    }

    /**
     * The column a translation column translates: {@code note} for {@code note_zh_CN}; the name
     * itself for any other column.
     */
    static String translated(String column) {
        java.util.regex.Matcher m = TRANSLATION.matcher(column);
        return m.matches() ? m.group(1) : column;
    }

    private static boolean isTranslation(String column, List<String> header) {
        return !translated(column).equals(column) && header.contains(translated(column));
    }

    private static final java.util.regex.Pattern TRANSLATION = java.util.regex.Pattern.compile("(.+)_([a-z]{2,3})_([A-Z]{2})");

    private static DataTable toDataTable(String name, List<Row> rows) {
        if (rows.isEmpty()) {
            return new DataTable(name, List.of(), List.of());
        }
        List<String> header = rows.get(0).header();
        List<Map<String, String>> maps = new ArrayList<>();
        for (Row r : rows.subList(1, rows.size())) {
            if (r.complete()) {
                maps.add(r.values);
            }
        }
        return new DataTable(name, header, maps);
    }

    private static List<Row> parse(String file, String text, List<RuleProblem> problems) {
        List<Row> rows = new ArrayList<>();
        List<String> header = null;
        try (MappingIterator<List<String>> it = CSV.readerForListOf(String.class).readValues(text)) {
            while (it.hasNextValue()) {
                int line = it.getParser().currentLocation().getLineNr();
                List<String> cells = it.nextValue();
                if (header == null) {
                    header = cells.stream().map(String::strip).toList();
                    if (header.stream().anyMatch(String::isEmpty) || new HashSet<>(header).size() != header.size()) {
                        problems.add(RuleProblem.error(file, line, 0, "the header needs distinct, non-empty column names: " + header));
                        return List.of();
                    }
                    rows.add(new Row(file, line, header, Map.of(), true));
                    continue;
                }
                // Translation columns at the end of a row may be left out: the row then has no translation yet.
                int required = header.size();
                while (required > 0 && isTranslation(header.get(required - 1), header)) {
                    required--;
                }
                boolean complete = cells.size() >= required && cells.size() <= header.size();
                if (!complete) {
                    List<String> translations = header.subList(required, header.size());
                    problems.add(RuleProblem.error(file, line, 0,
                            "expected " + required + " columns (" + String.join(", ", header.subList(0, required)) + ")"
                                    + (translations.isEmpty() ? "" : " and optionally their translations (" + String.join(", ", translations) + ")")
                                    + ", found " + cells.size() + "; quote a value that holds a comma").withExcerpt(String.join(",", cells)));
                }
                Map<String, String> values = new LinkedHashMap<>();
                for (int i = 0; i < header.size() && i < cells.size(); i++) {
                    values.put(header.get(i), cells.get(i).strip());
                }
                rows.add(new Row(file, line, header, values, complete));
            }
        } catch (JsonProcessingException e) {
            JsonLocation loc = e.getLocation();
            problems.add(RuleProblem.error(file, loc == null ? 0 : loc.getLineNr(), loc == null ? 0 : loc.getColumnNr(),
                    "not valid CSV: " + dev.preflight.facts.ParseMessages.clean(e.getOriginalMessage())));
        } catch (IOException e) {
            problems.add(RuleProblem.error(file, 0, 0, "cannot read: " + e.getMessage()));
        }
        if (header == null) {
            problems.add(RuleProblem.error(file, 1, 0, "the table is empty: the first line must name the columns"));
        }
        return rows;
    }

    /** A value that does not parse, with the column it is in. */
    private static final class BadValue extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int column;
        final String value;

        BadValue(int column, String value, String message) {
            super(message);
            this.column = column;
            this.value = value;
        }
    }

    private record Row(String file, int line, List<String> header, Map<String, String> values, boolean complete) {

        String text(String column) {
            String v = values.get(column);
            return v == null ? "" : v;
        }

        private BadValue bad(String column, String expected) {
            return new BadValue(header.indexOf(column) + 1, text(column),
                    "column '" + column + "': \"" + text(column) + "\" is not " + expected);
        }

        String required(String column) {
            String v = text(column);
            if (v.isEmpty()) {
                throw new BadValue(header.indexOf(column) + 1, v, "column '" + column + "' must not be empty");
            }
            return v;
        }

        String guid(String column) {
            String v = required(column);
            if (!GUID.matcher(v).matches()) {
                throw bad(column, "a GUID such as 41781fb2-bc02-4b7c-bd55-b576c07bb09d");
            }
            return v;
        }

        String matching(String column, Pattern p, String expected) {
            String v = required(column);
            if (!p.matcher(v).matches()) {
                throw bad(column, expected);
            }
            return v;
        }

        String optionalMatching(String column, Pattern p, String expected) {
            String v = text(column);
            if (!v.isEmpty() && !p.matcher(v).matches()) {
                throw bad(column, expected);
            }
            return v;
        }

        int integer(String column) {
            String v = required(column);
            try {
                int n = Integer.parseInt(v);
                if (n < 0) {
                    throw bad(column, "a whole number from 0 up");
                }
                return n;
            } catch (NumberFormatException e) {
                throw bad(column, "a whole number from 0 up");
            }
        }

        Integer eventId(String column) {
            String v = required(column);
            if (v.equals("*")) {
                return null;
            }
            try {
                return Integer.parseInt(v);
            } catch (NumberFormatException e) {
                throw bad(column, "an event id (a number) or * for any id");
            }
        }

        LocalDate optionalDate(String column) {
            String v = text(column);
            if (v.isEmpty()) {
                return null;
            }
            try {
                return LocalDate.parse(v);
            } catch (DateTimeParseException e) {
                throw bad(column, "a date written YYYY-MM-DD (or empty)");
            }
        }

        Version version(String column) {
            try {
                return Version.parse(required(column));
            } catch (BadValue e) {
                throw e;
            } catch (IllegalArgumentException e) {
                throw bad(column, "a version (dotted numbers such as 2.5.79.0)");
            }
        }

        <E extends Enum<E>> E choice(String column, Class<E> type) {
            String v = required(column);
            for (E e : type.getEnumConstants()) {
                if (e.name().equalsIgnoreCase(v)) {
                    return e;
                }
            }
            List<String> names = new ArrayList<>();
            for (E e : type.getEnumConstants()) {
                names.add(e.name().toLowerCase(Locale.ROOT));
            }
            throw bad(column, "one of " + String.join(", ", names));
        }

        String oneOf(String column, String... allowed) {
            String v = required(column);
            for (String a : allowed) {
                if (a.equalsIgnoreCase(v)) {
                    return a;
                }
            }
            throw bad(column, "one of " + String.join(", ", allowed));
        }

        boolean yesNo(String column) {
            return oneOf(column, "yes", "no").equals("yes");
        }

        Cloud cloud(String column) {
            String v = required(column);
            for (Cloud c : Cloud.values()) {
                String json = switch (c) {
                    case PUBLIC -> "Public";
                    case USGOV -> "USGov";
                    case CHINA -> "China";
                };
                if (json.equalsIgnoreCase(v)) {
                    return c;
                }
            }
            throw bad(column, "one of Public, USGov, China");
        }
    }
}
