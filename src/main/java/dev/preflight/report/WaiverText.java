package dev.preflight.report;

import dev.preflight.api.Report;
import dev.preflight.api.Waiver;
import dev.preflight.api.WaiverOutcome;

/** The waivers section of the text report: what was waived, and the waivers that expired or match nothing. */
final class WaiverText {

    private static final String NL = System.lineSeparator();

    private WaiverText() {
    }

    static void render(StringBuilder out, Report report, Style style) {
        WaiverOutcome o = report.waivers();
        if (o == null || (o.applied().isEmpty() && o.expired().isEmpty() && o.stale().isEmpty())) {
            return;
        }
        out.append(NL).append(style.bold("Waivers")).append(NL);
        if (!o.applied().isEmpty()) {
            out.append("  ").append(o.waived()).append(o.waived() == 1 ? " finding" : " findings")
                    .append(" waived; without waivers the verdict is ").append(o.verdictWithoutWaivers().name().replace('_', ' ')).append(NL);
        }
        for (Waiver w : o.expired()) {
            out.append("  ").append(style.yellow("[EXPIRED ]")).append(' ').append(SafeText.clean(w.describe()))
                    .append(": expired on ").append(w.expires()).append(", no longer applies").append(where(w)).append(NL);
        }
        for (Waiver w : o.stale()) {
            out.append("  ").append(style.yellow("[STALE   ]")).append(' ').append(SafeText.clean(w.describe()))
                    .append(": matches no finding (fixed? remove it)").append(where(w)).append(NL);
        }
    }

    private static String where(Waiver w) {
        return w.origin() == null ? "" : " [" + SafeText.clean(w.origin()) + "]";
    }
}
