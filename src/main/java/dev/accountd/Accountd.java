package dev.accountd;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.accountd.api.HttpApi;
import dev.accountd.config.Config;
import dev.accountd.domain.Account;
import dev.accountd.domain.AuthToken;
import dev.accountd.domain.MainAccountSettings;
import dev.accountd.service.AccountService;
import dev.accountd.service.Authenticator;
import dev.accountd.service.ChangeWatcher;
import dev.accountd.service.CredentialCache;
import dev.accountd.service.MutableClock;
import dev.accountd.store.AccountStore;
import dev.accountd.store.SecretBox;
import dev.accountd.store.jdbc.Database;
import dev.accountd.store.jdbc.JdbcAccountStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one place objects are wired together: the store, the services, the background jobs and the HTTP edge. */
public final class Accountd implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Accountd.class);
    public static final String MAIN_ACCOUNT_FILE = "main-account.json";

    private final Database db;
    private final AccountStore store;
    private final AccountService accounts;
    private final Authenticator authenticator;
    private final CredentialCache cache;
    private final MutableClock clock;
    private HttpApi http;
    private ScheduledExecutorService jobs;
    private volatile boolean ready;

    private Accountd(Database db, AccountStore store, AccountService accounts, CredentialCache cache, MutableClock clock) {
        this.db = db;
        this.store = store;
        this.accounts = accounts;
        this.authenticator = new Authenticator(store, cache);
        this.cache = cache;
        this.clock = clock;
    }

    /** Opens the store and the services, without serving HTTP (the CLI's operator commands use this). */
    public static Accountd open(Config config, MutableClock clock) {
        Database db = openStore(config);
        try {
            SecretBox secrets = SecretBox.load(config.masterKey(), config.dataDir());
            JdbcAccountStore store = new JdbcAccountStore(db, secrets);
            CredentialCache cache = new CredentialCache();
            return new Accountd(db, store, new AccountService(store, cache, clock), cache, clock);
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    private static Database openStore(Config config) {
        return config.dbUrl().filter(url -> url.startsWith("jdbc:sqlite:"))
                .map(Database::openSqliteUrl)
                .orElseGet(() -> Database.openSqlite(config.dataDir()));
    }

    /** Opens the store, seeds the first main account if the store is empty, and starts serving. */
    public static Accountd serve(Config config, MutableClock clock) {
        Accountd app = open(config, clock);
        try {
            app.seedMainAccount(config);
            app.startJobs(config);
            app.http = new HttpApi(app.authenticator, app.accounts, () -> app.ready)
                    .start(config.port());
            app.ready = true;
            log.info("accountd listening on port {}", app.http.port());
            return app;
        } catch (RuntimeException e) {
            app.close();
            throw e;
        }
    }

    private void seedMainAccount(Config config) {
        if (accounts.hasAnyAccount()) return;
        if (config.seedMainAccount().isPresent()) {
            Config.SeedCredentials seed = config.seedMainAccount().get();
            Account main = accounts.createMain(Optional.empty(), Optional.of(seed.accountSid()),
                    Optional.of(new AuthToken(seed.authToken())), MainAccountSettings.DEFAULT_SUBACCOUNT_LIMIT);
            log.info("seeded main account {} from ACCOUNTD_MAIN_ACCOUNT_SID", main.sid());
            return;
        }
        Account main = accounts.createMain(Optional.empty(), Optional.empty(), Optional.empty(), MainAccountSettings.DEFAULT_SUBACCOUNT_LIMIT);
        Path file = config.dataDir().resolve(MAIN_ACCOUNT_FILE);
        writeSecretFile(file, credentialsJson(main));
        log.info("created main account {}; its credentials are in {}", main.sid(), file.toAbsolutePath());
    }

    /** The JSON the CLI prints and main-account.json holds for a main account. */
    public static String credentialsJson(Account main) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("account_sid", main.sid());
        v.put("auth_token", main.authToken().value());
        v.put("friendly_name", main.friendlyName());
        v.put("status", main.status().wire());
        try {
            return new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(v) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void writeSecretFile(Path file, String content) {
        try {
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.deleteIfExists(tmp);
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(tmp, content);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private void startJobs(Config config) {
        jobs = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "accountd-jobs");
            t.setDaemon(true);
            return t;
        });
        ChangeWatcher watcher = new ChangeWatcher(store, cache);
        jobs.scheduleWithFixedDelay(guarded("change watcher", watcher), 100, 100, TimeUnit.MILLISECONDS);
        long every = config.reaperInterval().toMillis();
        jobs.scheduleWithFixedDelay(guarded("closed-account deletion", this::deleteExpiredClosedSubaccounts), every, every, TimeUnit.MILLISECONDS);
    }

    private static Runnable guarded(String name, Runnable job) {
        return () -> {
            try {
                job.run();
            } catch (RuntimeException e) {
                log.warn("background job '{}' failed; it runs again on schedule", name, e);
            }
        };
    }

    /** Runs the closed-subaccount deletion job once (it also runs on its schedule). */
    public int deleteExpiredClosedSubaccounts() {
        int deleted = accounts.deleteExpiredClosedSubaccounts();
        if (deleted > 0) log.info("deleted {} subaccounts closed more than 30 days ago", deleted);
        return deleted;
    }

    public AccountService accounts() { return accounts; }

    public Authenticator authenticator() { return authenticator; }

    public MutableClock clock() { return clock; }

    public int port() { return http.port(); }

    @Override
    public void close() {
        ready = false;
        if (http != null) http.stop();
        if (jobs != null) jobs.shutdownNow();
        db.close();
    }
}
