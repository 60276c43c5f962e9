package dev.preflight.collection;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.preflight.api.MissingFact.Reason;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The tenant facts while they are being imported: each value remembers the file it came from (or
 * {@code answers}, or {@code inferred}) and why, each absent field may carry the reason it is
 * absent. Two files giving one fact different values leave it absent as a conflict. Written out
 * at the end as the facts document and its provenance, with the final list indexes in the paths.
 */
final class FactTree {

    /** A value and where it came from. */
    record Leaf(JsonNode value, String source, String note) {
    }

    /** An object of the facts document. {@code template} is its path with {@code []} for list indexes. */
    static final class Obj {
        final String template;
        private final Consumer<Diagnostic> sink;
        private final Map<String, Object> fields = new LinkedHashMap<>();
        private final Map<String, Reason> missing = new LinkedHashMap<>();

        Obj(String template, Consumer<Diagnostic> sink) {
            this.template = template;
            this.sink = sink;
        }

        private String pathOf(String field) {
            return template.isEmpty() ? field : template + "." + field;
        }

        /** The child object, made when first asked for. */
        Obj obj(String name) {
            return (Obj) fields.computeIfAbsent(name, n -> new Obj(pathOf(n), sink));
        }

        /** The child list of objects, made when first asked for. */
        @SuppressWarnings("unchecked")
        List<Obj> list(String name) {
            return (List<Obj>) fields.computeIfAbsent(name, n -> new ArrayList<Obj>());
        }

        /** A new element of a child list. */
        Obj add(String name) {
            Obj o = new Obj(pathOf(name) + "[]", sink);
            list(name).add(o);
            return o;
        }

        /** The element of a child list whose {@code key} equals {@code value} ignoring case; made (with that key from {@code source}) when there is none. */
        Obj named(String list, String key, String value, String source) {
            for (Obj o : list(list)) {
                if (value.equalsIgnoreCase(o.text(key))) {
                    return o;
                }
            }
            Obj o = add(list);
            if (source != null) {
                o.set(key, value, source, null);
            }
            return o;
        }

        boolean hasList(String name) {
            return fields.get(name) instanceof List<?>;
        }

        Leaf leaf(String field) {
            return fields.get(field) instanceof Leaf l ? l : null;
        }

        JsonNode value(String field) {
            Leaf l = leaf(field);
            return l == null ? null : l.value();
        }

        String text(String field) {
            JsonNode v = value(field);
            return v == null ? null : v.asText();
        }

        /**
         * Sets a value from an export. The same value from another file adds nothing; a different
         * one makes the fact a conflict: absent, with both files and values as the reason.
         */
        void set(String field, Object value, String source, String note) {
            JsonNode v = normalise(json(value));
            if (v == null || v.isNull()) {
                return;
            }
            if (missing.containsKey(field) && missing.get(field).key().equals(Reasons.CONFLICT)) {
                return;
            }
            Leaf old = leaf(field);
            if (old != null && !old.source().equals(source) && !old.value().equals(v)) {
                fields.remove(field);
                Reason reason = Reasons.of(Reasons.CONFLICT, old.source(), old.value().toString(), source, v.toString());
                missing.put(field, reason);
                sink.accept(new Diagnostic(Diagnostic.Severity.WARNING, source, 0, 0, pathOf(field), reason.english() + "; left absent"));
                return;
            }
            if (old == null || old.source().equals(source)) {
                fields.put(field, new Leaf(v, source, note));
                missing.remove(field);
            }
        }

        /** Sets a value a person stated; it wins over the exports, whose value the note keeps. */
        void answer(String field, JsonNode value, String source) {
            Leaf old = leaf(field);
            String note = "stated by a person";
            if (old != null && !old.value().equals(value)) {
                note += "; " + old.source() + " gave " + old.value();
            } else if (missing.containsKey(field)) {
                note += "; the exports: " + missing.get(field).english();
            }
            fields.put(field, new Leaf(value, source, note));
            missing.remove(field);
        }

        /** Records why a field is absent (the first reason given stays). */
        void missing(String field, Reason reason) {
            if (!(fields.get(field) instanceof Leaf)) {
                missing.putIfAbsent(field, reason);
            }
        }

        Reason missingReason(String field) {
            return missing.get(field);
        }

        Object field(String name) {
            return fields.get(name);
        }

        boolean isEmpty() {
            return fields.isEmpty();
        }
    }

    static JsonNode json(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof JsonNode n) {
            return n;
        }
        JsonNodeFactory f = JsonNodeFactory.instance;
        if (value instanceof String s) {
            return f.textNode(s);
        }
        if (value instanceof Boolean b) {
            return f.booleanNode(b);
        }
        if (value instanceof Integer i) {
            return f.numberNode(i);
        }
        if (value instanceof Long l) {
            return f.numberNode(l);
        }
        if (value instanceof List<?> list) {
            var a = f.arrayNode();
            list.forEach(e -> a.add(json(e)));
            return a;
        }
        throw new IllegalArgumentException("not a fact value: " + value.getClass());
    }

    /** Whole numbers as int where they fit, so that equal values compare equal whatever wrote them. */
    static JsonNode normalise(JsonNode v) {
        if (v == null) {
            return null;
        }
        if (v.isIntegralNumber() && v.canConvertToInt()) {
            return JsonNodeFactory.instance.numberNode(v.intValue());
        }
        if (v.isArray()) {
            var a = JsonNodeFactory.instance.arrayNode();
            v.forEach(e -> a.add(normalise(e)));
            return a;
        }
        if (v.isObject()) {
            ObjectNode o = JsonNodeFactory.instance.objectNode();
            v.fields().forEachRemaining(e -> o.set(e.getKey(), normalise(e.getValue())));
            return o;
        }
        return v;
    }

    final Obj root;

    FactTree(Consumer<Diagnostic> sink) {
        this.root = new Obj("", sink);
    }

    /** The facts document, with {@code provenanceFacts} filled: concrete path to source and note. */
    ObjectNode write(ObjectNode provenanceFacts) {
        return write(root, "", provenanceFacts);
    }

    private static ObjectNode write(Obj o, String path, ObjectNode prov) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        for (Map.Entry<String, Object> e : o.fields.entrySet()) {
            String p = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
            if (e.getValue() instanceof Leaf l) {
                out.set(e.getKey(), l.value());
                ObjectNode entry = prov.putObject(p);
                entry.put("source", l.source());
                if (l.note() != null) {
                    entry.put("note", l.note());
                }
            } else if (e.getValue() instanceof Obj child) {
                ObjectNode c = write(child, p, prov);
                if (!c.isEmpty()) {
                    out.set(e.getKey(), c);
                }
            } else if (e.getValue() instanceof List<?> list) {
                var a = out.putArray(e.getKey());
                int i = 0;
                for (Object item : list) {
                    a.add(write((Obj) item, p + "[" + i++ + "]", prov));
                }
            }
        }
        return out;
    }
}
