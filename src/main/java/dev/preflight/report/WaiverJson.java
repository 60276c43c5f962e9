package dev.preflight.report;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.preflight.api.Waiver;
import dev.preflight.api.WaiverOutcome;
import java.io.IOException;

/** The waivers part of the JSON report: {@code "waivers"} and each waived finding's {@code "waived"}. */
final class WaiverJson {

    private WaiverJson() {
    }

    static void write(JsonGenerator g, WaiverOutcome o) throws IOException {
        g.writeObjectFieldStart("waivers");
        g.writeNumberField("waived", o.waived());
        g.writeStringField("verdictWithoutWaivers", o.verdictWithoutWaivers().name());
        g.writeArrayFieldStart("applied");
        for (WaiverOutcome.Applied a : o.applied()) {
            g.writeStartObject();
            g.writeStringField("checkId", a.finding().checkId());
            if (a.finding().subject() != null) {
                g.writeStringField("subject", a.finding().subject());
            }
            g.writeStringField("severity", a.finding().severity().name());
            g.writeFieldName("waiver");
            waiver(g, a.waiver());
            g.writeEndObject();
        }
        g.writeEndArray();
        list(g, "expired", o.expired());
        list(g, "stale", o.stale());
        g.writeEndObject();
    }

    private static void list(JsonGenerator g, String name, java.util.List<Waiver> waivers) throws IOException {
        g.writeArrayFieldStart(name);
        for (Waiver w : waivers) {
            waiver(g, w);
        }
        g.writeEndArray();
    }

    static void waiver(JsonGenerator g, Waiver w) throws IOException {
        g.writeStartObject();
        g.writeStringField("checkId", w.checkId());
        g.writeStringField("tenant", w.tenant());
        if (w.subject() != null) {
            g.writeStringField("subject", w.subject());
        }
        g.writeStringField("reason", w.reason());
        g.writeStringField("owner", w.owner());
        g.writeStringField("expires", w.expires().toString());
        if (w.ticket() != null) {
            g.writeStringField("ticket", w.ticket());
        }
        if (w.origin() != null) {
            g.writeStringField("origin", w.origin());
        }
        g.writeEndObject();
    }
}
