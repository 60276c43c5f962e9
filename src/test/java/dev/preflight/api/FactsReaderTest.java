package dev.preflight.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.preflight.facts.CapabilityStatus;
import dev.preflight.facts.Cloud;
import dev.preflight.facts.SelfServiceScope;
import dev.preflight.facts.TenantFacts;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class FactsReaderTest {

    static final String SAMPLE = "samples/healthy-hybrid.json";

    private static InvalidFactsException rejected(String json) {
        return assertThrows(InvalidFactsException.class, () -> FactsReader.read(json, "t.json"));
    }

    @Test
    void malformedJsonNamesLineAndColumn() {
        InvalidFactsException e = rejected("{\n  \"tenant\": {\n    \"displayName\": \"x\",,\n  }\n}");
        assertEquals(3, e.line());
        assertTrue(e.column() > 0);
        assertTrue(e.problem().startsWith("malformed JSON"), e.problem());
        assertTrue(e.getMessage().startsWith("t.json:3:"), e.getMessage());
    }

    @Test
    void wrongTypeNamesTheFieldPath() {
        InvalidFactsException e = rejected("{\"subscribedSkus\": [{\"skuId\": \"a\"}, {\n\"consumedUnits\": \"12\"}]}");
        assertEquals("subscribedSkus[1].consumedUnits", e.path());
        assertEquals(2, e.line());
        assertEquals("expected a whole number, found a string \"12\"", e.problem());
    }

    @Test
    void numberForAStringIsRejected() {
        InvalidFactsException e = rejected("{\"tenant\": {\"displayName\": 42}}");
        assertEquals("tenant.displayName", e.path());
        assertTrue(e.problem().startsWith("expected a string"), e.problem());
    }

    @Test
    void stringForABooleanIsRejected() {
        InvalidFactsException e = rejected("{\"passwordReset\": {\"writebackEnabled\": \"true\"}}");
        assertEquals("passwordReset.writebackEnabled", e.path());
        assertTrue(e.problem().startsWith("expected true or false"), e.problem());
    }

    @Test
    void unparsableDateIsRejected() {
        InvalidFactsException e = rejected("{\"tenant\": {\"collectedAt\": \"2026-13-40T10:00:00Z\"}}");
        assertEquals("tenant.collectedAt", e.path());
        assertTrue(e.problem().contains("date-time with offset"), e.problem());
    }

    @Test
    void dateWithoutOffsetIsRejected() {
        assertEquals("tenant.collectedAt", rejected("{\"tenant\": {\"collectedAt\": \"2026-11-20T10:00:00\"}}").path());
    }

    @ParameterizedTest
    @ValueSource(strings = {"2.x", "", "1..2", "v2.5", "2.5.79.0.1.2.3.4.5"})
    void unparsableVersionIsRejected(String version) {
        InvalidFactsException e = rejected("{\"onPremises\": {\"connect\": {\"version\": \"" + version + "\"}}}");
        assertEquals("onPremises.connect.version", e.path());
        assertTrue(e.problem().contains("is not a version"), e.problem());
        assertEquals(1, e.line());
    }

    @Test
    void numericVersionIsRejected() {
        InvalidFactsException e = rejected("{\"onPremises\": {\"connect\": {\"version\": 2.5}}}");
        assertEquals("onPremises.connect.version", e.path());
        assertTrue(e.problem().startsWith("expected a version string"), e.problem());
    }

    @ParameterizedTest
    @CsvSource({
        "'{\"subscribedSkus\": [{\"consumedUnits\": -1}]}', subscribedSkus[0].consumedUnits",
        "'{\"tenant\": {\"cloudOnlyUserCount\": -14}}', tenant.cloudOnlyUserCount",
        "'{\"onPremises\": {\"network\": {\"idleTimeoutSeconds\": -300}}}', onPremises.network.idleTimeoutSeconds",
        "'{\"onPremises\": {\"network\": {\"probes\": [{\"port\": 70000}]}}}', onPremises.network.probes[0].port"
    })
    void negativeCountOrBadPortIsRejected(String json, String path) {
        InvalidFactsException e = rejected(json);
        assertEquals(path, e.path());
        assertTrue(e.problem().contains("out of range"), e.problem());
    }

    @Test
    void emptyInputIsRejected() {
        InvalidFactsException e = rejected("");
        assertEquals("", e.path());
        assertTrue(e.problem().startsWith("the input is empty"), e.problem());
    }

    @Test
    void arrayInsteadOfObjectIsRejected() {
        InvalidFactsException e = rejected("[{\"tenant\": {}}]");
        assertEquals("", e.path());
        assertEquals(1, e.line());
        assertEquals("expected a JSON object holding one tenant's facts, found an array", e.problem());
    }

    @Test
    void nullDocumentIsRejected() {
        assertTrue(rejected("null").problem().startsWith("the document is null"));
    }

    @Test
    void unknownEnumValueListsTheAcceptedOnes() {
        InvalidFactsException e = rejected("{\"tenant\": {\"cloud\": \"Mars\"}}");
        assertEquals("tenant.cloud", e.path());
        assertTrue(e.problem().contains("one of Public, USGov, China"), e.problem());
    }

    @Test
    void duplicateKeyIsRejected() {
        InvalidFactsException e = rejected("{\"tenant\": {}, \"tenant\": {}}");
        assertTrue(e.problem().startsWith("duplicate field"), e.problem());
    }

    @Test
    void trailingTextIsRejected() {
        InvalidFactsException e = rejected("{\"tenant\": {}} {\"tenant\": {}}");
        assertTrue(e.problem().startsWith("unexpected text after the end"), e.problem());
    }

    @Test
    void nullInsideAListIsRejected() {
        assertEquals("users[0].roles[1]", rejected("{\"users\": [{\"roles\": [\"Global Administrator\", null]}]}").path());
    }

    @Test
    void unsupportedSchemaVersionIsRejected() {
        InvalidFactsException e = rejected("{\"schemaVersion\": 2}");
        assertEquals("schemaVersion", e.path());
    }

    @Test
    void enumerationsAreCaseInsensitive() {
        TenantFacts f = FactsReader.read("{\"tenant\": {\"cloud\": \"usgov\"}, \"passwordReset\": {\"selfServiceScope\": \"ALL\"},"
                + "\"subscribedSkus\": [{\"capabilityStatus\": \"lockedout\"}]}");
        assertEquals(Cloud.USGOV, f.tenant().cloud());
        assertEquals(SelfServiceScope.ALL, f.passwordReset().selfServiceScope());
        assertEquals(CapabilityStatus.LOCKED_OUT, f.subscribedSkus().get(0).capabilityStatus());
    }

    @Test
    void unknownFieldsAreIgnoredAndAbsentStaysUnknown() {
        TenantFacts f = FactsReader.read("{\"collectorVersion\": \"9.9\", \"tenant\": {\"extra\": {\"deep\": [1, 2]}}}");
        assertNull(f.tenant().cloudOnlyUserCount());
        assertNull(f.users(), "absent users stay not collected, never an empty list");
        assertNull(f.onPremises());
    }

    @Test
    void neverIsAValidSyncTime() {
        TenantFacts f = FactsReader.read("{\"onPremises\": {\"connect\": {\"lastFullImport\": {\"ad\": \"never\", \"entraId\": \"2026-11-19T22:05:00Z\"}}}}");
        assertTrue(f.onPremises().connect().lastFullImport().ad().isNever());
        assertTrue(!f.onPremises().connect().lastFullImport().entraId().isNever());
    }

    @ParameterizedTest
    @ValueSource(strings = {"UTF-8-BOM", "UTF-16LE", "UTF-16BE", "UTF-8"})
    void readsTheEncodingsPowerShellWrites(String encoding) throws IOException {
        String json = Files.readString(Path.of(SAMPLE), StandardCharsets.UTF_8);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        switch (encoding) {
            case "UTF-8-BOM" -> {
                bytes.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
                bytes.write(json.getBytes(StandardCharsets.UTF_8));
            }
            case "UTF-16LE" -> {
                bytes.write(new byte[] {(byte) 0xFF, (byte) 0xFE});
                bytes.write(json.getBytes(Charset.forName("UTF-16LE")));
            }
            case "UTF-16BE" -> {
                bytes.write(new byte[] {(byte) 0xFE, (byte) 0xFF});
                bytes.write(json.getBytes(Charset.forName("UTF-16BE")));
            }
            default -> bytes.write(json.getBytes(StandardCharsets.UTF_8));
        }
        TenantFacts f = FactsReader.read(bytes.toByteArray(), "x.json");
        assertEquals("Contoso Ltd", f.tenant().displayName());
    }

    @Test
    void textWithAByteOrderMarkIsRead() throws IOException {
        String json = "\uFEFF" + Files.readString(Path.of(SAMPLE), StandardCharsets.UTF_8);
        assertEquals("Contoso Ltd", FactsReader.read(json).tenant().displayName());
    }

    @Test
    void invalidUtf8IsRejected() {
        byte[] bad = "{\"tenant\": {\"displayName\": \"Contoso \u0000\"}}".getBytes(StandardCharsets.UTF_8);
        bad[bad.length - 5] = (byte) 0xC3; // a lead byte followed by a quote: not UTF-8
        InvalidFactsException e = assertThrows(InvalidFactsException.class, () -> FactsReader.read(bad, "bad.json"));
        assertTrue(e.problem().contains("UTF"), e.problem());
    }

    /** A tenant whose display name holds the given bytes, as UTF-8 on the wire. */
    private static byte[] withNameBytes(String hex) {
        byte[] head = "{\"tenant\": {\"displayName\": \"x".getBytes(StandardCharsets.UTF_8);
        byte[] tail = "\"}}".getBytes(StandardCharsets.UTF_8);
        String[] parts = hex.split(" ");
        byte[] all = new byte[head.length + parts.length + tail.length];
        System.arraycopy(head, 0, all, 0, head.length);
        for (int i = 0; i < parts.length; i++) {
            all[head.length + i] = (byte) Integer.parseInt(parts[i], 16);
        }
        System.arraycopy(tail, 0, all, head.length + parts.length, tail.length);
        return all;
    }

    @ParameterizedTest(name = "refused: {0}")
    @ValueSource(strings = {"C0 AF", "C1 81", "E0 80 AF", "ED A0 80", "ED BF BF", "F0 80 80 AF", "F4 90 80 80", "F5 80 80 80"})
    void overlongSurrogateAndPastMaximumUtf8AreRefusedInTheBatchPathToo(String hex) {
        InvalidFactsException e = assertThrows(InvalidFactsException.class, () -> FactsReader.read(withNameBytes(hex), "line 1"));
        assertTrue(e.getMessage().contains("not valid UTF-8"), e.getMessage());
    }

    /** The check reads ASCII eight bytes at a time: a bad sequence is found at every offset, the last byte included. */
    @ParameterizedTest(name = "refused at every offset: {0}")
    @ValueSource(strings = {"C0 AF", "ED A0 80", "F4 90 80 80"})
    void overlongUtf8IsRefusedWhereverItFallsInTheDocument(String hex) {
        for (int pad = 0; pad <= 17; pad++) {
            byte[] bytes = withNameBytes("61 ".repeat(pad) + hex);
            InvalidFactsException e = assertThrows(InvalidFactsException.class, () -> FactsReader.read(bytes, "line 1"), "after " + pad + " letters");
            assertTrue(e.getMessage().contains("not valid UTF-8"), e.getMessage());
        }
        // After other multi-byte characters, which stop the eight-byte stride.
        InvalidFactsException e = assertThrows(InvalidFactsException.class, () -> FactsReader.read(withNameBytes("C3 A9 ".repeat(9) + hex), "line 1"));
        assertTrue(e.getMessage().contains("not valid UTF-8"), e.getMessage());
    }

    @ParameterizedTest(name = "accepted: {0}")
    @CsvSource({"C3 A9, \u00e9", "E4 B8 AD, \u4e2d", "EF BF BD, \ufffd", "F0 9F 98 80, \ud83d\ude00", "F4 8F BF BF, \udbff\udfff", "E0 A0 80, \u0800", "ED 9F BF, \ud7ff"})
    void everyOtherMultiByteCharacterIsRead(String hex, String expected) {
        TenantFacts f = FactsReader.read(withNameBytes(hex), "line 1");
        assertEquals("x" + expected, f.tenant().displayName());
    }
}
