package dev.preflight.report;

import java.util.List;
import java.util.Locale;
import org.owasp.encoder.Encode;

/** Small inline SVG charts, drawn here: no library, no script, every label escaped. */
final class Charts {

    private static final java.util.Map<String, String> COLORS = java.util.Map.of(
            "ELIGIBLE", "#1a7f37", "NOT_ELIGIBLE", "#b3261e", "INCOMPLETE", "#6f42c1", "INVALID", "#3c4043",
            "ERROR", "#b3261e", "WARNING", "#8a5a00", "INFO", "#0b5cad", "NOT_EVALUATED", "#6f42c1", "PASS", "#1a7f37");

    private Charts() {
    }

    /**
     * A horizontal bar, one segment per series.
     *
     * @param key    what the bar is (a check id, an area code)
     * @param label  its label
     * @param values one value per series
     */
    record Bar(String key, String label, long[] values) {
    }

    /**
     * A donut of shares with a legend (counts and percentages).
     *
     * @param names  the shares' codes (their colours)
     * @param labels the shares' names for people
     * @param values one value per share
     * @param title  what the chart shows, for screen readers
     */
    static String donut(List<String> names, List<String> labels, long[] values, String title) {
        long total = 0;
        for (long v : values) {
            total += v;
        }
        StringBuilder s = new StringBuilder();
        double r = 52;
        double circ = 2 * Math.PI * r;
        s.append("<svg role=\"img\" aria-label=\"").append(Encode.forHtmlAttribute(title)).append("\" width=\"100%\" viewBox=\"0 0 380 140\" preserveAspectRatio=\"xMinYMin meet\">\n")
                .append("<circle cx=\"70\" cy=\"70\" r=\"52\" fill=\"none\" stroke=\"#eee\" stroke-width=\"24\"/>");
        double offset = 0;
        for (int i = 0; i < names.size(); i++) {
            if (total == 0 || values[i] == 0) {
                continue;
            }
            double len = circ * values[i] / total;
            s.append(String.format(Locale.ROOT, "<circle class=\"seg\" data-verdict=\"%s\" cx=\"70\" cy=\"70\" r=\"52\" fill=\"none\" stroke=\"%s\" stroke-width=\"24\" "
                    + "stroke-dasharray=\"%.3f %.3f\" stroke-dashoffset=\"%.3f\" transform=\"rotate(-90 70 70)\">\n<title>%s: %,d</title></circle>",
                    names.get(i), COLORS.get(names.get(i)), len, circ - len, -offset, Encode.forHtml(labels.get(i)), values[i]));
            offset += len;
        }
        s.append(String.format(Locale.ROOT, "<text x=\"70\" y=\"75\" text-anchor=\"middle\" style=\"font-size:16px;font-weight:600\">%,d</text>", total));
        for (int i = 0; i < names.size(); i++) {
            int y = 22 + i * 26;
            s.append(String.format(Locale.ROOT, "<rect x=\"145\" y=\"%d\" width=\"12\" height=\"12\" fill=\"%s\"/><text x=\"163\" y=\"%d\">%s %,d (%s)</text>",
                    y, COLORS.get(names.get(i)), y + 11, Encode.forHtml(labels.get(i)), values[i], percent(values[i], total)));
        }
        return s.append("</svg>").toString();
    }

    /**
     * Horizontal bars, stacked by series, scaled to {@code max}, with a legend of the series. HTML
     * rather than SVG: a label takes the lines it needs (in any language) and is never cut; a check's
     * bar shows its id and its title.
     */
    static String bars(List<Bar> bars, String[] series, String[] seriesLabels, long max, String unit) {
        StringBuilder s = new StringBuilder();
        s.append("<div class=\"hbars\" role=\"list\" aria-label=\"").append(Encode.forHtmlAttribute(unit)).append("\">\n");
        for (Bar b : bars) {
            long total = 0;
            for (long v : b.values()) {
                total += v;
            }
            boolean check = b.key().contains("-"); // a check id (PWB-AD-002), not an area code or the tenant page's one bar
            s.append("<div class=\"bar\" role=\"listitem\" data-key=\"").append(Encode.forHtmlAttribute(b.key())).append("\" title=\"")
                    .append(Encode.forHtmlAttribute(b.key() + ": " + b.label())).append("\"><div class=\"bar-label\">");
            if (check) {
                s.append("<b>").append(Encode.forHtml(b.key())).append("</b> ");
            }
            s.append(Encode.forHtml(b.label())).append("</div><div class=\"bar-track\">");
            for (int k = 0; k < series.length && k < b.values().length; k++) {
                long v = b.values()[k];
                if (v > 0 && max > 0) {
                    s.append(String.format(Locale.ROOT, "<span class=\"seg\" style=\"width:%.3f%%;background:%s\"></span>",
                            85.0 * v / max, COLORS.get(series[k])));
                }
            }
            s.append(String.format(Locale.ROOT, "<span class=\"bar-n\">%,d</span></div></div>\n", total));
        }
        s.append("</div>\n").append(legend(series, seriesLabels));
        return s.toString();
    }

    /** A chart's legend: a swatch and a word per series. */
    static String legend(String[] series, String[] labels) {
        StringBuilder s = new StringBuilder("<div class=\"legend\">");
        for (int i = 0; i < series.length; i++) {
            s.append("<span><i style=\"background:").append(COLORS.get(series[i])).append("\"></i>").append(Encode.forHtml(labels[i])).append("</span>");
        }
        return s.append("</div>").toString();
    }

    private static String percent(long v, long total) {
        return total == 0 ? "0%" : String.format(Locale.ROOT, "%.1f%%", 100.0 * v / total);
    }
}
