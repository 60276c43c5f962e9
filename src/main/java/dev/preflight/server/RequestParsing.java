package dev.preflight.server;

import dev.preflight.api.FactsReader;
import dev.preflight.report.ReportFormat;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.MultiPart;
import org.eclipse.jetty.http.MultiPartFormData;
import org.eclipse.jetty.http.QuotedQualityCSV;
import org.eclipse.jetty.io.Content;

/**
 * What a request asks for, read from its headers and content without a socket: the content type
 * and parts of an evaluation or a diff, the report format an {@code Accept} header chooses, the
 * {@code locale} parameter. Every refusal is a {@link Problem.ProblemException} carrying the
 * status to answer (400, 406, 413, 415, 422). Public so that a fuzz target can call it with bytes.
 */
public final class RequestParsing {

    /** The largest upload: a collection zip or a multipart body (the collection reader bounds what it unpacks). */
    public static final long MAX_UPLOAD_BYTES = 64L * 1024 * 1024;
    /** The largest facts document: the facts reader's own limit. */
    public static final long MAX_FACTS_BYTES = FactsReader.MAX_DOCUMENT_LENGTH;
    /** At most this many parts in a multipart body. */
    public static final int MAX_PARTS = 8;

    private RequestParsing() {
    }

    /**
     * One part of a {@code multipart/form-data} body.
     *
     * @param name        the form field's name
     * @param fileName    the file name the client gave, or {@code null} (a label only: never a server path)
     * @param contentType the part's content type, or {@code null}
     * @param bytes       the content
     */
    public record Part(String name, String fileName, String contentType, byte[] bytes) {
    }

    /** What {@code POST /v1/evaluations} was given. */
    public sealed interface Evaluation permits Facts, Collection {
    }

    /**
     * A tenant-facts document.
     *
     * @param json   its bytes (UTF-8, or UTF-16 with a byte-order mark)
     * @param origin its name in messages: {@code -} as the command line names standard input, or the uploaded file's name
     */
    public record Facts(byte[] json, String origin) implements Evaluation {
    }

    /**
     * A collection zip and, optionally, answers laid over its own answers.json.
     *
     * @param zip         the zip's bytes
     * @param name        its name in messages
     * @param answers     the answers document's bytes, or {@code null}
     * @param answersName the answers' name in messages
     */
    public record Collection(byte[] zip, String name, byte[] answers, String answersName) implements Evaluation {
    }

    /** The media type of a content type, lower case, without parameters; {@code ""} for none; 400 when its parameters do not parse. */
    public static String mediaType(String contentType) {
        if (contentType == null) {
            return "";
        }
        try {
            return HttpField.stripParameters(contentType).strip().toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            // Jetty's tokenizer refuses parameters it cannot read (an unterminated quote).
            throw Problem.of(400, "bad-request", "Bad request", "the media type " + contentType.strip() + " cannot be read: " + e.getMessage())
                    .exception();
        }
    }

    /** Whether a media type is JSON: {@code application/json} or {@code application/*+json}. */
    static boolean isJson(String mediaType) {
        return mediaType.equals("application/json") || mediaType.startsWith("application/") && mediaType.endsWith("+json");
    }

    /** Whether a media type is a zip. */
    static boolean isZip(String mediaType) {
        return mediaType.equals("application/zip") || mediaType.equals("application/x-zip-compressed");
    }

    /** The largest body a request of this content type may send to {@code POST /v1/evaluations} or {@code /v1/diffs}. */
    public static long maxBody(String contentType) {
        return isJson(mediaType(contentType)) ? MAX_FACTS_BYTES : MAX_UPLOAD_BYTES;
    }

    /** A body larger than the limit for its kind. */
    public static Problem.ProblemException tooLarge(long limit) {
        return Problem.of(413, "too-large", "Content too large",
                "the request body is larger than " + (limit >> 20) + " MiB, the limit for its kind").with("limitBytes", limit).exception();
    }

