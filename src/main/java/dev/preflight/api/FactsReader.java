package dev.preflight.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.preflight.facts.SyncTime;
import dev.preflight.facts.TenantFacts;
import dev.preflight.facts.Version;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Reads tenant facts from JSON, strictly: a known field of the wrong type, an unparsable date or
 * version, a negative count, a duplicate key or trailing text is an {@link InvalidFactsException}
 * naming the field's path and the line and column. Unknown fields are ignored, so that a newer
 * collector does not break an older evaluator. Bytes may be UTF-8 (with or without a byte-order
 * mark) or UTF-16 with a byte-order mark, as Windows PowerShell writes them. Thread-safe.
 */
public final class FactsReader {

    /** Input limits: documented in docs/safety.md; each breach is an input error, never an exhaustion. */
    public static final int MAX_NESTING_DEPTH = 64;
    /** The longest string value accepted, in characters. */
    public static final int MAX_STRING_LENGTH = 1_000_000;
    /** The longest number accepted, in characters. */
    public static final int MAX_NUMBER_LENGTH = 100;
    /** The largest document accepted, in bytes (or characters for text input). */
    public static final long MAX_DOCUMENT_LENGTH = 16L * 1024 * 1024;

    private static final ObjectReader READER = createReader();

    /** A byte array read eight bytes at a time, for {@link #overlongSurrogateOrPastMax}. */
    private static final java.lang.invoke.VarHandle LONGS = java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);

    private FactsReader() {
    }

    private static ObjectReader createReader() {
        JsonMapper mapper = JsonMapper.builder(new com.fasterxml.jackson.core.JsonFactoryBuilder()
                        .streamReadConstraints(StreamReadConstraints.builder()
                                .maxNestingDepth(MAX_NESTING_DEPTH)
                                .maxStringLength(MAX_STRING_LENGTH)
                                .maxNumberLength(MAX_NUMBER_LENGTH)
                                .maxDocumentLength(MAX_DOCUMENT_LENGTH)
                                .build())
                        .build())
                .addModule(new JavaTimeModule())
                // Faster than the module's formatter-based parsing, with the same errors.
                .addModule(new com.fasterxml.jackson.databind.module.SimpleModule("preflight-dates")
                        .addDeserializer(OffsetDateTime.class, new dev.preflight.facts.OffsetDateTimeDeserializer()))
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                // Only the fields of the model: input never selects types.
                .disable(MapperFeature.AUTO_DETECT_SETTERS)
                .build();
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        mapper.configOverride(List.class).setSetterInfo(JsonSetter.Value.forContentNulls(Nulls.FAIL));
        return mapper.readerFor(TenantFacts.class);
    }

    /**
     * Whether text that is not JSON is rather a file name or path ({@code tenant.json},
     * {@code ./exports/t.json}): one line, no brace or bracket, ending in a
     * file extension or holding a path separator.
     */
    static boolean looksLikeFileName(String text) {
        String t = text.strip();
        return !t.isEmpty() && t.length() < 4096 && t.indexOf('\n') < 0 && t.indexOf('{') < 0 && t.indexOf('[') < 0
                && t.indexOf('"') < 0 && (t.matches("(?s).*\\.[A-Za-z0-9]{1,5}") || t.contains("/") || t.contains("\\"));
    }

    /** Reads one tenant from JSON text. */
    public static TenantFacts read(String json) {
        return read(json, null);
    }

    /** Reads one tenant from JSON text; {@code origin} names it in errors (a file name, or a batch line). */
    public static TenantFacts read(String json, String origin) {
        java.util.Objects.requireNonNull(json, "json");
        String text = json.startsWith("\uFEFF") ? json.substring(1) : json;
        try {
            return validate(READER.readValue(text), origin);
        } catch (JsonProcessingException e) {
            throw translate(e, origin);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads one tenant from bytes in UTF-8 or UTF-16 (with a byte-order mark). */
    public static TenantFacts read(byte[] json, String origin) {
        java.util.Objects.requireNonNull(json, "json");
        return readBytes(json, origin);
    }

    /**
     * Reads one tenant from a stream, which is read to its end (or one byte past the document
     * limit) but not closed.
     *
     * @throws InvalidFactsException when the content is not valid tenant facts
     * @throws UncheckedIOException  when the stream cannot be read
     */
    public static TenantFacts read(InputStream in, String origin) {
        java.util.Objects.requireNonNull(in, "in");
        byte[] bytes;
        try {
            bytes = in.readNBytes((int) MAX_DOCUMENT_LENGTH + 1);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + (origin == null ? "the input" : origin) + ": " + e.getMessage(), e);
        }
        return readBytes(bytes, origin);
    }

    /** Parses a whole document held in memory (a batch line, a file read to its end): no copy of it is made. */
    private static TenantFacts readBytes(byte[] bytes, String origin) {
        try {
            int start = hasUtf8ByteOrderMark(bytes) ? 3 : 0;
            // Past the limit, parsed as a stream so that the limit met first while reading is the
            // one reported (a 50 MB string names its field), as when reading from a file.
            TenantFacts facts = bytes.length > MAX_DOCUMENT_LENGTH
                    ? READER.readValue(new ByteArrayInputStream(bytes, start, bytes.length - start))
                    : READER.readValue(bytes, start, bytes.length - start);
            strictUtf8(bytes, origin);
            return validate(facts, origin);
        } catch (JsonProcessingException e) {
            throw translate(e, origin);
        } catch (java.io.CharConversionException e) {
            // Bytes Jackson's encoding detection took for UTF-32 but are not: the content, not the I/O, is wrong.
            throw new InvalidFactsException(origin, "", 0, 0, "the input is not valid UTF-8 or UTF-16 text: " + firstSentence(e.getMessage()), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + (origin == null ? "the input" : origin) + ": " + e.getMessage(), e);
        }
    }

    /**
     * Refuses what Jackson's UTF-8 decoder lets through: overlong forms ({@code C0 AF} for "/"),
     * encoded surrogates and code points past U+10FFFF. Jackson has already refused every other
     * invalid sequence (with the field's path); UTF-16 input and pure ASCII need no check.
     */
    private static void strictUtf8(byte[] b, String origin) {
        int n = b.length;
        if (n >= 2 && (b[0] == 0 || b[1] == 0 || (b[0] & 0xff) == 0xFE || (b[0] & 0xff) == 0xFF)) {
            return;
        }
        if (!overlongSurrogateOrPastMax(b)) {
            return;
        }
        java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(b);
        java.nio.charset.CoderResult r = java.nio.charset.StandardCharsets.UTF_8.newDecoder()
                .decode(in, java.nio.CharBuffer.allocate(n), true);
        if (r.isError()) {
            int at = in.position();
            int line = 1;
            int lineStart = 0;
            for (int k = 0; k < at; k++) {
                if (b[k] == '\n') {
                    line++;
                    lineStart = k + 1;
                }
            }
            throw new InvalidFactsException(origin, "", line, new String(b, lineStart, at - lineStart, java.nio.charset.StandardCharsets.UTF_8).length() + 1,
                    "the input is not valid UTF-8 or UTF-16 text (an overlong or invalid byte sequence at byte " + at + ")");
        }
    }

    /**
     * Whether a lead byte and the byte after it start a sequence the strict decoder refuses: C0, C1
     * and F5-FF never lead; E0 needs A0-BF next (else overlong), ED 80-9F (else a surrogate), F0 90-BF
     * (else overlong), F4 80-8F (else past U+10FFFF). Only these are looked for because Jackson has
     * already refused a sequence with missing or stray continuation bytes. One pass, no allocation:
     * most documents have none, and then the decoder that locates the error is not run.
     */
    private static boolean overlongSurrogateOrPastMax(byte[] b) {
        for (int i = 0; i < b.length; i++) {
            // Eight ASCII bytes at a time: most documents are ASCII but for a few names.
            while (i + 8 <= b.length && ((long) LONGS.get(b, i) & 0x8080808080808080L) == 0) {
                i += 8;
            }
            if (i >= b.length) {
                break;
            }
            int lead = b[i] & 0xff;
            if (lead < 0xC0) {
                continue; // ASCII, or a continuation byte
            }
            int next = i + 1 < b.length ? b[i + 1] & 0xff : 0;
            if (lead <= 0xC1 || lead >= 0xF5
                    || lead == 0xE0 && next < 0xA0 || lead == 0xED && next >= 0xA0
                    || lead == 0xF0 && next < 0x90 || lead == 0xF4 && next >= 0x90) {
                return true;
            }
        }
        return false;
    }

    /** A UTF-8 byte-order mark, which is dropped (Jackson reads one only when text follows it). */
    private static boolean hasUtf8ByteOrderMark(byte[] b) {
        return b.length >= 3 && (b[0] & 0xff) == 0xEF && (b[1] & 0xff) == 0xBB && (b[2] & 0xff) == 0xBF;
    }

    /** Reads one tenant from a file. */
    public static TenantFacts read(Path file) {
        java.util.Objects.requireNonNull(file, "file");
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static TenantFacts validate(TenantFacts facts, String origin) {
        if (facts == null) {
            throw new InvalidFactsException(origin, "", 1, 1, "the document is null: expected a JSON object holding one tenant's facts");
        }
        Integer v = facts.schemaVersion();
        if (v != null && v != TenantFacts.CURRENT_SCHEMA_VERSION) {
            throw new InvalidFactsException(origin, "schemaVersion", 0, 0,
                    "schemaVersion " + v + " is not supported: this release reads version " + TenantFacts.CURRENT_SCHEMA_VERSION);
        }
        return facts;
    }

    /** Turns Jackson's error into one that names the field, the line and the column in words. */
    static InvalidFactsException translate(JsonProcessingException e, String origin) {
        JsonLocation loc = e.getLocation();
        int line = loc == null ? 0 : Math.max(0, loc.getLineNr());
        int column = loc == null ? 0 : Math.max(0, loc.getColumnNr());
        String path = e instanceof JsonMappingException jm ? path(jm.getPath()) : "";
        return new InvalidFactsException(origin, path, line, column, problem(e, path), e);
    }

    private static String path(List<JsonMappingException.Reference> refs) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : refs) {
            if (r.getFieldName() != null) {
                if (sb.length() > 0) {
                    sb.append('.');
                }
                sb.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    /** Which limit, in docs/safety.md's words (Jackson's message names its own API). */
    private static String limitBreached(String jacksonMessage) {
        if (jacksonMessage.contains("nesting depth")) {
            return "nested deeper than " + MAX_NESTING_DEPTH + " levels";
        } else if (jacksonMessage.startsWith("Number value length")) {
            return "a number longer than " + MAX_NUMBER_LENGTH + " characters";
        } else if (jacksonMessage.startsWith("String value length")) {
            // A very long number is buffered like text, so it can reach this limit first.
            return "a value longer than " + String.format(java.util.Locale.ROOT, "%,d", MAX_STRING_LENGTH) + " characters";
        } else if (jacksonMessage.startsWith("Document length")) {
            return "a document larger than " + (MAX_DOCUMENT_LENGTH >> 20) + " MiB";
        }
        return firstSentence(jacksonMessage);
    }

    private static String problem(JsonProcessingException e, String path) {
        // A syntax error or a limit inside a nested object reaches us wrapped in a mapping exception.
        if (e instanceof JsonMappingException && e.getCause() instanceof JsonProcessingException inner
                && !(inner instanceof JsonMappingException)) {
            return problem(inner, path);
        }
        String original = dev.preflight.facts.ParseMessages.clean(e.getOriginalMessage());
        if (original.startsWith("expected ")) {
            return original; // already in words (our own deserializers)
        }
        if (e instanceof StreamConstraintsException) {
            return "exceeds an input limit: " + limitBreached(original);
        }
        if (e instanceof com.fasterxml.jackson.core.exc.InputCoercionException) {
            return "the number is out of range: " + firstSentence(original);
        }
        if (e instanceof com.fasterxml.jackson.core.exc.StreamReadException) {
            if (original.startsWith("Duplicate field")) {
                return "duplicate field " + original.substring("Duplicate field ".length()) + " (each field may appear once)";
            }
            if (original.contains("UTF-8") || original.contains("UTF8") || original.contains("Invalid UTF")) {
                return "the input is not valid UTF-8 or UTF-16 text (" + firstSentence(original) + ")";
            }
            return "malformed JSON: " + firstSentence(original);
        }
        if (e instanceof ValueInstantiationException vie && vie.getCause() != null && vie.getCause().getMessage() != null) {
            return vie.getCause().getMessage();
        }
        if (e instanceof InvalidNullException) {
            return "null is not allowed as an element of this list";
        }
        if (e instanceof MismatchedInputException mie) {
            if (original.startsWith("No content to map")) {
                return "the input is empty: expected a JSON object holding one tenant's facts";
            }
            if (original.startsWith("Trailing token")) {
                return "unexpected text after the end of the JSON document";
            }
            Class<?> target = mie.getTargetType();
            String expected = target == null ? null : describe(target, path.isEmpty());
            if (mie instanceof InvalidFormatException ife && original.contains("out of range")) {
                return ife.getValue() + " is out of range: " + original.substring(original.indexOf("out of range") + "out of range: ".length());
            }
            if (original.contains("out of range of int")) {
                return "the number is out of range: expected a whole number from 0 to " + Integer.MAX_VALUE;
            }
            String found = mie instanceof InvalidFormatException ife ? describeValue(ife.getValue()) : describeFound(original);
            if (expected != null) {
                return "expected " + expected + (found == null ? "" : ", found " + found);
            }
            return firstSentence(original);
        }
        return firstSentence(original);
    }

    private static String describe(Class<?> type, boolean root) {
        if (root && type == TenantFacts.class) {
            return "a JSON object holding one tenant's facts";
        }
        if (type == Integer.class || type == int.class || type == Long.class) {
            return "a whole number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type == OffsetDateTime.class) {
            return "a date-time with offset (ISO-8601, such as 2026-11-20T10:00:00Z)";
        }
        if (type == Version.class) {
            return "a version string such as \"2.5.79.0\"";
        }
        if (type == SyncTime.class) {
            return "\"never\" or a date-time with offset (such as 2026-11-20T10:00:00Z)";
        }
        if (Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        if (type.isEnum()) {
            List<String> names = new ArrayList<>();
            for (Object c : type.getEnumConstants()) {
                try {
                    JsonProperty p = type.getField(((Enum<?>) c).name()).getAnnotation(JsonProperty.class);
                    names.add(p != null ? p.value() : ((Enum<?>) c).name());
                } catch (NoSuchFieldException ex) {
                    names.add(((Enum<?>) c).name());
                }
            }
            return "one of " + String.join(", ", names) + " (case-insensitive)";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "an object";
        }
        return null;
    }

    private static String describeValue(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof String s) {
            return "\"" + abbreviate(s) + "\"";
        }
        return abbreviate(String.valueOf(value));
    }

    private static final java.util.regex.Pattern FOUND_VALUE = java.util.regex.Pattern.compile(
            "(?:Cannot coerce|from) (String|Integer|Floating-point|Boolean|Array|Object|Null) value(?: \\(\"(.*?)\"\\)| \\('(.*?)'\\)| \\((-?[0-9.eE+]+)\\)| \\((true|false)\\))?");

    /** What was found instead, read from Jackson's message (its parser is closed by the time we see the error). */
    private static String describeFound(String original) {
        java.util.regex.Matcher m = FOUND_VALUE.matcher(original);
        if (!m.find()) {
            return null;
        }
        String value = m.group(2) != null ? m.group(2) : m.group(3) != null ? m.group(3) : m.group(4) != null ? m.group(4) : m.group(5);
        return switch (m.group(1)) {
            case "String" -> value == null ? "a string" : "a string \"" + abbreviate(value) + "\"";
            case "Integer", "Floating-point" -> value == null ? "a number" : "the number " + abbreviate(value);
            case "Boolean" -> value == null ? "a boolean" : value;
            case "Array" -> "an array";
            case "Object" -> "an object";
            default -> "null";
        };
    }

    private static String abbreviate(String s) {
        String oneLine = s.replaceAll("\\p{Cntrl}", "?");
        return oneLine.length() > 60 ? oneLine.substring(0, 57) + "..." : oneLine;
    }

    private static String firstSentence(String message) {
        String m = message;
        int nl = m.indexOf('\n');
        if (nl >= 0) {
            m = m.substring(0, nl);
        }
        return m.strip();
    }
}
