package dev.accountd.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.accountd.domain.Account;
import dev.accountd.domain.AccountChange;
import dev.accountd.domain.AccountStatus;
import dev.accountd.domain.KeyKind;
import dev.accountd.error.ErrorCode;
import dev.accountd.error.TwilioException;
import dev.accountd.store.SecretBox;
import dev.accountd.store.jdbc.Database;
import dev.accountd.store.jdbc.JdbcAccountStore;
import dev.accountd.store.jdbc.JdbcConsoleSessionStore;
import dev.accountd.store.jdbc.JdbcKeyStore;
import dev.accountd.store.jdbc.JdbcTestCredentialStore;
import dev.accountd.support.TestStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Console sessions on a real store: how they start, what ends them, and whom they may show. */
class ConsoleSessionServiceTest {
    private static final String IP = "127.0.0.1";

    TestStore testStore;
    Database db;
    MutableClock wall;
    ConsoleSessionService sessions;
    AccountService accounts;
    TokenService tokens;
    KeyService keys;
    Account main;
    Caller mainCaller;

    @BeforeEach
    void open() {
        testStore = TestStore.fresh();
        db = testStore.open();
        SecretBox secrets = SecretBox.load(Optional.empty(), testStore.dataDir());
        CredentialCache cache = new CredentialCache();
        CachedAccountStore store = new CachedAccountStore(new JdbcAccountStore(db, secrets), cache);
        wall = new MutableClock(Clock.systemUTC());
        wall.standAt(Instant.parse("2026-12-02T09:00:00Z"));
        Auditor auditor = new Auditor(wall);
        JdbcKeyStore keyStore = new JdbcKeyStore(db, store);
        Authenticator authenticator = new Authenticator(store, keyStore, secrets, cache, new LoginThrottle(wall),
                new TestCredentials(store, new JdbcTestCredentialStore(db), secrets, wall));
        sessions = new ConsoleSessionService(authenticator, store, keyStore, new JdbcConsoleSessionStore(db), wall);
        accounts = new AccountService(store, auditor, wall);
        tokens = new TokenService(store, auditor, wall);
        keys = new KeyService(store, keyStore, secrets, cache, auditor, wall);
        main = accounts.createMain(Optional.empty(), Optional.empty(), Optional.empty(), 1000);
        mainCaller = Caller.withAuthToken(main.sid(), main.sid());
    }

    @AfterEach
    void close() {
        if (db != null) db.close();
        if (testStore != null) testStore.close();
    }

    private String signInAsMain() { return sessions.signIn(main.sid(), main.authToken().value(), IP).cookie(); }

    @Test
    void aSessionIsFoundByItsCookieAndActsAsTheCredentialsThatOpenedIt() {
        ConsoleSessionService.Opened opened = sessions.signIn(main.sid(), main.authToken().value(), IP);
        ConsoleSessionService.Signed signed = sessions.resume(opened.cookie(), IP).orElseThrow();
        assertEquals(main.sid(), signed.caller().accountSid());
        assertTrue(signed.caller().isMainAuthToken());
        assertEquals(main.sid(), signed.acting().sid());
        assertNotEquals(opened.cookie(), signed.idHash(), "the store keeps a hash of the cookie, not the cookie");
        assertTrue(sessions.resume("not-a-session", IP).isEmpty());
    }

    @Test
    void wrongCredentialsOpenNoSession() {
        TwilioException e = assertThrows(TwilioException.class, () -> sessions.signIn(main.sid(), "wrong", IP));
        assertEquals(ErrorCode.AUTHENTICATE, e.errorCode());
    }

    @Test
    void aSessionEndsAfterThirtyIdleMinutesAndAfterTwelveHoursWhateverItsUse() {
        String idle = signInAsMain();
        wall.advance(ConsoleSessionService.IDLE.plusSeconds(1));
        assertTrue(sessions.resume(idle, IP).isEmpty(), "idle for more than 30 minutes");

        String busy = signInAsMain();
        for (Duration used = Duration.ZERO; used.compareTo(ConsoleSessionService.LIFETIME) < 0; used = used.plusMinutes(20)) {
            assertTrue(sessions.resume(busy, IP).isPresent(), "in use every 20 minutes, at " + used);
            wall.advance(Duration.ofMinutes(20));
        }
        assertTrue(sessions.resume(busy, IP).isEmpty(), "12 hours after sign-in, however busy");
    }

