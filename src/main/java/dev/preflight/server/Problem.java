package dev.preflight.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An RFC 9457 problem: {@code application/problem+json} with {@code type}, {@code title},
 * {@code status}, {@code detail} (the message the command line gives for the same input) and,
 * where there is one, the input's {@code origin}, the field {@code path}, {@code line} and {@code column}.
 *
 * @param status     the HTTP status
 * @param type       which problem, one of {@link #TYPES} as {@code urn:preflight:problem:NAME}
 * @param title      the problem in a few words
 * @param detail     what is wrong with this request
 * @param extensions further members, in order
 * @param retryAfter seconds for a {@code Retry-After} header, or 0 for none
 */
public record Problem(int status, String type, String title, String detail, Map<String, Object> extensions, int retryAfter) {

    /** The media type of a problem. */
    public static final String MEDIA_TYPE = "application/problem+json";

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * A problem of the given kind: {@code type} becomes {@code urn:preflight:problem:KIND}. The
     * detail is one line: what it quotes of the request (a header, a parameter) shows control
     * characters as {@code ?}, as the command line's messages do.
     */
    public static Problem of(int status, String kind, String title, String detail) {
        return new Problem(status, "urn:preflight:problem:" + kind, title, detail == null ? null : detail.replaceAll("\\p{Cntrl}", "?"),
                Map.of(), 0);
    }

    /** The same problem with a further member. */
    public Problem with(String name, Object value) {
        Map<String, Object> m = new LinkedHashMap<>(extensions);
        m.put(name, value);
        return new Problem(status, type, title, detail, m, retryAfter);
    }

    /** The same problem with a {@code Retry-After} header. */
    public Problem retryAfter(int seconds) {
        return new Problem(status, type, title, detail, extensions, seconds);
    }

    /** The problem as a thrown exception. */
    public ProblemException exception() {
        return new ProblemException(this);
    }

    /** The JSON document. */
    public byte[] toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", type);
        m.put("title", title);
        m.put("status", status);
        if (detail != null) {
            m.put("detail", detail);
        }
        m.putAll(extensions);
        try {
            return JSON.writeValueAsBytes(m);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A request that cannot be served, with the problem to answer. */
    public static final class ProblemException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient Problem problem;

        ProblemException(Problem problem) {
            super(problem.detail(), null, false, false);
            this.problem = problem;
        }

        /** The problem to answer with. */
        public Problem problem() {
            return problem;
        }
    }
}