    /**
     * Reads the content of {@code POST /v1/evaluations}: facts as {@code application/json}, a
     * collection as {@code application/zip}, or {@code multipart/form-data} with a {@code facts}
     * part or a {@code collection} part and an optional {@code answers} part.
     */
    public static Evaluation evaluation(String contentType, byte[] body) {
        String type = mediaType(contentType);
        if (isJson(type)) {
            return new Facts(body, "-");
        }
        if (isZip(type)) {
            return new Collection(body, "collection.zip", null, null);
        }
        if (type.equals("multipart/form-data")) {
            Map<String, Part> parts = byName(multipart(contentType, body), "facts", "collection", "answers");
            Part facts = parts.get("facts");
            Part collection = parts.get("collection");
            Part answers = parts.get("answers");
            if ((facts == null) == (collection == null)) {
                throw unprocessable("the form needs one part named facts (a tenant-facts document) or collection (a collection zip)");
            }
            if (facts != null) {
                if (answers != null) {
                    throw unprocessable("answers go with a collection, not with a facts document");
                }
                return new Facts(facts.bytes(), label(facts, "-"));
            }
            return new Collection(collection.bytes(), label(collection, "collection.zip"), answers == null ? null : answers.bytes(),
                    answers == null ? null : label(answers, "answers.json"));
        }
        throw unsupported(contentType, "application/json, application/zip or multipart/form-data");
    }

    /** The two result files of {@code POST /v1/diffs}: form parts {@code old} and {@code new}. */
    public static List<Part> diff(String contentType, byte[] body) {
        if (!mediaType(contentType).equals("multipart/form-data")) {
            throw unsupported(contentType, "multipart/form-data with parts old and new");
        }
        Map<String, Part> parts = byName(multipart(contentType, body), "old", "new");
        if (parts.get("old") == null || parts.get("new") == null) {
            throw unprocessable("the form needs two parts, old and new: two reports (evaluate --format json) or two batch outputs (JSON Lines)");
        }
        return List.of(parts.get("old"), parts.get("new"));
    }

    private static Map<String, Part> byName(List<Part> parts, String... known) {
        Map<String, Part> out = new LinkedHashMap<>();
        List<String> names = List.of(known);
        for (Part p : parts) {
            if (p.name() == null || p.name().isEmpty()) {
                throw unprocessable("a form part without a name: expected " + String.join(", ", names));
            }
            if (!names.contains(p.name())) {
                throw unprocessable("unknown form part '" + p.name() + "': expected " + String.join(", ", names));
            }
            if (out.put(p.name(), p) != null) {
                throw unprocessable("the form part '" + p.name() + "' is given twice");
            }
        }
        return out;
    }

    /** The client's file name, reduced to a label for messages: its last segment, printable characters only. */
    static String label(Part p, String fallback) {
        String n = p.fileName();
        if (n == null || n.isBlank()) {
            return fallback;
        }
        n = n.substring(Math.max(n.lastIndexOf('/'), n.lastIndexOf('\\')) + 1);
        n = n.replaceAll("[^\\p{L}\\p{N}._ -]", "_");
        n = n.length() > 100 ? n.substring(0, 100) : n;
        return n.isBlank() || n.equals(".") || n.equals("..") ? fallback : n;
    }

    /** The parts of a {@code multipart/form-data} body, held in memory, through Jetty's parser. */
    public static List<Part> multipart(String contentType, byte[] body) {
        String boundary;
        try {
            boundary = MultiPart.extractBoundary(contentType);
        } catch (IllegalArgumentException e) {
            // Jetty's tokenizer refuses parameters it cannot read (an unterminated quote in the boundary).
            throw Problem.of(400, "bad-request", "Bad request", "the media type " + contentType.strip() + " cannot be read: " + e.getMessage())
                    .exception();
        }
        if (boundary == null || boundary.isEmpty()) {
            throw Problem.of(400, "bad-request", "Bad request", "multipart/form-data without a boundary parameter").exception();
        }
        MultiPartFormData.Parser parser = new MultiPartFormData.Parser(boundary);
        parser.setMaxParts(MAX_PARTS);
        parser.setMaxLength(MAX_UPLOAD_BYTES);
        parser.setMaxFileSize(MAX_UPLOAD_BYTES);
        parser.setMaxMemoryFileSize(MAX_UPLOAD_BYTES); // in memory: nothing is written to the server's disk here
        List<Part> out = new ArrayList<>();
        try (MultiPartFormData.Parts parts = parser.parse(Content.Source.from(ByteBuffer.wrap(body))).get()) {
            for (MultiPart.Part p : parts) {
                byte[] bytes = Content.Source.asInputStream(p.createContentSource()).readAllBytes();
                out.add(new Part(p.getName(), p.getFileName(), p.getHeaders().get("Content-Type"), bytes));
            }
        } catch (ExecutionException e) {
            throw Problem.of(400, "bad-request", "Bad request", "the multipart/form-data body cannot be read: "
                    + (e.getCause() == null ? e.getMessage() : e.getCause().getMessage())).exception();
        } catch (IOException e) {
            throw Problem.of(400, "bad-request", "Bad request", "the multipart/form-data body cannot be read: " + e.getMessage()).exception();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading a form", e);
        }
        return out;
    }

