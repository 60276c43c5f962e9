package dev.preflight.engine;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.drools.model.Model;
import org.drools.modelcompiler.CanonicalKieModuleModel;
import org.drools.modelcompiler.KieBaseBuilder;
import org.kie.api.KieBase;
import org.kie.api.KieBaseConfiguration;
import org.kie.api.KieServices;
import org.kie.api.conf.KieBaseMutabilityOption;
import org.kie.api.conf.SequentialOption;
import org.kie.internal.conf.ConsequenceExceptionHandlerOption;

/**
 * Turns a compiled kjar (Drools' executable model as class bytes) into a KieBase, in a class
 * loader of its own: no process-wide Drools repository is involved, and when the KieBase is no
 * longer used its classes can be unloaded with it (hot reload depends on that).
 */
final class KjarLoader {

    private static final String PROJECT_MODEL_PREFIX = "org/drools/project/model/ProjectModel";

    private KjarLoader() {
    }

    /**
     * A KieBase and the class loader of its generated classes.
     *
     * @param kieBase the rules, ready for sessions
     * @param loader  the loader that defined the generated classes; unreachable once the KieBase is
     */
    record Loaded(KieBase kieBase, ClassLoader loader) {
    }

    static Loaded load(byte[] kjar) {
        KjarClassLoader loader = classes(kjar);
        String projectModel = loader.classes.keySet().stream().filter(n -> n.startsWith(PROJECT_MODEL_PREFIX.replace('/', '.'))).findFirst().orElse(null);
        if (projectModel == null) {
            throw new IllegalStateException("compiled rules hold no project model");
        }
        try {
            CanonicalKieModuleModel model = (CanonicalKieModuleModel) loader.loadClass(projectModel).getConstructor().newInstance();
            List<Model> models = model.getModels();
            KieBase kieBase = KieBaseBuilder.createKieBaseFromModel(models, configuration(loader));
            AlphaNetworks.attach(kieBase, loader.alphaNetworks, loader);
            return new Loaded(kieBase, loader);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("compiled rules cannot be loaded: " + e, e);
        }
    }

    /**
     * The compiled rules' classes, defined on demand, without building a KieBase: for calling a
     * DRL function ({@link DefineAgreement}).
     */
    static KjarClassLoader classes(byte[] kjar) {
        Map<String, byte[]> classes = new HashMap<>();
        byte[] alphaNetworks = null;
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(kjar))) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                String name = e.getName();
                if (name.endsWith(".class")) {
                    classes.put(name.substring(0, name.length() - ".class".length()).replace('/', '.'), zip.readAllBytes());
                } else if (name.equals(AlphaNetworks.INDEX)) {
                    alphaNetworks = zip.readAllBytes();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("compiled rules are unreadable", e);
        }
        return new KjarClassLoader(classes, alphaNetworks, KjarLoader.class.getClassLoader());
    }

    /**
     * How every KieBase is built. Immutable: a reload builds a new KieBase, never changes one, and
     * facts that no pattern matches are then not kept. Sequential: each tenant is one stateless
     * execution in which every rule is evaluated once, in salience then file order, and fires on
     * what it matches (a fact a consequence inserts is seen by the rules after it). A rule whose
     * consequence throws is contained by {@link RuleFaults}: recorded against its check, the others
     * still fire.
     */
    static KieBaseConfiguration configuration(ClassLoader loader) {
        KieBaseConfiguration conf = KieServices.Factory.get().newKieBaseConfiguration(null, loader);
        conf.setOption(KieBaseMutabilityOption.DISABLED);
        conf.setOption(SequentialOption.YES);
        conf.setOption(ConsequenceExceptionHandlerOption.get(RuleFaults.class));
        return conf;
    }

    /** Defines the generated classes on demand; everything else comes from Preflight's own loader. */
    static final class KjarClassLoader extends ClassLoader {
        static {
            registerAsParallelCapable();
        }

        private final Map<String, byte[]> classes;
        /** The index of the compiled alpha networks among the classes ({@link AlphaNetworks}), or null. */
        final byte[] alphaNetworks;

        KjarClassLoader(Map<String, byte[]> classes, byte[] alphaNetworks, ClassLoader parent) {
            super("preflight-rules", parent);
            this.classes = classes;
            this.alphaNetworks = alphaNetworks;
        }

        /** The names of the classes it defines. */
        java.util.Set<String> classNames() {
            return classes.keySet();
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            byte[] bytes = classes.get(name);
            if (bytes == null) {
                throw new ClassNotFoundException(name);
            }
            return defineClass(name, bytes, 0, bytes.length);
        }
    }
}
