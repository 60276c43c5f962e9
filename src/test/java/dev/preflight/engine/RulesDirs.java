package dev.preflight.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Copies of the shipped rules directory that tests edit the way an analyst would. */
public final class RulesDirs {

    public static final Path SHIPPED = Path.of("rules");

    private RulesDirs() {
    }

    /** Copies {@code rules/} (DRL, tables and tests) into {@code target}. */
    public static Path copy(Path target) {
        return copyTree(SHIPPED, target);
    }

    /** Copies a folder and everything below it into {@code target}. */
    public static Path copyTree(Path from, Path target) {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                Path to = target.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(p, to);
                }
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Replaces the first occurrence of {@code from} in the file; fails when it is not there. */
    public static void edit(Path file, String from, String to) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            if (!text.contains(from)) {
                throw new AssertionError(file + " does not contain: " + from);
            }
            Files.writeString(file, text.replaceFirst(java.util.regex.Pattern.quote(from), java.util.regex.Matcher.quoteReplacement(to)), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Appends text to the file. */
    public static void append(Path file, String text) {
        try {
            Files.writeString(file, Files.readString(file, StandardCharsets.UTF_8) + text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The 1-based line of the first line containing {@code text}. */
    public static int lineOf(Path file, String text) {
        try {
            var lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).contains(text)) {
                    return i + 1;
                }
            }
            throw new AssertionError(file + " has no line containing " + text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Adds a check's declaration (a JSON object) to the catalogue, {@code checks.json}. */
    public static void declare(Path rules, String declaration) {
        editCatalogue(rules, checks -> {
            try {
                checks.add(new com.fasterxml.jackson.databind.ObjectMapper().readTree(declaration));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** Removes a check's declaration from the catalogue. */
    public static void undeclare(Path rules, String id) {
        editCatalogue(rules, checks -> {
            for (int i = 0; i < checks.size(); i++) {
                if (checks.get(i).get("id").asText().equals(id)) {
                    checks.remove(i);
                    return;
                }
            }
            throw new AssertionError(id + " is not declared");
        });
    }

    private static void editCatalogue(Path rules, java.util.function.Consumer<com.fasterxml.jackson.databind.node.ArrayNode> edit) {
        try {
            var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
            Path file = rules.resolve("checks.json");
            var root = (com.fasterxml.jackson.databind.node.ObjectNode) mapper.readTree(file.toFile());
            edit.accept((com.fasterxml.jackson.databind.node.ArrayNode) root.get("checks"));
            Files.writeString(file, mapper.writerWithDefaultPrettyPrinter().writeValueAsString(root), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Appends lines of text ({@code key = text}) to {@code messages.properties}. */
    public static void addMessages(Path rules, String lines) {
        append(rules.resolve("messages.properties"), "\n" + lines + "\n");
    }
}
