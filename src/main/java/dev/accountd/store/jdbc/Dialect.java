package dev.accountd.store.jdbc;

/** The SQL engines accountd runs on. Every difference between them is handled in this package. */
public enum Dialect {
    SQLITE("classpath:db/migration/sqlite"),
    POSTGRESQL("classpath:db/migration/postgresql");

    private final String migrations;

    Dialect(String migrations) { this.migrations = migrations; }

    String migrations() { return migrations; }
}
