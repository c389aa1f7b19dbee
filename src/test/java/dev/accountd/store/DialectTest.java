package dev.accountd.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.accountd.store.jdbc.Dialect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class DialectTest {
    /** Start-up skips Flyway when the store is at this version, so it must name the newest migration of each dialect. */
    @Test
    void latestSchemaVersion_isTheNewestMigrationOfEveryDialect() throws Exception {
        for (String dialect : new String[] {"sqlite", "postgresql"}) {
            try (Stream<Path> files = Files.list(Path.of("src/main/resources/db/migration", dialect))) {
                int newest = files.map(p -> p.getFileName().toString())
                        .filter(n -> n.matches("V\\d+__.*\\.sql"))
                        .mapToInt(n -> Integer.parseInt(n.substring(1, n.indexOf("__"))))
                        .max().orElse(0);
                assertEquals(Dialect.LATEST_SCHEMA_VERSION, newest, dialect);
            }
        }
    }
}
