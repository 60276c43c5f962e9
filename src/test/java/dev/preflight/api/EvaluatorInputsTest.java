package dev.preflight.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.preflight.facts.CapabilityStatus;
import dev.preflight.facts.Cloud;
import dev.preflight.facts.PrepaidUnitsBuilder;
import dev.preflight.facts.SubscribedSkuBuilder;
import dev.preflight.facts.TenantBuilder;
import dev.preflight.facts.TenantFacts;
import dev.preflight.facts.TenantFactsBuilder;
import dev.preflight.facts.User;
import dev.preflight.facts.UserBuilder;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/** The ways in: a file, a stream, JSON text, records built in code; and the traps around them. */
class EvaluatorInputsTest {

    static Evaluator evaluator;
    static final Path SAMPLE = Path.of("samples/cloud-only-no-forest.json");

    @BeforeAll
    static void build() {
        evaluator = Evaluator.builder().build();
    }

    @AfterAll
    static void close() {
        evaluator.close();
    }

    @Test
    void aFileAStreamAndTheTextGiveTheSameReport() throws IOException {
        String expected = evaluator.evaluate(SAMPLE).toJson();
        assertEquals(expected, evaluator.evaluateJson(Files.readString(SAMPLE)).toJson());
        try (InputStream in = Files.newInputStream(SAMPLE)) {
            assertEquals(expected, evaluator.evaluate(in).toJson());
        }
    }

    @Test
    @SuppressWarnings("deprecation")
    void aFileNameGivenAsJsonTextSaysWhichMethodReadsAFile() {
        InvalidFactsException e = assertThrows(InvalidFactsException.class, () -> evaluator.evaluate("tenant.json"));
        assertEquals("\"tenant.json\" is not JSON but looks like a file name: evaluate(String) takes the JSON text; "
                + "use evaluate(Path.of(\"tenant.json\")) to read a file", e.getMessage());
        // Text that is JSON, broken, keeps the parser's own words and place.
        InvalidFactsException broken = assertThrows(InvalidFactsException.class, () -> evaluator.evaluate("{\"tenant\": }"));
        assertTrue(broken.getMessage().startsWith("line 1, column 12: malformed JSON"), broken.getMessage());
        // The deprecated method still evaluates JSON text as it did.
        String dated = "{\"tenant\": {\"collectedAt\": \"2026-11-20T10:00:00Z\"}}";
        assertEquals(evaluator.evaluateJson(dated).toJson(), evaluator.evaluate(dated).toJson());
    }

    @Test
    @SuppressWarnings("deprecation")
    void nullArgumentsAreRefusedByName() {
        assertNullNamed("json", () -> evaluator.evaluateJson(null));
        assertNullNamed("json", () -> evaluator.evaluate((String) null));
        assertNullNamed("json", () -> evaluator.evaluate((InputStream) null));
        assertNullNamed("file", () -> evaluator.evaluate((Path) null));
        assertNullNamed("facts", () -> evaluator.evaluate((TenantFacts) null));
        assertNullNamed("json", () -> FactsReader.read((String) null));
        assertNullNamed("file", () -> FactsReader.read((Path) null));
        assertNullNamed("dir", () -> Evaluator.builder().rulesDirectory(null));
    }

    static void assertNullNamed(String name, Executable call) {
        NullPointerException e = assertThrows(NullPointerException.class, call);
        assertEquals(name, e.getMessage());
    }

    @Test
    void aDocumentOverTheSizeLimitIsReportedAsSuch(@TempDir Path tmp) throws IOException {
        // 17 MiB of valid JSON: only its size is wrong.
        Path big = tmp.resolve("big.json");
        try (OutputStream out = Files.newOutputStream(big)) {
            out.write("{\"padding\": [".getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = ("\"" + "x".repeat(1021) + "\", ").getBytes(StandardCharsets.US_ASCII); // 1 KiB each
            for (int i = 0; i < 17 * 1024; i++) {
                out.write(chunk);
            }
            out.write("\"\"]}".getBytes(StandardCharsets.US_ASCII));
        }
        InvalidFactsException fromFile = assertThrows(InvalidFactsException.class, () -> evaluator.evaluate(big));
        assertTrue(fromFile.getMessage().startsWith(big + ":"), fromFile.getMessage());
        assertTrue(fromFile.getMessage().contains("larger than 16 MiB"), fromFile.getMessage());
        String text = Files.readString(big);
        InvalidFactsException fromText = assertThrows(InvalidFactsException.class, () -> evaluator.evaluateJson(text));
        assertTrue(fromText.getMessage().contains("larger than 16 MiB"), fromText.getMessage());
        assertFalse(fromText.getMessage().contains("line 0"), fromText.getMessage());
        InvalidFactsException fromStream = assertThrows(InvalidFactsException.class,
                () -> evaluator.evaluate(new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII))));
        assertTrue(fromStream.getMessage().contains("larger than 16 MiB"), fromStream.getMessage());
    }

    @Test
    void factsBuiltInCodeAreTheFactsReadFromJson() {
        TenantFacts built = TenantFactsBuilder.builder()
                .tenant(TenantBuilder.builder()
                        .tenantId("f2b3c4d5-8888-4000-8000-000000000009")
                        .cloud(Cloud.PUBLIC)
                        .collectedAt(OffsetDateTime.parse("2026-11-20T10:00:00Z"))
                        .onPremisesSyncEnabled(false)
                        .build())
                .subscribedSkus(List.of(SubscribedSkuBuilder.builder()
                        .skuPartNumber("AAD_PREMIUM")
                        .capabilityStatus(CapabilityStatus.ENABLED)
                        .consumedUnits(12)
                        .prepaidUnits(PrepaidUnitsBuilder.builder().enabled(25).build())
                        .build()))
                .users(List.of(UserBuilder.builder().userPrincipalName("admin@proseware.onmicrosoft.com").accountEnabled(true).build()))
                .build();
        TenantFacts read = FactsReader.read("""
                {"tenant": {"tenantId": "f2b3c4d5-8888-4000-8000-000000000009", "cloud": "Public",
                            "collectedAt": "2026-11-20T10:00:00Z", "onPremisesSyncEnabled": false},
                 "subscribedSkus": [{"skuPartNumber": "AAD_PREMIUM", "capabilityStatus": "Enabled", "consumedUnits": 12,
                                     "prepaidUnits": {"enabled": 25}}],
                 "users": [{"userPrincipalName": "admin@proseware.onmicrosoft.com", "accountEnabled": true}]}
                """);
        assertEquals(read, built);
        assertEquals(evaluator.evaluate(read).toJson(), evaluator.evaluate(built).toJson());
        // What a builder leaves out is not collected (null), never false or zero.
        User user = built.users().get(0);
        assertNull(user.onPremisesSyncEnabled());
        assertNull(built.passwordReset());
        // A copy with one field changed.
        TenantFacts renamed = TenantFactsBuilder.builder(built).tenant(TenantBuilder.builder(built.tenant()).displayName("Proseware").build()).build();
        assertEquals("Proseware", renamed.tenant().displayName());
        assertEquals(built.users(), renamed.users());
    }
}
