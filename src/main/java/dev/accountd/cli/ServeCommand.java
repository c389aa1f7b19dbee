package dev.accountd.cli;

import dev.accountd.Accountd;
import dev.accountd.config.Config;
import dev.accountd.json.Json;
import dev.accountd.service.MutableClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
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

    /** Where a running server says where it listens: {@code {"url", "port", "pid", "started"}}. */
    public static final String SERVER_FILE = "server.json";

    private static void writeServerFile(Path file, String url, int port) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("url", url);
        v.put("port", port);
        v.put("pid", ProcessHandle.current().pid());
        v.put("started", java.time.Instant.now().toString());
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(SERVER_FILE + ".tmp");
            Files.writeString(tmp, Json.write(v) + "\n");
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            log.warn("could not write {}: {}", file, e.getMessage());
        }
    }

    /** Removes the file at a clean stop, unless another server sharing the data directory wrote it since. */
    private static void removeServerFile(Path file) {
        try {
            if (Files.exists(file) && Json.readObject(Files.readString(file)).get("pid").toString().equals(Long.toString(ProcessHandle.current().pid()))) {
                Files.delete(file);
            }
        } catch (IOException | RuntimeException e) {
            log.debug("could not remove {}", file, e);
        }
    }

    @Override
    public Integer call() {
        return Commands.run(() -> {
            Config config = store.loadForServe(new Config.Flags(port, null, null, clock, initialBalance, prices, sandbox));
            log.info("starting with {}", config);
            Accountd app = Accountd.serve(config, MutableClock.system());
            // scripts need not parse logs (which go to stderr): the URL is stdout's first line, and in <data>/server.json
            String url = "http://127.0.0.1:" + app.port();
            Path serverFile = config.dataDir().resolve(SERVER_FILE);
            writeServerFile(serverFile, url, app.port());
            System.out.println(url);
            System.out.flush();
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                log.info("stopping: finishing in-flight requests");
                removeServerFile(serverFile);
                app.close();
                log.info("stopped; the store is closed");
                stopped.countDown();
            }, "accountd-shutdown"));
            stopped.await();
            return 0;
        });
    }
}
