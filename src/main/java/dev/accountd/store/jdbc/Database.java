package dev.accountd.store.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
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
        hikari.setMinimumIdle(1);
        return new HikariDataSource(hikari);
    }

    public Jdbi reader() { return reader; }

    public Jdbi writer() { return writer; }

    @Override
    public void close() {
        readPool.close();
        writePool.close();
    }
}
