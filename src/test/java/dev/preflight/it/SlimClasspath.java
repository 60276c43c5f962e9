package dev.preflight.it;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The library's class path as an integrator's build resolves it (target/library-classpath.txt,
 * written by the build), and the same without the Drools compiler's jars that docs/library.md tells
 * integrators they may exclude: the list is read from the guide's {@code <exclusions>} block, so
 * what is tested is what integrators copy. Shared by {@code SlimLibraryIT} and {@code SlimLibraryBenchmark}.
 */
public final class SlimClasspath {

    public static final Path GUIDE = Path.of("docs/library.md");
    public static final Path LIBRARY = Path.of(System.getProperty("preflight.library.jar", "target/preflight-0.1.0-SNAPSHOT.jar"));
    static final Path CLASSPATH = Path.of(System.getProperty("preflight.library.classpath", "target/library-classpath.txt"));
    private static final Pattern EXCLUSIONS = Pattern.compile("<exclusions>(.*?)</exclusions>", Pattern.DOTALL);
    private static final Pattern EXCLUSION = Pattern.compile(
            "<exclusion>\\s*<groupId>([^<]+)</groupId>\\s*<artifactId>([^<]+)</artifactId>\\s*</exclusion>");

    private SlimClasspath() {
    }

    /** groupId:artifactId of each exclusion the guide lists, in its order. */
    public static List<String> documentedExclusions() {
        String guide = read(GUIDE);
        Matcher block = EXCLUSIONS.matcher(guide);
        if (!block.find()) {
            throw new IllegalStateException(GUIDE + " has no <exclusions> block");
        }
        List<String> out = new ArrayList<>();
        Matcher m = EXCLUSION.matcher(block.group(1));
        while (m.find()) {
            out.add(m.group(1) + ":" + m.group(2));
        }
        return out;
    }

    /** The library's dependency jars, all of them. */
    public static List<Path> full() {
        return Arrays.stream(read(CLASSPATH).strip().split(File.pathSeparator)).map(Path::of).toList();
    }

    /** The library's dependency jars without those the guide lists as exclusions. */
    public static List<Path> slim() {
        List<String> excluded = documentedExclusions();
        return full().stream().filter(jar -> excluded.stream().noneMatch(ga -> is(jar, ga))).toList();
    }

    /** Whether a jar of the local repository (group/path/artifactId/version/file.jar) is groupId:artifactId. */
    static boolean is(Path jar, String groupArtifact) {
        String[] ga = groupArtifact.split(":");
        Path artifactDir = jar.getParent().getParent();
        return artifactDir.getFileName().toString().equals(ga[1])
                && artifactDir.getParent().endsWith(Path.of(ga[0].replace('.', '/')));
    }

    /** The library jar and these dependencies, and {@code extra} first, as a class path. */
    public static String classPath(List<Path> jars, Path... extra) {
        List<String> parts = new ArrayList<>();
        Arrays.stream(extra).map(Path::toString).forEach(parts::add);
        parts.add(LIBRARY.toString());
        jars.stream().map(Path::toString).forEach(parts::add);
        return String.join(File.pathSeparator, parts);
    }

    /** Megabytes of these jars. */
    public static double megabytes(List<Path> jars) {
        long bytes = 0;
        for (Path j : jars) {
            try {
                bytes += Files.size(j);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return bytes / 1_000_000.0;
    }

    /**
     * The probe's class alone, copied under {@code dir}: the child JVM gets the library and its
     * dependencies, and nothing of the test class path.
     */
    public static Path probe(Path dir) {
        String name = "dev/preflight/bench/LibraryProbe.class";
        try {
            Path to = dir.resolve(name);
            Files.createDirectories(to.getParent());
            try (var in = SlimClasspath.class.getClassLoader().getResourceAsStream(name)) {
                Files.copy(in, to);
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
