package dev.accountd.store.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.accountd.store.ChangeFeed;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The connections of one store: a reader pool and a writer pool (the same pool on PostgreSQL). On SQLite the
 * writer pool has one connection whose transactions begin IMMEDIATE, used by one thread that commits the writes
 * waiting for it together ({@link Writer}), so writes queue inside the process instead of failing with SQLITE_BUSY.
 */
public final class Database implements AutoCloseable {
    public static final String SQLITE_FILE = "accountd.db";
    /** The PostgreSQL channel that carries credential and status changes between nodes. */
    static final String CHANGE_CHANNEL = "accountd_changes";

    private final Dialect dialect;
    private final String url;
    private final HikariDataSource readPool;
    private final HikariDataSource writePool;
    private final BalanceCache balances = new BalanceCache();
    private final Jdbi reader;
    private final Writer writer;
    /** Statements kept prepared per pooled connection, for the lookups on every authenticated request. */
    private final ConcurrentHashMap<StatementKey, PreparedStatement> prepared = new ConcurrentHashMap<>();

    /** The pools' connections as gauges (/metrics): active, idle, and threads waiting for one, per pool. */
    public void bindMetrics(io.micrometer.core.instrument.MeterRegistry registry) {
        java.util.Set<HikariDataSource> pools = new java.util.LinkedHashSet<>(java.util.List.of(writePool, readPool));
        for (HikariDataSource pool : pools) {
            String name = pool.getPoolName();
            io.micrometer.core.instrument.Gauge.builder("accountd.db.pool.active", pool, p -> p.getHikariPoolMXBean().getActiveConnections())
                    .tag("pool", name).description("connections in use").register(registry);
            io.micrometer.core.instrument.Gauge.builder("accountd.db.pool.idle", pool, p -> p.getHikariPoolMXBean().getIdleConnections())
                    .tag("pool", name).description("connections idle").register(registry);
            io.micrometer.core.instrument.Gauge.builder("accountd.db.pool.pending", pool, p -> p.getHikariPoolMXBean().getThreadsAwaitingConnection())
                    .tag("pool", name).description("threads waiting for a connection").register(registry);
            io.micrometer.core.instrument.Gauge.builder("accountd.db.pool.max", pool, HikariDataSource::getMaximumPoolSize)
                    .tag("pool", name).description("the pool's size").register(registry);
        }
        io.micrometer.core.instrument.Gauge.builder("accountd.db.writer.waiting", writer, Writer::waiting)
                .description("writes waiting for SQLite's writer thread (0 on PostgreSQL)").register(registry);
    }

    private Database(Dialect dialect, String url, HikariDataSource readPool, HikariDataSource writePool) {
        this.dialect = dialect;
        this.url = url;
        this.readPool = readPool;
        this.writePool = writePool;
        this.reader = Jdbi.create(readPool);
        this.writer = readPool == writePool ? Writer.pooled(reader) : Writer.grouped(Jdbi.create(writePool).setStatementBuilderFactory(new CachedStatements()));
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
        try {
            // not on the writer's connection: a migration that builds an index sorts in temporary files, which that
            // connection keeps in memory
            SQLiteDataSource migrating = new SQLiteDataSource(sqliteConfig(SQLiteConfig.TransactionMode.IMMEDIATE, false));
            migrating.setUrl(url);
            migrate(migrating, Dialect.SQLITE);
            HikariDataSource read = sqlitePool(url, "accountd-read", 4, SQLiteConfig.TransactionMode.DEFERRED);
            return new Database(Dialect.SQLITE, url, read, write);
        } catch (RuntimeException e) {
            write.close();
            throw e;
        }
    }

    /**
     * PostgreSQL did not answer. The message gives the reason, not the URL, which may hold a password: the caller
     * names the server, masked.
     */
    public static final class Unreachable extends IllegalStateException {
        Unreachable(String reason, Throwable cause) { super(reason, cause); }
    }

