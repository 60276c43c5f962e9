package dev.preflight.report;

import dev.preflight.api.CheckResult;
import dev.preflight.api.Finding;
import dev.preflight.api.MissingFact;
import dev.preflight.api.Report;
import dev.preflight.api.Status;
import dev.preflight.api.Waiver;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * The report as JUnit XML, for CI servers: one test suite per tenant, one test case per check.
 * FAIL is a failure (its type the severity, one line per finding not waived), ERROR (a rule that
 * failed) an error, NOT_EVALUATED a skipped test whose message names the missing facts, and a check
 * whose findings are all waived a skipped test naming the waivers. Valid against Jenkins' junit-10.xsd.
 */
public final class JunitReport {

    private JunitReport() {
    }

    /** The XML document. */
    public static String render(Report r) {
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            x.writeStartDocument("UTF-8", "1.0");
            x.writeCharacters("\n");
            Counts n = counts(r);
            x.writeStartElement("testsuites");
            x.writeAttribute("name", "preflight");
            x.writeAttribute("tests", Integer.toString(r.checks().size()));
            x.writeAttribute("failures", Integer.toString(n.failures));
            x.writeAttribute("errors", Integer.toString(n.errors));
            suite(x, r, null);
            x.writeCharacters("\n");
            x.writeEndElement();
            x.writeCharacters("\n");
            x.writeEndDocument();
            x.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("writing XML to a string cannot fail", e);
        }
        return out.toString();
    }

    /**
     * The start of a fleet's JUnit XML ({@code batch --format junit}): {@link #fleetSuite} and
     * {@link #fleetInvalid} follow, a test suite per tenant, and {@link #fleetEnd} closes it, so that a
     * file of any number of tenants is written as the batch streams.
     */
    public static String fleetStart() {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"preflight\">";
    }

    /** The end of a fleet's JUnit XML. */
    public static String fleetEnd() {
        return "\n</testsuites>\n";
    }

    /** One tenant's test suite, a test case per check, with the record's origin as a property. */
    public static String fleetSuite(Report r, String origin) {
        return fragment(x -> suite(x, r, origin));
    }

    /** The test suite of a record that could not be evaluated: one test case in error naming what is wrong. */
    public static String fleetInvalid(String origin, String tenantId, String message) {
        return fragment(x -> {
            x.writeCharacters("\n  ");
            x.writeStartElement("testsuite");
            x.writeAttribute("name", clean(tenantId == null ? origin : tenantId + " (" + origin + ")"));
            x.writeAttribute("tests", "1");
            x.writeAttribute("failures", "0");
            x.writeAttribute("errors", "1");
            x.writeCharacters("\n    ");
            x.writeStartElement("properties");
            property(x, "origin", origin);
            x.writeEndElement();
            x.writeCharacters("\n    ");
            x.writeStartElement("testcase");
            x.writeAttribute("name", "input");
            x.writeAttribute("classname", "preflight.INPUT");
            x.writeAttribute("time", "0");
            x.writeStartElement("error");
            x.writeAttribute("type", "INVALID_INPUT");
            x.writeAttribute("message", clean(message));
            x.writeEndElement();
            x.writeEndElement();
            x.writeCharacters("\n  ");
            x.writeEndElement();
        });
    }

    private interface XmlWriting {
        void write(XMLStreamWriter x) throws XMLStreamException;
    }

    private static String fragment(XmlWriting body) {
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            body.write(x);
            x.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("writing XML to a string cannot fail", e);
        }
        return out.toString();
    }

    private record Counts(int failures, int errors, int skipped) {
    }

    private static Counts counts(Report r) {
        int failures = 0;
        int errors = 0;
        int skipped = 0;
        for (CheckResult c : r.checks()) {
            Outcome o = outcome(r, c);
            failures += "failure".equals(o.kind) ? 1 : 0;
            errors += "error".equals(o.kind) ? 1 : 0;
            skipped += "skipped".equals(o.kind) ? 1 : 0;
        }
        return new Counts(failures, errors, skipped);
    }

    /** A tenant's test suite; {@code origin} (a batch record's) as a property when not null. */
    private static void suite(XMLStreamWriter x, Report r, String origin) throws XMLStreamException {
        Counts n = counts(r);
        x.writeCharacters("\n  ");
        x.writeStartElement("testsuite");
        x.writeAttribute("name", clean(suiteName(r)));
        x.writeAttribute("tests", Integer.toString(r.checks().size()));
        x.writeAttribute("failures", Integer.toString(n.failures));
        x.writeAttribute("errors", Integer.toString(n.errors));
        x.writeAttribute("skipped", Integer.toString(n.skipped));
        x.writeAttribute("timestamp", r.referenceTime().toString());
        x.writeCharacters("\n    ");
        x.writeStartElement("properties");
        property(x, "verdict", r.verdictLine());
        if (r.tenant().tenantId() != null) {
            property(x, "tenantId", r.tenant().tenantId());
        }
        if (origin != null) {
            property(x, "origin", origin);
        }
        property(x, "referenceTime", r.referenceTime().toString());
        property(x, "rules", r.rules().hash());
        x.writeEndElement();
        for (CheckResult c : r.checks()) {
            Outcome o = outcome(r, c);
            x.writeCharacters("\n    ");
            x.writeStartElement("testcase");
            x.writeAttribute("name", clean(c.id() + " " + c.title()));
            x.writeAttribute("classname", "preflight." + c.area());
            x.writeAttribute("time", "0");
            if (o.kind != null) {
                x.writeStartElement(o.kind);
                if (o.type != null) {
                    x.writeAttribute("type", o.type);
                }
                x.writeAttribute("message", clean(o.message));
                if (o.body != null) {
                    x.writeCharacters(clean(o.body));
                }
                x.writeEndElement();
            }
            x.writeEndElement();
        }
        x.writeCharacters("\n  ");
        x.writeEndElement();
    }

    private record Outcome(String kind, String type, String message, String body) {
    }

    private static Outcome outcome(Report r, CheckResult c) {
        return switch (c.status()) {
            case PASS -> new Outcome(null, null, null, null);
            case ERROR -> new Outcome("error", "RULE_ERROR", "a rule of this check failed or the evaluation was stopped",
                    r.errors().stream().filter(e -> c.id().equals(e.checkId())).map(e -> e.rule() + ": " + e.message()).collect(Collectors.joining("\n")));
            case NOT_EVALUATED -> new Outcome("skipped", null, "not evaluated: missing "
                    + c.missing().stream().map(MissingFact::toString).collect(Collectors.joining("; ")), null);
            case FAIL -> failed(r, c);
        };
    }

    private static Outcome failed(Report r, CheckResult c) {
        List<Finding> open = new ArrayList<>();
        List<String> waived = new ArrayList<>();
        for (Finding f : c.findings()) {
            Waiver w = r.waivers() == null ? null : r.waivers().waiverFor(f);
            if (w == null) {
                open.add(f);
            } else {
                waived.add(f.message() + " (waived until " + w.expires() + " by " + w.owner() + ": " + w.reason() + ")");
            }
        }
        if (open.isEmpty()) {
            return new Outcome("skipped", null, "waived: " + String.join("; ", waived), null);
        }
        StringBuilder body = new StringBuilder();
        for (Finding f : open) {
            body.append(f.severity()).append(": ").append(f.message()).append('\n');
            for (String e : f.evidence()) {
                body.append("  - ").append(e).append('\n');
            }
            if (f.remediation() != null) {
                body.append("  fix: ").append(f.remediation()).append('\n');
            }
        }
        waived.forEach(w -> body.append("WAIVED: ").append(w).append('\n'));
        body.append("docs: ").append(c.docUrl());
        String message = open.size() == 1 ? open.get(0).message() : open.get(0).message() + " (and " + (open.size() - 1) + " more)";
        return new Outcome("failure", open.get(0).severity().name(), message, body.toString());
    }

    private static void property(XMLStreamWriter x, String name, String value) throws XMLStreamException {
        x.writeStartElement("property");
        x.writeAttribute("name", name);
        x.writeAttribute("value", clean(value));
        x.writeEndElement();
    }

    private static String suiteName(Report r) {
        String name = r.tenant().displayName() == null ? "(no display name)" : r.tenant().displayName();
        return r.tenant().tenantId() == null ? name : name + " (" + r.tenant().tenantId() + ")";
    }

    /** Drops what XML 1.0 cannot carry at all (most control characters, lone surrogates); the writer escapes the rest. */
    static String clean(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            boolean ok = ch == '\t' || ch == '\n' || ch == '\r' || (ch >= 0x20 && ch <= 0xD7FF) || (ch >= 0xE000 && ch <= 0xFFFD)
                    || (Character.isHighSurrogate(ch) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1)))
                    || (Character.isLowSurrogate(ch) && i > 0 && Character.isHighSurrogate(s.charAt(i - 1)));
            if (!ok && sb == null) {
                sb = new StringBuilder(s.substring(0, i));
            }
            if (sb != null) {
                sb.append(ok ? ch : '?');
            }
        }
        return sb == null ? s : sb.toString();
    }
}
