package dev.accountd.service;

import dev.accountd.domain.Account;
import dev.accountd.domain.KeyKind;
import dev.accountd.domain.Sid;
import dev.accountd.error.ErrorCode;
import dev.accountd.error.TwilioException;
import dev.accountd.store.AccountStore;
import dev.accountd.store.KeyStore;
import dev.accountd.store.KeyStore.KeyCredential;
import dev.accountd.store.SecretBox;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * Verifies HTTP Basic credentials: an Account SID with its primary or secondary auth token, or a standard API
 * key SID with its secret. Signing keys sign Access Tokens; they do not authenticate REST requests.
 */
public final class Authenticator {
    private final AccountStore accounts;
    private final KeyStore keys;
    private final SecretBox secrets;
    private final CredentialCache cache;
    private final LoginThrottle throttle;
    private final TestCredentials testCredentials;

    public Authenticator(AccountStore accounts, KeyStore keys, SecretBox secrets, CredentialCache cache, LoginThrottle throttle,
                         TestCredentials testCredentials) {
        this.testCredentials = testCredentials;
        this.accounts = accounts;
        this.keys = keys;
        this.secrets = secrets;
        this.cache = cache;
        this.throttle = throttle;
    }

    /**
     * The caller the credentials identify; 401/20003 when they identify none that may act, 429 when throttled.
     * An auth token is compared with the account's row, which the account store caches: an account's tokens are
     * readable anyway (the API returns them), and comparing costs less than hashing. An API key's secret is never
     * held: its verification is remembered as a SHA-256 digest in the {@link CredentialCache}.
     */
    public Caller authenticate(String username, String password, String sourceIp) {
        throttle.check(username, sourceIp);
        Optional<Caller> verified = Sid.isValid(username, Sid.ACCOUNT) ? withAuthToken(username, password)
                : Sid.isValid(username, Sid.KEY) ? withCachedApiKey(username, password)
                : Optional.empty();
        if (verified.isEmpty()) {
            throttle.recordFailure(username, sourceIp);
            throw TwilioException.of(ErrorCode.AUTHENTICATE);
        }
        return verified.get().from(sourceIp);
    }

    private Optional<Caller> withCachedApiKey(String sid, String secret) {
        Optional<Caller> cached = cache.lookup(sid, secret);
        if (cached.isPresent()) return cached;
        long generation = cache.generation();
        Optional<Caller> verified = withApiKey(sid, secret);
        verified.ifPresent(caller -> cache.put(sid, secret, caller, generation));
        return verified;
    }

    /** Refuses a request without usable credentials, counting it against its source address. */
    public TwilioException missingCredentials(String sourceIp) {
        throttle.check(null, sourceIp);
        throttle.recordFailure(null, sourceIp);
        return TwilioException.of(ErrorCode.AUTHENTICATE);
    }

    private Optional<Caller> withAuthToken(String sid, String password) {
        Optional<Account> found = accounts.find(sid);
        if (found.isEmpty()) return testCredentials.authenticate(sid, password); // a test Account SID is no account's
        Account a = found.get();
        // Both comparisons always run, so a match on either token takes the same time.
        boolean primary = a.authToken().matches(password);
        boolean secondary = a.secondaryAuthToken().map(t -> t.matches(password)).orElse(false);
        if (!(primary | secondary) || !a.canAuthenticate()) return Optional.empty();
        return Optional.of(Caller.withAuthToken(a.sid(), a.mainSid()));
    }

    private Optional<Caller> withApiKey(String sid, String secret) {
        Optional<KeyCredential> found = keys.findForAuthentication(sid);
        if (found.isEmpty()) return Optional.empty();
        KeyCredential k = found.get();
        boolean matches = MessageDigest.isEqual(k.secretHash(), secrets.keyedHash(secret));
        if (!matches || k.key().kind() != KeyKind.STANDARD || !k.owner().canAuthenticate()) return Optional.empty();
        return Optional.of(new Caller(k.owner().sid(), k.owner().mainSid(), Caller.Credential.API_KEY, k.key().sid(), null));
    }
}
