package dev.preflight.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import dev.preflight.api.Texts;
import dev.preflight.results.TenantSummary;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.owasp.encoder.Encode;

/**
 * The fleet page: one self-contained HTML file (no network, works from an e-mail attachment) with
 * the verdict distribution, the checks that block most tenants, failures by area, and a table of
 * tenants that sorts, filters and searches, each row opening that tenant's findings.
 *
 * <p>Written while the results stream in, in constant memory apart from the check dictionary: the
 * tenants go into a {@code <script type="application/json">} block as compact arrays (checks by
 * index into a dictionary written after them); the charts, drawn here as inline SVG from counts
 * kept along the way, follow the data in the file but show above the table. The page's script
 * (fleet.js, its hash in the Content-Security-Policy) renders the table a page of rows at a time,
 * so 100,000 tenants stay usable. Every string reaches the page as text: HTML-encoded here,
 * {@code textContent} in the script, and {@code <}, {@code >} and {@code &} escaped inside JSON.
 */
public final class FleetPage implements AutoCloseable {

    /** Verdict codes in the data, by index. */
    static final List<String> VERDICTS = List.of("ELIGIBLE", "NOT_ELIGIBLE", "INCOMPLETE", "INVALID");
    private static final List<String> SEVERITIES = List.of("ERROR", "WARNING", "INFO");
    private static final String SCRIPT = resource("/preflight/fleet.js");
    private static final String SCRIPT_HASH = "sha256-" + sha256(SCRIPT);
    private static final JsonFactory JSON = new com.fasterxml.jackson.core.JsonFactoryBuilder().characterEscapes(new ScriptSafeEscapes()).build();
    /** The texts the page's script shows, by key (it fills in their plain placeholders itself). */
    private static final List<String> SCRIPT_WORDS = List.of("fleet.script.search", "fleet.script.allVerdicts", "fleet.script.anyCheck",
            "fleet.script.column.name", "fleet.script.column.verdict", "fleet.script.column.errors", "fleet.script.column.warnings",
            "fleet.script.column.waived", "fleet.script.column.findings", "fleet.script.notEvaluated", "fleet.script.tenantId",
            "fleet.script.from", "fleet.script.missing", "fleet.script.allPassed", "fleet.script.count", "fleet.script.previous",
            "fleet.script.next", "fleet.script.page", "report.noDisplayName", "report.cloud", "html.waived", "status.ERROR",
            "status.NOT_EVALUATED", "severity.ERROR", "severity.WARNING", "severity.INFO", "html.fix");

    private final Writer out;
    private final String title;
    private final Texts texts;
    private JsonGenerator g;
    private final Map<String, Integer> checkIndex = new LinkedHashMap<>();
    private final List<String[]> checkInfo = new ArrayList<>();
    private final long[] verdicts = new long[VERDICTS.size()];
    /** Per check index: tenants blocked (an ERROR finding not waived), failing with each severity, not evaluated. */
    private final List<long[]> perCheck = new ArrayList<>();
    private long tenants;
    private long waivedTenants;
    private boolean closed;

    /** Starts an English page on the stream; see {@link #FleetPage(OutputStream, String, Texts)}. */
    public FleetPage(OutputStream stream, String title) {
        this(stream, title, Texts.builtIn(Locale.ROOT));
    }

