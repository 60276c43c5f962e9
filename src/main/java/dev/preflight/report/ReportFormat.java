package dev.preflight.report;

import dev.preflight.api.Evaluator;
import dev.preflight.api.Report;

/**
 * The formats of one tenant's report, rendered the one way every front door uses: the command
 * line's {@code evaluate --format} and the service's {@code POST /v1/evaluations} give the same bytes.
 */
public enum ReportFormat {
    /** The terminal report. */
    text("text/plain; charset=utf-8"),
    /** The report object, pretty-printed, with a final line break. */
    json("application/json"),
    /** A self-contained page. */
    html("text/html; charset=utf-8"),
    /** JUnit XML: a test case per check. */
    junit("application/xml"),
    /** SARIF 2.1.0, located in the facts document. */
    sarif("application/sarif+json");

    private final String mediaType;

    ReportFormat(String mediaType) {
        this.mediaType = mediaType;
    }

    /** The media type the format is served as. */
    public String mediaType() {
        return mediaType;
    }

    /**
     * What a rendering needs beyond the report.
     *
     * @param style        text only: colours or plain
     * @param showPassed   text only: list passing checks too
     * @param artifactUri  SARIF only: the facts document as SARIF names it
     * @param input        SARIF only: the facts document's bytes, to locate findings in (or {@code null})
     * @param toolVersion  SARIF only: Preflight's version
     */
    public record Options(Style style, boolean showPassed, String artifactUri, byte[] input, String toolVersion) {
    }

    /** The report in this format, in the evaluator's language. */
    public String render(Report report, Evaluator evaluator, Options o) {
        return switch (this) {
            case json -> JsonReport.toPrettyJson(report) + System.lineSeparator();
            case html -> HtmlReport.render(report, evaluator.texts());
            case junit -> JunitReport.render(report);
            case sarif -> SarifReport.render(report, evaluator.catalogue(), o.artifactUri(), FactLocations.of(o.input()), o.toolVersion());
            case text -> TextReport.render(report, evaluator.texts(), o.style(), o.showPassed());
        };
    }
}
