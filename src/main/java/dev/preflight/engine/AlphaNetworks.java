package dev.preflight.engine;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.drools.ancompiler.CompiledNetwork;
import org.drools.ancompiler.NetworkHandler;
import org.drools.ancompiler.ObjectTypeNodeParser;
import org.drools.base.InitialFact;
import org.drools.base.rule.IndexableConstraint;
import org.drools.base.rule.accessor.ReadAccessor;
import org.drools.core.reteoo.AlphaNode;
import org.drools.core.reteoo.BetaNode;
import org.drools.core.reteoo.LeftInputAdapterNode;
import org.drools.core.reteoo.ObjectTypeNode;
import org.drools.core.reteoo.Rete;
import org.drools.core.reteoo.WindowNode;
import org.drools.core.util.index.AlphaRangeIndex;
import org.drools.kiesession.rulebase.InternalKnowledgeBase;
import org.drools.modelcompiler.constraints.LambdaConstraint;
import org.kie.api.KieBase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drools' alpha network compiler, ahead of time. Inserting a fact walks its type's alpha network:
 * node after node, each a constraint called through an interface, about a quarter of a tenant's
 * rules step. The compiler turns each type's network into one generated class that tests the
 * constraints in straight-line code. Generating and compiling those classes takes over a second, so
 * the built-in rules get them at build time ({@link RulesBundler#compileAlphaNetworks}, into the
 * compiled rules), and a load only attaches them (some 30 ms); rules compiled at run time (a rules
 * directory, a reload) keep the network as Drools builds it.
 *
 * <p>Each class is bound to its network's nodes by their ids. A load attaches one only when the
 * network it finds is, node by node, the one the class was generated from (its fingerprint, stored
 * beside it); any other network (another Drools on the class path, say) keeps Drools' own
 * propagation. An answer never depends on whether a class was attached, only its speed. Without
 * the Drools compiler's jars (docs/library.md) none is attached: Drools binds them to the nodes
 * with a class that needs JavaParser.
 */
final class AlphaNetworks {

    private static final Logger LOG = LoggerFactory.getLogger(AlphaNetworks.class);
    /** The classes' names and fingerprints, in the compiled rules. */
    static final String INDEX = "META-INF/preflight-alpha-networks.properties";
    /** Where the generated classes live: a package of the compiled rules' own, not the compiler's. */
    static final String PACKAGE = "preflight.alpha";

    private AlphaNetworks() {
    }

    /**
     * Load time: attaches the compiled networks the compiled rules hold to the KieBase built from
     * them, each where its network is the one it was generated from.
     *
     * @param index  the compiled rules' {@link #INDEX}, or null when they hold none
     * @param loader the loader of the compiled rules' classes
     */
    static void attach(KieBase kieBase, byte[] index, ClassLoader loader) {
        if (index == null) {
            return;
        }
        Properties fingerprints = new Properties();
        try {
            fingerprints.load(new StringReader(new String(index, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int attached = 0;
        List<String> skipped = new ArrayList<>();
        for (ObjectTypeNode otn : networks(((InternalKnowledgeBase) kieBase).getRete())) {
            String name = className(otn);
            String expected = fingerprints.getProperty(name);
            if (expected == null) {
                continue;
            }
            Fingerprint found = Fingerprint.of(otn);
            if (!found.text.equals(expected)) {
                skipped.add(name);
                continue;
            }
            CompiledNetwork network;
            try {
                network = (CompiledNetwork) loader.loadClass(name).getDeclaredConstructor(ReadAccessor.class, Map.class)
                        .newInstance(found.hashedField, Map.<String, AlphaRangeIndex>of());
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("compiled alpha network " + name + " cannot be made: " + e, e);
            }
            try {
                network.setStartingObjectTypeNode(otn);
            } catch (NoClassDefFoundError e) {
                // Drools binds a compiled network to its nodes with a visitor whose class needs
                // JavaParser, one of the compiler's jars an integrator may leave out. It fails before
                // the network replaces anything: the fact types keep Drools' own propagation.
                LOG.debug("compiled alpha networks not attached: {} is missing (the Drools compiler's jars are left out)", e.getMessage());
                break;
            }
            attached++;
        }
        if (!skipped.isEmpty()) {
            LOG.warn("{} of the compiled rules' alpha networks do not fit the rules' network as built here (another Drools version?); "
                    + "those fact types are propagated as Drools builds them: {}", skipped.size(), skipped);
        }
        LOG.debug("attached {} compiled alpha networks", attached);
    }

    /** The fact types' networks the compiler compiles: every object type node but the initial fact's. */
    static List<ObjectTypeNode> networks(Rete rete) {
        List<ObjectTypeNode> out = new ArrayList<>();
        rete.getEntryPointNodes().values().forEach(ep -> ep.getObjectTypeNodes().values().forEach(otn -> {
            if (!otn.getObjectType().isAssignableTo(InitialFact.class) && !(otn.getObjectSinkPropagator() instanceof CompiledNetwork)) {
                out.add(otn);
            }
        }));
        return out;
    }

    /** A class name that says which node it belongs to; the fingerprint says whether it still fits. */
    static String className(ObjectTypeNode otn) {
        String type = otn.getObjectType().getClassName();
        return PACKAGE + ".Network" + otn.getId() + "_" + type.substring(type.lastIndexOf('.') + 1).replace('$', '_');
    }

    /** Properties without the date line {@link Properties#store} writes: the same rules give the same bytes. */
    static String indexText(Properties index) throws IOException {
        java.io.StringWriter w = new java.io.StringWriter();
        index.store(w, null);
        StringBuilder b = new StringBuilder();
        w.toString().lines().filter(l -> !l.startsWith("#")).sorted().forEach(l -> b.append(l).append('\n'));
        return b.toString();
    }

    /**
     * What a generated class depends on, as the compiler's own parser walks a network: each node's
     * kind and id, each constraint's identity (the executable model's expression id), each hashed
     * value. Not identity hashes: the text must be the same in every JVM.
     */
    static final class Fingerprint implements NetworkHandler {
        private final StringBuilder b = new StringBuilder();
        boolean rangeIndexed;
        String text;
        private ReadAccessor hashedField;

        static Fingerprint of(ObjectTypeNode otn) {
            Fingerprint f = new Fingerprint();
            ObjectTypeNodeParser parser = new ObjectTypeNodeParser(otn);
            parser.accept(f);
            // As the compiler does: with more than one indexed field it walks the network unhashed.
            if (parser.getIndexableConstraints().size() > 1) {
                f.b.append("|unhashed");
            }
            IndexableConstraint indexed = parser.getIndexableConstraint();
            f.hashedField = indexed == null ? null : indexed.getFieldExtractor();
            f.text = f.b.toString();
            return f;
        }

        private static String constraint(AlphaNode node) {
            return node.getConstraint() instanceof LambdaConstraint l ? l.getEvaluator().getId() : node.getConstraint().getClass().getName();
        }

        @Override
        public void startObjectTypeNode(ObjectTypeNode node) {
            b.append("otn ").append(node.getId()).append(' ').append(node.getObjectType().getClassName());
        }

        @Override
        public void startNonHashedAlphaNode(AlphaNode node) {
            b.append("|a ").append(node.getId()).append(' ').append(constraint(node));
        }

        @Override
        public void endNonHashedAlphaNode(AlphaNode node) {
            b.append("|/a");
        }

        @Override
        public void startBetaNode(BetaNode node) {
            b.append("|b ").append(node.getId()).append(' ').append(node.getType());
        }

        @Override
        public void endBetaNode(BetaNode node) {
        }

        @Override
        public void startWindowNode(WindowNode node) {
            b.append("|w ").append(node.getId());
        }

        @Override
        public void endWindowNode(WindowNode node) {
        }

        @Override
        public void startLeftInputAdapterNode(LeftInputAdapterNode node) {
            b.append("|l ").append(node.getId());
        }

        @Override
        public void endWindowNode(LeftInputAdapterNode node) {
        }

        @Override
        public void startHashedAlphaNodes(IndexableConstraint field) {
            b.append("|h");
        }

        @Override
        public void endHashedAlphaNodes(IndexableConstraint field) {
            b.append("|/h");
        }

        @Override
        public void startHashedAlphaNode(AlphaNode node, Object value) {
            b.append("|ha ").append(node.getId()).append(' ').append(constraint(node)).append('=').append(value);
        }

        @Override
        public void endHashedAlphaNode(AlphaNode node, Object value) {
            b.append("|/ha");
        }

        @Override
        public void endObjectTypeNode(ObjectTypeNode node) {
        }

        @Override
        public void nullCaseAlphaNodeStart(AlphaNode node) {
            b.append("|null ").append(node.getId()).append(' ').append(constraint(node));
        }

        @Override
        public void nullCaseAlphaNodeEnd(AlphaNode node) {
            b.append("|/null");
        }

        @Override
        public void startRangeIndex(AlphaRangeIndex index) {
            rangeIndexed = true;
            b.append("|range");
        }

        @Override
        public void endRangeIndex(AlphaRangeIndex index) {
        }

        @Override
        public void startRangeIndexedAlphaNode(AlphaNode node) {
            b.append("|ra ").append(node.getId());
        }

        @Override
        public void endRangeIndexedAlphaNode(AlphaNode node) {
        }
    }
}
