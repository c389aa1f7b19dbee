package dev.accountd.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.accountd.domain.Account;
import dev.accountd.domain.AccountStatus;
import dev.accountd.domain.AuthToken;
import dev.accountd.error.ErrorCode;
import dev.accountd.error.TwilioException;
import dev.accountd.domain.AccountChange;
import dev.accountd.store.SecretBox;
import dev.accountd.store.jdbc.Database;
import dev.accountd.store.jdbc.JdbcAccountStore;
import dev.accountd.store.jdbc.JdbcKeyStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import dev.accountd.support.TestStore;

/** The account rules on a real, freshly migrated SQLite store. */
class AccountServiceTest {
    TestStore testStore;
    Path dir;
    Database db;
    AccountService service;
    Authenticator auth;
    Account main;
    Caller mainCaller;

    @BeforeEach
    void open() {
        testStore = TestStore.fresh();
        dir = testStore.dataDir();
        db = testStore.open();
        SecretBox secrets = SecretBox.load(Optional.empty(), dir);
        CredentialCache cache = new CredentialCache();
        CachedAccountStore store = new CachedAccountStore(new JdbcAccountStore(db, secrets), cache);
        Clock clock = Clock.fixed(Instant.parse("2026-11-23T21:58:00Z"), ZoneOffset.UTC);
        service = new AccountService(store, new Auditor(clock), clock);
        auth = new Authenticator(store, new JdbcKeyStore(db, store), secrets, cache, new LoginThrottle(clock),
                new dev.accountd.service.TestCredentials(store, new dev.accountd.store.jdbc.JdbcTestCredentialStore(db), secrets, clock));
        main = service.createMain(Optional.empty(), Optional.empty(), Optional.empty(), 1000);
        mainCaller = Caller.withAuthToken(main.sid(), main.sid());
    }

    @AfterEach
    void close() {
        // Both are null when the PostgreSQL pass was skipped (no server) before they were opened.
        if (db != null) db.close();
        if (testStore != null) testStore.close();
    }

    static ErrorCode code(Runnable r) {
        return assertThrows(TwilioException.class, r::run).errorCode();
    }

    @Test
    void defaultFriendlyName_followsTwiliosPattern() {
        assertEquals("SubAccount Created at 2026-11-23 21:58 pm", service.createSubaccount(mainCaller, Optional.empty()).friendlyName());
    }

    @Test
    void authentication_followsTokenAndStatus_cachedOrNot() {
        Account sub = service.createSubaccount(mainCaller, Optional.of("s"));
        String token = sub.authToken().value();
        assertEquals(sub.sid(), auth.authenticate(sub.sid(), token, "127.0.0.1").accountSid());
        assertEquals(sub.sid(), auth.authenticate(sub.sid(), token, "127.0.0.1").accountSid(), "from the cache");
        assertEquals(ErrorCode.AUTHENTICATE, code(() -> auth.authenticate(sub.sid(), token + "x", "127.0.0.1")));

        service.update(mainCaller, sub.sid(), new AccountChange(Optional.empty(), Optional.of(AccountStatus.SUSPENDED)));
        assertEquals(ErrorCode.AUTHENTICATE, code(() -> auth.authenticate(sub.sid(), token, "127.0.0.1")));
        service.update(mainCaller, sub.sid(), new AccountChange(Optional.empty(), Optional.of(AccountStatus.ACTIVE)));
        assertEquals(sub.sid(), auth.authenticate(sub.sid(), token, "127.0.0.1").accountSid());
    }

    @Test
    void operatorSuspension_ofTheMain_refusesTheWholeFamily() {
        Account sub = service.createSubaccount(mainCaller, Optional.of("s"));
        auth.authenticate(sub.sid(), sub.authToken().value(), "127.0.0.1");
        service.setMainStatus(main.sid(), AccountStatus.SUSPENDED);
        assertEquals(ErrorCode.AUTHENTICATE, code(() -> auth.authenticate(sub.sid(), sub.authToken().value(), "127.0.0.1")));
        assertEquals(ErrorCode.AUTHENTICATE, code(() -> auth.authenticate(main.sid(), main.authToken().value(), "127.0.0.1")));
        assertThrows(IllegalArgumentException.class, () -> service.setMainStatus(main.sid(), AccountStatus.CLOSED));
    }

    @Test
    void rulesOfTheHierarchy() {
        Account sub = service.createSubaccount(mainCaller, Optional.of("s"));
        Caller subCaller = Caller.withAuthToken(sub.sid(), main.sid());
        assertEquals(ErrorCode.SUBACCOUNTS_CANNOT_OWN_SUBACCOUNTS, code(() -> service.createSubaccount(subCaller, Optional.empty())));
        assertEquals(ErrorCode.AUTHENTICATE, code(() -> service.fetch(subCaller, main.sid())));
        assertEquals(ErrorCode.FORBIDDEN, code(() -> service.update(subCaller, sub.sid(), new AccountChange(Optional.empty(), Optional.of(AccountStatus.CLOSED)))));
        assertEquals(ErrorCode.FORBIDDEN, code(() -> service.update(mainCaller, main.sid(), new AccountChange(Optional.empty(), Optional.of(AccountStatus.SUSPENDED)))));
        assertEquals(ErrorCode.NOT_FOUND, code(() -> service.fetch(mainCaller, "AC" + "0".repeat(32))));
        assertEquals(ErrorCode.INVALID_FRIENDLY_NAME, code(() -> service.createSubaccount(mainCaller, Optional.of("n".repeat(65)))));
    }

    @Test
    void aStatusChange_isDecidedByTheStoredRow_notByAnotherNodesCachedCopy() {
        // a second node: its own cache over the same store, which has read the subaccount while it was active
        CredentialCache otherCache = new CredentialCache();
        AccountService otherNode = new AccountService(new CachedAccountStore(new JdbcAccountStore(db, SecretBox.load(Optional.empty(), dir)),
                otherCache), new Auditor(Clock.systemUTC()), Clock.systemUTC());
        Account sub = service.createSubaccount(mainCaller, Optional.of("s"));
        assertEquals(AccountStatus.ACTIVE, otherNode.fetch(mainCaller, sub.sid()).status());

        service.update(mainCaller, sub.sid(), new AccountChange(Optional.empty(), Optional.of(AccountStatus.SUSPENDED)));
        Account reactivated = otherNode.update(mainCaller, sub.sid(), new AccountChange(Optional.empty(), Optional.of(AccountStatus.ACTIVE)));

        assertEquals(AccountStatus.ACTIVE, reactivated.status());
        assertEquals(AccountStatus.ACTIVE, service.fetch(mainCaller, sub.sid()).status());
    }

    @Test
    void closure_isPermanent() {
        Account sub = service.createSubaccount(mainCaller, Optional.of("s"));
        service.update(mainCaller, sub.sid(), new AccountChange(Optional.empty(), Optional.of(AccountStatus.CLOSED)));
        assertEquals(ErrorCode.ACCOUNT_CLOSED, code(() -> service.update(mainCaller, sub.sid(), new AccountChange(Optional.empty(), Optional.of(AccountStatus.ACTIVE)))));
        assertTrue(service.fetch(mainCaller, sub.sid()).dateClosed().isPresent());
    }

    @Test
    void seededCredentials_areUsedExactly() {
        Account seeded = service.createMain(Optional.of("seeded"), Optional.of("AC" + "5".repeat(32)), Optional.of(new AuthToken("seed-token-1")), 5);
        assertEquals("AC" + "5".repeat(32), auth.authenticate(seeded.sid(), "seed-token-1", "127.0.0.1").accountSid());
    }
}
