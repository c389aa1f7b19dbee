package dev.accountd.config;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * accountd's configuration, loaded once: command-line flags override {@code ACCOUNTD_*} environment variables,
 * which override defaults. The only class that reads the environment.
 *
 * @param port HTTP port; 0 picks a free one
 * @param dataDir where the embedded store and the key file live
 * @param dbUrl a {@code jdbc:postgresql://} URL (or a {@code jdbc:sqlite:} one); empty means SQLite in the data directory
 * @param dbListenUrl where the PostgreSQL change feed listens, when not {@code dbUrl}: LISTEN needs a session of its
 *     own, which a transaction-pooling PgBouncer in front of {@code dbUrl} does not give
 * @param seedMainAccount the credentials to seed the first main account with, on an empty store
 * @param masterKey base64 of the 32-byte key that encrypts auth tokens at rest; empty means the key file
 * @param reaperInterval how often closed subaccounts past their retention are deleted (and old events pruned)
 * @param eventRetention how long audit events are kept
 * @param trustProxy whether X-Forwarded-For/-Proto/-Host name the client and the base URL (behind a trusted proxy)
 * @param inventoryFile a JSON file of the operator's own blocks of numbers, added to the simulated inventory
 * @param clock the system clock, or a manual one that moves only when told to ({@code /_accountd/v1/Clock})
 * @param initialBalance the balance a new main account starts with
 * @param currency the ISO 4217 code of every balance and price
 * @param pricesFile a JSON file that overrides or extends the built-in price table
 * @param sandbox whether {@code POST /_accountd/v1/Reset} may wipe the store (CI and local use)
 * @param callSeconds how long a simulated call talks once answered, without a TimeLimit or a simulated destination's
 * @param metricsToken the bearer token /metrics asks for; without one, /metrics answers only loopback peers
 * @param logFormat text (the default) or json: one JSON object per line, with a line per request
 */
public record Config(
        int port,
        Path dataDir,
        Optional<String> dbUrl,
        Optional<String> dbListenUrl,
        Optional<SeedCredentials> seedMainAccount,
        Optional<String> masterKey,
        Duration reaperInterval,
        Duration eventRetention,
        boolean trustProxy,
        Optional<Path> inventoryFile,
        ClockMode clock,
        BigDecimal initialBalance,
        String currency,
        Optional<Path> pricesFile,
        boolean sandbox,
        int callSeconds,
        Optional<String> metricsToken,
        LogFormat logFormat) {

    /** How log lines are written (read by {@code Logging} from the environment, checked here). */
    public enum LogFormat { TEXT, JSON }

    /** Where time comes from. */
    public enum ClockMode { SYSTEM, MANUAL }

    public static final BigDecimal DEFAULT_INITIAL_BALANCE = new BigDecimal("20.00");

    /** Credentials for the first main account; the token is masked in {@link #toString()}. */
    public record SeedCredentials(String accountSid, String authToken) {
        @Override
        public String toString() { return "SeedCredentials[accountSid=" + accountSid + ", authToken=****]"; }
    }

    /** Invalid configuration: start-up stops with this one line. */
    public static final class InvalidConfig extends RuntimeException {
        public InvalidConfig(String message) { super(message); }
    }

    /** Flags given on the command line; null where not given. */
    public record Flags(Integer port, Path dataDir, String dbUrl, String clock, String initialBalance, Path pricesFile,
                        Boolean sandbox) {
        public Flags(Integer port, Path dataDir, String dbUrl) { this(port, dataDir, dbUrl, null, null, null, null); }

        public static Flags none() { return new Flags(null, null, null); }
    }

    public static Config load(Flags flags, Map<String, String> env) {
        int port = flags.port() != null ? flags.port() : parsePort(env.get("ACCOUNTD_PORT"));
        if (port < 0 || port > 65535) throw new InvalidConfig("invalid port " + port + ": expected 0 to 65535");
        Path dataDir = flags.dataDir() != null ? flags.dataDir() : Path.of(env.getOrDefault("ACCOUNTD_DATA_DIR", "./data"));
        Optional<String> dbUrl = Optional.ofNullable(flags.dbUrl() != null ? flags.dbUrl() : blankToNull(env.get("ACCOUNTD_DB_URL")));
        dbUrl.ifPresent(url -> {
            if (!url.startsWith("jdbc:postgresql://") && !url.startsWith("jdbc:sqlite:")) {
                throw new InvalidConfig("invalid --db / ACCOUNTD_DB_URL: expected jdbc:postgresql://... or jdbc:sqlite:...");
            }
        });

        Optional<String> dbListenUrl = Optional.ofNullable(blankToNull(env.get("ACCOUNTD_DB_LISTEN_URL")));
        if (dbListenUrl.isPresent() && (!dbListenUrl.get().startsWith("jdbc:postgresql://")
                || dbUrl.filter(u -> u.startsWith("jdbc:postgresql://")).isEmpty())) {
            throw new InvalidConfig("invalid ACCOUNTD_DB_LISTEN_URL: a jdbc:postgresql://... URL, with a PostgreSQL --db / ACCOUNTD_DB_URL");
        }

        String seedSid = blankToNull(env.get("ACCOUNTD_MAIN_ACCOUNT_SID"));
        String seedToken = blankToNull(env.get("ACCOUNTD_MAIN_AUTH_TOKEN"));
        if ((seedSid == null) != (seedToken == null)) {
            throw new InvalidConfig("set both ACCOUNTD_MAIN_ACCOUNT_SID and ACCOUNTD_MAIN_AUTH_TOKEN, or neither");
        }
        if (seedSid != null && !seedSid.matches("^AC[0-9a-f]{32}$")) {
            throw new InvalidConfig("invalid ACCOUNTD_MAIN_ACCOUNT_SID: expected AC followed by 32 lowercase hex digits");
        }
        if (seedToken != null && !seedToken.matches("^[\\x21-\\x7e]{8,128}$")) {
            throw new InvalidConfig("invalid ACCOUNTD_MAIN_AUTH_TOKEN: expected 8 to 128 printable characters without spaces");
        }
        Optional<SeedCredentials> seed = seedSid == null ? Optional.empty() : Optional.of(new SeedCredentials(seedSid, seedToken));

        Optional<String> masterKey = Optional.ofNullable(blankToNull(env.get("ACCOUNTD_MASTER_KEY")));
        Duration reaperInterval = Duration.ofSeconds(parsePositive("ACCOUNTD_REAPER_INTERVAL_SECONDS",
                env.getOrDefault("ACCOUNTD_REAPER_INTERVAL_SECONDS", "60")));
        Duration eventRetention = Duration.ofDays(parsePositive("ACCOUNTD_EVENT_RETENTION_DAYS",
                env.getOrDefault("ACCOUNTD_EVENT_RETENTION_DAYS", "30")));
        String trust = env.getOrDefault("ACCOUNTD_TRUST_PROXY", "false").trim();
        if (!trust.equals("true") && !trust.equals("false")) {
            throw new InvalidConfig("invalid ACCOUNTD_TRUST_PROXY '" + trust + "': expected true or false");
        }
        Optional<Path> inventoryFile = Optional.ofNullable(blankToNull(env.get("ACCOUNTD_INVENTORY_FILE"))).map(Path::of);
        ClockMode clock = clockMode(flags.clock() != null ? flags.clock() : env.getOrDefault("ACCOUNTD_CLOCK", "system"));
        BigDecimal initialBalance = amount(flags.initialBalance() != null ? flags.initialBalance()
                : env.getOrDefault("ACCOUNTD_INITIAL_BALANCE", DEFAULT_INITIAL_BALANCE.toPlainString()));
        String currency = currency(env.getOrDefault("ACCOUNTD_CURRENCY", "USD"));
        Optional<Path> pricesFile = Optional.ofNullable(flags.pricesFile())
                .or(() -> Optional.ofNullable(blankToNull(env.get("ACCOUNTD_PRICES"))).map(Path::of));
        boolean sandbox = flags.sandbox() != null ? flags.sandbox() : bool("ACCOUNTD_SANDBOX", env.getOrDefault("ACCOUNTD_SANDBOX", "false"));
        long callSeconds = parsePositive("ACCOUNTD_CALL_SECONDS", env.getOrDefault("ACCOUNTD_CALL_SECONDS", "60"));
        if (callSeconds > 14400) throw new InvalidConfig("invalid ACCOUNTD_CALL_SECONDS '" + callSeconds + "': at most 14400 (4 hours, Twilio's longest call)");
        Optional<String> metricsToken = Optional.ofNullable(blankToNull(env.get("ACCOUNTD_METRICS_TOKEN")));
        LogFormat logFormat = switch (env.getOrDefault("ACCOUNTD_LOG_FORMAT", "text").trim().toLowerCase(java.util.Locale.ROOT)) {
            case "text" -> LogFormat.TEXT;
            case "json" -> LogFormat.JSON;
            default -> throw new InvalidConfig("invalid ACCOUNTD_LOG_FORMAT '" + env.get("ACCOUNTD_LOG_FORMAT") + "': expected text or json");
        };
        return new Config(port, dataDir, dbUrl, dbListenUrl, seed, masterKey, reaperInterval, eventRetention, trust.equals("true"), inventoryFile,
                clock, initialBalance, currency, pricesFile, sandbox, (int) callSeconds, metricsToken, logFormat);
    }

    private static ClockMode clockMode(String value) {
        return switch (value.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "system" -> ClockMode.SYSTEM;
            case "manual" -> ClockMode.MANUAL;
            default -> throw new InvalidConfig("invalid --clock / ACCOUNTD_CLOCK '" + value + "': expected system or manual");
        };
    }

    /** A non-negative amount with at most two decimal places, as balances are paid in. */
    private static BigDecimal amount(String value) {
        try {
            BigDecimal a = new BigDecimal(value.trim());
            if (a.signum() >= 0 && a.stripTrailingZeros().scale() <= 2 && a.compareTo(new BigDecimal("1000000000")) < 0) {
                return a.setScale(2);
            }
        } catch (NumberFormatException e) {
            // fall through to the message below
        }
        throw new InvalidConfig("invalid --initial-balance / ACCOUNTD_INITIAL_BALANCE '" + value
                + "': expected an amount such as 20.00 (at least 0, at most two decimal places)");
    }

    private static String currency(String value) {
        String code = value.trim();
        try {
            if (code.matches("[A-Z]{3}") && java.util.Currency.getInstance(code) != null) return code;
        } catch (IllegalArgumentException e) {
            // fall through to the message below
        }
        throw new InvalidConfig("invalid ACCOUNTD_CURRENCY '" + value + "': expected an upper-case ISO 4217 code such as USD");
    }

    private static boolean bool(String name, String value) {
        return switch (value.trim()) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new InvalidConfig("invalid " + name + " '" + value + "': expected true or false");
        };
    }

    private static int parsePort(String value) {
        if (value == null || value.isBlank()) return 8080;
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new InvalidConfig("invalid ACCOUNTD_PORT '" + value + "': expected a number from 0 to 65535");
        }
    }

    private static long parsePositive(String name, String value) {
        try {
            long n = Long.parseLong(value.trim());
            if (n > 0) return n;
        } catch (NumberFormatException e) {
            // fall through to the message below
        }
        throw new InvalidConfig("invalid " + name + " '" + value + "': expected a positive whole number");
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    @Override
    public String toString() {
        return "Config[port=" + port + ", dataDir=" + dataDir + ", dbUrl=" + dbUrl.map(Config::maskUrl).orElse("(embedded)")
                + dbListenUrl.map(u -> ", dbListenUrl=" + maskUrl(u)).orElse("")
                + ", seedMainAccount=" + seedMainAccount + ", masterKey=" + (masterKey.isPresent() ? "****" : "(key file)")
                + ", reaperInterval=" + reaperInterval + ", eventRetention=" + eventRetention + ", trustProxy=" + trustProxy
                + ", inventoryFile=" + inventoryFile.map(Path::toString).orElse("(none)") + ", clock=" + clock
                + ", initialBalance=" + initialBalance.toPlainString() + " " + currency + ", callSeconds=" + callSeconds
                + ", pricesFile=" + pricesFile.map(Path::toString).orElse("(built-in)") + ", sandbox=" + sandbox
                + ", metricsToken=" + metricsToken.map(t -> "****").orElse("(none: loopback only)") + ", logFormat=" + logFormat + "]";
    }

    /** A JDBC URL fit for a log line: its password, in the query or the authority, replaced by ****. */
    public static String maskUrl(String url) {
        return url.replaceAll("(?i)(password=)[^&]*", "$1****").replaceAll("//([^:/@]+):[^@/]*@", "//$1:****@");
    }
}
