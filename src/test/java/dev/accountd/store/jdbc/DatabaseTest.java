package dev.accountd.store.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseTest {
    @TempDir Path dir;

    @Test
    void aStoreMigratedByANewerAccountd_isRefused_andLeftAsItIs() {
        try (Database db = Database.openSqlite(dir)) {
            db.writer().useHandle(h -> h.execute("""
                    INSERT INTO flyway_schema_history (installed_rank, version, description, type, script, checksum, installed_by,
                                                       installed_on, execution_time, success)
                    VALUES (1000, '99', 'from the future', 'SQL', 'V99__from_the_future.sql', 0, 'test', CURRENT_TIMESTAMP, 1, 1)"""));
        }
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> Database.openSqlite(dir));
        assertEquals("the store's schema is at version 99, newer than this accountd's " + Dialect.LATEST_SCHEMA_VERSION
                + ": run the accountd that migrated it, or a newer one", refused.getMessage());
    }
}
