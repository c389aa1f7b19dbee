package dev.accountd.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigTest {
    @Test
    void defaults() {
        Config c = Config.load(Config.Flags.none(), Map.of());
        assertEquals(8080, c.port());
        assertEquals(Path.of("./data"), c.dataDir());
        assertTrue(c.dbUrl().isEmpty() && c.seedMainAccount().isEmpty() && c.masterKey().isEmpty());
        assertTrue(c.inventoryFile().isEmpty());
    }

    @Test
    void theInventoryFile_isNamedByTheEnvironment() {
        Config c = Config.load(Config.Flags.none(), Map.of("ACCOUNTD_INVENTORY_FILE", "/etc/accountd/numbers.json"));
        assertEquals(Path.of("/etc/accountd/numbers.json"), c.inventoryFile().orElseThrow());
        assertTrue(c.toString().contains("inventoryFile=/etc/accountd/numbers.json"), c.toString());
    }

    @Test
    void flagsOverrideEnvironment_whichOverridesDefaults() {
        Map<String, String> env = Map.of("ACCOUNTD_PORT", "9000", "ACCOUNTD_DATA_DIR", "/env");
        assertEquals(9000, Config.load(Config.Flags.none(), env).port());
        Config c = Config.load(new Config.Flags(7000, Path.of("/flag"), null), env);
        assertEquals(7000, c.port());
        assertEquals(Path.of("/flag"), c.dataDir());
    }

    @Test
    void invalidValues_stopStartUpWithOneLine() {
        assertThrows(Config.InvalidConfig.class, () -> Config.load(Config.Flags.none(), Map.of("ACCOUNTD_PORT", "http")));
        assertThrows(Config.InvalidConfig.class, () -> Config.load(new Config.Flags(70000, null, null), Map.of()));
        assertThrows(Config.InvalidConfig.class, () -> Config.load(Config.Flags.none(), Map.of("ACCOUNTD_MAIN_ACCOUNT_SID", "AC" + "0".repeat(32))));
        assertThrows(Config.InvalidConfig.class, () -> Config.load(Config.Flags.none(),
                Map.of("ACCOUNTD_MAIN_ACCOUNT_SID", "nope", "ACCOUNTD_MAIN_AUTH_TOKEN", "token-123456")));
        assertThrows(Config.InvalidConfig.class, () -> Config.load(new Config.Flags(null, null, "mysql://x"), Map.of()));
    }

    @Test
    void secrets_areMaskedWhenPrinted() {
        Config c = Config.load(Config.Flags.none(), Map.of("ACCOUNTD_MAIN_ACCOUNT_SID", "AC" + "0".repeat(32),
                "ACCOUNTD_MAIN_AUTH_TOKEN", "supersecret-token", "ACCOUNTD_MASTER_KEY", "c2VjcmV0LWtleS1tYXRlcmlhbA=="));
        assertFalse(c.toString().contains("supersecret"));
        assertFalse(c.toString().contains("c2VjcmV0"));
    }
}
