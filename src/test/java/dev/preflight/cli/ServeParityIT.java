package dev.preflight.cli;

import dev.preflight.server.TestServer;
import org.junit.jupiter.api.Test;

/**
 * 2,000 generated tenants (the batch parity test's, same seed) as JSON, text and HTML in en, zh-CN
 * and zh-TW: 18,000 reports from {@code POST /v1/evaluations}, each byte for byte what {@code
 * preflight evaluate --format F --locale L -} prints for the same tenant. In the integration-test
 * phase: 70 to 110 s of CPU (18,000 evaluations in the server, 6,000 on the command line's side),
 * more than the unit tests' minute on two cores; {@link ServeParityTest} compares the first few.
 */
class ServeParityIT {

    @Test
    void twoThousandGeneratedTenantsInEveryReportFormatAndLocaleAreTheCommandLinesReports() throws Exception {
        try (TestServer s = TestServer.start(TestServer.options(), null, java.net.http.HttpClient.newHttpClient())) {
            ServeParityTest.assertReportsAreTheCommandLines(s, 2026, 2000);
        }
    }
}
