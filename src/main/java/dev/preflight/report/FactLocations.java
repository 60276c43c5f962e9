package dev.preflight.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * Where each value of a facts document starts, by its path ({@code onPremises.forests[0].domains[0]}),
 * read with Jackson's parser locations: 1-based line and column in characters, whatever the
 * encoding (UTF-8, or UTF-16 with a byte-order mark).
 */
public final class FactLocations {

    /**
     * A position in the document.
     *
     * @param line   1-based line
     * @param column 1-based column
     */
    public record Position(int line, int column) {
    }

    private static final Position START = new Position(1, 1);
    private final Map<String, Position> byPath;

    private FactLocations(Map<String, Position> byPath) {
        this.byPath = byPath;
    }

    /**
     * Reads the document's value positions; a document that does not parse gives positions up to where it breaks.
     * No document (facts imported from a collection, which has no single file to point into) locates
     * every value at the start.
     */
    public static FactLocations of(byte[] json) {
        if (json == null) {
            return new FactLocations(Map.of());
        }
        Map<String, Position> out = new HashMap<>();
        // A frame per open container: for an object the field being read, for an array the next index.
        Deque<String[]> path = new ArrayDeque<>();
        Deque<int[]> index = new ArrayDeque<>();
        // Columns in UTF-16 code units, as SARIF counts them by default (a parser of bytes would count bytes).
        try (JsonParser p = new JsonFactory().createParser(text(json))) {
            JsonToken t;
            String field = null;
            while ((t = p.nextToken()) != null) {
                if (t == JsonToken.FIELD_NAME) {
                    field = p.currentName();
                    continue;
                }
                if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) {
                    path.pop();
                    index.pop();
                    continue;
                }
                String here;
                if (path.isEmpty()) {
                    here = "";
                } else if (index.peek()[0] >= 0) {
                    here = path.peek()[0] + "[" + index.peek()[0]++ + "]";
                } else {
                    here = path.peek()[0].isEmpty() ? field : path.peek()[0] + "." + field;
                }
                JsonLocation at = p.currentTokenLocation();
                out.putIfAbsent(here, new Position(at.getLineNr(), at.getColumnNr()));
                if (t == JsonToken.START_OBJECT) {
                    path.push(new String[] {here});
                    index.push(new int[] {-1});
                } else if (t == JsonToken.START_ARRAY) {
                    path.push(new String[] {here});
                    index.push(new int[] {0});
                }
            }
        } catch (IOException | RuntimeException e) {
            // Positions read so far stand; the report's facts were valid, so this is a changed file at worst.
        }
        return new FactLocations(out);
    }

    /** The document as text: UTF-16 with a byte-order mark, else UTF-8 (a byte-order mark dropped), as the facts reader reads it. */
    private static String text(byte[] json) {
        if (json.length >= 2 && (json[0] & 0xFF) == 0xFE && (json[1] & 0xFF) == 0xFF) {
            return new String(json, 2, json.length - 2, java.nio.charset.StandardCharsets.UTF_16BE);
        }
        if (json.length >= 2 && (json[0] & 0xFF) == 0xFF && (json[1] & 0xFF) == 0xFE) {
            return new String(json, 2, json.length - 2, java.nio.charset.StandardCharsets.UTF_16LE);
        }
        int skip = json.length >= 3 && (json[0] & 0xFF) == 0xEF && (json[1] & 0xFF) == 0xBB && (json[2] & 0xFF) == 0xBF ? 3 : 0;
        return new String(json, skip, json.length - skip, java.nio.charset.StandardCharsets.UTF_8);
    }

    /**
     * The position of the value at this path, or of its nearest ancestor present in the document
     * (a finding about an absent field points at the object that lacks it); the start of the document for none.
     */
    public Position at(String dottedPath) {
        String p = dottedPath == null ? "" : dottedPath;
        while (true) {
            Position pos = byPath.get(p);
            if (pos != null) {
                return pos;
            }
            if (p.isEmpty()) {
                return START;
            }
            int cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
            p = cut <= 0 ? "" : p.substring(0, cut);
        }
    }
}
