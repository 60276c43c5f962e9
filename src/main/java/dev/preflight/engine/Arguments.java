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
            return String.join(", ", parts);
        }
        return a.toString();
    }

    static List<Object> of(Object[] args) {
        List<Object> out = new ArrayList<>(args.length);
        for (Object a : args) {
            out.add(normalize(a));
        }
        return out;
    }
}