    /**
     * Starts a page on the stream (not closed by {@link #close()}, which finishes the page), in the
     * texts' language: headings, labels, verdict words and check titles (the findings' messages are
     * shown as the results hold them).
     *
     * @param stream where the page goes
     * @param title  the page's title, such as the results file's name
     * @param texts  the words of the page
     */
    public FleetPage(OutputStream stream, String title, Texts texts) {
        this.out = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 1 << 16);
        this.title = title;
        this.texts = texts;
        try {
            StringBuilder h = new StringBuilder(8192);
            PageStyle.head(h, texts.get("fleet.title", title), SCRIPT_HASH, texts);
            h.append("<body><main id=\"top\">\n<h1>").append(Encode.forHtml(texts.get("fleet.heading"))).append("</h1>\n<p class=\"meta\">")
                    .append(Encode.forHtml(title)).append("</p>\n")
                    .append("<noscript><p class=\"c-ERROR\">").append(Encode.forHtml(texts.get("fleet.noscript"))).append("</p></noscript>\n")
                    .append("<script type=\"application/json\" id=\"fleet-data\">");
            out.write(h.toString());
            g = JSON.createGenerator(out);
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            g.disable(JsonGenerator.Feature.FLUSH_PASSED_TO_STREAM);
            g.writeStartArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Adds a tenant. */
    public void add(TenantSummary t) {
        int verdict = Math.max(0, VERDICTS.indexOf(t.verdict() == null ? "INVALID" : t.verdict()));
        verdicts[verdict]++;
        tenants++;
        if (t.waived() > 0) {
            waivedTenants++;
        }
        int errors = 0;
        int warnings = 0;
        try {
            g.writeStartArray();
            g.writeString(t.displayName());
            g.writeString(t.tenantId());
            g.writeNumber(verdict);
            g.writeNumber(t.waived());
            g.writeString(t.origin());
            g.writeStartArray();
            for (TenantSummary.Check c : t.checks()) {
                int idx = check(c);
                long[] counts = perCheck.get(idx);
                if (!"FAIL".equals(c.status())) {
                    counts[4]++;
                    continue;
                }
                boolean blocks = false;
                for (TenantSummary.Finding f : c.findings()) {
                    int sev = Math.max(0, SEVERITIES.indexOf(f.severity()));
                    blocks |= sev == 0 && !f.waived();
                    g.writeStartArray();
                    g.writeNumber(idx);
                    g.writeNumber(sev);
                    g.writeString(f.subject());
                    g.writeString(f.message());
                    g.writeNumber(f.waived() ? 1 : 0);
                    g.writeString(f.remediation());
                    g.writeEndArray();
                }
                int sev = Math.max(0, SEVERITIES.indexOf(c.severity()));
                counts[1 + sev]++;
                if (blocks) {
                    counts[0]++;
                }
                errors += sev == 0 ? 1 : 0;
                warnings += sev == 1 ? 1 : 0;
            }
            g.writeEndArray();
            g.writeStartArray();
            for (TenantSummary.Check c : t.checks()) {
                if (!"FAIL".equals(c.status())) {
                    g.writeStartArray();
                    g.writeNumber(check(c));
                    g.writeNumber("ERROR".equals(c.status()) ? 1 : 0);
                    g.writeStartArray();
                    for (String m : c.missing()) {
                        g.writeString(m);
                    }
                    g.writeEndArray();
                    g.writeEndArray();
                }
            }
            g.writeEndArray();
            g.writeNumber(errors);
            g.writeNumber(warnings);
            g.writeString(t.error());
            g.writeString(t.cloud());
            g.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private int check(TenantSummary.Check c) {
        Integer idx = checkIndex.get(c.id());
        if (idx == null) {
            idx = checkIndex.size();
            checkIndex.put(c.id(), idx);
            checkInfo.add(new String[] {c.id(), c.area(), texts.title(c.id(), c.title()), PageStyle.safeUrl(texts.docUrl(c.docUrl()))});
            perCheck.add(new long[5]);
        }
        return idx;
    }

    /** Finishes the page: the check dictionary, the charts, the table and its script. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            g.writeEndArray();
            g.flush();
            out.write("</script>\n<script type=\"application/json\" id=\"fleet-dict\">");
            g = JSON.createGenerator(out);
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            g.writeStartObject();
            g.writeArrayFieldStart("checks");
            for (String[] c : checkInfo) {
                g.writeStartArray();
                for (String s : c) {
                    g.writeString(s);
                }
                g.writeEndArray();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("verdicts");
            for (String v : VERDICTS) {
                g.writeString(v);
            }
            g.writeEndArray();
            g.writeArrayFieldStart("verdictWords");
            for (String v : VERDICTS) {
                g.writeString(verdictWord(v));
            }
            g.writeEndArray();
            g.writeObjectFieldStart("words");
            for (String key : SCRIPT_WORDS) {
                g.writeStringField(key, texts.get(key));
            }
            g.writeEndObject();
            g.writeEndObject();
            g.flush();
            out.write("</script>\n");
            out.write(summary());
            out.write("<h2 id=\"tenants\">" + Encode.forHtml(texts.get("fleet.table")) + "</h2>\n<div id=\"controls\" class=\"controls\"></div>\n<div id=\"table\"></div>\n"
                    + "<div id=\"pager\" class=\"pager\"></div>\n</main>\n<script>" + SCRIPT + "</script>\n</body>\n</html>\n");
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String summary() {
        StringBuilder h = new StringBuilder(16 * 1024);
        long blocked = verdicts[1];
        String counts = texts.get("fleet.counts", count(verdicts[0]), count(verdicts[1]), count(verdicts[2]), count(verdicts[3]));
        h.append("<div class=\"banner v-").append(blocked > 0 ? "NOT_ELIGIBLE" : verdicts[2] > 0 ? "INCOMPLETE" : "ELIGIBLE").append("\" id=\"banner\"><b>")
                .append(Encode.forHtml(texts.get("fleet.tenants", count(tenants)))).append("</b><span>")
                .append(Encode.forHtml(waivedTenants > 0 ? texts.get("fleet.counts.waived", counts, count(waivedTenants)) : counts))
                .append("</span></div>\n<div class=\"charts\">\n");
        h.append(card("fleet.verdicts", Charts.donut(VERDICTS, VERDICTS.stream().map(this::verdictWord).toList(), verdicts, texts.get("fleet.verdicts.chart"))));
        h.append(card("fleet.blockers", topBlockers()));
        h.append(card("fleet.areas", byArea()));
        h.append("</div>\n");
        return h.toString();
    }

    private String card(String heading, String body) {
        return "<section class=\"card\"><h2>" + Encode.forHtml(texts.get(heading)) + "</h2>" + body + "</section>\n";
    }

    /** A count as the page shows it: 12,345. */
    private static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    private String verdictWord(String verdict) {
        return PageStyle.verdictText(texts, verdict);
    }

    private String topBlockers() {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < perCheck.size(); i++) {
            if (perCheck.get(i)[0] > 0) {
                order.add(i);
            }
        }
        order.sort((a, b) -> Long.compare(perCheck.get(b)[0], perCheck.get(a)[0]) != 0 ? Long.compare(perCheck.get(b)[0], perCheck.get(a)[0])
                : checkInfo.get(a)[0].compareTo(checkInfo.get(b)[0]));
        List<Charts.Bar> bars = new ArrayList<>();
        for (int i : order.subList(0, Math.min(10, order.size()))) {
            bars.add(new Charts.Bar(checkInfo.get(i)[0], checkInfo.get(i)[2], new long[] {perCheck.get(i)[0]}));
        }
        if (bars.isEmpty()) {
            return "<p class=\"muted\">" + Encode.forHtml(texts.get("fleet.blockers.none")) + "</p>";
        }
        return Charts.bars(bars, new String[] {"ERROR"}, seriesWords("ERROR"), bars.get(0).values()[0], texts.get("fleet.blockers.unit"))
                + "<p class=\"small muted\">" + Encode.forHtml(texts.get("fleet.blockers.hint")) + "</p>";
    }

    /** The legend's words of a chart's series: severities, and "not evaluated", in the page's language. */
    private String[] seriesWords(String... series) {
        String[] words = new String[series.length];
        for (int i = 0; i < series.length; i++) {
            words[i] = series[i].equals("NOT_EVALUATED") ? texts.get("status.NOT_EVALUATED") : texts.get("severity." + series[i]);
        }
        return words;
    }

    private String byArea() {
        Map<String, long[]> areas = new LinkedHashMap<>();
        for (int i = 0; i < perCheck.size(); i++) {
            long[] c = perCheck.get(i);
            long[] a = areas.computeIfAbsent(checkInfo.get(i)[1], k -> new long[4]);
            a[0] += c[1];
            a[1] += c[2];
            a[2] += c[3];
            a[3] += c[4];
        }
        List<Charts.Bar> bars = new ArrayList<>();
        Map<String, String> names = new HashMap<>();
        areas.forEach((area, c) -> {
            String name = texts.area(area);
            names.put(area, name);
            bars.add(new Charts.Bar(area, name, c));
        });
        bars.sort((a, b) -> Long.compare(b.values()[0] + b.values()[1] + b.values()[2] + b.values()[3],
                a.values()[0] + a.values()[1] + a.values()[2] + a.values()[3]));
        if (bars.isEmpty()) {
            return "<p class=\"muted\">" + Encode.forHtml(texts.get("fleet.areas.none")) + "</p>";
        }
        long max = bars.stream().mapToLong(b -> b.values()[0] + b.values()[1] + b.values()[2] + b.values()[3]).max().orElse(1);
        return Charts.bars(bars, new String[] {"ERROR", "WARNING", "INFO", "NOT_EVALUATED"}, seriesWords("ERROR", "WARNING", "INFO", "NOT_EVALUATED"),
                max, texts.get("fleet.areas.unit"))
                + "<p class=\"small muted\">" + Encode.forHtml(texts.get("fleet.areas.hint")) + "</p>";
    }

    /** Escapes what could end a script element or open a comment inside it, and the JavaScript line separators. */
    private static final class ScriptSafeEscapes extends CharacterEscapes {
        private static final long serialVersionUID = 1L;
        private final int[] table = standardAsciiEscapesForJSON();

        ScriptSafeEscapes() {
            table['<'] = ESCAPE_STANDARD;
            table['>'] = ESCAPE_STANDARD;
            table['&'] = ESCAPE_STANDARD;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return table;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            if (ch == 0x2028) {
                return new SerializedString("\\u2028");
            }
            if (ch == 0x2029) {
                return new SerializedString("\\u2029");
            }
            return null;
        }
    }

    private static String resource(String name) {
        try (InputStream in = FleetPage.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha256(String s) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
