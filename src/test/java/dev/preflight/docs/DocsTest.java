package dev.preflight.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Docs that cannot rot: every Java block of the docs compiles against the library and runs (its
 * {@code <!-- run output="..." -->} text appears in what it prints), the Maven coordinates are the
 * build's, every link between the docs and to a section resolves, and the front page stays a front
 * page. The shell examples marked runnable run against the packaged jar in {@code DocsExamplesIT}.
 */
class DocsTest {

    @TempDir
    Path classes;

    @TestFactory
    Stream<DynamicTest> everyJavaBlockCompilesAndRuns() {
        List<Docs.Block> java = Docs.blocks().stream().filter(b -> b.language().equals("java")).toList();
        assertTrue(java.size() >= 3, "the library guide's examples: " + java);
        return java.stream().map(b -> DynamicTest.dynamicTest(b.toString(), () -> compileAndRun(b)));
    }

    private void compileAndRun(Docs.Block block) throws Exception {
        Matcher name = Pattern.compile("public (?:final )?class (\\w+)").matcher(block.text());
        assertTrue(name.find(), block + ": a Java example is a whole program, with its imports and a public class");
        Path dir = Files.createDirectories(classes.resolve("b" + block.line()));
        Path source = dir.resolve(name.group(1) + ".java");
        Files.writeString(source, block.text(), StandardCharsets.UTF_8);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        // Surefire puts the test class path in this property (java.class.path is its launcher jar).
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        int rc = javac.run(null, diagnostics, diagnostics, "-d", dir.toString(), "-cp", classpath, "-proc:none", "-Xlint:all", "-Werror", source.toString());
        assertEquals(0, rc, block + " does not compile:\n" + diagnostics.toString(StandardCharsets.UTF_8));
        PrintStream stdout = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, DocsTest.class.getClassLoader())) {
            Method main = loader.loadClass(name.group(1)).getMethod("main", String[].class);
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            main.invoke(null, (Object) new String[0]);
        } finally {
            System.setOut(stdout);
        }
        String out = printed.toString(StandardCharsets.UTF_8);
        if (block.run() != null && block.run().containsKey("output")) {
            assertTrue(out.contains(block.run().get("output")), block + " printed:\n" + out);
        }
    }

    @Test
    void theMavenCoordinatesAreTheBuildsOwn() {
        String pom = Docs.read(Path.of("pom.xml"));
        Matcher v = Pattern.compile("<artifactId>preflight</artifactId>\\s*<version>([^<]+)</version>").matcher(pom);
        assertTrue(v.find(), "the pom's version");
        List<Docs.Block> xml = Docs.blocks().stream().filter(b -> b.language().equals("xml") && b.text().contains("<artifactId>preflight</artifactId>")).toList();
        assertTrue(!xml.isEmpty(), "the library guide gives the coordinates");
        for (Docs.Block b : xml) {
            assertTrue(b.text().contains("<groupId>dev.preflight</groupId>"), b.toString());
            assertTrue(b.text().contains("<version>" + v.group(1) + "</version>"), b + " names version " + v.group(1));
        }
    }

    @Test
    void everyLinkBetweenTheDocsAndToASectionResolves() {
        List<String> broken = new ArrayList<>();
        int checked = 0;
        for (Path file : Docs.all()) {
            for (Docs.Link link : Docs.links(file)) {
                String target = link.target();
                if (target.startsWith("http://") || target.startsWith("https://") || target.startsWith("mailto:")) {
                    continue;
                }
                checked++;
                int hash = target.indexOf('#');
                String path = hash < 0 ? target : target.substring(0, hash);
                Path to = path.isEmpty() ? file : file.toAbsolutePath().getParent().resolve(java.net.URLDecoder.decode(path, StandardCharsets.UTF_8)).normalize();
                if (!Files.exists(to)) {
                    broken.add(file + ": " + target + " (no such file)");
                } else if (hash >= 0 && to.toString().endsWith(".md") && !Docs.anchors(to).contains(target.substring(hash + 1))) {
                    broken.add(file + ": " + target + " (no such section; " + to.getFileName() + " has " + Docs.anchors(to) + ")");
                }
            }
        }
        assertTrue(checked > 100, "links checked: " + checked);
        assertEquals(List.of(), broken);
    }

    @Test
    void theLinkCheckerCatchesABrokenLink() {
        assertEquals("reports-in-chinese-简体中文-and-繁體中文", Docs.anchor("Reports in Chinese: 简体中文 and 繁體中文"));
        assertEquals("what-changed-diff", Docs.anchor("What changed: diff"));
        assertTrue(Docs.anchors(Path.of("docs/reports.md")).contains("waivers"));
        assertTrue(!Docs.anchors(Path.of("docs/reports.md")).contains("waiver"), "an anchor that is not there is not found");
    }

    @Test
    void theFrontPageIsShortAndReachesEveryGuide() throws Exception {
        String readme = Docs.read(Path.of("README.md"));
        long lines = readme.lines().count();
        assertTrue(lines <= 200, "README.md is a front page of at most about 200 lines, not " + lines);
        List<String> linked = Docs.links(Path.of("README.md")).stream().map(Docs.Link::target).toList();
        try (Stream<Path> guides = Files.list(Path.of("docs"))) {
            for (Path g : guides.filter(p -> p.toString().endsWith(".md")).toList()) {
                String name = "docs/" + g.getFileName();
                assertTrue(linked.stream().anyMatch(l -> l.equals(name) || l.startsWith(name + "#")), name + " is reachable from README.md");
                String text = Docs.read(g);
                if (text.lines().count() > 40 && !name.equals("docs/checks.md")) { // the catalogue is one generated table
                    assertTrue(text.contains("\n## Contents\n"), name + " has its contents list");
                }
            }
        }
        assertTrue(Files.isRegularFile(Path.of("LICENSE")) && Docs.read(Path.of("LICENSE")).contains("Apache License"), "LICENSE");
    }

    @Test
    void theDistributionsReadmeNamesEveryGuide() throws Exception {
        // The archive ships src/dist/README.md, not the front page: it names the guides by path.
        String dist = Docs.read(Path.of("src/dist/README.md"));
        try (Stream<Path> guides = Files.list(Path.of("docs"))) {
            for (Path g : guides.filter(p -> p.toString().endsWith(".md")).toList()) {
                assertTrue(dist.contains("`docs/" + g.getFileName() + "`"), "src/dist/README.md names docs/" + g.getFileName());
            }
        }
        Matcher named = Pattern.compile("`(docs/[^`]+\\.md)`").matcher(dist);
        while (named.find()) {
            assertTrue(Files.isRegularFile(Path.of(named.group(1))), "src/dist/README.md names " + named.group(1) + ", which the archive holds");
        }
    }

    @Test
    void everyRunMarkerStandsBeforeABlockItCanRun() {
        for (Docs.Block b : Docs.blocks()) {
            if (b.run() != null) {
                assertTrue(List.of("sh", "java").contains(b.language()), b + ": only sh and java blocks run");
            }
        }
        long marked = Docs.blocks().stream().filter(b -> b.run() != null && b.language().equals("sh")).count();
        assertTrue(marked >= 5, "shell examples marked runnable: " + marked);
        if (Docs.blocks().stream().noneMatch(b -> b.run() != null)) {
            fail("no marker at all");
        }
    }
}
