package dev.preflight.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * Bearer tokens, kept as SHA-256 hashes (a line {@code HEX [evaluate|read]} each; {@code #} starts a
 * comment): the server never holds a token itself. A presented token is hashed and compared with
 * every hash in constant time ({@link MessageDigest#isEqual}), all of them, whichever matches.
 */
public final class Tokens {

    /** What a token may do. */
    public enum Scope {
        /** Everything: evaluations, batches, diffs, and reading. */
        EVALUATE,
        /** Only reading: the catalogue, the rules, the metrics. */
        READ
    }

    /** The outcome of a check: no token (401), an unknown token (401), a token without the scope (403), or allowed. */
    public enum Outcome { MISSING, UNKNOWN, FORBIDDEN, ALLOWED }

    private record Entry(byte[] hash, Scope scope) {
    }

    private final List<Entry> entries;

    private Tokens(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /**
     * Reads a tokens file.
     *
     * @throws IllegalArgumentException naming the file and line of a line that is not a hash and a scope
     */
    public static Tokens read(Path file) throws IOException {
        List<Entry> out = new ArrayList<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int hash = line.indexOf('#');
            String content = (hash >= 0 ? line.substring(0, hash) : line).strip();
            if (content.isEmpty()) {
                continue;
            }
            String[] parts = content.split("\\s+");
            String hex = parts[0].toLowerCase(Locale.ROOT);
            if (hex.startsWith("sha256:")) {
                hex = hex.substring("sha256:".length());
            }
            if (parts.length > 2 || !hex.matches("[0-9a-f]{64}")) {
                throw new IllegalArgumentException(file + ":" + (i + 1) + ": expected a SHA-256 hash (64 hex digits) and optionally evaluate or read");
            }
            Scope scope = Scope.EVALUATE;
            if (parts.length == 2) {
                try {
                    scope = Scope.valueOf(parts[1].toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(file + ":" + (i + 1) + ": the scope must be evaluate or read, not '" + parts[1] + "'");
                }
            }
            out.add(new Entry(HexFormat.of().parseHex(hex), scope));
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException(file + ": no token hashes: every request would be refused");
        }
        return new Tokens(out);
    }

    /** The SHA-256 hash of a token, in hex: what a tokens file holds. */
    public static String hash(String token) {
        return HexFormat.of().formatHex(sha256(token));
    }

    private static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** Judges an {@code Authorization} header (or {@code null}) for a request that needs {@code needed}. */
    public Outcome check(String authorization, Scope needed) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7) || authorization.length() == 7) {
            return Outcome.MISSING;
        }
        byte[] presented = sha256(authorization.substring(7).strip());
        Scope found = null;
        for (Entry e : entries) { // every entry, matched or not: the time does not tell which
            if (MessageDigest.isEqual(e.hash(), presented) && found != Scope.EVALUATE) {
                found = e.scope();
            }
        }
        if (found == null) {
            return Outcome.UNKNOWN;
        }
        return found == Scope.EVALUATE || needed == Scope.READ ? Outcome.ALLOWED : Outcome.FORBIDDEN;
    }
}
