package dev.accountd.cli;

import dev.accountd.Accountd;
import dev.accountd.config.Config;
import dev.accountd.service.MutableClock;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Starts the server and runs until SIGTERM or SIGINT, then lets in-flight requests finish and closes the store. */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Start the accountd server.")
public final class ServeCommand implements java.util.concurrent.Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(ServeCommand.class);

    @Mixin
    StoreOptions store;

    @Option(names = "--port", description = "HTTP port (env ACCOUNTD_PORT, default 8080; 0 picks a free port)")
    Integer port;

    @Option(names = "--clock", description = "system (default) or manual: a clock that moves only through /_accountd/v1/Clock (env ACCOUNTD_CLOCK)")
    String clock;

    @Option(names = "--initial-balance", description = "The balance a new main account starts with (env ACCOUNTD_INITIAL_BALANCE, default 20.00)")
    String initialBalance;

    @Option(names = "--prices", description = "A JSON file that overrides or extends the built-in price table (env ACCOUNTD_PRICES)")
    Path prices;

    @Option(names = "--sandbox", arity = "0..1", fallbackValue = "true",
            description = "Allow POST /_accountd/v1/Reset, which deletes everything but the seeded main account (env ACCOUNTD_SANDBOX)")
    Boolean sandbox;

    @Override
    public Integer call() {
        return Commands.run(() -> {
            Config config = store.loadForServe(new Config.Flags(port, null, null, clock, initialBalance, prices, sandbox));
            log.info("starting with {}", config);
            Accountd app = Accountd.serve(config, MutableClock.system());
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                log.info("stopping: finishing in-flight requests");
                app.close();
                log.info("stopped; the store is closed");
                stopped.countDown();
            }, "accountd-shutdown"));
            stopped.await();
            return 0;
        });
    }
}
