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

    Config load(Integer port) {
        return Config.load(new Config.Flags(port, dataDir, dbUrl), System.getenv());
    }

    /** With the serve command's price table file ({@code --prices}); null where not given. */
    Config load(Integer port, Path pricesFile) {
        return Config.load(new Config.Flags(port, dataDir, dbUrl, null, null, pricesFile, null), System.getenv());
    }
}
