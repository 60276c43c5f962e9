package dev.preflight.facts;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;

/**
 * A dotted version number, compared numerically part by part (2.10.3.0 is newer than 2.9.0.0);
 * missing trailing parts count as zero (2.5 equals 2.5.0.0).
 */
public final class Version implements Comparable<Version> {

    private static final int MAX_PARTS = 8;
    private static final int MAX_DIGITS = 9;

    private final int[] parts;
    private final String text;

    private Version(int[] parts, String text) {
        this.parts = parts;
        this.text = text;
    }

    /**
     * Reads a version such as {@code 2.5.79.0}.
     *
     * @throws IllegalArgumentException when the text is not dotted numbers
     */
    @JsonCreator
    public static Version parse(String text) {
        String s = text == null ? "" : text.strip();
        String[] tokens = s.split("\\.", -1);
        if (s.isEmpty() || tokens.length > MAX_PARTS) {
            throw invalid(text);
        }
        int[] parts = new int[tokens.length];
        for (int i = 0; i < tokens.length; i++) {
            String t = tokens[i];
            if (t.isEmpty() || t.length() > MAX_DIGITS || !t.chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw invalid(text);
            }
            parts[i] = Integer.parseInt(t);
        }
        return new Version(parts, s);
    }

    private static IllegalArgumentException invalid(String text) {
        return new IllegalArgumentException("\"" + text + "\" is not a version (expected dotted numbers such as 2.5.79.0)");
    }

    /** The part at the index (0 = major), 0 when the version has fewer parts. */
    public int part(int index) {
        return index < parts.length ? parts[index] : 0;
    }

    /** The major version. */
    public int major() {
        return part(0);
    }

    /** Whether this version is older than the other. */
    public boolean olderThan(Version other) {
        return compareTo(other) < 0;
    }

    /** Whether this version is at least the other. */
    public boolean atLeast(Version other) {
        return compareTo(other) >= 0;
    }

    /** Whether this version is at least the one written as text; for rules: {@code dotNetVersion.atLeast("4.7.2")}. */
    public boolean atLeast(String other) {
        Version v = PARSED.get(other);
        if (v == null) {
            v = parse(other);
            if (PARSED.size() < 1000) {
                PARSED.put(other, v);
            }
        }
        return atLeast(v);
    }

    /** Versions written as text in rules, parsed once. */
    private static final java.util.concurrent.ConcurrentHashMap<String, Version> PARSED = new java.util.concurrent.ConcurrentHashMap<>();

    @Override
    public int compareTo(Version o) {
        int n = Math.max(parts.length, o.parts.length);
        for (int i = 0; i < n; i++) {
            int c = Integer.compare(part(i), o.part(i));
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Version v && compareTo(v) == 0;
    }

    @Override
    public int hashCode() {
        int end = parts.length;
        while (end > 0 && parts[end - 1] == 0) {
            end--;
        }
        return Arrays.hashCode(Arrays.copyOf(parts, end));
    }

    @JsonValue
    @Override
    public String toString() {
        return text;
    }
}
