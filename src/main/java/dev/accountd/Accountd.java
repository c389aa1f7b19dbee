package dev.accountd;

import dev.accountd.service.UsageService;
import dev.accountd.service.UsageTriggerService;
import dev.accountd.store.jdbc.JdbcUsageStore;
import dev.accountd.service.SpendingLimitService;
import dev.accountd.service.SubaccountControlService;
import dev.accountd.store.jdbc.JdbcActivityStore;
import dev.accountd.store.jdbc.JdbcSpendingLimitStore;
import dev.accountd.service.EventWebhookService;
import dev.accountd.store.jdbc.JdbcEventWebhookStore;
import dev.accountd.api.WebhooksApi;
import dev.accountd.api.ControlsApi;
import dev.accountd.api.UsageApi;
import dev.accountd.api.AccountsApi;
import dev.accountd.api.AddressesApi;
import dev.accountd.api.ApplicationsApi;
import dev.accountd.api.AuthTokensApi;
import dev.accountd.api.AvailableNumbersApi;
import dev.accountd.api.BillingApi;
import dev.accountd.api.CallsApi;
import dev.accountd.api.ClockApi;
import dev.accountd.api.EventsApi;
import dev.accountd.api.HttpApi;
import dev.accountd.api.IncomingPhoneNumbersApi;
import dev.accountd.api.KeysApi;
import dev.accountd.api.MessagesApi;
import dev.accountd.api.MessagingServicesApi;
import dev.accountd.api.OutgoingCallerIdsApi;
import dev.accountd.api.PricesApi;
import dev.accountd.api.PricingApi;
import dev.accountd.api.SandboxApi;
import dev.accountd.api.SimulationApi;
import dev.accountd.api.TestCredentialsApi;
import dev.accountd.config.Config;
import dev.accountd.domain.Account;
import dev.accountd.domain.AccountStatus;
import dev.accountd.domain.AuthToken;
import dev.accountd.domain.KeyKind;
import dev.accountd.domain.Money;
import dev.accountd.domain.PriceTable;
import dev.accountd.domain.Sid;
import dev.accountd.json.Json;
import dev.accountd.service.AccountService;
import dev.accountd.service.AddressService;
import dev.accountd.service.ApplicationService;
import dev.accountd.service.MessagingServices;
import dev.accountd.service.Auditor;
import dev.accountd.service.Authenticator;
import dev.accountd.service.AvailableNumberService;
import dev.accountd.service.BillingService;
import dev.accountd.service.CachedAccountStore;
import dev.accountd.service.CallService;
import dev.accountd.service.CallerIdService;
import dev.accountd.service.ChangeWatcher;
import dev.accountd.service.ClockService;
import dev.accountd.service.CredentialCache;
import dev.accountd.service.EventService;
import dev.accountd.service.InboundService;
import dev.accountd.service.Inventory;
import dev.accountd.service.KeyService;
import dev.accountd.service.LoginThrottle;
import dev.accountd.service.MessageService;
import dev.accountd.service.MutableClock;
import dev.accountd.service.NumberPurchaseService;
import dev.accountd.service.NumberRental;
import dev.accountd.service.OutboxWorker;
import dev.accountd.service.PhoneNumberService;
import dev.accountd.service.PriceBook;
import dev.accountd.service.PriceOverrideService;
import dev.accountd.service.PricingService;
import dev.accountd.service.SandboxService;
import dev.accountd.service.SimulationService;
import dev.accountd.service.TestCredentials;
import dev.accountd.service.TokenService;
import dev.accountd.store.AccountStore;
import dev.accountd.store.ChangeFeed;
import dev.accountd.store.KeyStore;
import dev.accountd.store.LedgerStore;
import dev.accountd.store.SecretBox;
import dev.accountd.api.console.ConsoleApi;
import dev.accountd.service.ConsoleSessionService;
import dev.accountd.store.jdbc.JdbcConsoleSessionStore;
import dev.accountd.store.jdbc.Database;
import dev.accountd.store.jdbc.JdbcAccountStore;
import dev.accountd.store.jdbc.JdbcAddressStore;
import dev.accountd.store.jdbc.JdbcApplicationStore;
import dev.accountd.store.jdbc.JdbcMessagingServiceStore;
import dev.accountd.store.jdbc.JdbcCallStore;
import dev.accountd.store.jdbc.JdbcCallerIdStore;
import dev.accountd.store.jdbc.JdbcClockStore;
import dev.accountd.store.jdbc.JdbcEventStore;
import dev.accountd.store.jdbc.JdbcKeyStore;
import dev.accountd.store.jdbc.JdbcLedgerStore;
import dev.accountd.store.jdbc.JdbcMessageStore;
import dev.accountd.store.jdbc.JdbcOutboxStore;
import dev.accountd.store.jdbc.JdbcPhoneNumberStore;
import dev.accountd.store.jdbc.JdbcPriceOverrideStore;
import dev.accountd.store.jdbc.JdbcSandboxStore;
import dev.accountd.store.jdbc.JdbcSimulationStore;
import dev.accountd.store.jdbc.JdbcTestCredentialStore;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one place objects are wired together: the store, the services, the background jobs and the HTTP edge. */
public final class Accountd implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Accountd.class);
    public static final String MAIN_ACCOUNT_FILE = "main-account.json";

    private final Database db;
    private final AccountStore store;
    private final AccountService accounts;
    private final TokenService tokens;
    private final EventService events;
    private final ClockService clockService;
    private final Authenticator authenticator;
    private final HttpApi.Handlers handlers;
    private final CredentialCache cache;
    private final MutableClock clock;
    private final Inventory inventory;
    private final LedgerStore ledger;
    private final BillingService billing;
    private final PriceBook prices;
    private final NumberRental rental;
    private final MessageService messages;
    private final CallService calls;
    private final OutboxWorker outbox;
    private final PrometheusMeterRegistry metrics;
    private final Timer schedulerLag;
    private volatile long lastTrafficRun;
    private final UsageTriggerService triggers;
    private final SpendingLimitService spendingLimits;
    private final SubaccountControlService subaccountControls;
    private HttpApi http;
    private ScheduledExecutorService jobs;
    private ChangeFeed changeFeed;

    /** Builds the whole object graph: stores, services and the HTTP handlers, each given what it needs. */
    private Accountd(Database db, SecretBox secrets, Config config, MutableClock clock, Inventory inventory, PriceTable priceTable,
                     PrometheusMeterRegistry metrics) {
        this.db = db;
        this.metrics = metrics;
        this.schedulerLag = Timer.builder("accountd.scheduler.lag").description("how late the traffic job ran against its 200 ms schedule")
                .register(metrics);
        this.clock = clock;
        this.inventory = inventory;
        this.cache = new CredentialCache();
        Money opening = Money.of(config.initialBalance(), config.currency());
        this.store = new CachedAccountStore(new JdbcAccountStore(db, secrets, opening), cache);
        this.ledger = new JdbcLedgerStore(db);
        KeyStore keyStore = new JdbcKeyStore(db, store);
        Auditor auditor = new Auditor(clock);
        this.clockService = config.clock() == Config.ClockMode.MANUAL
                ? ClockService.manual(clock, new JdbcClockStore(db), auditor, this::catchUp)
                : ClockService.system(clock);
        this.accounts = new AccountService(store, auditor, clock);
        this.tokens = new TokenService(store, auditor, clock);
        JdbcPhoneNumberStore phoneNumberStore = new JdbcPhoneNumberStore(db);
        this.events = new EventService(new JdbcEventStore(db), phoneNumberStore, config.eventRetention(), clock);
        TestCredentials testCredentials = new TestCredentials(store, new JdbcTestCredentialStore(db), secrets, clock);
        this.authenticator = new Authenticator(store, keyStore, secrets, cache, new LoginThrottle(clock), testCredentials);
        KeyService keys = new KeyService(store, keyStore, secrets, cache, auditor, clock);
        JdbcAddressStore addressStore = new JdbcAddressStore(db);
        AddressService addresses = new AddressService(store, addressStore, auditor, clock);
        AvailableNumberService availableNumbers = new AvailableNumberService(store, phoneNumberStore, inventory);
        JdbcApplicationStore applicationStore = new JdbcApplicationStore(db);
        ApplicationService applications = new ApplicationService(store, applicationStore, clock);
        PhoneNumberService phoneNumbers = new PhoneNumberService(store, addressStore, phoneNumberStore, applicationStore, auditor, clock);
        JdbcPriceOverrideStore priceOverrides = new JdbcPriceOverrideStore(db);
        this.prices = new PriceBook(priceTable, priceOverrides);
        NumberPurchaseService purchases = new NumberPurchaseService(store, addressStore, phoneNumberStore, inventory, prices,
                applicationStore, testCredentials, auditor, clock);
        this.rental = new NumberRental(phoneNumberStore, prices, auditor, clock);
        BillingService billing = new BillingService(store, ledger, auditor, clock, config.currency());
        this.billing = billing;
        PricingService pricing = new PricingService(prices, phoneNumberStore);
        JdbcSimulationStore simulation = new JdbcSimulationStore(db);
        JdbcMessageStore messageStore = new JdbcMessageStore(db);
        JdbcMessagingServiceStore messagingServiceStore = new JdbcMessagingServiceStore(db);
        MessagingServices messagingServices = new MessagingServices(store, messagingServiceStore, clock);
        this.messages = new MessageService(store, phoneNumberStore, messageStore, ledger, prices, simulation, applications,
                messagingServices, testCredentials, auditor, clock);
        JdbcCallerIdStore callerIds = new JdbcCallerIdStore(db);
        JdbcCallStore callStore = new JdbcCallStore(db);
        this.calls = new CallService(store, phoneNumberStore, callerIds, callStore, simulation, applications, testCredentials, ledger,
                prices, auditor, clock, config.callSeconds());
        InboundService inbound = new InboundService(store, phoneNumberStore, applicationStore, messagingServiceStore, messageStore, callStore, ledger, prices, auditor,
                clock, config.callSeconds());
        this.outbox = new OutboxWorker(new JdbcOutboxStore(db), store, metrics);
        bindMetrics(metrics);
        JdbcUsageStore usage = new JdbcUsageStore(db);
        this.triggers = new UsageTriggerService(store, usage, clock);
        this.subaccountControls = new SubaccountControlService(store, new JdbcActivityStore(db), accounts, clock);
        this.spendingLimits = new SpendingLimitService(store, new JdbcSpendingLimitStore(db), accounts, clock, config.currency());
        PriceOverrideService overrides = new PriceOverrideService(prices, priceOverrides, store, auditor, clock);
        UsageService usageService = new UsageService(store, usage, clock);
        SandboxService sandbox = new SandboxService(config.sandbox(), new JdbcSandboxStore(db), opening);
        ConsoleApi console = new ConsoleApi(new ConsoleApi.Services(
                new ConsoleSessionService(authenticator, store, keyStore, new JdbcConsoleSessionStore(db), java.time.Clock.systemUTC()),
                accounts, tokens, keys, phoneNumbers, purchases, availableNumbers, addresses, billing, usageService, triggers, spendingLimits,
                subaccountControls, calls, messages, events, clockService, sandbox, config.currency(), config.sandbox(),
                config.clock() == Config.ClockMode.MANUAL, config.trustProxy()));
        boolean trustProxy = config.trustProxy();
        this.handlers = new HttpApi.Handlers(authenticator, new AccountsApi(accounts),
                new KeysApi(keys, KeyKind.STANDARD), new KeysApi(keys, KeyKind.SIGNING),
                new AuthTokensApi(tokens, trustProxy), new EventsApi(events, trustProxy),
                new AddressesApi(addresses), new AvailableNumbersApi(availableNumbers),
                new IncomingPhoneNumbersApi(purchases, phoneNumbers), new ClockApi(clockService), new BillingApi(billing, trustProxy),
                new SandboxApi(sandbox),
                new PricingApi(pricing, trustProxy), new PricesApi(overrides, trustProxy), new MessagesApi(messages),
                new MessagingServicesApi(messagingServices, trustProxy), new CallsApi(calls), new SimulationApi(new SimulationService(simulation, clock), inbound, trustProxy), new ApplicationsApi(applications),
                new OutgoingCallerIdsApi(new CallerIdService(store, callerIds, clock)), new TestCredentialsApi(testCredentials, trustProxy),
                new UsageApi(usageService, triggers, config.currency()),
                new ControlsApi(spendingLimits, subaccountControls, trustProxy),
                new WebhooksApi(new EventWebhookService(new JdbcEventWebhookStore(db), clock), trustProxy), console);
    }

    /** JVM, pool and cache gauges; the HTTP edge and the outbox time their own work. */
    private void bindMetrics(MeterRegistry registry) {
        new ClassLoaderMetrics().bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        db.bindMetrics(registry);
        FunctionCounter.builder("accountd.credential.cache.lookups", cache, CredentialCache::hits).tag("result", "hit")
                .description("credential lookups the cache answered (the rest verify a secret against the store)").register(registry);
        FunctionCounter.builder("accountd.credential.cache.lookups", cache, CredentialCache::misses).tag("result", "miss")
                .description("credential lookups the cache answered (the rest verify a secret against the store)").register(registry);
    }

    /**
     * Gives every main account without a balance (a store from before balances) the configured opening balance, and
     * refuses a currency other than the store's: prices and balances of one store are in one currency.
     */
    private void openBalances(Config config) {
        Money opening = Money.of(config.initialBalance(), config.currency());
        java.util.Set<String> kept = ledger.currencies();
        if (!kept.isEmpty() && !kept.equals(java.util.Set.of(config.currency()))) {
            throw new Config.InvalidConfig("ACCOUNTD_CURRENCY is " + config.currency() + " but the store's balances are in "
                    + String.join(", ", new java.util.TreeSet<>(kept)) + ": a store keeps the currency it started with");
        }
        int opened = ledger.openMissing(opening);
        if (opened > 0) log.info("opened a balance of {} for {} main accounts that had none", opening, opened);
    }

    /** Opens the store and the services, without serving HTTP (the CLI's operator commands use this). */
    public static Accountd open(Config config, MutableClock clock) {
        return open(config, clock, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    }

    private static Accountd open(Config config, MutableClock clock, PrometheusMeterRegistry metrics) {
        Inventory inventory = inventory(config); // an invalid inventory file stops start-up before the store opens
        PriceTable priceTable = PricesFile.table(config); // and so does an invalid prices file, or a currency without prices
        Database db = openStore(config);
        try {
            SecretBox secrets = SecretBox.load(config.masterKey(), config.dataDir());
            db.verifyMasterKey(secrets.keyCheck());
            Accountd app = new Accountd(db, secrets, config, clock, inventory, priceTable, metrics);
            app.openBalances(config);
            return app;
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    /**
     * The simulated inventory with the operator's blocks. Its built-in blocks are read on first use or by the
     * warm-up; only an inventory file is checked now, so that a bad one stops start-up with one line.
     */
    private static Inventory inventory(Config config) {
        if (config.inventoryFile().isEmpty()) return new Inventory();
        Path file = config.inventoryFile().get();
        try {
            return new Inventory(InventoryFile.read(file));
        } catch (IllegalArgumentException e) {
            throw InventoryFile.invalid(file, e.getMessage());
        }
    }

    private static Database openStore(Config config) {
        if (config.dbUrl().isEmpty()) return Database.openSqlite(config.dataDir());
        String url = config.dbUrl().get();
        if (!url.startsWith("jdbc:postgresql:")) return Database.openSqliteUrl(url);
        try {
            return Database.openPostgres(url);
        } catch (Database.Unreachable e) {
            throw new IllegalStateException("cannot connect to PostgreSQL at " + Config.maskUrl(url) + ": " + e.getMessage(), e);
        }
    }

    /**
     * Opens the store, seeds the first main account if the store is empty, and starts serving. The HTTP server
     * starts listening while the store opens (answering 503 meanwhile): the two take about the same time.
     */
    public static Accountd serve(Config config, MutableClock clock) {
        PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        HttpApi http = new HttpApi(config.trustProxy(), metrics, config.metricsToken(), config.logFormat() == Config.LogFormat.JSON);
        CompletableFuture<Void> listening = CompletableFuture.runAsync(() -> http.start(config.port()));
        Accountd app = null;
        try {
            app = open(config, clock, metrics);
            app.http = http;
            app.seedMainAccount(config);
            app.startJobs(config);
            listening.join();
            http.serve(app.handlers);
            log.info("accountd listening on port {} ({} store)", http.port(),
                    config.dbUrl().filter(u -> u.startsWith("jdbc:postgresql:")).isPresent() ? "PostgreSQL" : "SQLite");
            // on a thread of its own: a clock move waits for the jobs' thread, which must not be busy warming up
            Thread warmUp = new Thread(app::warmUp, "accountd-warm-up");
            warmUp.setDaemon(true);
            warmUp.start();
            return app;
        } catch (RuntimeException e) {
            listening.handle((ok, failed) -> null).join();
            if (app != null) {
                app.close();
            } else {
                http.stop();
            }
            throw e instanceof CompletionException && e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    /**
     * On an empty store, creates the first main account: with ACCOUNTD_MAIN_ACCOUNT_SID/_AUTH_TOKEN, or with fresh
     * credentials that are written to main-account.json <em>before</em> the account exists, so a failed write
     * creates nothing and a start that dies between the two finds the file and creates that same account. Of
     * several nodes starting at once on one empty PostgreSQL, exactly one creates it.
     */
    private void seedMainAccount(Config config) {
        if (accounts.hasAnyAccount()) return;
        if (config.seedMainAccount().isPresent()) {
            Config.SeedCredentials seed = config.seedMainAccount().get();
            accounts.seedFirstMain(seed.accountSid(), new AuthToken(seed.authToken())).ifPresentOrElse(
                    main -> log.info("seeded main account {} from ACCOUNTD_MAIN_ACCOUNT_SID", main.sid()),
                    () -> log.info("the store was seeded by another node meanwhile"));
            return;
        }
        Path file = config.dataDir().resolve(MAIN_ACCOUNT_FILE);
        Optional<Map<String, Object>> earlier = readCredentialsFile(file);
        boolean written = false;
        if (earlier.isEmpty()) {
            String fresh = credentialsJson(Sid.generate(Sid.ACCOUNT), AuthToken.generate(), AccountService.DEFAULT_MAIN_NAME, AccountStatus.ACTIVE);
            // Another process sharing this data directory may write the file first: then its credentials are used.
            written = writeSecretFileUnlessPresent(file, fresh);
            earlier = readCredentialsFile(file);
        }
        Map<String, Object> credentials = earlier.orElseThrow();
        String sid = (String) credentials.get("account_sid");
        Optional<Account> main = accounts.seedFirstMain(sid, new AuthToken((String) credentials.get("auth_token")));
        if (main.isPresent()) {
            log.info("created main account {}; its credentials are in {}", sid, file.toAbsolutePath());
            return;
        }
        if (store.find(sid).isPresent()) {
            log.info("main account {} was created by another process sharing {}; its credentials are in it", sid, file.toAbsolutePath());
            return;
        }
        if (written) {
            try {
                Files.deleteIfExists(file); // this start wrote them, and no account has them
            } catch (IOException e) {
                log.warn("could not remove {}, whose credentials are unused: {}", file, e.getMessage());
            }
        }
        log.info("another node created the store's main account meanwhile; its credentials are where that node wrote them");
    }

    /** The credentials an earlier start wrote before it could create their account; empty when there is no file. */
    private static Optional<Map<String, Object>> readCredentialsFile(Path file) {
        if (!Files.exists(file)) return Optional.empty();
        try {
            Map<String, Object> c = Json.readObject(Files.readString(file));
            if (c.get("account_sid") instanceof String sid && Sid.isValid(sid, Sid.ACCOUNT) && c.get("auth_token") instanceof String) {
                return Optional.of(c);
            }
            throw new IllegalStateException(file + " exists but holds no account_sid and auth_token: remove it or restore it");
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** The JSON the CLI prints and main-account.json holds for a main account. */
    public static String credentialsJson(Account main) {
        return credentialsJson(main.sid(), main.authToken(), main.friendlyName(), main.status());
    }

    private static String credentialsJson(String sid, AuthToken token, String friendlyName, AccountStatus status) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("account_sid", sid);
        v.put("auth_token", token.value());
        v.put("friendly_name", friendlyName);
        v.put("status", status.wire());
        return Json.pretty(v);
    }

    /**
     * Writes a file readable by its owner only, whole or not at all (a hard link to a finished temporary file), unless
     * it exists already. The file and the directory entry are on disk before this returns: an account may be created
     * with these credentials next, and a crash must not leave the account without them.
     *
     * @return whether this call wrote it
     */
    private static boolean writeSecretFileUnlessPresent(Path file, String content) {
        Path dir = file.toAbsolutePath().getParent();
        Path tmp = null;
        try {
            tmp = Files.createTempFile(dir, file.getFileName() + ".", ".tmp", OWNER_ONLY);
            Files.writeString(tmp, content);
            force(tmp, StandardOpenOption.WRITE);
            try {
                Files.createLink(file, tmp);
            } catch (UnsupportedOperationException | FileSystemException e) {
                if (e instanceof FileAlreadyExistsException exists) throw exists;
                // a file system without hard links: create the file exclusively instead (a crash while writing it
                // leaves a torn file, which the next start refuses to read rather than guess)
                log.info("{} does not support hard links ({}); writing {} in place", dir, e.getMessage(), file.getFileName());
                Files.writeString(Files.createFile(file, OWNER_ONLY), content);
                force(file, StandardOpenOption.WRITE);
            }
            forceDirectory(dir);
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        } catch (IOException e) {
            throw new IllegalStateException("cannot write " + file + ": " + e.getMessage(), e);
        } finally {
            try {
                if (tmp != null) Files.deleteIfExists(tmp);
            } catch (IOException e) {
                log.warn("could not remove {}: {}", tmp, e.getMessage());
            }
        }
    }

    private static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));

    private static void force(Path path, StandardOpenOption mode) throws IOException {
        try (FileChannel channel = FileChannel.open(path, mode)) {
            channel.force(true);
        }
    }

    /** Makes a new directory entry durable; where a directory cannot be opened for this (not Linux), the OS decides. */
    private static void forceDirectory(Path dir) {
        try {
            force(dir, StandardOpenOption.READ);
        } catch (IOException e) {
            log.debug("cannot fsync directory {}: {}", dir, e.getMessage());
        }
    }

    private void startJobs(Config config) {
        jobs = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "accountd-jobs");
            t.setDaemon(true);
            return t;
        });
        changeFeed = db.changeFeed(config.dbListenUrl());
        changeFeed.start(new ChangeWatcher(cache, clockService, ledger));
        long every = config.reaperInterval().toMillis();
        jobs.scheduleWithFixedDelay(this::runDueWork, every, every, TimeUnit.MILLISECONDS);
        // the traffic simulation moves calls and messages on in seconds: it has a schedule of its own
        jobs.scheduleWithFixedDelay(this::runTraffic, TRAFFIC_INTERVAL.toMillis(), TRAFFIC_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        outbox.start();
    }

    /**
     * The time-driven work, each part on one node at a time (on PostgreSQL several nodes share the store: an
     * advisory lock per job) and each idempotent, so that running it after a clock jump, after downtime or twice
     * catches up in order and does nothing twice.
     */
    private void runDueWork() {
        guarded("number rental", () -> db.runExclusive("number-rental", rental::chargeDue)).run();
        runTraffic();
        guarded("usage triggers", () -> db.runExclusive("usage-triggers", () -> {
            if (triggers.fireDue() > 0) outbox.wake();
        })).run();
        guarded("closed-account deletion", this::runClosedAccountDeletionJob).run();
        guarded("event pruning", () -> db.runExclusive("event-pruning", this::pruneEvents)).run();
    }

    static final Duration TRAFFIC_INTERVAL = Duration.ofMillis(200);

    /** Moves simulated calls and messages on to what accountd's clock says they are now; wakes the outbox for their callbacks. */
    private void runTraffic() {
        long now = System.nanoTime();
        long last = lastTrafficRun;
        lastTrafficRun = now;
        // how late this run is against its schedule: a busy or stalled job thread shows here first
        if (last != 0) schedulerLag.record(Math.max(0, now - last - TRAFFIC_INTERVAL.toNanos()), TimeUnit.NANOSECONDS);
        guarded("traffic simulation", () -> {
            db.runExclusive("traffic", () -> {
                if (messages.advanceDue() + calls.advanceDue() > 0) outbox.wake();
                spendingLimits.enforce(); // a suspend limit reached by this round's charges suspends its subaccount now
            });
        }).run();
    }

    /**
     * After a move of the manual clock: the work it made due runs now, on the jobs' thread, and the request that
     * moved the clock waits for it (up to {@link #CATCH_UP_WAIT}), so that what a test reads next is what it moved
     * the clock for. A longer catch-up goes on in the background.
     */
    private void catchUp() {
        if (jobs == null) return;
        Future<?> done = jobs.submit(this::runDueWork);
        try {
            done.get(CATCH_UP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            log.info("the clock's catch-up takes longer than {} s; it goes on in the background", CATCH_UP_WAIT.toSeconds());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            log.warn("the clock's catch-up failed; it runs again on schedule", e.getCause());
        }
    }

    static final Duration CATCH_UP_WAIT = Duration.ofSeconds(60);

    /** Loads what the first list or write needs, off the start-up path, so the first such request is not slow. */
    private void warmUp() {
        try {
            store.list(new AccountStore.Listing("AC" + "0".repeat(32), Optional.empty(), Optional.empty(), Optional.empty()),
                    dev.accountd.domain.PageRequest.first(1));
        } catch (RuntimeException e) {
            log.debug("warm-up query failed", e);
        }
        try {
            long started = System.nanoTime();
            inventory.warmUp();
            log.debug("inventory ready in {} ms", (System.nanoTime() - started) / 1_000_000);
        } catch (RuntimeException e) {
            log.warn("the inventory could not be built; searches will try again", e);
        }
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

    /**
     * The scheduled closed-subaccount deletion: runs unless another node sharing the store is running it.
     *
     * @return whether it ran on this node
     */
    public boolean runClosedAccountDeletionJob() {
        return db.runExclusive("closed-account-deletion", this::deleteExpiredClosedSubaccounts);
    }

    /** Runs the event pruning job once (it also runs on its schedule). */
    public int pruneEvents() {
        int pruned = events.prune();
        if (pruned > 0) log.info("pruned {} events older than the retention period", pruned);
        return pruned;
    }

    public AccountService accounts() { return accounts; }

    public BillingService billing() { return billing; }

    public SubaccountControlService subaccountControls() { return subaccountControls; }

    public TokenService tokens() { return tokens; }

    public Authenticator authenticator() { return authenticator; }

    public MutableClock clock() { return clock; }

    /** The prices every family pays (list prices, or its overrides), for billing. */
    public PriceBook prices() { return prices; }

    public int port() { return http.port(); }

    @Override
    public void close() {
        if (http != null) http.stop();
        if (jobs != null) jobs.shutdownNow();
        outbox.close();
        if (changeFeed != null) changeFeed.close();
        db.close();
    }
}
