package dev.preflight.facts;

import java.util.Collections;
import java.util.List;

/** Immutable copies that keep {@code null} (not collected) apart from an empty list (collected, none). */
final class Lists {
    private Lists() {
    }

    static <T> List<T> copy(List<T> list) {
        // Jackson rejects null elements before we get here (content nulls fail), so a plain copy is enough.
        return list == null ? null : Collections.unmodifiableList(new java.util.ArrayList<>(list));
    }

    static boolean containsIgnoreCase(List<String> list, String value) {
        if (list == null || value == null) {
            return false;
        }
        for (String s : list) {
            // equals first: one vector compare, and the usual case (role and plan names as Graph spells them)
            if (s != null && (s.equals(value) || s.equalsIgnoreCase(value))) {
                return true;
            }
        }
        return false;
    }
}
