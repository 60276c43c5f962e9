package dev.preflight.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The project's Markdown documents as the docs tests read them: their fenced blocks (with the
 * {@code <!-- run ... -->} marker before a block that a test runs), links and section anchors.
 */
public final class Docs {

    /** The front page, the changelog, the guides and the samples' page. */
    static List<Path> all() {
        List<Path> files = new ArrayList<>(List.of(Path.of("README.md"), Path.of("CHANGELOG.md"), Path.of("samples/README.md")));
        try (Stream<Path> s = Files.list(Path.of("docs"))) {
            s.filter(p -> p.toString().endsWith(".md")).sorted().forEach(files::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    /**
     * A fenced block: its file and first line, its language, its text, and the attributes of the
     * {@code <!-- run ... -->} comment on the line before it ({@code null} when it has none).
     */
    record Block(Path file, int line, String language, String text, Map<String, String> run) {
        @Override
        public String toString() {
            return file + ":" + line + " (" + language + ")";
        }
    }

    private static final Pattern RUN = Pattern.compile("^<!-- run( .*)? -->$");
    private static final Pattern ATTRIBUTE = Pattern.compile("(\\w+)=(\"([^\"]*)\"|\\S+)");

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The text between a document's {@code <!-- NAME:start -->} line and its {@code <!-- NAME:end -->}
     * marker: a part of a guide that the code generates or that a test compares with the code.
     * Fails, naming the document, when either marker is missing.
     */
    public static String region(Path file, String name) {
        String text = read(file);
        String start = "<!-- " + name + ":start -->\n";
        int a = text.indexOf(start);
        int b = text.indexOf("<!-- " + name + ":end -->");
        if (a < 0 || b < a) {
            throw new AssertionError(file + " holds no region between <!-- " + name + ":start --> and <!-- " + name + ":end -->");
        }
        return text.substring(a + start.length(), b);
    }

    static List<Block> blocks(Path file) {
        List<Block> out = new ArrayList<>();
        String[] lines = read(file).split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String fence = lines[i].stripLeading();
            if (!fence.startsWith("```")) {
                continue;
            }
            String indent = lines[i].substring(0, lines[i].length() - fence.length());
            String language = fence.substring(3).strip();
            StringBuilder text = new StringBuilder();
            int j = i + 1;
            for (; j < lines.length && !lines[j].strip().equals("```"); j++) {
                text.append(lines[j].startsWith(indent) ? lines[j].substring(indent.length()) : lines[j]).append('\n');
            }
            Map<String, String> run = null;
            Matcher m = i > 0 ? RUN.matcher(lines[i - 1].strip()) : null;
            if (m != null && m.matches()) {
                run = new HashMap<>();
                Matcher a = ATTRIBUTE.matcher(m.group(1) == null ? "" : m.group(1));
                while (a.find()) {
                    run.put(a.group(1), a.group(3) != null ? a.group(3) : a.group(2));
                }
            }
            out.add(new Block(file, i + 1, language, text.toString(), run));
            i = j;
        }
        return out;
    }

    static List<Block> blocks() {
        List<Block> out = new ArrayList<>();
        all().forEach(f -> out.addAll(blocks(f)));
        return out;
    }

    /** The text outside fenced blocks (and outside inline code), where links are links. */
    static String prose(Path file) {
        StringBuilder out = new StringBuilder();
        boolean fenced = false;
        for (String line : read(file).split("\n", -1)) {
            if (line.stripLeading().startsWith("```")) {
                fenced = !fenced;
                out.append('\n');
                continue;
            }
            out.append(fenced ? "" : line.replaceAll("`[^`]*`", "``")).append('\n');
        }
        return out.toString();
    }

    /** A heading's anchor as GitHub makes it: lower case, punctuation dropped, spaces as hyphens. */
    static String anchor(String heading) {
        String text = heading.strip().replaceAll("`", "").toLowerCase(Locale.ROOT);
        return text.replaceAll("[^\\p{L}\\p{N}\\p{M} _-]", "").replace(' ', '-');
    }

    /** The anchors of a document's headings, the second of two equal ones suffixed -1, as GitHub does. */
    static Set<String> anchors(Path file) {
        Set<String> out = new LinkedHashSet<>();
        Map<String, Integer> seen = new HashMap<>();
        boolean fenced = false;
        for (String line : read(file).split("\n")) {
            if (line.stripLeading().startsWith("```")) {
                fenced = !fenced;
                continue;
            }
            Matcher m = HEADING.matcher(line);
            if (!fenced && m.matches()) {
                String a = anchor(m.group(1));
                int n = seen.merge(a, 1, Integer::sum);
                out.add(n == 1 ? a : a + "-" + (n - 1));
            }
        }
        return out;
    }

    private static final Pattern HEADING = Pattern.compile("^#{1,6} (.+)$");

    /** A link in a document's prose: {@code [text](target)}. */
    record Link(Path file, String target) {
    }

    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");

    static List<Link> links(Path file) {
        List<Link> out = new ArrayList<>();
        Matcher m = LINK.matcher(prose(file));
        while (m.find()) {
            out.add(new Link(file, m.group(1)));
        }
        return out;
    }

    private Docs() {
    }
}
