package dev.preflight.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.preflight.api.Evaluator;
import dev.preflight.api.FactsReader;
import dev.preflight.api.Report;
import dev.preflight.facts.TenantFacts;
import dev.preflight.generate.TenantGenerator;
import dev.preflight.report.ReportFormat;
import dev.preflight.report.Style;
import dev.preflight.server.TestServer;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What the service answers is byte for byte what the command line prints: every sample in every
 * report format (the locale going round en, zh-CN, zh-TW), 2,000 generated tenants as a batch in each
 * locale, and generated tenants as JSON, text and HTML reports in each locale (12 here, 2,000 in
 * {@link ServeParityIT}).
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
        byte[] input = tenants(2000, 2026);
        for (String locale : LOCALES) {
            Cli.Result cli = Cli.run(input, Map.of(), false, "batch", "-q", "--locale", locale, "-");
            HttpResponse<byte[]> http = s.post("/v1/batches?locale=" + locale, "application/x-ndjson", input);
            assertEquals(200, http.statusCode());
            assertEquals(2000, cli.out().lines().count());
            assertArrayEquals(cli.out().getBytes(StandardCharsets.UTF_8), http.body(), "2,000 tenants in " + locale);
        }
    }

    /**
     * Generated tenants as JSON, text and HTML in each locale, equal to the command line's reports:
     * a few here, the whole 2,000 in {@link ServeParityIT} (integration-test phase).
     */
    @Test
    void generatedTenantsInEveryReportFormatAndLocaleAreTheCommandLinesReports() throws Exception {
        assertReportsAreTheCommandLines(TestServer.shared(), 2026, 12);
    }

    /**
     * The first {@code tenants} generated tenants of {@code seed} as JSON, text and HTML in each
     * locale: every HTTP report byte for byte what {@code evaluate --format F --locale L --color
     * never -} prints, through the command's own evaluate-and-render steps with one evaluator per
     * language, over a few connections at once. A difference names the tenant, format, locale and
     * first differing line (the first ten of them).
     */
    static void assertReportsAreTheCommandLines(TestServer s, long seed, int tenants) throws Exception {
        Map<String, Evaluator> evaluators = new LinkedHashMap<>();
        Console console = new Console(InputStream.nullInputStream(), new PrintStream(OutputStream.nullOutputStream()),
                new PrintStream(OutputStream.nullOutputStream()), Map.of(), false);
        for (String locale : LOCALES) {
            // What evaluate builds for --locale (en is the root locale, as LocaleOption parses it).
            evaluators.put(locale, new CommonOptions().evaluator(console, locale.equals("en") ? Locale.ROOT : Locale.forLanguageTag(locale), null));
        }
        TenantGenerator g = new TenantGenerator(seed);
        Queue<String> differences = new ConcurrentLinkedQueue<>();
        AtomicInteger compared = new AtomicInteger();
        ExecutorService clients = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < tenants; i++) {
                byte[] facts = g.line(i).getBytes(StandardCharsets.UTF_8);
                done.add(clients.submit(() -> {
                    TenantFacts read = FactsReader.read(new ByteArrayInputStream(facts), "-"); // as evaluate reads standard input
                    for (String locale : LOCALES) {
                        Evaluator evaluator = evaluators.get(locale);
                        Report report = EvaluateCommand.report(evaluator, read, null);
                        for (ReportFormat format : List.of(ReportFormat.json, ReportFormat.text, ReportFormat.html)) {
                            String cli = format.render(report, evaluator, EvaluateCommand.options(Style.PLAIN, false, "-", null));
                            HttpResponse<byte[]> http = s.post("/v1/evaluations?locale=" + locale, "application/json", facts,
                                    "Accept", ACCEPT.get(format.name()));
                            String body = new String(http.body(), StandardCharsets.UTF_8);
                            String where = "tenant " + read.tenantId() + ", " + format + ", " + locale;
                            if (http.statusCode() != 200) {
                                differences.add(where + ": HTTP " + http.statusCode() + " " + body);
                            } else if (!cli.equals(body)) {
                                differences.add(where + ": " + firstDifference(cli, body));
                            } else if (!report.verdict().name().equals(http.headers().firstValue("Preflight-Verdict").orElse(""))) {
                                differences.add(where + ": verdict " + report.verdict() + ", header " + http.headers().firstValue("Preflight-Verdict"));
                            }
                            compared.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            clients.shutdownNow();
            evaluators.values().forEach(Evaluator::close);
        }
        assertTrue(differences.isEmpty(), differences.size() + " reports differ from the command line's, the first ones:\n"
                + String.join("\n", differences.stream().limit(10).toList()));
        assertEquals(tenants * LOCALES.length * 3, compared.get());
    }

    /** The first line where the command line's report and the service's differ, both shown. */
    static String firstDifference(String cli, String http) {
        String[] a = cli.split("\n", -1);
        String[] b = http.split("\n", -1);
        for (int i = 0; i < Math.max(a.length, b.length); i++) {
            String x = i < a.length ? a[i] : "(end)";
            String y = i < b.length ? b[i] : "(end)";
            if (!x.equals(y)) {
                return "line " + (i + 1) + ": command line " + clip(x) + " | service " + clip(y);
            }
        }
        return "the same lines, other bytes";
    }

    private static String clip(String line) {
        return "'" + (line.length() > 300 ? line.substring(0, 300) + "…" : line) + "'";
    }

    /**
     * A client that sends the whole body before it reads a byte of the response, as Python
     * {@code requests} and .NET do: 2,000 tenants (megabytes each way, more than the socket
     * buffers hold) still come back whole and equal to the command line's lines.
     */
    @Test
    void aClientThatSendsTheWholeBatchBeforeReadingGetsEveryLine() throws Exception {
        TestServer s = TestServer.shared();
        byte[] input = tenants(2000, 7);
        Cli.Result cli = Cli.run(input, Map.of(), false, "batch", "-q", "--locale", "zh-TW", "-");
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", s.server.port()), 5000);
            socket.setSoTimeout(120_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /v1/batches?locale=zh-TW HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-ndjson\r\n"
                    + "Content-Length: " + input.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(input); // all of it, reading nothing meanwhile
            out.flush();
            InputStream in = new BufferedInputStream(socket.getInputStream());
            assertEquals("HTTP/1.1 200 OK", line(in));
            boolean chunked = false;
            for (String h; !(h = line(in)).isEmpty();) {
                chunked |= h.equalsIgnoreCase("Transfer-Encoding: chunked");
            }
            assertTrue(chunked, "a streamed response is chunked");
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            for (int size; (size = Integer.parseInt(line(in).split(";")[0].trim(), 16)) > 0;) {
                body.write(in.readNBytes(size));
                assertEquals("", line(in));
            }
            assertEquals(2000, cli.out().lines().count());
            assertArrayEquals(cli.out().getBytes(StandardCharsets.UTF_8), body.toByteArray());
        }
    }

    private static byte[] tenants(int n, long seed) {
        TenantGenerator g = new TenantGenerator(seed);
        StringBuilder in = new StringBuilder();
        for (int i = 0; i < n; i++) {
            in.append(g.line(i)).append('\n');
        }
        return in.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** One CRLF-ended line of the response's head or chunk framing. */
    private static String line(InputStream in) throws IOException {
        StringBuilder b = new StringBuilder();
        for (int c; (c = in.read()) != '\n';) {
            if (c < 0) {
                throw new EOFException("the response ended early after: " + b);
            }
            if (c != '\r') {
                b.append((char) c);
            }
        }
        return b.toString();
    }

    private static String verdict(int exitCode) {
        return switch (exitCode) {
            case ExitCodes.ELIGIBLE -> "ELIGIBLE";
            case ExitCodes.NOT_ELIGIBLE -> "NOT_ELIGIBLE";
            default -> "INCOMPLETE";
        };
    }
}
