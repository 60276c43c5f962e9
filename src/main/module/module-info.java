/**
 * Preflight, the library: evaluates Microsoft Entra ID tenants for self-service password reset
 * with password writeback against rules.
 *
 * <p>Integrators use {@link dev.preflight.api} (the {@link dev.preflight.api.Evaluator} and its
 * report) and, to build input in code, {@link dev.preflight.facts} (the tenant facts). {@link
 * dev.preflight.rules} is what DRL rules call (the rule authors' API): Drools' generated rule
 * classes, which live outside this module, need it exported. Everything else is internal and may
 * change in any release. The application (the {@code preflight} command: packages {@code cli},
 * {@code generate}, {@code ruletest}, {@code server}) is not part of this module: it ships in the
 * application jar, which runs on the class path.
 */
module dev.preflight {
    exports dev.preflight.api;
    exports dev.preflight.facts;
    exports dev.preflight.rules;

    // Jackson binds the facts, reports, rule metadata and collection files by reflection.
    opens dev.preflight.api to com.fasterxml.jackson.databind;
    opens dev.preflight.facts to com.fasterxml.jackson.databind;
    // Drools instantiates the consequence exception handler (engine.RuleFaults) from its class name.
    opens dev.preflight.engine to com.fasterxml.jackson.databind, org.drools.wiring.api;
    opens dev.preflight.collection to com.fasterxml.jackson.databind;
    opens dev.preflight.batch to com.fasterxml.jackson.databind;
    opens dev.preflight.report to com.fasterxml.jackson.databind;
    opens dev.preflight.results to com.fasterxml.jackson.databind;
    opens dev.preflight.rules to com.fasterxml.jackson.databind;

    // Resources (the built-in rules and their index, the schemas, the fleet page's script) are read
    // through the class loader, which finds a named module's resources only in open packages.
    opens preflight;
    opens preflight.rules;
    opens preflight.rules.tables;
    opens schema;

    requires transitive com.fasterxml.jackson.annotation;
    requires com.fasterxml.jackson.core;
    requires com.fasterxml.jackson.databind;
    requires com.fasterxml.jackson.datatype.jsr310;
    requires com.fasterxml.jackson.dataformat.csv;
    requires com.fasterxml.jackson.dataformat.yaml;
    requires java.xml;
    requires org.slf4j;
    requires owasp.encoder;
    requires org.jline.terminal;

    // Drools 10 names its jars with Automatic-Module-Name.
    requires org.kie.api;
    requires org.drools.compiler;
    requires org.drools.canonicalmodel;
    requires org.drools.modelcompiler;
    requires org.drools.ancompiler;
    // Only compiling DRL needs these (a rules directory; the built-in rules are precompiled): an
    // integrator may leave them out (docs/library.md, "The Drools compiler"). When they are on the
    // module path, they are resolved with the other automatic modules of Drools.
    requires static org.drools.drl.ast;
    requires static org.drools.drl.parser;
    requires static org.drools.model.codegen;
}
