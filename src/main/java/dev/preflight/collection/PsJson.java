package dev.preflight.collection;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.preflight.api.FactsReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The one reader of what PowerShell's {@code ConvertTo-Json} and Microsoft Graph write: text in
 * UTF-16 LE or BE (with or without a byte-order mark) or UTF-8 (with or without one), parsed into a
 * tree that remembers the line and column of every value, so that any later complaint about a
 * value ({@link PsNode}) names where it is. Every per-file reader goes through here.
 */
final class PsJson {

    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(FactsReader.MAX_NESTING_DEPTH)
                    .maxStringLength(FactsReader.MAX_STRING_LENGTH)
                    .maxNumberLength(FactsReader.MAX_NUMBER_LENGTH)
                    .build())
            .build();

    private PsJson() {
    }

    /** Which of the four accepted encodings the bytes are in, and the text. */
    record Decoded(String encoding, String text) {
    }

    /** The text of a file, or an error naming the file when it is in none of the accepted encodings. */
    static Decoded decode(String file, byte[] b, String fact) {
        int n = b.length;
        if (n >= 4 && (b[0] == 0 && b[1] == 0 && (b[2] & 0xff) == 0xFE && (b[3] & 0xff) == 0xFF
                || (b[0] & 0xff) == 0xFF && (b[1] & 0xff) == 0xFE && b[2] == 0 && b[3] == 0)) {
            throw unknownEncoding(file, fact, "UTF-32");
        }
        if (n >= 3 && (b[0] & 0xff) == 0xEF && (b[1] & 0xff) == 0xBB && (b[2] & 0xff) == 0xBF) {
            return strict(file, fact, b, 3, StandardCharsets.UTF_8, "UTF-8 with byte-order mark");
        }
        if (n >= 2 && (b[0] & 0xff) == 0xFF && (b[1] & 0xff) == 0xFE) {
            return strict(file, fact, b, 2, StandardCharsets.UTF_16LE, "UTF-16LE with byte-order mark");
        }
        if (n >= 2 && (b[0] & 0xff) == 0xFE && (b[1] & 0xff) == 0xFF) {
            return strict(file, fact, b, 2, StandardCharsets.UTF_16BE, "UTF-16BE with byte-order mark");
        }
        // JSON starts with ASCII, so UTF-16 without a mark shows a zero byte beside the first character.
        if (n >= 2 && b[0] == 0 && b[1] != 0) {
            return strict(file, fact, b, 0, StandardCharsets.UTF_16BE, "UTF-16BE");
        }
        if (n >= 2 && b[0] != 0 && b[1] == 0) {
            return strict(file, fact, b, 0, StandardCharsets.UTF_16LE, "UTF-16LE");
        }
        return strict(file, fact, b, 0, StandardCharsets.UTF_8, "UTF-8");
    }

    private static Decoded strict(String file, String fact, byte[] b, int offset, Charset cs, String name) {
        try {
            String text = cs.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(b, offset, b.length - offset)).toString();
            return new Decoded(name, text);
        } catch (CharacterCodingException e) {
            throw unknownEncoding(file, fact, cs == StandardCharsets.UTF_8
                    ? "not UTF-8 (an ANSI code page, as Set-Content writes in Windows PowerShell 5.1?)" : "not valid " + name);
        }
    }

    private static ImportException unknownEncoding(String file, String fact, String what) {
        return new ImportException(Diagnostic.error(file, fact, "unknown encoding: " + what
                + "; save it as UTF-16 (Out-File) or UTF-8 (-Encoding UTF8)"));
    }

    /**
     * Parses a file's bytes. An empty file is an error unless {@code emptyMeansNone}, in which case
     * it is an empty list (Get-WinEvent with no match writes nothing).
     */
    static PsNode parse(String file, byte[] bytes, String fact, boolean emptyMeansNone) {
        String text = decode(file, bytes, fact).text();
        if (text.isBlank()) {
            if (emptyMeansNone) {
                return new PsNode(new Located(file, JsonNodeFactory.instance.arrayNode(), Map.of()), JsonNodeFactory.instance.arrayNode(), "");
            }
            throw new ImportException(Diagnostic.error(file, fact, "the file is empty"));
        }
        Map<String, int[]> where = new HashMap<>();
        try (JsonParser p = JSON.createParser(text)) {
            JsonToken first = p.nextToken();
            JsonNode root = value(p, first, "", where);
            if (p.nextToken() != null) {
                JsonLocation l = p.currentTokenLocation();
                throw new ImportException(new Diagnostic(Diagnostic.Severity.ERROR, file, l.getLineNr(), l.getColumnNr(), fact,
                        "JSON syntax error: unexpected text after the end of the JSON value"));
            }
            return new PsNode(new Located(file, root, where), root, "");
        } catch (JsonProcessingException e) {
            JsonLocation l = e.getLocation();
            throw new ImportException(new Diagnostic(Diagnostic.Severity.ERROR, file, l == null ? 0 : l.getLineNr(), l == null ? 0 : l.getColumnNr(), fact,
                    "JSON syntax error: " + dev.preflight.facts.ParseMessages.clean(e.getOriginalMessage())));
        } catch (IOException e) {
            throw new ImportException(Diagnostic.error(file, fact, "cannot be read: " + dev.preflight.facts.ParseMessages.clean(e.getMessage())));
        }
    }

    private static JsonNode value(JsonParser p, JsonToken t, String path, Map<String, int[]> where) throws IOException {
        JsonLocation l = p.currentTokenLocation();
        where.put(path, new int[] {l.getLineNr(), l.getColumnNr()});
        JsonNodeFactory f = JsonNodeFactory.instance;
        switch (t) {
            case START_OBJECT -> {
                ObjectNode o = f.objectNode();
                for (JsonToken k = p.nextToken(); k != JsonToken.END_OBJECT; k = p.nextToken()) {
                    String name = p.currentName();
                    o.set(name, value(p, p.nextToken(), path.isEmpty() ? name : path + "." + name, where));
                }
                return o;
            }
            case START_ARRAY -> {
                ArrayNode a = f.arrayNode();
                int i = 0;
                for (JsonToken k = p.nextToken(); k != JsonToken.END_ARRAY; k = p.nextToken()) {
                    a.add(value(p, k, path + "[" + i++ + "]", where));
                }
                return a;
            }
            case VALUE_STRING -> {
                return f.textNode(p.getText());
            }
            case VALUE_NUMBER_INT -> {
                return p.getBigIntegerValue().bitLength() < 64 ? f.numberNode(p.getLongValue()) : f.numberNode(p.getBigIntegerValue());
            }
            case VALUE_NUMBER_FLOAT -> {
                try {
                    return f.numberNode(p.getDecimalValue());
                } catch (NumberFormatException e) {
                    // 1e2147483648: within the length limit, but no BigDecimal holds its exponent.
                    throw new com.fasterxml.jackson.core.JsonParseException(p, "the number " + abbreviate(p.getText()) + " is out of range");
                }
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return f.booleanNode(t == JsonToken.VALUE_TRUE);
            }
            case VALUE_NULL -> {
                return f.nullNode();
            }
            default -> throw new com.fasterxml.jackson.core.JsonParseException(p, "unexpected " + t);
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 37) + "..." : s;
    }

    /** A parsed file: its name, its tree, and where each value (by path) starts. */
    record Located(String file, JsonNode root, Map<String, int[]> where) {

        int[] position(String path) {
            int[] p = where.get(path);
            return p == null ? new int[] {0, 0} : p;
        }
    }
}
