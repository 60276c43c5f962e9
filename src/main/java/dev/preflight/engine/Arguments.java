package dev.preflight.engine;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** The arguments of a message as a report keeps them: text, numbers and true/false; a fact stands for its name. */
final class Arguments {

    private Arguments() {
    }

    static Object normalize(Object a) {
        if (a == null) {
            return "";
        }
        if (a instanceof String || a instanceof Number || a instanceof Boolean) {
            return a;
        }
        String label = FactInserter.label(a);
        if (label != null) {
            return label;
        }
        if (a instanceof Collection<?> c) {
            List<String> parts = new ArrayList<>(c.size());
            for (Object o : c) {
                parts.add(String.valueOf(normalize(o)));
            }
            return new Listed(List.copyOf(parts));
        }
        return a.toString();
    }

    /**
     * A list passed as one argument ({@code tables.writebackProducts}): a message joins its items
     * as its language lists them ("a, b"; "a、b"), and a report keeps it as the English text.
     */
    record Listed(List<String> items) {
        @Override
        public String toString() {
            return String.join(", ", items);
        }
    }

    /** The arguments as a finding keeps them: a list as its English text. */
    static List<Object> plain(List<Object> args) {
        boolean listed = false;
        for (Object a : args) {
            listed |= a instanceof Listed;
        }
        if (!listed) {
            return args;
        }
        List<Object> out = new ArrayList<>(args.size());
        for (Object a : args) {
            out.add(a instanceof Listed l ? l.toString() : a);
        }
        return out;
    }

    static List<Object> of(Object[] args) {
        List<Object> out = new ArrayList<>(args.length);
        for (Object a : args) {
            out.add(normalize(a));
        }
        return out;
    }
}
