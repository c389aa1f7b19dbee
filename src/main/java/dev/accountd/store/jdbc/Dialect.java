package dev.accountd.store.jdbc;

/** The SQL engines accountd runs on. Every difference between them is handled in this package. */
public enum Dialect {
    SQLITE("classpath:db/migration/sqlite"),
    POSTGRESQL("classpath:db/migration/postgresql");

    /**
     * The newest schema version among the bundled migrations (both dialects keep the same numbering).
     * DialectTest checks it against the migration files.
     */
    public static final int LATEST_SCHEMA_VERSION = 4;

    private final String migrations;

    Dialect(String migrations) { this.migrations = migrations; }

    String migrations() { return migrations; }
}
