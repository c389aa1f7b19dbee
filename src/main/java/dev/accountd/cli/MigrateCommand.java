package dev.accountd.cli;

import dev.accountd.Accountd;
import dev.accountd.config.Config;
import dev.accountd.service.MutableClock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Applies pending schema migrations to the store and exits. */
@Command(name = "migrate", mixinStandardHelpOptions = true, description = "Apply pending store migrations and exit.")
public final class MigrateCommand implements Callable<Integer> {
    @Mixin
    StoreOptions store;

    @Override
    public Integer call() {
        return Commands.run(() -> {
            Config config = store.load();
            try (Accountd ignored = Accountd.open(config, MutableClock.system())) {
                String where = config.dbUrl().orElse(config.dataDir().toAbsolutePath().toString());
                System.out.println("{\"migrated\":true,\"store\":\"" + where.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}");
            }
            return 0;
        });
    }
}