    @Test
    void promotingASecondaryTokenEndsTheSessionsOpenedWithTheOldPrimary() {
        String withOldPrimary = signInAsMain();
        Account withSecondary = tokens.createSecondary(mainCaller);
        String withSecondaryToken = sessions.signIn(main.sid(), withSecondary.secondaryAuthToken().orElseThrow().value(), IP).cookie();
        assertTrue(sessions.resume(withOldPrimary, IP).isPresent(), "a secondary token leaves the primary's sessions alone");

        tokens.promote(mainCaller);
        assertTrue(sessions.resume(withOldPrimary, IP).isEmpty(), "the old primary is no token of the account any more");
        assertTrue(sessions.resume(withSecondaryToken, IP).isPresent(), "the promoted token's session goes on");
    }

    @Test
    void deletingAnApiKeyEndsItsSessions() {
        KeyService.NewKey key = keys.create(mainCaller, main.sid(), KeyKind.STANDARD, Optional.of("console"));
        String cookie = sessions.signIn(key.key().sid(), key.secret().value(), IP).cookie();
        ConsoleSessionService.Signed signed = sessions.resume(cookie, IP).orElseThrow();
        assertTrue(signed.caller().isApiKey());
        keys.delete(mainCaller, main.sid(), KeyKind.STANDARD, key.key().sid());
        assertTrue(sessions.resume(cookie, IP).isEmpty());
    }

    @Test
    void aSuspendedSubaccountsSessionsEndAtOnce() {
        Account sub = accounts.createSubaccount(mainCaller, Optional.of("customer"));
        String cookie = sessions.signIn(sub.sid(), sub.authToken().value(), IP).cookie();
        assertTrue(sessions.resume(cookie, IP).isPresent());
        accounts.update(mainCaller, sub.sid(), new AccountChange(Optional.empty(), Optional.of(AccountStatus.SUSPENDED)));
        assertTrue(sessions.resume(cookie, IP).isEmpty());
    }

    @Test
    void aMainAccountSwitchesToItsOwnSubaccountsOnly() {
        Account sub = accounts.createSubaccount(mainCaller, Optional.of("customer"));
        Account otherMain = accounts.createMain(Optional.empty(), Optional.empty(), Optional.empty(), 1000);
        String cookie = signInAsMain();
        ConsoleSessionService.Signed signed = sessions.resume(cookie, IP).orElseThrow();

        sessions.switchTo(signed, sub.sid());
        ConsoleSessionService.Signed switched = sessions.resume(cookie, IP).orElseThrow();
        assertEquals(sub.sid(), switched.acting().sid());
        assertTrue(switched.actingAsOther());
        assertEquals(main.sid(), switched.caller().accountSid(), "the credentials stay the main account's");

        TwilioException e = assertThrows(TwilioException.class, () -> sessions.switchTo(switched, otherMain.sid()));
        assertEquals(ErrorCode.AUTHENTICATE, e.errorCode(), "another family's account is answered as bad credentials, as on the API");

        String subCookie = sessions.signIn(sub.sid(), sub.authToken().value(), IP).cookie();
        ConsoleSessionService.Signed subSession = sessions.resume(subCookie, IP).orElseThrow();
        assertThrows(TwilioException.class, () -> sessions.switchTo(subSession, main.sid()), "a subaccount sees only itself");
        assertFalse(sessions.resume(subCookie, IP).orElseThrow().actingAsOther());
    }

    @Test
    void signingOutEndsTheSession() {
        String cookie = signInAsMain();
        sessions.signOut(sessions.resume(cookie, IP).orElseThrow());
        assertTrue(sessions.resume(cookie, IP).isEmpty());
    }
}
