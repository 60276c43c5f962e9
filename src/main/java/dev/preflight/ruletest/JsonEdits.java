package dev.preflight.ruletest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Edits a tenant document by path, the way a test case overrides its base facts:
 * {@code onPremises.forests[0].domains[0].minPasswordAgeDays}. Paths use the same syntax as the
 * evaluator's error messages and missing facts.
 */
final class JsonEdits {

    private static final Pattern SEGMENT = Pattern.compile("([^.\\[\\]]+)|\\[(\\d+)\\]");

    private JsonEdits() {
    }

    /** A path segment: a field name or an array index. */
    private record Segment(String field, int index) {
        boolean isIndex() {
            return field == null;
        }

        @Override
        public String toString() {
            return isIndex() ? "[" + index + "]" : field;
        }
    }

    static List<Segment> parse(String path) {
        List<Segment> out = new ArrayList<>();
        Matcher m = SEGMENT.matcher(path);
        int pos = 0;
        while (m.find()) {
            String between = path.substring(pos, m.start());
            if (!(between.isEmpty() || between.equals("."))) {
                throw new IllegalArgumentException("path \"" + path + "\" is not of the form a.b[0].c");
            }
            out.add(m.group(1) != null ? new Segment(m.group(1), -1) : new Segment(null, Integer.parseInt(m.group(2))));
            pos = m.end();
        }
        if (out.isEmpty() || pos != path.length()) {
            throw new IllegalArgumentException("path \"" + path + "\" is not of the form a.b[0].c");
        }
        return out;
    }

    /** Sets the value at the path, creating objects on the way; an index may be the array's size (append). */
    static void set(ObjectNode root, String path, JsonNode value) {
        List<Segment> segs = parse(path);
        JsonNode parent = walk(root, path, segs.subList(0, segs.size() - 1), true);
        Segment last = segs.get(segs.size() - 1);
        if (last.isIndex()) {
            ArrayNode array = asArray(parent, path);
            if (last.index < array.size()) {
                array.set(last.index, value);
            } else if (last.index == array.size()) {
                array.add(value);
            } else {
                throw new IllegalArgumentException("path \"" + path + "\": index " + last.index + " is beyond the array's " + array.size() + " elements");
            }
        } else {
            asObject(parent, path).set(last.field, value);
        }
    }

    /** Removes the field (it becomes absent: not collected) or the array element at the path. */
    static void remove(ObjectNode root, String path) {
        List<Segment> segs = parse(path);
        JsonNode parent = walk(root, path, segs.subList(0, segs.size() - 1), false);
        Segment last = segs.get(segs.size() - 1);
        if (last.isIndex()) {
            ArrayNode array = asArray(parent, path);
            if (last.index >= array.size()) {
                throw new IllegalArgumentException("path \"" + path + "\": no element " + last.index);
            }
            array.remove(last.index);
        } else {
            ObjectNode obj = asObject(parent, path);
            if (!obj.has(last.field)) {
                throw new IllegalArgumentException("path \"" + path + "\": no field \"" + last.field + "\" to remove");
            }
            obj.remove(last.field);
        }
    }

    /** Appends the value to the array at the path (created when absent). */
    static void append(ObjectNode root, String path, JsonNode value) {
        List<Segment> segs = parse(path);
        JsonNode parent = walk(root, path, segs.subList(0, segs.size() - 1), true);
        Segment last = segs.get(segs.size() - 1);
        JsonNode target = last.isIndex() ? asArray(parent, path).get(last.index) : asObject(parent, path).get(last.field);
        if (target == null || target.isNull()) {
            if (last.isIndex()) {
                throw new IllegalArgumentException("path \"" + path + "\": no array there");
            }
            target = asObject(parent, path).putArray(last.field);
        }
        asArray(target, path).add(value);
    }

    private static JsonNode walk(ObjectNode root, String path, List<Segment> segs, boolean create) {
        JsonNode node = root;
        for (Segment s : segs) {
            JsonNode next;
            if (s.isIndex()) {
                ArrayNode a = asArray(node, path);
                if (s.index >= a.size()) {
                    throw new IllegalArgumentException("path \"" + path + "\": no element " + s.index);
                }
                next = a.get(s.index);
            } else {
                ObjectNode o = asObject(node, path);
                next = o.get(s.field);
                if ((next == null || next.isNull()) && create) {
                    next = o.putObject(s.field);
                }
            }
            if (next == null) {
                throw new IllegalArgumentException("path \"" + path + "\": \"" + s + "\" does not exist");
            }
            node = next;
        }
        return node;
    }

    private static ObjectNode asObject(JsonNode n, String path) {
        if (!(n instanceof ObjectNode o)) {
            throw new IllegalArgumentException("path \"" + path + "\" goes through a " + n.getNodeType().name().toLowerCase() + ", not an object");
        }
        return o;
    }

    private static ArrayNode asArray(JsonNode n, String path) {
        if (!(n instanceof ArrayNode a)) {
            throw new IllegalArgumentException("path \"" + path + "\" goes through a " + n.getNodeType().name().toLowerCase() + ", not an array");
        }
        return a;
    }

    static JsonNodeFactory factory() {
        return JsonNodeFactory.instance;
    }
}
