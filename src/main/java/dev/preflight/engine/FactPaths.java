package dev.preflight.engine;

import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Where each inserted fact sits in the input ({@code onPremises.forests[0].domains[1]}), so that
 * rules can name a missing field or a finding's subject by its path without knowing indexes.
 * Paths are built only when asked for.
 */
final class FactPaths {

    private record Location(Object parent, String segment) {
    }

    private final Map<Object, Location> locations = new IdentityHashMap<>();

    void root(Object fact) {
        locations.put(fact, new Location(null, ""));
    }

    void put(Object fact, Object parent, String segment) {
        locations.put(fact, new Location(parent, segment));
    }

    /** The fact's path, {@code ""} for the root, {@code null} when the fact is not from the input. */
    String of(Object fact) {
        Location loc = locations.get(fact);
        if (loc == null) {
            return null;
        }
        if (loc.parent == null) {
            return loc.segment;
        }
        String parent = of(loc.parent);
        if (parent == null || parent.isEmpty()) {
            return loc.segment;
        }
        return loc.segment.startsWith("[") ? parent + loc.segment : parent + "." + loc.segment;
    }

    /** The path of a field below a fact; the field alone when the fact is unknown or the root. */
    String of(Object fact, String field) {
        String base = fact == null ? null : of(fact);
        if (base == null || base.isEmpty()) {
            return field;
        }
        return field.isEmpty() ? base : base + "." + field;
    }
}
