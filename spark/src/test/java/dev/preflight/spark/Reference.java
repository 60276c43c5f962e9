package dev.preflight.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.preflight.cli.Console;
import dev.preflight.cli.Main;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** The reference results: {@code preflight batch}, run in this JVM, and the job's output read back, both by origin. */
final class Reference {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Reference() {
    }

    /** Runs `preflight batch` in this JVM; its lines by origin, timing fields normalised. */
    static Map<String, String> cliLines(Path output, Path summary, String... inputs) throws IOException {
        List<String> args = new ArrayList<>(List.of("batch", "-q", "-o", output.toString()));
        if (summary != null) {
            args.addAll(List.of("--summary", summary.toString()));
        }
        args.addAll(List.of(inputs));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Console console = new Console(new ByteArrayInputStream(new byte[0]), new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of(), false);
        int code = Main.run(console, args.toArray(new String[0]));
        org.junit.jupiter.api.Assertions.assertTrue(code == 0 || code == 3, "batch exit code " + code + ": " + err.toString(StandardCharsets.UTF_8));
        return byOrigin(Files.readAllLines(output));
    }

    static Map<String, String> sparkLines(Path out) throws IOException {
        List<String> lines = new ArrayList<>();
        try (Stream<Path> parts = Files.list(out)) {
            for (Path p : parts.filter(p -> p.getFileName().toString().startsWith("part-")).toList()) {
                lines.addAll(Files.readAllLines(p));
            }
        }
        return byOrigin(lines);
    }

    static Map<String, String> byOrigin(List<String> lines) throws IOException {
        Map<String, String> out = new TreeMap<>();
        for (String line : lines) {
            String origin = JSON.readTree(line).get("origin").asText();
            String previous = out.put(origin, normalised(line));
            assertEquals(null, previous, "one result per origin: " + origin);
        }
        return out;
    }

    /** A report judged as of the clock (no collectedAt) names the moment it ran: the only field that differs between runs. */
    static String normalised(String line) throws IOException {
        JsonNode n = JSON.readTree(line);
        if (n.has("referenceTimeSource") && n.get("referenceTimeSource").asText().equals("clock")) {
            ((ObjectNode) n).put("referenceTime", "(clock)");
            return JSON.writeValueAsString(n);
        }
        return line;
    }

}
