package dev.preflight.report;

import dev.preflight.api.Report;
import dev.preflight.api.Texts;
import dev.preflight.api.Waiver;
import dev.preflight.api.WaiverOutcome;

/** The waivers section of the text report: what was waived, and the waivers that expired or match nothing. */
final class WaiverText {

    private static final String NL = System.lineSeparator();

    private WaiverText() {
    }

    /** The section in the texts' language; {@code labelWidth} is the display width the report pads its labels to. */
    static void render(StringBuilder out, Report report, Texts texts, int labelWidth, Style style) {
        WaiverOutcome o = report.waivers();
        if (o == null || (o.applied().isEmpty() && o.expired().isEmpty() && o.stale().isEmpty())) {
            return;
        }
        out.append(NL).append(style.bold(texts.get("report.waivers"))).append(NL);
        if (!o.applied().isEmpty()) {
            out.append("  ").append(texts.get("report.waivers.summary", o.waived(), texts.get("verdict." + o.verdictWithoutWaivers().name()))).append(NL);
        }
        for (Waiver w : o.expired()) {
            out.append("  ").append(style.yellow("[" + DisplayWidth.pad(texts.get("label.EXPIRED"), labelWidth) + "]")).append(' ')
                    .append(texts.get("report.waiver.expired", SafeText.clean(w.describe()), w.expires())).append(where(w)).append(NL);
        }
        for (Waiver w : o.stale()) {
            out.append("  ").append(style.yellow("[" + DisplayWidth.pad(texts.get("label.STALE"), labelWidth) + "]")).append(' ')
                    .append(texts.get("report.waiver.stale", SafeText.clean(w.describe()))).append(where(w)).append(NL);
        }
    }

    private static String where(Waiver w) {
        return w.origin() == null ? "" : " [" + SafeText.clean(w.origin()) + "]";
    }
}
