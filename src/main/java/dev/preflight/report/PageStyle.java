package dev.preflight.report;

import org.owasp.encoder.Encode;

/**
 * The look shared by Preflight's HTML pages (tenant report, fleet page, diff): one stylesheet,
 * inline, and a Content-Security-Policy that lets a page load nothing from anywhere. A page that
 * runs a script names its hash; every other page runs none.
 */
final class PageStyle {

    static final String CSS = """
            :root{--err:#b3261e;--warn:#8a5a00;--info:#0b5cad;--pass:#1a7f37;--gap:#6f42c1;--muted:#5f6368;--line:#dadce0;--bg:#f8f9fa}
            *{box-sizing:border-box}
            body{font:14px/1.45 %FONTS%;margin:0;color:#202124;background:#fff}
            main{max-width:1200px;margin:0 auto;padding:16px 24px 48px}
            h1{font-size:22px;margin:8px 0 4px}h2{font-size:17px;margin:28px 0 8px;border-bottom:1px solid var(--line);padding-bottom:4px}
            .meta{color:var(--muted);margin:0 0 12px}
            .banner{border-radius:8px;padding:14px 18px;margin:12px 0;color:#fff;display:flex;gap:18px;align-items:center;flex-wrap:wrap}
            .banner b{font-size:22px;letter-spacing:.3px}
            .v-ELIGIBLE{background:var(--pass)}.v-NOT_ELIGIBLE{background:var(--err)}.v-INCOMPLETE{background:var(--gap)}.v-INVALID{background:#3c4043}
            .pill{display:inline-block;border-radius:10px;padding:0 8px;font-size:12px;font-weight:600;color:#fff;white-space:nowrap}
            .s-ERROR{background:var(--err)}.s-WARNING{background:var(--warn)}.s-INFO{background:var(--info)}.s-PASS{background:var(--pass)}
            .s-NOT_EVALUATED{background:var(--gap)}.s-RULE{background:#3c4043}.s-WAIVED{background:#5f6368}
            .c-ERROR{color:var(--err)}.c-WARNING{color:var(--warn)}.c-INFO{color:var(--info)}.c-PASS{color:var(--pass)}.c-GAP{color:var(--gap)}
            table{border-collapse:collapse;width:100%}
            th,td{border-bottom:1px solid var(--line);padding:6px 8px;text-align:left;vertical-align:top}
            th{background:var(--bg);font-weight:600;position:sticky;top:0}
            .check h3{font-size:15px;margin:0 0 4px}
            .check{border:1px solid var(--line);border-left-width:5px;border-radius:6px;padding:10px 14px;margin:10px 0}
            .check.ERROR{border-left-color:var(--err)}.check.WARNING{border-left-color:var(--warn)}.check.INFO{border-left-color:var(--info)}
            .check.NOT_EVALUATED{border-left-color:var(--gap)}.check.RULE{border-left-color:#3c4043}.check.PASS{border-left-color:var(--pass)}
            .finding{margin:8px 0 0 0}.finding p{margin:2px 0}.waived{background:#f1f3f4;border-radius:4px;padding:4px 8px}
            ul{margin:4px 0 4px 18px;padding:0}
            .muted{color:var(--muted)}.small{font-size:12px}
            .charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(320px,1fr));gap:16px}
            .card{border:1px solid var(--line);border-radius:8px;padding:12px 14px}
            .card h2{margin-top:0;border:0}
            .hbars{display:grid;gap:8px}
            .bar-label{font-size:12px;line-height:1.35;overflow-wrap:anywhere}
            .bar-track{display:flex;align-items:center;height:14px;margin-top:2px}
            .bar-track .seg{display:block;height:14px;min-width:8px}
            .bar-n{margin-left:6px;font-size:12px;white-space:nowrap}
            .bar[data-key]:hover .bar-label{text-decoration:underline}
            .legend{display:flex;flex-wrap:wrap;gap:4px 14px;font-size:12px;margin-top:10px}
            .legend i{display:inline-block;width:10px;height:10px;margin-right:5px;vertical-align:-1px}
            svg text{font:12px %FONTS%;fill:#202124}
            details summary{cursor:pointer}
            .outcomes{margin:8px 0}.nowrap{white-space:nowrap}
            .controls{display:flex;gap:8px;flex-wrap:wrap;align-items:center;margin:8px 0}
            .controls input,.controls select{font:inherit;padding:5px 8px;border:1px solid var(--line);border-radius:6px}
            .controls input{min-width:280px}.controls select{max-width:380px}
            button.sort{all:unset;cursor:pointer;font-weight:600}button.sort:hover{text-decoration:underline}
            tr.tenant{cursor:pointer}tr.tenant:hover{background:var(--bg)}tr.detail td{background:#fcfcfd}
            .pager{margin:10px 0;display:flex;gap:8px;align-items:center}
            .pager button{font:inherit;padding:4px 10px;border:1px solid var(--line);border-radius:6px;background:#fff;cursor:pointer}
            """;

    private PageStyle() {
    }

    /** The page's head: charset, CSP (no script, or only the one with this hash), title, style. */
    static void head(StringBuilder h, String title, String scriptHash) {
        head(h, title, scriptHash, dev.preflight.api.Texts.builtIn(java.util.Locale.ROOT));
    }

    /**
     * The page's head in the texts' language: {@code lang} declared, so that browsers draw the
     * right script's glyphs, and the language's stack of system fonts ({@code html.fonts}): no web
     * font is downloaded.
     */
    static void head(StringBuilder h, String title, String scriptHash, dev.preflight.api.Texts texts) {
        h.append("<!DOCTYPE html>\n<html lang=\"").append(Encode.forHtmlAttribute(texts.languageTag())).append("\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:")
                .append(scriptHash == null ? "" : "; script-src '" + scriptHash + "'").append("\">\n")
                .append("<title>").append(Encode.forHtml(title)).append("</title>\n<style>").append(CSS.replace("%FONTS%", fontStack(texts.get("html.fonts"))))
                .append("</style>\n</head>\n");
    }

    /**
     * The font stack of the message file, kept inside its CSS declaration: a character that could
     * end it or the style element ({@code ; { } < > \\}) is dropped.
     */
    static String fontStack(String fonts) {
        String kept = fonts.replaceAll("[;{}<>\\\\\\r\\n]", "").strip();
        return kept.isEmpty() ? "sans-serif" : kept;
    }

    /** Only http(s) links: a rule or a report cannot make a {@code javascript:} link. */
    static String safeUrl(String url) {
        return url != null && (url.startsWith("https://") || url.startsWith("http://")) ? url : "#";
    }

    /** A verdict for people in the texts' language: NOT ELIGIBLE, 不符合条件; a code without a text as it is, spaced. */
    static String verdictText(dev.preflight.api.Texts texts, String verdict) {
        return verdict == null ? "" : texts.getOr("verdict." + verdict, verdict.replace('_', ' '));
    }
}
