package dev.preflight.engine;

import dev.preflight.api.InvalidRulesException;
import dev.preflight.api.RuleProblem;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The text of a rules directory, read once: its DRL files, its data tables and its test cases,
 * keyed by path relative to the directory (forward slashes), with a content hash.
 *
 * @param origin a description of where the files came from: the directory, or "built-in"
 * @param files  relative path to text, sorted by path
 */
public record RuleFiles(String origin, Map<String, String> files) {

    /** Where the built-in rules live on the class path, with {@link #INDEX} listing them. */
    public static final String BUILT_IN_ROOT = "preflight/rules/";
    /** The list of built-in rule files, one relative path a line, written at build time. */
    public static final String INDEX = "preflight/rules.index";
    /**
     * The list of the built-in rules' test cases, beside {@link #INDEX}: only in the application
     * (the {@code rules test} command runs them), never in the library jar.
     */
    public static final String TESTS_INDEX = "preflight/rules-tests.index";
    /** The directory of data tables inside a rules directory. */
    public static final String TABLES_DIR = "tables/";
    /** The directory of rule test cases inside a rules directory. */
    public static final String TESTS_DIR = "tests/";

    public RuleFiles {
        files = Collections.unmodifiableMap(new TreeMap<>(files));
    }

    /** Reads every DRL, CSV and test file below the directory, following links. */
    public static RuleFiles fromDirectory(Path dir) {
        Path root = dir.toAbsolutePath().normalize();
        if (!Files.isDirectory(root)) {
            throw new InvalidRulesException("rules directory " + dir + " does not exist or is not a directory",
                    List.of(RuleProblem.error(dir.toString(), 0, 0, "not a directory")));
        }
        Map<String, String> files = new TreeMap<>();
        List<RuleProblem> problems = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(root, FileVisitOption.FOLLOW_LINKS)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                String rel = root.relativize(p).toString().replace('\\', '/');
                if (Files.isRegularFile(p) && isRuleFile(rel)) {
                    try {
                        files.put(rel, decode(Files.readAllBytes(p)));
                    } catch (CharacterCodingException e) {
                        problems.add(RuleProblem.error(rel, 0, 0, "not valid UTF-8 text"));
                    } catch (IOException e) {
                        problems.add(RuleProblem.error(rel, 0, 0, "cannot read: " + e.getMessage()));
                    }
                }
            }
        } catch (IOException | UncheckedIOException e) {
            throw new InvalidRulesException("cannot read rules directory " + dir + ": " + e.getMessage(),
                    List.of(RuleProblem.error(dir.toString(), 0, 0, "cannot read: " + e.getMessage())));
        }
        if (!problems.isEmpty()) {
            throw new InvalidRulesException("rules directory " + dir + " has unreadable files", problems);
        }
        return new RuleFiles(root.toString(), files);
    }

    /**
     * Reads the rules shipped inside the jar, listed by {@link #INDEX}, and their test cases when
     * the application is on the class path ({@link #TESTS_INDEX}).
     */
    public static RuleFiles builtIn() {
        ClassLoader cl = RuleFiles.class.getClassLoader();
        Map<String, String> files = new LinkedHashMap<>();
        try (InputStream index = cl.getResourceAsStream(INDEX)) {
            if (index == null) {
                throw new InvalidRulesException("the built-in rules are missing from the class path (" + INDEX + ")",
                        List.of(RuleProblem.error(INDEX, 0, 0, "not found on the class path")));
            }
            readListed(cl, index, files);
            try (InputStream tests = cl.getResourceAsStream(TESTS_INDEX)) {
                if (tests != null) {
                    readListed(cl, tests, files);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the built-in rules", e);
        }
        return new RuleFiles("built-in", files);
    }

    private static void readListed(ClassLoader cl, InputStream index, Map<String, String> files) throws IOException {
        for (String rel : new String(index.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
            rel = rel.strip();
            if (rel.isEmpty()) {
                continue;
            }
            try (InputStream in = cl.getResourceAsStream(BUILT_IN_ROOT + rel)) {
                if (in == null) {
                    throw new InvalidRulesException("built-in rule file " + rel + " is missing from the class path",
                            List.of(RuleProblem.error(rel, 0, 0, "listed in an index of the built-in rules but not found")));
                }
                files.put(rel, decode(in.readAllBytes()));
            }
        }
    }

    /**
     * Reads a file a test case refers to: {@code path} is relative to the case file {@code from};
     * first among these files, then (for a directory) on disk, so that cases may use files
     * outside the rules directory such as {@code ../../samples/x.json}.
     *
     * @return its text, or {@code null} when there is no such file
     */
    public String resolve(String from, String path) {
        String dir = from.contains("/") ? from.substring(0, from.lastIndexOf('/') + 1) : "";
        String rel = Path.of(dir + path).normalize().toString().replace('\\', '/');
        String text = files.get(rel);
        if (text != null) {
            return text;
        }
        Path root = Path.of(origin);
        if (!origin.equals("built-in") && Files.isDirectory(root)) {
            Path p = root.resolve(rel).normalize();
            try {
                return Files.isRegularFile(p) ? decode(Files.readAllBytes(p)) : null;
            } catch (IOException e) {
                return null;
            }
        }
        return null;
    }

    /** Whether the path names a file that belongs to the rules: DRL, CSV tables, test cases, message files. */
    public static boolean isRuleFile(String rel) {
        String name = rel.substring(rel.lastIndexOf('/') + 1);
        if (name.startsWith(".") || name.endsWith("~")) {
            return false; // hidden files and editor backups
        }
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".drl") || lower.endsWith(".csv") || lower.endsWith(".json") || lower.endsWith(".properties");
    }

    private static String decode(byte[] bytes) throws CharacterCodingException {
        int start = bytes.length >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB && (bytes[2] & 0xff) == 0xBF ? 3 : 0;
        return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(java.nio.ByteBuffer.wrap(bytes, start, bytes.length - start))
                .toString();
    }

    /** The DRL files, relative path to text. */
    public Map<String, String> drl() {
        return select(p -> p.toLowerCase(Locale.ROOT).endsWith(".drl") && !p.startsWith(TESTS_DIR));
    }

    /** The check catalogue ({@code checks.json} at the top of the directory), or {@code null} when there is none. */
    public String checks() {
        return files.get(CheckDeclarations.FILE);
    }

    /** The message files at the top of the directory ({@code messages.properties}, {@code messages_zh_CN.properties}), name to text. */
    public Map<String, String> messages() {
        return select(p -> p.indexOf('/') < 0 && p.startsWith("messages") && p.endsWith(".properties"));
    }

    /** The data tables, file name (without {@code tables/}) to text. */
    public Map<String, String> tables() {
        Map<String, String> out = new TreeMap<>();
        files.forEach((p, text) -> {
            if (p.startsWith(TABLES_DIR) && p.toLowerCase(Locale.ROOT).endsWith(".csv") && p.indexOf('/', TABLES_DIR.length()) < 0) {
                out.put(p.substring(TABLES_DIR.length()), text);
            }
        });
        return out;
    }

    /** The test case files: the JSON files directly in {@code tests/} (subdirectories hold the tenants they use). */
    public Map<String, String> tests() {
        return select(p -> p.startsWith(TESTS_DIR) && p.indexOf('/', TESTS_DIR.length()) < 0 && p.toLowerCase(Locale.ROOT).endsWith(".json"));
    }

    /** CSV files outside {@code tables/}: no rule can read them. */
    public List<String> strayTables() {
        return files.keySet().stream()
                .filter(p -> p.toLowerCase(Locale.ROOT).endsWith(".csv"))
                .filter(p -> !(p.startsWith(TABLES_DIR) && p.indexOf('/', TABLES_DIR.length()) < 0))
                .toList();
    }

    private Map<String, String> select(java.util.function.Predicate<String> which) {
        Map<String, String> out = new TreeMap<>();
        files.forEach((p, text) -> {
            if (which.test(p)) {
                out.put(p, text);
            }
        });
        return out;
    }

    /** SHA-256 over the DRL files, the catalogue, the messages and the tables (not the tests), path and content: what decides the rules' behaviour. */
    public String contentHash() {
        Map<String, String> behaviour = new TreeMap<>(drl());
        if (checks() != null) {
            behaviour.put(CheckDeclarations.FILE, checks());
        }
        behaviour.putAll(messages());
        tables().forEach((name, text) -> behaviour.put(TABLES_DIR + name, text));
        return hash(behaviour);
    }

    /** SHA-256 over the DRL files only: what the compiled rules depend on. */
    public String drlHash() {
        return hash(drl());
    }

    private static String hash(Map<String, String> files) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            files.forEach((path, text) -> {
                md.update(path.getBytes(StandardCharsets.UTF_8));
                md.update((byte) 0);
                md.update(text.getBytes(StandardCharsets.UTF_8));
                md.update((byte) 0);
            });
            return "sha256:" + HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
