package dev.preflight.bench;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** A harness's scratch directory goes with everything in it, nested directories included. */
class ScratchDirTest {

    @Test
    void deletingRemovesTheDirectoryAndAllItHolds() throws IOException {
        Path dir = ScratchDir.create("preflight-scratch-test");
        Files.writeString(dir.resolve("tenants.jsonl"), "{}\n");
        Files.createDirectories(dir.resolve("rules/tables"));
        Files.writeString(dir.resolve("rules/tables/a.csv"), "x\n");
        assertTrue(Files.isRegularFile(dir.resolve("rules/tables/a.csv")));
        ScratchDir.delete(dir);
        assertFalse(Files.exists(dir));
        ScratchDir.delete(dir); // again, at the JVM's exit: nothing left, nothing thrown
    }
}
