package dev.preflight.engine;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.drools.ancompiler.CompiledNetworkSources;
import org.drools.ancompiler.ObjectTypeNodeCompiler;
import org.drools.core.reteoo.ObjectTypeNode;
import org.drools.core.reteoo.Rete;
import org.drools.kiesession.rulebase.InternalKnowledgeBase;
import org.kie.api.KieBase;
import org.kie.memorycompiler.KieMemoryCompiler;

/**
 * Build step (run by Maven at {@code process-classes}, never shipped in the library jar): copies
 * {@code rules/} into the classes as the built-in rules, with an index of the rule files and one
 * of the test cases (which only the application jar carries), so that an embedding application
 * needs no files on disk; beside them the rules compiled, with their alpha networks
 * ({@link AlphaNetworks}), and the catalogue's requirement walk compiled ({@link RequirementWalks}).
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
        byte[] walk;
        try (RuleBase base = RuleBase.load(files, null, RuleBase.Limits.DEFAULT, false)) {
            base.warnings().forEach(w -> System.err.println("[preflight rules] " + w));
            // With the alpha networks compiled now: a load only attaches them (AlphaNetworks).
            kjar = compileAlphaNetworks(base.compiled(), base.kieBase());
            meta = CompiledRules.metadataBytes(base.metadata());
            warnings = CompiledRules.warningsBytes(base.drlWarnings());
            clean = base.warnings().isEmpty();
            walk = compileRequirementWalk(base.requirements());
        }
        // The requirement walk as code, beside the engine's classes (RequirementWalks).
        Path walkClass = out.resolve(RequirementWalks.CLASS_NAME.replace('.', '/') + ".class");
        Files.createDirectories(walkClass.getParent());
        Files.write(walkClass, walk);
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

    private static final String GENERATED_PACKAGE = "package org.drools.ancompiler;";

    /** The class file of the built-in catalogue's requirement walk ({@link RequirementWalks}). */
    static byte[] compileRequirementWalk(Requirements requirements) {
        RequirementWalks.Source source = RequirementWalks.generate(requirements);
        Map<String, byte[]> classes = KieMemoryCompiler.compileNoLoad(Map.of(RequirementWalks.CLASS_NAME, source.text()),
                RulesBundler.class.getClassLoader());
        byte[] bytes = classes.get(RequirementWalks.CLASS_NAME);
        if (bytes == null || classes.size() != 1) {
            throw new IllegalStateException("the requirement walk did not compile: " + classes.keySet() + "\n" + source.text());
        }
        return bytes;
    }

    /**
     * The compiled rules with a compiled alpha network ({@link AlphaNetworks}) for each fact type
     * of the KieBase built from them. A network Preflight could not attach as generated (one with a
     * range index) is left out. Here, not in the library: generating and compiling needs the
     * compiler's jars.
     *
     * @param kjar    the compiled rules
     * @param kieBase the KieBase built from exactly them
     */
    static byte[] compileAlphaNetworks(byte[] kjar, KieBase kieBase) {
        InternalKnowledgeBase kb = (InternalKnowledgeBase) kieBase;
        Rete rete = kb.getRete();
        Map<ObjectTypeNode, String> generatedNames = ObjectTypeNodeCompiler.otnWithClassName(rete);
        Map<String, CompiledNetworkSources> sources = ObjectTypeNodeCompiler.compiledNetworkSourceMap(rete);
        Map<String, String> toCompile = new TreeMap<>();
        Properties index = new Properties();
        for (ObjectTypeNode otn : AlphaNetworks.networks(rete)) {
            AlphaNetworks.Fingerprint fingerprint = AlphaNetworks.Fingerprint.of(otn);
            String generated = generatedNames.get(otn);
            CompiledNetworkSources source = generated == null ? null : sources.get(generated);
            if (source == null || fingerprint.rangeIndexed) {
                continue;
            }
            String simple = generated.substring(generated.lastIndexOf('.') + 1);
            String name = AlphaNetworks.className(otn);
            String text = source.getSource();
            if (!text.startsWith(GENERATED_PACKAGE)) {
                throw new IllegalStateException("unexpected generated alpha network for " + otn + ": " + text.substring(0, Math.min(80, text.length())));
            }
            text = "package " + AlphaNetworks.PACKAGE + ";" + text.substring(GENERATED_PACKAGE.length()).replace(simple, name.substring(AlphaNetworks.PACKAGE.length() + 1));
            toCompile.put(name, text);
            index.setProperty(name, fingerprint.text);
        }
        Map<String, byte[]> classes = KieMemoryCompiler.compileNoLoad(toCompile, kb.getRootClassLoader());
        if (!classes.keySet().containsAll(toCompile.keySet())) {
            throw new IllegalStateException("the alpha networks did not compile: " + toCompile.keySet() + " gave " + classes.keySet());
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(kjar.length + 256 * 1024);
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(kjar)); ZipOutputStream zip = new ZipOutputStream(out)) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                if (e.getName().equals(AlphaNetworks.INDEX) || e.getName().startsWith(AlphaNetworks.PACKAGE.replace('.', '/') + "/")) {
                    continue; // compiled again, from this KieBase
                }
                zip.putNextEntry(new ZipEntry(e.getName()));
                in.transferTo(zip);
                zip.closeEntry();
            }
            for (Map.Entry<String, byte[]> c : new TreeMap<>(classes).entrySet()) {
                zip.putNextEntry(new ZipEntry(c.getKey().replace('.', '/') + ".class"));
                zip.write(c.getValue());
                zip.closeEntry();
            }
            zip.putNextEntry(new ZipEntry(AlphaNetworks.INDEX));
            zip.write(AlphaNetworks.indexText(index).getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
