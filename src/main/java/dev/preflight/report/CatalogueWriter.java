package dev.preflight.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.preflight.api.CheckInfo;
import dev.preflight.api.Severity;
import dev.preflight.api.Texts;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Writes the check catalogue (read from the rules' metadata) as text, JSON, CSV or a Markdown table. */
public final class CatalogueWriter {

    private CatalogueWriter() {
    }

    private static String severities(CheckInfo c) {
        return c.severities().stream().map(Severity::name).collect(Collectors.joining(", "));
    }

    /** One line per check, grouped by area, in English. */
    public static String text(List<CheckInfo> checks) {
        return text(checks, Texts.builtIn(java.util.Locale.ROOT));
    }

    /** One line per check, grouped by area, in the texts' language; columns aligned by display width. */
    public static String text(List<CheckInfo> checks, Texts texts) {
        StringBuilder sb = new StringBuilder();
        String area = null;
        int sevWidth = Math.max(19, 2 + checks.stream().mapToInt(c -> DisplayWidth.of(severities(c, texts))).max().orElse(0));
        for (CheckInfo c : checks) {
            if (!c.area().equals(area)) {
                area = c.area();
                sb.append(sb.length() == 0 ? "" : "\n").append(texts.area(area)).append('\n');
            }
            sb.append("  ").append(DisplayWidth.pad(c.id(), 14)).append(DisplayWidth.pad(severities(c, texts), sevWidth)).append(c.title()).append('\n');
            sb.append("  ").append(" ".repeat(14 + sevWidth)).append(c.docUrl()).append(" (").append(c.source()).append(':').append(c.line()).append(")\n");
        }
        return sb.toString();
    }

    private static String severities(CheckInfo c, Texts texts) {
        if (c.severities().isEmpty()) {
            return texts.get("catalogue.severities.none");
        }
        return c.severities().stream().map(s -> texts.get("severity." + s.name())).collect(Collectors.joining(", "));
    }

    /** The Markdown table docs/checks.md holds. */
    public static String markdown(List<CheckInfo> checks) {
        StringBuilder sb = new StringBuilder("| id | area | passes when | severities | documentation |\n|---|---|---|---|---|\n");
        for (CheckInfo c : checks) {
            String link = c.docUrl();
            String page = link.substring(link.lastIndexOf('/') + 1);
            sb.append("| ").append(c.id()).append(" | ").append(c.area()).append(" | ").append(c.title().replace("|", "\\|"))
                    .append(" | ").append(severities(c)).append(" | [").append(page).append("](").append(link).append(") |\n");
        }
        return sb.toString();
    }

    /** A JSON array of the checks. */
    public static String json(List<CheckInfo> checks) {
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(rows(checks)) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** CSV with a header, for spreadsheets. */
    public static String csv(List<CheckInfo> checks) {
        CsvMapper mapper = new CsvMapper();
        CsvSchema schema = CsvSchema.builder().addColumn("id").addColumn("area").addColumn("title").addColumn("severities")
                .addColumn("docUrl").addColumn("source").addColumn("line").build().withHeader();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Map<String, Object> r : rows(checks)) {
            Map<String, Object> flat = new LinkedHashMap<>(r);
            flat.put("severities", String.join(" ", (List<String>) castList(r.get("severities"))));
            flat.remove("rules");
            flat.put("title", SpreadsheetSafe.cell((String) flat.get("title")));
            rows.add(flat);
        }
        try {
            return mapper.writer(schema).writeValueAsString(rows);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static List<String> castList(Object o) {
        return (List<String>) o;
    }

    private static List<Map<String, Object>> rows(List<CheckInfo> checks) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (CheckInfo c : checks) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", c.id());
            m.put("area", c.area());
            m.put("title", c.title());
            m.put("severities", c.severities().stream().map(Severity::name).toList());
            m.put("docUrl", c.docUrl());
            m.put("source", c.source());
            m.put("line", c.line());
            m.put("rules", c.rules());
            rows.add(m);
        }
        return rows;
    }
}
