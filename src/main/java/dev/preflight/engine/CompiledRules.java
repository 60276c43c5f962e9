package dev.preflight.engine;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compiled rules (a kjar: Drools' executable model as class bytes) and where they may be reused
 * from instead of compiling again. A kjar is reused only under its key: the SHA-256 of the DRL
 * files, this build of Preflight and the Drools version, so a changed rule, a new Preflight or a
 * new Drools always recompiles and never gives stale results.
 */
public final class CompiledRules {

    private static final Logger LOG = LoggerFactory.getLogger(CompiledRules.class);

    /** The shipped rules, compiled at build time. */
    public static final String BUILT_IN_KJAR = "preflight/rules.kjar";
    /** The key the built-in kjar was compiled under. */
    public static final String BUILT_IN_KEY = "preflight/rules.kjar.key";
    /**
     * The content hash ({@link RuleFiles#contentHash()}) of the shipped rules as checked at build
     * time with no error and no warning: rules with this hash need no checking again at load.
     */
    public static final String BUILT_IN_CHECKED = "preflight/rules.checked";
    /** The rules' metadata (what the DRL annotations say, with file and line), stored beside the kjar. */
    public static final String BUILT_IN_META = "preflight/rules.meta.json";
    /** The warnings the shipped DRL gave when compiled (its parse, the compiler, loading it), stored beside the kjar. */
    public static final String BUILT_IN_WARNINGS = "preflight/rules.warnings.json";

    // A problem also shows as "error" (isError()), which is not one of its components.
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper()
            .disable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final com.fasterxml.jackson.core.type.TypeReference<java.util.LinkedHashMap<String, RuleMeta>> META_TYPE =
            new com.fasterxml.jackson.core.type.TypeReference<>() {
            };

    /**
     * Rules compiled earlier: the kjar and the metadata of every rule, keyed by rule.
     *
     * @param kjar     the compiled rules
     * @param metadata {@link RuleDecl#key()} to the rule's metadata
     * @param builtIn  whether they come from the jar (else from a cache directory)
     * @param warnings what the DRL alone gave when it was compiled: the warnings of its parse, of the
     *                 compiler and of loading the result (it gave no error, or it would not be stored)
     */
    record Stored(byte[] kjar, java.util.Map<String, RuleMeta> metadata, boolean builtIn, java.util.List<dev.preflight.api.RuleProblem> warnings) {
    }

    private static final com.fasterxml.jackson.core.type.TypeReference<java.util.List<dev.preflight.api.RuleProblem>> PROBLEMS_TYPE =
            new com.fasterxml.jackson.core.type.TypeReference<>() {
            };

    /** The warnings as stored beside a kjar. */
    static byte[] warningsBytes(java.util.List<dev.preflight.api.RuleProblem> warnings) {
        try {
            return JSON.writeValueAsBytes(warnings);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The metadata as stored beside a kjar. */
    static byte[] metadataBytes(java.util.Map<String, RuleMeta> metadata) {
        try {
            return JSON.writeValueAsBytes(metadata);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static java.util.Map<String, RuleMeta> metadata(byte[] bytes) throws IOException {
        return JSON.readValue(bytes, META_TYPE);
    }

    /** Whether rules with this content hash were checked in full, without a problem, when the jar was built. */
    static boolean checkedAtBuild(String contentHash) {
        try (InputStream in = CompiledRules.class.getClassLoader().getResourceAsStream(BUILT_IN_CHECKED)) {
            return in != null && new String(in.readAllBytes(), StandardCharsets.UTF_8).strip().equals(contentHash);
        } catch (IOException e) {
            return false;
        }
    }

    /** Compiled rules for this key: built into the jar, else in the cache directory; {@code null} when none. */
    static Stored find(String key, Path cacheDir) {
        Stored s = builtInStored(key);
        return s != null ? s : cached(cacheDir, key);
    }

    private static Stored builtInStored(String key) {
        byte[] kjar = builtIn(key);
        if (kjar == null) {
            return null;
        }
        ClassLoader cl = CompiledRules.class.getClassLoader();
        try (InputStream in = cl.getResourceAsStream(BUILT_IN_META); InputStream w = cl.getResourceAsStream(BUILT_IN_WARNINGS)) {
            return in == null || w == null ? null : new Stored(kjar, metadata(in.readAllBytes()), true, JSON.readValue(w.readAllBytes(), PROBLEMS_TYPE));
        } catch (IOException | RuntimeException e) {
            LOG.debug("built-in rule metadata unreadable, compiling", e);
            return null;
        }
    }

    private static Stored cached(Path dir, String key) {
        byte[] kjar = fromCache(dir, key);
        if (kjar == null) {
            return null;
        }
        try {
            return new Stored(kjar, metadata(Files.readAllBytes(dir.resolve("rules-" + key + ".meta.json"))), false,
                    JSON.readValue(Files.readAllBytes(dir.resolve("rules-" + key + ".warnings.json")), PROBLEMS_TYPE));
        } catch (IOException | RuntimeException e) {
            LOG.debug("cached rule metadata unreadable, compiling", e);
            return null;
        }
    }

    private static final String BUILD_ID = buildId();

    private CompiledRules() {
    }

    /** The key compiled rules of these DRL files are stored and looked up under. */
    public static String key(RuleFiles files) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(files.drlHash().getBytes(StandardCharsets.UTF_8));
            md.update((byte) 0);
            md.update(BUILD_ID.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Preflight's version and build time, and Drools' version: compiled rules of another build are not reused. */
    private static String buildId() {
        try (InputStream in = CompiledRules.class.getResourceAsStream("/preflight/version.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "?") + "|" + p.getProperty("built", "?") + "|" + p.getProperty("drools", "?");
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** The built-in compiled rules if they were compiled under this key, else {@code null}. */
    static byte[] builtIn(String key) {
        ClassLoader cl = CompiledRules.class.getClassLoader();
        try (InputStream k = cl.getResourceAsStream(BUILT_IN_KEY)) {
            if (k == null || !new String(k.readAllBytes(), StandardCharsets.UTF_8).strip().equals(key)) {
                return null;
            }
            try (InputStream in = cl.getResourceAsStream(BUILT_IN_KJAR)) {
                return in == null ? null : in.readAllBytes();
            }
        } catch (IOException e) {
            LOG.debug("built-in compiled rules unreadable, compiling", e);
            return null;
        }
    }

    /** Compiled rules from a cache directory, or {@code null} when absent or unreadable. */
    static byte[] fromCache(Path dir, String key) {
        if (dir == null) {
            return null;
        }
        Path file = dir.resolve("rules-" + key + ".kjar");
        try {
            return Files.isRegularFile(file) ? Files.readAllBytes(file) : null;
        } catch (IOException e) {
            LOG.debug("compiled rules cache {} unreadable, compiling", file, e);
            return null;
        }
    }

    /** Stores compiled rules in a cache directory; best effort: a cache that cannot be written is skipped. */
    static void toCache(Path dir, String key, byte[] kjar, java.util.Map<String, RuleMeta> metadata, java.util.List<dev.preflight.api.RuleProblem> warnings) {
        if (dir == null) {
            return;
        }
        try {
            Files.createDirectories(dir);
            // The metadata and warnings first: a kjar is only looked up together with them.
            write(dir, "rules-" + key + ".meta.json", metadataBytes(metadata));
            write(dir, "rules-" + key + ".warnings.json", warningsBytes(warnings));
            write(dir, "rules-" + key + ".kjar", kjar);
        } catch (IOException | RuntimeException e) {
            LOG.debug("compiled rules cache {} not written", dir, e);
        }
    }

    private static void write(Path dir, String name, byte[] bytes) throws IOException {
        Path tmp = Files.createTempFile(dir, name, ".tmp");
        try {
            Files.write(tmp, bytes);
            Files.move(tmp, dir.resolve(name), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
