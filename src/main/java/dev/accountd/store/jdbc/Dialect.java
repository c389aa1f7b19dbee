package dev.accountd.store.jdbc;

/** The SQL engines accountd runs on. Every difference between them is handled in this package. */
public enum Dialect {
    /** One writer at a time (IMMEDIATE transactions), so a row read in a write transaction is already locked. */
    SQLITE("classpath:db/migration/sqlite", ""),
    POSTGRESQL("classpath:db/migration/postgresql", " FOR UPDATE");

    /**
     * The newest schema version among the bundled migrations (both dialects keep the same numbering).
     * DialectTest checks it against the migration files.
     */
    public static final int LATEST_SCHEMA_VERSION = 16;

    private final String migrations;
    private final String forUpdate;

    Dialect(String migrations, String forUpdate) {
        this.migrations = migrations;
        this.forUpdate = forUpdate;
    }

    String migrations() { return migrations; }

    /** The suffix that locks the rows a SELECT reads until the transaction ends. */
    String forUpdate() { return forUpdate; }

    /** The suffix that locks, until the transaction ends, the rows of one table of a join (by its alias). */
    String forUpdateOf(String alias) { return this == POSTGRESQL ? " FOR UPDATE OF " + alias : ""; }

    /**
     * The suffix that keeps the rows a SELECT reads from changing until the transaction ends, while letting other
     * readers of the same rows proceed (a write to a closed account's resources against the close itself).
     */
    String forShare() { return this == POSTGRESQL ? " FOR SHARE" : ""; }
}
