package dev.preflight.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Build step (run by Maven at {@code process-classes}, never shipped in the library jar): copies
 * {@code rules/} into the classes as the built-in rules, with an index of the rule files and one
 * of the test cases (which only the application jar carries), so that an embedding application
 * needs no files on disk.
 * Fails the build when the rules do not load.
 */
public final class RulesBundler {

    private RulesBundler() {
    }

    /**
     * @param args the rules directory and the classes output directory
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: RulesBundler RULES_DIR CLASSES_DIR");
        }
        Path rules = Path.of(args[0]);
        Path out = Path.of(args[1]);
        RuleFiles files = RuleFiles.fromDirectory(rules);
        byte[] kjar;
        byte[] meta;
        byte[] warnings;
        boolean clean;
        try (RuleBase base = RuleBase.load(files, null, RuleBase.Limits.DEFAULT, false)) {
            base.warnings().forEach(w -> System.err.println("[preflight rules] " + w));
            kjar = base.compiled();
            meta = CompiledRules.metadataBytes(base.metadata());
            warnings = CompiledRules.warningsBytes(base.drlWarnings());
            clean = base.warnings().isEmpty();
        }
        // The compiled rules, so that the shipped rules load without compiling (issue: start-up).
        Files.createDirectories(out.resolve(CompiledRules.BUILT_IN_KJAR).getParent());
        Files.write(out.resolve(CompiledRules.BUILT_IN_KJAR), kjar);
        Files.write(out.resolve(CompiledRules.BUILT_IN_META), meta);
        Files.write(out.resolve(CompiledRules.BUILT_IN_WARNINGS), warnings);
        Files.writeString(out.resolve(CompiledRules.BUILT_IN_KEY), CompiledRules.key(files), StandardCharsets.UTF_8);
        // Checked in full just now: loading these exact files again need not check them (start-up).
        Path checked = out.resolve(CompiledRules.BUILT_IN_CHECKED);
        if (clean) {
            Files.writeString(checked, files.contentHash(), StandardCharsets.UTF_8);
        } else {
            Files.deleteIfExists(checked);
        }
        Path root = out.resolve(RuleFiles.BUILT_IN_ROOT);
        // Two lists: the library jar carries the rules, the application jar also the test cases.
        StringBuilder index = new StringBuilder();
        StringBuilder tests = new StringBuilder();
        for (Map.Entry<String, String> f : files.files().entrySet()) {
            Path target = root.resolve(f.getKey());
            Files.createDirectories(target.getParent());
            Files.writeString(target, f.getValue(), StandardCharsets.UTF_8);
            (f.getKey().startsWith(RuleFiles.TESTS_DIR) ? tests : index).append(f.getKey()).append('\n');
        }
        Files.writeString(out.resolve(RuleFiles.INDEX), index.toString(), StandardCharsets.UTF_8);
        Files.writeString(out.resolve(RuleFiles.TESTS_INDEX), tests.toString(), StandardCharsets.UTF_8);
    }
}
