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

    /** Horizontal bars, stacked by series, scaled to {@code max}. */
    static String bars(List<Bar> bars, String[] series, long max, String unit) {
        int labelWidth = 112;
        int width = 380;
        int barArea = width - labelWidth - 50;
        int rowHeight = 24;
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "<svg role=\"img\" aria-label=\"%s\" width=\"100%%\" viewBox=\"0 0 %d %d\" preserveAspectRatio=\"xMinYMin meet\">\n",
                Encode.forHtmlAttribute(unit), width, bars.size() * rowHeight + 4));
        for (int i = 0; i < bars.size(); i++) {
            Bar b = bars.get(i);
            int y = i * rowHeight + 2;
            long total = 0;
            s.append("<g class=\"bar\" data-key=\"").append(Encode.forHtmlAttribute(b.key())).append("\">\n<title>")
                    .append(Encode.forHtml(b.key() + ": " + b.label())).append("</title>");
            s.append(String.format(Locale.ROOT, "<text x=\"0\" y=\"%d\">%s</text>", y + 15, Encode.forHtml(shorten(b.key(), b.label()))));
            double x = labelWidth;
            for (int k = 0; k < series.length && k < b.values().length; k++) {
                long v = b.values()[k];
                total += v;
                double w = max == 0 ? 0 : (double) barArea * v / max;
                if (w > 0) {
                    s.append(String.format(Locale.ROOT, "<rect x=\"%.2f\" y=\"%d\" width=\"%.2f\" height=\"16\" fill=\"%s\"/>", x, y + 3, w, COLORS.get(series[k])));
                }
                x += w;
            }
            s.append(String.format(Locale.ROOT, "<text x=\"%.2f\" y=\"%d\">%,d</text></g>", x + 6, y + 15, total));
        }
        return s.append("</svg>").toString();
    }

    private static String shorten(String key, String label) {
        return key.length() > 3 ? key : label.length() > 17 ? label.substring(0, 16) + "…" : label;
    }

    private static String percent(long v, long total) {
        return total == 0 ? "0%" : String.format(Locale.ROOT, "%.1f%%", 100.0 * v / total);
    }
}
