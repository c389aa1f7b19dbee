package dev.accountd.it;

import static dev.accountd.support.RawHttp.basic;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.twilio.exception.ApiException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.accounts.v1.AuthTokenPromotion;
import com.twilio.rest.accounts.v1.SecondaryAuthToken;
import com.twilio.rest.api.v2010.Account;
import com.twilio.rest.api.v2010.account.Key;
import com.twilio.rest.api.v2010.account.NewKey;
import com.twilio.rest.api.v2010.account.NewSigningKey;
import dev.accountd.support.RawHttp.Reply;
import dev.accountd.support.Cli;
import dev.accountd.support.TestServer;
import dev.accountd.support.TestStore;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Secrets at rest and in logs: after a scenario that issues auth tokens, secondary tokens, key secrets and bulk
 * rotations (over HTTP and from the CLI), none of those secrets is found in any file of the data directory (the
 * SQLite database, its WAL and shared memory, master.key), in any table of the store (PostgreSQL run), or in
 * anything the server logged. Each secret is looked for as written, in Base64 and hex, and inside a Basic
 * Authorization header value.
 *
 * <p>Logs are captured twice: a tee on System.err (where the shipped logback.xml's ConsoleAppender writes) and an
 * appender added to the root logger, with accountd's own loggers turned up to TRACE for the scenario so that no
 * level of the server's own logging may carry a secret either.
 */
class SecretsIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A secret the server issued (or was given), with the SID it authenticates, for the Basic-header form. */
    record Secret(String what, String sid, String value) {
        List<byte[]> forms() {
            byte[] raw = value.getBytes(StandardCharsets.UTF_8);
            byte[] basic = (sid + ":" + value).getBytes(StandardCharsets.UTF_8);
            return List.of(
                    raw,
                    Base64.getEncoder().withoutPadding().encodeToString(raw).getBytes(StandardCharsets.US_ASCII),
                    Base64.getUrlEncoder().withoutPadding().encodeToString(raw).getBytes(StandardCharsets.US_ASCII),
                    HexFormat.of().formatHex(raw).getBytes(StandardCharsets.US_ASCII),
                    HexFormat.of().withUpperCase().formatHex(raw).getBytes(StandardCharsets.US_ASCII),
                    Base64.getEncoder().withoutPadding().encodeToString(basic).getBytes(StandardCharsets.US_ASCII));
        }

        @Override
        public String toString() { return what + " (" + value.substring(0, Math.min(4, value.length())) + "…)"; }
    }

    @Test
    void noIssuedSecret_isFoundInTheDataDirectory_theStore_orTheLogs() throws Exception {
        String marker = "secrets-it-marker-" + UUID.randomUUID();
        List<Secret> secrets = new ArrayList<>();
        secrets.add(new Secret("seeded main auth token", TestServer.MAIN_SID, TestServer.MAIN_TOKEN));
        StringBuilder cliStderr = new StringBuilder();
        Map<String, byte[]> whileRunning;
        Map<String, byte[]> afterStop;
        String logs;

        LogCapture capture = LogCapture.start();
        TestServer server = null;
        try {
            server = TestServer.start();
            scenario(server, secrets, marker, cliStderr);
            whileRunning = storeContents(server);
            server.stop();
            afterStop = storeContents(server);
        } finally {
            logs = capture.stop() + cliStderr;
            if (server != null) server.close();
        }

        assertTrue(logs.contains("accountd listening on port"), "the log capture works: " + logs.length() + " characters");
        assertTrue(contains(afterStop, marker.getBytes(StandardCharsets.UTF_8)) || contains(whileRunning, marker.getBytes(StandardCharsets.UTF_8)),
                "the search reads the stored data: a FriendlyName written in the scenario is found in " + afterStop.keySet());
        assertTrue(secrets.size() >= 15, "the scenario issued its secrets: " + secrets.size());

        List<String> leaks = new ArrayList<>();
        byte[] logBytes = logs.getBytes(StandardCharsets.UTF_8);
        for (Secret s : secrets) {
            for (byte[] form : s.forms()) {
                if (indexOf(logBytes, form) >= 0) leaks.add(s + " in the log output as '" + new String(form, StandardCharsets.UTF_8) + "'");
                for (var stored : List.of(whileRunning, afterStop)) {
                    stored.forEach((where, bytes) -> {
                        if (indexOf(bytes, form) >= 0) leaks.add(s + " in " + where + " as '" + new String(form, StandardCharsets.UTF_8) + "'");
                    });
                }
            }
        }
        assertEquals(List.of(), leaks.stream().distinct().toList());
    }

    /** Issues every kind of secret, uses each, and leaves some revoked. */
    private static void scenario(TestServer server, List<Secret> secrets, String marker, StringBuilder cliStderr) throws Exception {
        TwilioRestClient main = server.mainClient();

        Account sub = Account.creator().setFriendlyName(marker).create(main);
        secrets.add(new Secret("subaccount token", sub.getSid(), sub.getAuthToken()));
        TwilioRestClient subClient = server.client(sub.getSid(), sub.getAuthToken());
        Account.fetcher(sub.getSid()).fetch(subClient);

        String first = SecondaryAuthToken.creator().create(subClient).getSecondaryAuthToken();
        secrets.add(new Secret("secondary token", sub.getSid(), first));
        Account.fetcher(sub.getSid()).fetch(server.client(sub.getSid(), first));
        String second = SecondaryAuthToken.creator().create(subClient).getSecondaryAuthToken();
        secrets.add(new Secret("replacing secondary token", sub.getSid(), second));
        String promoted = AuthTokenPromotion.updater().update(subClient).getAuthToken();
        assertEquals(second, promoted);
        TwilioRestClient promotedClient = server.client(sub.getSid(), promoted);
        String third = SecondaryAuthToken.creator().create(promotedClient).getSecondaryAuthToken();
        secrets.add(new Secret("deleted secondary token", sub.getSid(), third));
        SecondaryAuthToken.deleter().delete(promotedClient);
        refused(() -> Account.fetcher(sub.getSid()).fetch(server.client(sub.getSid(), sub.getAuthToken())), "the demoted token");
        refused(() -> Account.fetcher(sub.getSid()).fetch(server.client(sub.getSid(), third)), "the deleted secondary");

        String mainSecondary = SecondaryAuthToken.creator().create(main).getSecondaryAuthToken();
        secrets.add(new Secret("main's secondary token", TestServer.MAIN_SID, mainSecondary));
        SecondaryAuthToken.deleter().delete(main);

        NewKey mainKey = NewKey.creator(TestServer.MAIN_SID).setFriendlyName("secrets main key").create(main);
        secrets.add(new Secret("main's API key secret", mainKey.getSid(), mainKey.getSecret()));
        NewKey subKey = NewKey.creator(sub.getSid()).create(promotedClient);
        secrets.add(new Secret("subaccount's API key secret", subKey.getSid(), subKey.getSecret()));
        NewKey deletedKey = NewKey.creator(sub.getSid()).create(main);
        secrets.add(new Secret("deleted API key secret", deletedKey.getSid(), deletedKey.getSecret()));
        NewSigningKey signing = NewSigningKey.creator(sub.getSid()).create(main);
        secrets.add(new Secret("signing key secret", signing.getSid(), signing.getSecret()));

        Account.fetcher(TestServer.MAIN_SID).fetch(server.client(mainKey.getSid(), mainKey.getSecret()));
        Account.fetcher(sub.getSid()).fetch(server.client(subKey.getSid(), subKey.getSecret()));
        Account.fetcher(sub.getSid()).fetch(server.client(deletedKey.getSid(), deletedKey.getSecret()));
        Key.deleter(sub.getSid(), deletedKey.getSid()).delete(main);
        refused(() -> Account.fetcher(sub.getSid()).fetch(server.client(deletedKey.getSid(), deletedKey.getSecret())), "the deleted key");
        refused(() -> Account.fetcher(sub.getSid()).fetch(server.client(signing.getSid(), signing.getSecret())), "the signing key");

        var family = server.app().accounts().createMain(java.util.Optional.of("secrets family"), java.util.Optional.empty(),
                java.util.Optional.empty(), 10);
        secrets.add(new Secret("operator-created main token", family.sid(), family.authToken().value()));
        TwilioRestClient familyMain = server.client(family.sid(), family.authToken().value());
        List<Account> familySubs = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Account s = Account.creator().create(familyMain);
            familySubs.add(s);
            secrets.add(new Secret("family subaccount token", s.getSid(), s.getAuthToken()));
        }
        SecondaryAuthToken.creator().create(server.client(familySubs.get(0).getSid(), familySubs.get(0).getAuthToken()));

        Reply rotation = server.raw().post("/_accountd/v1/AuthTokens/RotateSubaccounts", basic(family.sid(), family.authToken().value()), "");
        assertEquals(200, rotation.status(), rotation.body());
        for (JsonNode r : rotation.json().get("rotated")) {
            secrets.add(new Secret("token from HTTP bulk rotation", r.get("account_sid").asText(), r.get("auth_token").asText()));
        }
        refused(() -> Account.fetcher(familySubs.get(1).getSid())
                .fetch(server.client(familySubs.get(1).getSid(), familySubs.get(1).getAuthToken())), "a rotated-out token");

        Cli.Run run = Cli.against(server, "tokens", "rotate", "--all-subaccounts-of", family.sid());
        cliStderr.append(run.err());
        assertEquals(0, run.exit(), run.err());
        // stdout is the command's product (the new tokens, for the operator); its stderr counts as log output
        for (JsonNode r : JSON.readTree(run.out()).get("rotated")) {
            secrets.add(new Secret("token from CLI rotation", r.get("account_sid").asText(), r.get("auth_token").asText()));
        }
    }

    private static void refused(Runnable call, String what) {
        try {
            call.run();
        } catch (ApiException e) {
            assertEquals(20003, e.getCode(), what + ": " + e.getMessage());
            return;
        }
        throw new AssertionError(what + " still authenticates");
    }

    // ---- where secrets could be at rest ----------------------------------------------------------------------

    /** Every file of the data directory, and on PostgreSQL every row of every table, as bytes by location. */
    private static Map<String, byte[]> storeContents(TestServer server) throws Exception {
        Map<String, byte[]> contents = new LinkedHashMap<>();
        try (Stream<Path> files = Files.walk(server.dataDir())) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                try {
                    contents.put(f.toString(), Files.readAllBytes(f));
                } catch (NoSuchFileException gone) {
                    // a WAL or journal file removed while walking
                }
            }
        }
        if (TestStore.postgres() && server.store().dbUrl().isPresent()) contents.putAll(dumpTables(server.store().dbUrl().get()));
        return contents;
    }

    private static Map<String, byte[]> dumpTables(String url) throws Exception {
        Map<String, byte[]> tables = new LinkedHashMap<>();
        try (Connection c = DriverManager.getConnection(url)) {
            List<String> names = new ArrayList<>();
            try (ResultSet rs = c.getMetaData().getTables(null, "public", "%", new String[] {"TABLE"})) {
                while (rs.next()) names.add(rs.getString("TABLE_NAME"));
            }
            for (String table : names) {
                ByteArrayOutputStream rows = new ByteArrayOutputStream();
                try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT * FROM \"" + table + "\"")) {
                    ResultSetMetaData md = rs.getMetaData();
                    while (rs.next()) {
                        for (int i = 1; i <= md.getColumnCount(); i++) {
                            int type = md.getColumnType(i);
                            if (type == Types.BINARY || type == Types.VARBINARY || type == Types.LONGVARBINARY || type == Types.BLOB) {
                                byte[] b = rs.getBytes(i);
                                if (b != null) rows.write(b);
                            } else {
                                String s = rs.getString(i);
                                if (s != null) rows.write(s.getBytes(StandardCharsets.UTF_8));
                            }
                            rows.write('\t');
                        }
                        rows.write('\n');
                    }
                }
                tables.put("PostgreSQL table " + table, rows.toByteArray());
            }
        }
        return tables;
    }

    private static boolean contains(Map<String, byte[]> contents, byte[] needle) {
        return contents.values().stream().anyMatch(b -> indexOf(b, needle) >= 0);
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) continue outer;
            }
            return i;
        }
        return -1;
    }

    // ---- log capture -----------------------------------------------------------------------------------------

    /** Tees System.err and adds an appender to logback's root logger; accountd's loggers go to TRACE meanwhile. */
    private static final class LogCapture {
        private final PrintStream originalErr;
        private final ByteArrayOutputStream teed = new ByteArrayOutputStream();
        private final ByteArrayOutputStream appended = new ByteArrayOutputStream();
        private final OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();
        private final ch.qos.logback.classic.Logger accountd;
        private final Level accountdLevel;

        private LogCapture() {
            originalErr = System.err;
            OutputStream tee = new OutputStream() {
                @Override public void write(int b) {
                    synchronized (teed) { teed.write(b); }
                    originalErr.write(b);
                }

                @Override public void write(byte[] b, int off, int len) {
                    synchronized (teed) { teed.write(b, off, len); }
                    originalErr.write(b, off, len);
                }

                @Override public void flush() { originalErr.flush(); }
            };
            System.setErr(new PrintStream(tee, true, StandardCharsets.UTF_8));

            LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
            PatternLayoutEncoder encoder = new PatternLayoutEncoder();
            encoder.setContext(context);
            encoder.setPattern("%d %level [%thread] %logger %mdc - %msg%n%ex{full}");
            encoder.start();
            appender.setContext(context);
            appender.setName("secrets-it-capture");
            appender.setEncoder(encoder);
            appender.setOutputStream(new OutputStream() {
                @Override public void write(int b) { synchronized (appended) { appended.write(b); } }

                @Override public void write(byte[] b, int off, int len) { synchronized (appended) { appended.write(b, off, len); } }
            });
            appender.start();
            context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(appender);
            accountd = context.getLogger("dev.accountd");
            accountdLevel = accountd.getLevel();
            accountd.setLevel(Level.TRACE);
        }

        static LogCapture start() { return new LogCapture(); }

        /** Restores System.err and the logger configuration; returns everything captured. */
        String stop() {
            accountd.setLevel(accountdLevel);
            LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
            context.getLogger(Logger.ROOT_LOGGER_NAME).detachAppender(appender);
            appender.stop();
            System.err.flush();
            System.setErr(originalErr);
            String viaAppender;
            String viaStderr;
            synchronized (appended) { viaAppender = appended.toString(StandardCharsets.UTF_8); }
            synchronized (teed) { viaStderr = teed.toString(StandardCharsets.UTF_8); }
            return viaAppender + "\n" + viaStderr;
        }
    }
}
