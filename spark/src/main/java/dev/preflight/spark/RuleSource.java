package dev.preflight.spark;

import dev.preflight.api.Evaluator;
import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.RemoteIterator;

/**
 * The rules a job evaluates with, in a form that travels to the executors: a KieBase cannot be
 * serialized, so the driver reads the rule texts once and ships them (with a key over their
 * content); each executor JVM compiles them once and keeps the {@link Evaluator} for every task
 * it runs. The built-in rules travel as nothing: every JVM has them in the job jar.
 */
final class RuleSource implements Serializable {

    private static final long serialVersionUID = 1L;

    /** One evaluator per rules per JVM: compiled by the first task that needs it, shared by the rest. */
    private static final Map<String, Evaluator> EVALUATORS = new ConcurrentHashMap<>();

    private final String source;
    /** Relative path to text, or null for the built-in rules. */
    private final TreeMap<String, String> texts;
    private final String key;

    private RuleSource(String source, TreeMap<String, String> texts) {
        this.source = source;
        this.texts = texts;
        this.key = texts == null ? "built-in" : key(source, texts);
    }

    /** The rules inside the jar. */
    static RuleSource builtIn() {
        return new RuleSource("built-in", null);
    }

    /**
     * Reads a rules directory on the driver, from any file system Spark reads (a local path, a
     * path shipped with {@code --archives}, HDFS, ABFS, S3). A local directory is named as the
     * command line names it (its absolute path), others by their URI.
     */
    static RuleSource read(String dir, Configuration hadoop) throws IOException {
        org.apache.hadoop.fs.Path root = new org.apache.hadoop.fs.Path(dir);
        FileSystem fs = root.getFileSystem(hadoop);
        org.apache.hadoop.fs.Path qualified = fs.makeQualified(root);
        if (!fs.getFileStatus(qualified).isDirectory()) {
            throw new IOException(dir + " is not a directory");
        }
        String prefix = qualified.toUri().getPath();
        prefix = prefix.endsWith("/") ? prefix : prefix + "/";
        TreeMap<String, String> texts = new TreeMap<>();
        RemoteIterator<LocatedFileStatus> files = fs.listFiles(qualified, true);
        while (files.hasNext()) {
            LocatedFileStatus f = files.next();
            String rel = f.getPath().toUri().getPath().substring(prefix.length());
            if (isRuleFile(rel)) {
                try (var in = fs.open(f.getPath())) {
                    String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                    texts.put(rel, text.startsWith("\uFEFF") ? text.substring(1) : text); // as the core reads a byte-order mark
                }
            }
        }
        String scheme = qualified.toUri().getScheme();
        String source = scheme == null || scheme.equals("file")
                ? Path.of(qualified.toUri().getPath()).toAbsolutePath().normalize().toString()
                : qualified.toString();
        return new RuleSource(source, texts);
    }

    /** What decides the rules' behaviour: DRL files and data tables; hidden files and backups are not rules. */
    private static boolean isRuleFile(String rel) {
        for (String part : rel.split("/")) {
            if (part.startsWith(".")) {
                return false;
            }
        }
        String lower = rel.toLowerCase(Locale.ROOT);
        return !lower.endsWith("~") && !lower.startsWith("tests/") && (lower.endsWith(".drl") || lower.endsWith(".csv"));
    }

    /** The evaluator of these rules in this JVM, compiled on first use. */
    Evaluator evaluator() {
        return EVALUATORS.computeIfAbsent(key, k -> texts == null
                ? Evaluator.builder().build()
                : Evaluator.builder().rules(source, texts).build());
    }

    /** Where the rules come from, as reports name it. */
    String source() {
        return source;
    }

    private static String key(String source, Map<String, String> texts) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(source.getBytes(StandardCharsets.UTF_8));
            texts.forEach((path, text) -> {
                sha.update((byte) 0);
                sha.update(path.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
                sha.update(text.getBytes(StandardCharsets.UTF_8));
            });
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
