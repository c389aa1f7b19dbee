package dev.accountd.store.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.ConcurrentHashMap;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The connections of one store: a reader pool and a writer pool. On SQLite the writer pool has one connection
 * whose transactions begin IMMEDIATE, so writes queue inside the process instead of failing with SQLITE_BUSY.
 */
public final class Database implements AutoCloseable {
    public static final String SQLITE_FILE = "accountd.db";

    private final HikariDataSource readPool;
    private final HikariDataSource writePool;
    private final Jdbi reader;
    private final Jdbi writer;
    /** Statements kept prepared on the read connections, which live as long as the pool (no max lifetime). */
    private final ConcurrentHashMap<StatementKey, PreparedStatement> prepared = new ConcurrentHashMap<>();

    private Database(HikariDataSource readPool, HikariDataSource writePool) {
        this.readPool = readPool;
        this.writePool = writePool;
        this.reader = Jdbi.create(readPool);
        this.writer = Jdbi.create(writePool);
    }

    /** Opens (creating if needed) the SQLite store in {@code dataDir} and applies pending migrations. */
    public static Database openSqlite(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot create the data directory " + dataDir + ": " + e.getMessage(), e);
        }
        return openSqliteUrl("jdbc:sqlite:" + dataDir.resolve(SQLITE_FILE).toAbsolutePath());
    }

    public static Database openSqliteUrl(String url) {
        HikariDataSource write = sqlitePool(url, "accountd-write", 1, SQLiteConfig.TransactionMode.IMMEDIATE);
        Flyway.configure().dataSource(write).locations("classpath:db/migration/sqlite").load().migrate();
        HikariDataSource read = sqlitePool(url, "accountd-read", 4, SQLiteConfig.TransactionMode.DEFERRED);
        return new Database(read, write);
    }

    private static HikariDataSource sqlitePool(String url, String name, int size, SQLiteConfig.TransactionMode mode) {
        SQLiteConfig sqlite = new SQLiteConfig();
        sqlite.setJournalMode(SQLiteConfig.JournalMode.WAL);
        sqlite.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        sqlite.setBusyTimeout(10_000);
        sqlite.setTransactionMode(mode);
        SQLiteDataSource source = new SQLiteDataSource(sqlite);
        source.setUrl(url);
        HikariConfig hikari = new HikariConfig();
        hikari.setDataSource(source);
        hikari.setPoolName(name);
        hikari.setMaximumPoolSize(size);
        hikari.setMinimumIdle(size);
        hikari.setMaxLifetime(0);
        hikari.setIdleTimeout(0);
        return new HikariDataSource(hikari);
    }

    public Jdbi reader() { return reader; }

    /** Reads one value with a statement prepared once per pooled connection (the hot path of authenticated fetches). */
    public <T> T lookup(String sql, Binder binder, Reader<T> reader) throws SQLException {
        try (Connection pooled = readPool.getConnection()) {
            Connection real = pooled.unwrap(Connection.class);
            PreparedStatement ps = prepared.computeIfAbsent(new StatementKey(real, sql), k -> prepare(real, sql));
            try {
                binder.bind(ps);
                try (ResultSet rs = ps.executeQuery()) {
                    return reader.read(rs);
                }
            } catch (SQLException e) {
                prepared.remove(new StatementKey(real, sql));
                ps.close();
                throw e;
            }
        }
    }

    private static PreparedStatement prepare(Connection c, String sql) {
        try {
            return c.prepareStatement(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot prepare: " + sql, e);
        }
    }

    private record StatementKey(Connection connection, String sql) {}

    @FunctionalInterface
    public interface Binder { void bind(PreparedStatement ps) throws SQLException; }

    @FunctionalInterface
    public interface Reader<T> { T read(ResultSet rs) throws SQLException; }

    public Jdbi writer() { return writer; }

    @Override
    public void close() {
        readPool.close();
        writePool.close();
    }
}
