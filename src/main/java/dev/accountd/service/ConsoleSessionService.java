package dev.accountd.service;

import dev.accountd.domain.Account;
import dev.accountd.domain.ConsoleSession;
import dev.accountd.error.ErrorCode;
import dev.accountd.error.TwilioException;
import dev.accountd.store.AccountStore;
import dev.accountd.store.ConsoleSessionStore;
import dev.accountd.store.KeyStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * Console sign-in: the credentials of the REST API (an Account SID with an auth token, or an API key with its secret)
 * open a session whose cookie the browser holds; the credentials themselves are never kept. A session ends at sign-out,
 * after {@link #IDLE} without a request, or {@link #LIFETIME} after sign-in, on wall-clock time (a manual accountd clock
 * moving a month ahead does not sign anyone out). Each request re-checks that the credentials still may act: a
 * suspended or closed account, a deleted API key, or an auth token that is no longer the account's (rotated, or a
 * secondary deleted) ends its sessions at once.
 */
public final class ConsoleSessionService {
    public static final Duration IDLE = Duration.ofMinutes(30);
    public static final Duration LIFETIME = Duration.ofHours(12);
    /** How stale last_seen may get before a request writes it again: a page view is a read, not a write. */
    private static final Duration TOUCH_EVERY = Duration.ofMinutes(1);

    private final Authenticator authenticator;
    private final AccountStore accounts;
    private final KeyStore keys;
    private final ConsoleSessionStore sessions;
    private final Clock wallClock;
    private final SecureRandom random = new SecureRandom();

    public ConsoleSessionService(Authenticator authenticator, AccountStore accounts, KeyStore keys, ConsoleSessionStore sessions, Clock wallClock) {
        this.authenticator = authenticator;
        this.accounts = accounts;
        this.keys = keys;
        this.sessions = sessions;
        this.wallClock = wallClock;
    }

    /** A new session and the cookie value that names it (shown to the browser once, stored only as a hash). */
    public record Opened(String cookie, ConsoleSession session) {}

    /** A request's session: the session, the caller it acts as, and the account it shows. */
    public record Signed(String idHash, ConsoleSession session, Caller caller, Account acting) {
        public boolean actingAsOther() { return !acting.sid().equals(caller.accountSid()); }
    }

    /**
     * Opens a session for REST credentials; 401/20003 as the API answers for wrong ones (throttled the same way).
     * Test credentials make nothing real, so they cannot sign in.
     */
    public Opened signIn(String username, String password, String sourceIp) {
        Caller caller = authenticator.authenticate(username, password, sourceIp);
        if (caller.isTest()) throw TwilioException.of(ErrorCode.FORBIDDEN, "test credentials cannot sign in to the console");
        Instant now = wallClock.instant();
        sessions.deleteIdleSince(now.minus(IDLE));
        String cookie = token();
        Optional<String> tokenHash = caller.isApiKey() ? Optional.empty() : Optional.of(hash(password));
        ConsoleSession session = new ConsoleSession(caller.accountSid(), caller.credentialSid(), caller.isApiKey(), tokenHash, caller.accountSid(),
                token(), now, now);
        sessions.insert(hash(cookie), session);
        return new Opened(cookie, session);
    }

    /** The session a cookie names, when it is still open and its credentials still may act. */
    public Optional<Signed> resume(String cookie, String sourceIp) {
        if (cookie == null || cookie.isEmpty() || cookie.length() > 100) return Optional.empty();
        String idHash = hash(cookie);
        Optional<ConsoleSession> found = sessions.find(idHash);
        if (found.isEmpty()) return Optional.empty();
        ConsoleSession s = found.get();
        Instant now = wallClock.instant();
        Optional<Account> account = accounts.find(s.accountSid()).filter(Account::canAuthenticate);
        boolean credentialValid = s.apiKey() ? keys.findForAuthentication(s.credentialSid()).isPresent()
                : account.filter(a -> signedInWith(a, s.tokenHash())).isPresent();
        if (!now.isBefore(s.lastSeen().plus(IDLE)) || !now.isBefore(s.created().plus(LIFETIME)) || account.isEmpty() || !credentialValid) {
            sessions.delete(idHash);
            return Optional.empty();
        }
        if (now.isAfter(s.lastSeen().plus(TOUCH_EVERY))) sessions.touch(idHash, now);
        Account own = account.get();
        Caller caller = new Caller(own.sid(), own.mainSid(), s.apiKey() ? Caller.Credential.API_KEY : Caller.Credential.AUTH_TOKEN,
                s.credentialSid(), sourceIp);
        // a subaccount switched to may have been purged meanwhile (or reset away): the console shows the own account again
        Account acting = s.actingSid().equals(own.sid()) ? own
                : accounts.find(s.actingSid()).filter(a -> a.mainSid().equals(own.sid())).orElse(own);
        return Optional.of(new Signed(idHash, s, caller, acting));
    }

    /** Whether the auth token a session signed in with is still one of the account's (rotating a token ends its sessions). */
    private static boolean signedInWith(Account a, Optional<String> tokenHash) {
        if (tokenHash.isEmpty()) return false;
        byte[] wanted = tokenHash.get().getBytes(StandardCharsets.UTF_8);
        boolean primary = MessageDigest.isEqual(wanted, hash(a.authToken().value()).getBytes(StandardCharsets.UTF_8));
        boolean secondary = a.secondaryAuthToken().map(t -> MessageDigest.isEqual(wanted, hash(t.value()).getBytes(StandardCharsets.UTF_8))).orElse(false);
        return primary | secondary;
    }

    /** Shows a subaccount of the family (main account auth token only) or, with the own SID, the own account again. */
    public Account switchTo(Signed signed, String accountSid) {
        Account target = signed.caller().accountSid().equals(accountSid) ? accounts.find(accountSid).orElseThrow(TwilioException::notFound)
                : Access.reach(signed.caller(), accountSid, accounts);
        sessions.actAs(signed.idHash(), target.sid());
        return target;
    }

    public void signOut(Signed signed) { sessions.delete(signed.idHash()); }

    /** Whether a posted form carries this session's token (compared in constant time). */
    public static boolean csrfMatches(ConsoleSession session, String posted) {
        return posted != null && MessageDigest.isEqual(session.csrfToken().getBytes(StandardCharsets.UTF_8), posted.getBytes(StandardCharsets.UTF_8));
    }

    /** 32 random bytes, URL-safe: a session cookie, a form token. */
    public String token() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The hex SHA-256 a session is stored under (its cookie) or signed in with (its auth token). */
    private static String hash(String secret) { return WebhookSignature.sha256Hex(secret); }
}
