package dev.accountd.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretBoxTest {
    @TempDir Path dir;

    @Test
    void sealedSecrets_openOnlyForTheRowTheyBelongTo() {
        SecretBox box = SecretBox.load(Optional.empty(), dir);
        byte[] sealed = box.seal("token-value", "AC1");
        assertFalse(new String(sealed, StandardCharsets.ISO_8859_1).contains("token-value"));
        assertEquals("token-value", box.open(sealed, "AC1"));
        assertThrows(IllegalStateException.class, () -> box.open(sealed, "AC2"));
    }

    @Test
    void keyFile_isCreatedOwnerOnly_andReusedAfterRestart() throws Exception {
        byte[] sealed = SecretBox.load(Optional.empty(), dir).seal("x", "AC1");
        Path key = dir.resolve(SecretBox.KEY_FILE);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
        assertEquals("x", SecretBox.load(Optional.empty(), dir).open(sealed, "AC1"));
    }

    @Test
    void masterKeyFromTheEnvironment_mustBe32BytesOfBase64() {
        assertThrows(IllegalArgumentException.class, () -> SecretBox.load(Optional.of("c2hvcnQ="), dir));
        String key = java.util.Base64.getEncoder().encodeToString(new byte[32]);
        assertEquals("y", SecretBox.load(Optional.of(key), dir).open(SecretBox.load(Optional.of(key), dir).seal("y", "AC9"), "AC9"));
    }
}
