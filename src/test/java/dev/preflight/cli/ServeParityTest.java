package dev.preflight.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.preflight.generate.TenantGenerator;
import dev.preflight.server.TestServer;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What the service answers is byte for byte what the command line prints: every sample in every
 * report format (the locale going round en, zh-CN, zh-TW), and 2,000 generated tenants as a batch in
 * each locale.
 */
class ServeParityTest {

    private static final String[] LOCALES = {"en", "zh-CN", "zh-TW"};
    private static final Map<String, String> ACCEPT = Map.of("json", "application/json", "text", "text/plain", "html", "text/html",
            "sarif", "application/sarif+json", "junit", "application/xml");

    @Test
    void everySampleInEveryFormatIsTheCommandLinesReport() throws Exception {
        TestServer s = TestServer.shared();
        List<Path> samples;
        try (Stream<Path> files = Files.list(Path.of("samples"))) {
            samples = files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        int i = 0;
        for (Path sample : samples) {
            byte[] facts = Files.readAllBytes(sample);
            for (String format : List.of("json", "text", "html", "sarif", "junit")) {
                String locale = LOCALES[i++ % LOCALES.length];
                Cli.Result cli = Cli.run(facts, Map.of(), false, "evaluate", "--format", format, "--locale", locale, "--color", "never", "-");
                HttpResponse<byte[]> http = s.post("/v1/evaluations?locale=" + locale, "application/json", facts, "Accept", ACCEPT.get(format));
                assertEquals(200, http.statusCode());
                assertEquals(cli.out(), new String(http.body(), StandardCharsets.UTF_8), sample + " " + format + " " + locale);
                assertEquals(verdict(cli.exitCode()), http.headers().firstValue("Preflight-Verdict").orElseThrow());
            }
        }
    }

    @Test
    void twoThousandGeneratedTenantsAsABatchInEachLocaleAreTheCommandLinesLines() throws Exception {
        TestServer s = TestServer.shared();
        TenantGenerator g = new TenantGenerator(2026);
        StringBuilder in = new StringBuilder();
        for (int i = 0; i < 2000; i++) {
            in.append(g.line(i)).append('\n');
        }
        byte[] input = in.toString().getBytes(StandardCharsets.UTF_8);
        for (String locale : LOCALES) {
            Cli.Result cli = Cli.run(input, Map.of(), false, "batch", "-q", "--locale", locale, "-");
            HttpResponse<byte[]> http = s.post("/v1/batches?locale=" + locale, "application/x-ndjson", input);
            assertEquals(200, http.statusCode());
            assertEquals(2000, cli.out().lines().count());
            assertArrayEquals(cli.out().getBytes(StandardCharsets.UTF_8), http.body(), "2,000 tenants in " + locale);
        }
    }

    private static String verdict(int exitCode) {
        return switch (exitCode) {
            case ExitCodes.ELIGIBLE -> "ELIGIBLE";
            case ExitCodes.NOT_ELIGIBLE -> "NOT_ELIGIBLE";
            default -> "INCOMPLETE";
        };
    }
}
