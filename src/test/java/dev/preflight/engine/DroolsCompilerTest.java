package dev.preflight.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The jars DroolsCompiler names are the jars its classes come from: after a Drools upgrade that
 * moves a class, the message integrators get (and the exclusion list of docs/library.md, which
 * SlimLibraryIT holds to that message) would otherwise name the wrong jar.
 */
class DroolsCompilerTest {

    @Test
    void eachNamedClassComesFromItsNamedJar() throws Exception {
        for (Map.Entry<String, String> e : DroolsCompiler.ARTIFACTS.entrySet()) {
            String artifactId = e.getKey().substring(e.getKey().indexOf(':') + 1);
            String groupPath = e.getKey().substring(0, e.getKey().indexOf(':')).replace('.', '/');
            String jar = Class.forName(e.getValue(), false, getClass().getClassLoader())
                    .getProtectionDomain().getCodeSource().getLocation().getPath();
            assertTrue(jar.contains("/" + groupPath + "/" + artifactId + "/") && jar.substring(jar.lastIndexOf('/') + 1).startsWith(artifactId + "-"),
                    e.getValue() + " is in " + jar + ", not " + e.getKey());
        }
    }

    @Test
    void withTheWholeCompilerNothingIsMissing() {
        assertEquals(List.of(), DroolsCompiler.missing());
        DroolsCompiler.require("rules");
    }
}
