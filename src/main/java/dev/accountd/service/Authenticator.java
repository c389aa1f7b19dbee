package dev.accountd.service;

import dev.accountd.domain.Account;
import dev.accountd.domain.Sid;
import dev.accountd.error.ErrorCode;
import dev.accountd.error.TwilioException;
import dev.accountd.store.AccountStore;
import java.util.Optional;

/** Verifies HTTP Basic credentials: an Account SID with its auth token. */
public final class Authenticator {
    private final AccountStore accounts;
    private final CredentialCache cache;

    public Authenticator(AccountStore accounts, CredentialCache cache) {
        this.accounts = accounts;
        this.cache = cache;
    }

    /** The caller the credentials identify; 401/20003 when they identify none that may act. */
    public Caller authenticate(String username, String password) {
        Optional<Caller> cached = cache.lookup(username, password);
        if (cached.isPresent()) return cached.get();
        if (!Sid.isValid(username, Sid.ACCOUNT)) throw TwilioException.of(ErrorCode.AUTHENTICATE);
        long generation = cache.generation();
        Account account = accounts.find(username).orElseThrow(() -> TwilioException.of(ErrorCode.AUTHENTICATE));
        // Compare before looking at the status, so a wrong token and a suspended account take the same path.
        boolean tokenMatches = account.authToken().matches(password);
        if (!tokenMatches || !account.canAuthenticate()) throw TwilioException.of(ErrorCode.AUTHENTICATE);
        Caller caller = new Caller(account.sid(), account.mainSid());
        cache.put(username, password, caller, generation);
        return caller;
    }
}
