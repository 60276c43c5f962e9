package dev.preflight.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an integrator's build resolves: {@code mvn dependency:tree} of a project that depends on the
 * installed library alone lists no picocli, no progress bar and no SLF4J binding. Runs after the
 * core's {@code mvn install}, as this project's other tests do; offline, from the local repository.
 */
class LibraryConsumerIT {

    @Test
    void aProjectDependingOnTheLibraryGetsNoCommandLineDependency(@TempDir Path dir) throws Exception {
        String version = System.getProperty("preflight.version", "0.1.0-SNAPSHOT");
        Files.writeString(dir.resolve("pom.xml"), """
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>example</groupId>
                  <artifactId>integrator</artifactId>
                  <version>1</version>
                  <dependencies>
                    <dependency>
                      <groupId>dev.preflight</groupId>
                      <artifactId>preflight</artifactId>
                      <version>%s</version>
                    </dependency>
                  </dependencies>
                </project>
                """.formatted(version));
        Path tree = dir.resolve("tree.txt");
        Path log = dir.resolve("mvn.log");
        Process p = new ProcessBuilder("mvn", "-B", "-o", "-q", "org.apache.maven.plugins:maven-dependency-plugin:3.8.1:tree",
                "-DoutputFile=" + tree)
                .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "mvn finished");
        assertEquals(0, p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        String text = Files.readString(tree, StandardCharsets.UTF_8);
        assertTrue(text.contains("dev.preflight:preflight:jar:" + version + ":compile"), text);
        assertTrue(text.contains("org.drools:drools-engine"), text);
        for (String absent : List.of("info.picocli", "me.tongfei:progressbar", "slf4j-simple", "logback-classic", "slf4j-reload4j")) {
            assertTrue(!text.contains(absent), absent + " in the integrator's tree:\n" + text);
        }
    }
}
