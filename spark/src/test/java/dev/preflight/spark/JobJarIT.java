package dev.preflight.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;

/**
 * The job jar shades only what Spark lacks: none of its classes is also in Spark's own jars (the
 * provided class path, {@code target/spark-classpath.txt}), which hold the four jars the core
 * also depends on; and it holds no class of the core's application (the CLI).
 */
class JobJarIT {

    static final Path JOB = Path.of("target/preflight-spark.jar");

    static List<String> sparkJars() throws IOException {
        return List.of(Files.readString(Path.of("target/spark-classpath.txt")).strip().split(File.pathSeparator));
    }

    @Test
    void sparksClassPathHoldsWhatSparkShipsAlsoWhenTheCoreNeedsIt() throws IOException {
        List<String> names = sparkJars().stream().map(j -> Path.of(j).getFileName().toString()).toList();
        for (String jar : List.of("antlr4-runtime-", "commons-codec-", "jackson-dataformat-yaml-", "snakeyaml-", "jackson-databind-", "slf4j-api-")) {
            assertTrue(names.stream().anyMatch(n -> n.startsWith(jar)), jar + " on Spark's class path: " + names);
        }
    }

    @Test
    void noClassOfTheJobJarIsAlsoSparks() throws IOException {
        Map<String, String> spark = new HashMap<>();
        for (String jar : sparkJars()) {
            try (JarFile f = new JarFile(jar)) {
                f.stream().map(ZipEntry::getName).filter(n -> n.endsWith(".class") && !n.startsWith("META-INF/"))
                        .forEach(n -> spark.putIfAbsent(n, Path.of(jar).getFileName().toString()));
            }
        }
        List<String> twice = new ArrayList<>();
        List<String> application = new ArrayList<>();
        try (JarFile job = new JarFile(JOB.toFile())) {
            job.stream().map(ZipEntry::getName).filter(n -> n.endsWith(".class") && !n.startsWith("META-INF/")).forEach(n -> {
                if (spark.containsKey(n)) {
                    twice.add(n + " (also in " + spark.get(n) + ")");
                }
                if (n.startsWith("dev/preflight/cli/") || n.startsWith("dev/preflight/generate/") || n.startsWith("dev/preflight/ruletest/")) {
                    application.add(n);
                }
            });
        }
        assertEquals(List.of(), twice.stream().limit(20).toList(), twice.size() + " classes shaded although Spark carries them");
        assertEquals(List.of(), application, "the core's application classes in the job jar");
    }
}