    /** Opens a PostgreSQL store ({@code jdbc:postgresql://host/db?user=…}) and applies pending migrations. */
    public static Database openPostgres(String url) {
        HikariConfig hikari = new HikariConfig();
        hikari.setJdbcUrl(url);
        hikari.setPoolName("accountd-pg");
        hikari.setMaximumPoolSize(16);
        hikari.setMinimumIdle(2);
        hikari.setInitializationFailTimeout(10_000);
        hikari.addDataSourceProperty("reWriteBatchedInserts", "true"); // bulk creation sends one INSERT per batch
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(hikari);
        } catch (RuntimeException e) {
            throw new Unreachable(rootMessage(e), e);
        }
        try {
            migrate(pool, Dialect.POSTGRESQL);
            return new Database(Dialect.POSTGRESQL, url, pool, pool);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    /**
     * Applies pending migrations with Flyway. When the schema history already records the newest bundled
     * version, Flyway is not started at all: it scans the classpath and validates every migration, which costs
     * a sixth of the one-second start-up budget on every start.
     */
    private static void migrate(DataSource source, Dialect dialect) {
        int version = schemaVersion(source);
        if (version == Dialect.LATEST_SCHEMA_VERSION) return;
        if (version > Dialect.LATEST_SCHEMA_VERSION) {
            // a newer accountd migrated it: this one would not keep what the newer schema keeps (V15's trigger
            // counts, say), so it does not start, rather than quietly break the other nodes' rules
            throw new IllegalStateException("the store's schema is at version " + version + ", newer than this accountd's "
                    + Dialect.LATEST_SCHEMA_VERSION + ": run the accountd that migrated it, or a newer one");
        }
        Flyway.configure().dataSource(source).locations(dialect.migrations()).load().migrate();
    }

    /** The newest successfully applied schema version; 0 for a new store. */
    private static int schemaVersion(DataSource source) {
        try (Connection c = source.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT version FROM flyway_schema_history WHERE success AND version IS NOT NULL")) {
            int newest = 0;
            while (rs.next()) newest = Math.max(newest, Integer.parseInt(rs.getString(1)));
            return newest;
        } catch (SQLException | NumberFormatException noHistoryYet) {
            return 0;
        }
    }

    /**
     * @param tempInMemory for the writer's connection: it runs each call of a group in a savepoint, and SQLite keeps
     *     the first image of every page a savepoint changes in a sub-journal, which on disk spilled to a temporary file
     *     in every group (about 120 KB written per number purchase, twice what the WAL takes). In memory it is a few MB
     *     for a group of small writes; large ones run alone, without a savepoint ({@link Writer#inTransactionAlone}).
     *     Durability is the WAL's, which this does not touch.
     */
    private static SQLiteConfig sqliteConfig(SQLiteConfig.TransactionMode mode, boolean tempInMemory) {
        SQLiteConfig sqlite = new SQLiteConfig();
        sqlite.setJournalMode(SQLiteConfig.JournalMode.WAL);
        sqlite.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        sqlite.setBusyTimeout(10_000);
        sqlite.setTransactionMode(mode);
        if (tempInMemory) sqlite.setTempStore(SQLiteConfig.TempStore.MEMORY);
        return sqlite;
    }

    private static HikariDataSource sqlitePool(String url, String name, int size, SQLiteConfig.TransactionMode mode) {
        SQLiteDataSource source = new SQLiteDataSource(sqliteConfig(mode, mode == SQLiteConfig.TransactionMode.IMMEDIATE));
        source.setUrl(url);
        HikariConfig hikari = new HikariConfig();
        hikari.setDataSource(source);
        hikari.setPoolName(name);
        hikari.setMaximumPoolSize(size);
        hikari.setMinimumIdle(size);
        // Connections to a local file never go stale, so they live as long as the pool, and so do the
        // statements prepared on them.
        hikari.setMaxLifetime(0);
        hikari.setIdleTimeout(0);
        return new HikariDataSource(hikari);
    }

    public Dialect dialect() { return dialect; }

    public Jdbi reader() { return reader; }

    public Writer writer() { return writer; }

    /** Reads with a statement prepared once per pooled connection (the hot path of authenticated requests). */
    public <T> T lookup(String sql, Binder binder, Reader<T> reader) throws SQLException {
        try (Connection pooled = readPool.getConnection()) {
            Connection real = pooled.unwrap(Connection.class);
            if (prepared.size() > 256) prepared.keySet().removeIf(k -> isClosed(k.connection()));
            StatementKey key = new StatementKey(real, sql);
            PreparedStatement ps = prepared.get(key);
            if (ps == null) {
                ps = real.prepareStatement(sql);
                prepared.put(key, ps);
            }
            try {
                binder.bind(ps);
                try (ResultSet rs = ps.executeQuery()) {
                    return reader.read(rs);
                }
            } catch (SQLException e) {
                prepared.remove(key);
                closeQuietly(ps);
                // The statement was prepared on the unwrapped connection, where the pool cannot see a failure: a
                // lookup this simple fails when the connection is broken, so it leaves the pool instead of returning.
                readPool.evictConnection(pooled);
                throw e;
            }
        }
    }

    private static void closeQuietly(PreparedStatement ps) {
        try {
            ps.close();
        } catch (SQLException ignored) {
            // the connection is going anyway
        }
    }

    private static boolean isClosed(Connection c) {
        try {
            return c.isClosed();
        } catch (SQLException e) {
            return true;
        }
    }

    private record StatementKey(Connection connection, String sql) {}

    @FunctionalInterface
    public interface Binder { void bind(PreparedStatement ps) throws SQLException; }

    @FunctionalInterface
    public interface Reader<T> { T read(ResultSet rs) throws SQLException; }

    /**
     * Records, inside the current write transaction, that credentials, statuses or account rows changed. On
     * PostgreSQL every node is notified on commit (NOTIFY); on SQLite the change epoch, which the server polls, is
     * bumped, so that an operator's CLI command in another process reaches it. PostgreSQL needs no epoch: a shared
     * counter row would serialise every such write across the cluster, and a node that misses a notice still
     * drops its cached entries after {@code CredentialCache.TTL}.
     *
     * @param scope the credential SID affected, or {@link ChangeFeed#EVERYTHING}
     */
    /**
     * Called by every transaction that holds a balance row to change it: after its commit this node forgets its cached
     * copy of that balance, and on PostgreSQL every node is told to (a notice of scope {@link ChangeFeed#BALANCE}
     * + the main account's SID). SQLite's change epoch is not bumped: it would drop every cached credential on every
     * charge; another process's balance change (a CLI recharge) shows within {@link BalanceCache#TTL}.
     */
    void balanceChanging(Handle h, String mainSid) {
        h.afterCommit(() -> balances.forget(mainSid));
        if (dialect == Dialect.POSTGRESQL) {
            h.createQuery("SELECT pg_notify(:channel, :scope)").bind("channel", CHANGE_CHANNEL).bind("scope", ChangeFeed.BALANCE + mainSid)
                    .mapTo(String.class).findOne();
        }
    }

    /** This process's cached balances (Balance.json's reads). */
    BalanceCache balances() { return balances; }

    void recordChange(Handle h, String scope) {
        if (dialect == Dialect.POSTGRESQL) {
            h.createQuery("SELECT pg_notify(:channel, :scope)").bind("channel", CHANGE_CHANNEL).bind("scope", scope)
                    .mapTo(String.class).findOne();
        } else {
            h.createUpdate("UPDATE change_epoch SET epoch = epoch + 1 WHERE id = 1").execute();
        }
    }

    /**
     * Takes, until the transaction ends, a lock that the same call on any node waits for (a PostgreSQL advisory
     * lock). SQLite needs none: its one writer's IMMEDIATE transactions already run one at a time.
     */
    void lockForTransaction(Handle h, String name) {
        if (dialect == Dialect.POSTGRESQL) {
            h.createQuery("SELECT pg_advisory_xact_lock(:key)").bind("key", (long) name.hashCode()).mapTo(String.class).findOne();
        }
    }

    /**
     * Checks that this store's secrets were sealed with {@code keyCheck}'s master key, recording it on first use.
     * Nodes of one PostgreSQL database must share ACCOUNTD_MASTER_KEY; a node with another key stops here with
     * one clear line rather than answering 500 to every request whose token it cannot decrypt.
     */
    public void verifyMasterKey(byte[] keyCheck) {
        // Plain JDBC: this runs on every start, before anything else needs Jdbi.
        try (Connection c = writePool.getConnection()) {
            byte[] stored = null;
            try (PreparedStatement ps = c.prepareStatement("SELECT check_value FROM master_key_check WHERE id = 1");
                 ResultSet rs = ps.executeQuery()) {
                if (rs.next()) stored = rs.getBytes(1);
            }
            if (stored == null) {
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO master_key_check (id, check_value) VALUES (1, ?) ON CONFLICT (id) DO NOTHING")) {
                    ps.setBytes(1, keyCheck);
                    ps.executeUpdate();
                }
                if (!c.getAutoCommit()) c.commit();
                verifyMasterKeyAgain(c, keyCheck);
            } else if (!java.security.MessageDigest.isEqual(stored, keyCheck)) {
                throw wrongKey();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot check the master key against the store: " + e.getMessage(), e);
        }
    }

    /** After a first insert, which a node starting at the same moment with another key may have won. */
    private static void verifyMasterKeyAgain(Connection c, byte[] keyCheck) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT check_value FROM master_key_check WHERE id = 1");
             ResultSet rs = ps.executeQuery()) {
            if (rs.next() && !java.security.MessageDigest.isEqual(rs.getBytes(1), keyCheck)) throw wrongKey();
        }
    }

    private static IllegalArgumentException wrongKey() {
        return new IllegalArgumentException("this store was created with another master key: set ACCOUNTD_MASTER_KEY "
                + "(or restore the data directory's master.key) to the key it was created with");
    }

    /**
     * The feed of changes made by other processes and nodes on this store, listening (on PostgreSQL) at
     * {@code listenUrl} when given, else on the store's own URL.
     */
    public ChangeFeed changeFeed(Optional<String> listenUrl) {
        return dialect == Dialect.POSTGRESQL ? new PostgresChangeFeed(listenUrl.orElse(url)) : new PollingChangeFeed(this);
    }

    /**
     * Runs a background job unless another node is running it (a PostgreSQL advisory lock); on SQLite, where
     * one server owns the store, it just runs.
     *
     * @return whether the job ran here
     */
    public boolean runExclusive(String job, Runnable body) {
        if (dialect != Dialect.POSTGRESQL) {
            body.run();
            return true;
        }
        try (Connection c = writePool.getConnection(); Statement st = c.createStatement()) {
            long key = job.hashCode();
            try (ResultSet rs = st.executeQuery("SELECT pg_try_advisory_lock(" + key + ")")) {
                rs.next();
                if (!rs.getBoolean(1)) return false;
            }
            try {
                body.run();
                return true;
            } finally {
                st.execute("SELECT pg_advisory_unlock(" + key + ")");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("background job " + job + " could not take its lock", e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) t = t.getCause();
        return t.getMessage();
    }

    @Override
    public void close() {
        writer.close();
        readPool.close();
        if (writePool != readPool) writePool.close();
    }
}
