package dev.accountd.support;

import dev.accountd.store.jdbc.Database;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * Where a test's data lives: a temporary data directory and, when the suite runs against PostgreSQL
 * ({@code -Daccountd.test.store=postgresql}), a freshly created database of its own. The same tests run
 * against both stores; Maven runs them once per store.
 *
 * <p>PostgreSQL is reached through {@code ACCOUNTD_TEST_PG_URL} (default: the local server, user postgres,
 * database test), where each store creates and later drops a database. When it cannot be reached the
 * PostgreSQL run is skipped with a message, unless {@code ACCOUNTD_REQUIRE_POSTGRES=true} (as in CI), which
 * makes it fail instead.
 */
public final class TestStore implements AutoCloseable {
    public static final String DEFAULT_ADMIN_URL = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";

    private static volatile boolean warned;

    private final Path dataDir;
    private final Optional<String> database;

    private TestStore(Path dataDir, Optional<String> database) {
        this.dataDir = dataDir;
        this.database = database;
    }

    public static boolean postgres() {
        return "postgresql".equals(System.getProperty("accountd.test.store", "sqlite").toLowerCase(Locale.ROOT));
    }

    public static TestStore fresh() {
        Path dir;
        try {
            dir = Files.createTempDirectory("accountd-test");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        if (!postgres()) return new TestStore(dir, Optional.empty());
        String name = "accountd_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        try (Connection c = admin(); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create a test database: " + e.getMessage(), e);
        }
        return new TestStore(dir, Optional.of(name));
    }

    private static Connection admin() {
        String url = System.getenv().getOrDefault("ACCOUNTD_TEST_PG_URL", DEFAULT_ADMIN_URL);
        try {
            return DriverManager.getConnection(url);
        } catch (SQLException e) {
            String why = "PostgreSQL tests need a server at " + url + " (set ACCOUNTD_TEST_PG_URL): " + e.getMessage();
            if ("true".equals(System.getenv("ACCOUNTD_REQUIRE_POSTGRES"))) throw new IllegalStateException(why, e);
            if (!warned) {
                warned = true;
                System.err.println("[accountd] POSTGRESQL TESTS SKIPPED: " + why);
            }
            Assumptions.abort("skipped: " + why);
            throw new AssertionError("unreachable");
        }
    }

    public Path dataDir() { return dataDir; }

    /** The JDBC URL of this store's PostgreSQL database; empty for SQLite (the data directory). */
    public Optional<String> dbUrl() {
        return database.map(name -> System.getenv().getOrDefault("ACCOUNTD_TEST_PG_URL", DEFAULT_ADMIN_URL)
                .replaceFirst("(jdbc:postgresql://[^/]+/)[^?]*", "$1" + name));
    }

    /** The command-line flags that point the CLI at this store. */
    public List<String> cliArgs() {
        List<String> args = new ArrayList<>(List.of("--data", dataDir.toString()));
        dbUrl().ifPresent(url -> args.addAll(List.of("--db", url)));
        return args;
    }

    /** Opens this store directly, migrated (for store and service tests). */
    public Database open() {
        return dbUrl().map(Database::openPostgres).orElseGet(() -> Database.openSqlite(dataDir));
    }

    /**
     * Everything this store holds, as text, for tests that prove a secret is not stored in clear: the files of
     * the data directory (SQLite database and WAL included), plus on PostgreSQL every row of every table.
     * Binary columns appear as PostgreSQL's hex text, so callers search for a secret's hex form too.
     */
    public String everythingStored() throws Exception {
        StringBuilder all = new StringBuilder();
        try (var files = Files.walk(dataDir)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                all.append(new String(Files.readAllBytes(p), java.nio.charset.StandardCharsets.ISO_8859_1));
            }
        }
        if (dbUrl().isPresent()) {
            try (Connection c = DriverManager.getConnection(dbUrl().get()); Statement st = c.createStatement()) {
                List<String> tables = new ArrayList<>();
                try (var rs = st.executeQuery("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")) {
                    while (rs.next()) tables.add(rs.getString(1));
                }
                for (String t : tables) {
                    try (var rs = st.executeQuery("SELECT t::text FROM \"" + t + "\" t")) {
                        while (rs.next()) all.append(rs.getString(1)).append('\n');
                    }
                }
            }
        }
        return all.toString();
    }

    /** Whether {@code secret} appears in {@link #everythingStored()}, as text or as hex. */
    public static boolean contains(String everything, String secret) {
        String hex = java.util.HexFormat.of().formatHex(secret.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return everything.contains(secret) || everything.contains(hex);
    }

    @Override
    public void close() {
        TestServer.deleteRecursively(dataDir);
        database.ifPresent(name -> {
            try (Connection c = admin(); Statement st = c.createStatement()) {
                st.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            } catch (SQLException e) {
                // best effort: a leftover test database does no harm
            }
        });
    }
}
