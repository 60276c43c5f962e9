package dev.preflight.engine;

import dev.preflight.api.InvalidRulesException;
import dev.preflight.api.RuleProblem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The part of Drools that compiles DRL, which evaluating precompiled rules (the built-in rules, or
 * rules found in the compiled-rules cache) does not need. An integrator who uses only those may
 * leave these jars out (docs/library.md, "The Drools compiler"); loading rules that must be
 * compiled then fails with a message naming what is missing, before any class of them is touched.
 *
 * <p>This class refers to none of them: it looks them up by name.
 */
final class DroolsCompiler {

    /**
     * Each jar (groupId:artifactId) of the compiler and a class it holds. The list
     * docs/library.md gives integrators to exclude is this one ({@code DroolsCompilerIT} holds both
     * to it).
     */
    static final Map<String, String> ARTIFACTS = artifacts();

    private DroolsCompiler() {
    }

    private static Map<String, String> artifacts() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("org.drools:drools-drl-parser", "org.drools.drl.parser.DrlParser");
        m.put("org.drools:drools-drl-ast", "org.drools.drl.ast.descr.PackageDescr");
        m.put("org.drools:drools-drl-extensions", "org.drools.drl.extensions.DecisionTableFactory");
        m.put("org.drools:drools-io", "org.drools.io.BaseResource");
        m.put("org.antlr:antlr4-runtime", "org.antlr.v4.runtime.Lexer");
        m.put("org.antlr:antlr-runtime", "org.antlr.runtime.Lexer");
        m.put("org.drools:drools-model-codegen", "org.drools.model.codegen.ExecutableModelProject");
        m.put("org.drools:drools-codegen-common", "org.drools.codegen.common.GeneratedFile");
        m.put("org.drools:drools-model-prototype", "org.drools.model.prototype.PrototypeDSL");
        m.put("org.drools:drools-mvel-parser", "org.drools.mvel.parser.Provider");
        m.put("org.drools:drools-mvel-compiler", "org.drools.mvelcompiler.RHSPhase");
        m.put("com.github.javaparser:javaparser-core", "com.github.javaparser.JavaToken");
        m.put("org.drools:drools-ecj", "org.drools.ecj.EclipseJavaCompiler");
        m.put("org.eclipse.jdt:ecj", "org.eclipse.jdt.internal.compiler.Compiler");
        m.put("org.kie:kie-util-maven-support", "org.kie.util.maven.support.ReleaseIdImpl");
        return java.util.Collections.unmodifiableMap(m);
    }

    /** The compiler's jars whose classes this class loader cannot find, in {@link #ARTIFACTS}' order. */
    static List<String> missing() {
        ClassLoader loader = DroolsCompiler.class.getClassLoader();
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, String> e : ARTIFACTS.entrySet()) {
            try {
                Class.forName(e.getValue(), false, loader);
            } catch (ClassNotFoundException | LinkageError absent) {
                out.add(e.getKey());
            }
        }
        return out;
    }

    /**
     * Fails when rules from {@code origin} need compiling (or parsing) and the compiler is not all
     * there.
     *
     * @throws InvalidRulesException naming the missing jars
     */
    static void require(String origin) {
        List<String> missing = missing();
        if (!missing.isEmpty()) {
            String message = "the Drools rule compiler is not on the class path (missing " + String.join(", ", missing)
                    + "): remove its exclusions from the dependency on dev.preflight:preflight, or use the built-in rules,"
                    + " which are precompiled";
            throw new InvalidRulesException("rules " + origin + " need compiling:", List.of(RuleProblem.error("", 0, 0, message)));
        }
    }
}
