package dev.accountd.cli;

import dev.accountd.config.Config;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The flags every command shares: where the store is. */
public final class StoreOptions {
    @Option(names = "--data", description = "Data directory (env ACCOUNTD_DATA_DIR, default ./data)")
    Path dataDir;

    @Option(names = "--db", description = "JDBC URL of the store (env ACCOUNTD_DB_URL); default: SQLite in the data directory")
    String dbUrl;

    Config load() {
        return Config.load(new Config.Flags(null, dataDir, dbUrl), System.getenv());
    }

    /** With the serve command's own flags too. */
    Config loadForServe(Config.Flags serveFlags) {
        return Config.load(new Config.Flags(serveFlags.port(), dataDir, dbUrl, serveFlags.clock(), serveFlags.initialBalance(),
                serveFlags.pricesFile(), serveFlags.sandbox()), System.getenv());
    }
}