    /** The report format an {@code Accept} header chooses: JSON when it names none (or anything). */
    public static ReportFormat reportFormat(String accept) {
        return negotiate(accept, REPORT_TYPES, ReportFormat.json);
    }

    private static final Map<String, ReportFormat> REPORT_TYPES = offers(
            "application/json", ReportFormat.json, "text/html", ReportFormat.html, "text/plain", ReportFormat.text,
            "application/sarif+json", ReportFormat.sarif, "application/xml", ReportFormat.junit, "text/xml", ReportFormat.junit,
            "application/junit+xml", ReportFormat.junit);

    @SuppressWarnings("unchecked")
    static <T> Map<String, T> offers(Object... typeThenValue) {
        Map<String, T> m = new LinkedHashMap<>();
        for (int i = 0; i < typeThenValue.length; i += 2) {
            m.put((String) typeThenValue[i], (T) typeThenValue[i + 1]);
        }
        return m;
    }

    /**
     * The offer an {@code Accept} header prefers (by quality, then specificity; Jetty's parser), the
     * fallback for none or a wildcard, or 406 naming the types there are.
     */
    public static <T> T negotiate(String accept, Map<String, T> offers, T fallback) {
        if (accept == null || accept.isBlank()) {
            return fallback;
        }
        QuotedQualityCSV q = new QuotedQualityCSV(QuotedQualityCSV.MOST_SPECIFIC_MIME_ORDERING);
        List<String> accepted;
        try {
            q.addValue(accept);
            accepted = q.getValues();
        } catch (IllegalArgumentException e) {
            // Jetty's parser refuses what is not a quoted list (an unbalanced quote, a bad escape).
            throw Problem.of(400, "bad-request", "Bad request", "the Accept header is not a list of media types: " + e.getMessage()).exception();
        }
        for (String v : accepted) {
            String type = mediaType(v);
            if (type.equals("*/*")) {
                return fallback;
            }
            if (offers.containsKey(type)) {
                return offers.get(type);
            }
            if (type.endsWith("/*")) {
                String prefix = type.substring(0, type.length() - 1);
                for (Map.Entry<String, T> o : offers.entrySet()) {
                    if (o.getKey().startsWith(prefix)) {
                        return o.getValue();
                    }
                }
            }
        }
        throw Problem.of(406, "not-acceptable", "Not acceptable", "none of the types accepted (" + accept.strip()
                + ") is offered here: " + String.join(", ", offers.keySet())).exception();
    }

    /**
     * The language of a {@code locale} parameter ({@code en}, {@code zh-CN}, {@code zh-TW}, or absent
     * for English), parsed as the command line's {@code --locale}: English is {@link Locale#ROOT}.
     */
    public static Locale locale(String tag) {
        if (tag == null) {
            return Locale.ROOT;
        }
        Locale l = Locale.forLanguageTag(tag.strip().replace('_', '-'));
        if (l.getLanguage().isEmpty()) {
            throw Problem.of(400, "bad-locale", "Unknown locale", "locale must be a language tag such as en, zh-CN or zh-TW, not '" + tag + "'")
                    .exception();
        }
        return l.getLanguage().equals("en") ? Locale.ROOT : l;
    }

    /** A query parameter that is true or false, or absent (false). */
    public static boolean flag(String name, String value) {
        if (value == null || value.equals("false")) {
            return false;
        }
        if (value.equals("true") || value.isEmpty()) {
            return true;
        }
        throw Problem.of(400, "bad-request", "Bad request", name + " must be true or false, not '" + value + "'").exception();
    }

    static Problem.ProblemException unprocessable(String detail) {
        return Problem.of(422, "invalid-request", "Invalid request", detail).exception();
    }

    static Problem.ProblemException unsupported(String contentType, String expected) {
        return Problem.of(415, "unsupported-media-type", "Unsupported media type",
                (contentType == null ? "no Content-Type" : "Content-Type " + contentType.strip() + " is not accepted here") + ": send " + expected)
                .exception();
    }
}
