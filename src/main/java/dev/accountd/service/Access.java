package dev.accountd.service;

import dev.accountd.domain.Account;
import dev.accountd.domain.Sid;
import dev.accountd.error.ErrorCode;
import dev.accountd.error.TwilioException;
import dev.accountd.store.AccountStore;

/**
 * Which account a caller may act on. A main account's auth token reaches its whole family; a subaccount's auth
 * token and any API key reach only their own account. Reaching further is answered as bad credentials
 * (401 / 20003), so a caller never learns whether the target exists.
 */
final class Access {
    private Access() {}

    /**
     * The account named in a request path, if the caller may act on it.
     *
     * @param requestedPath the resource path for the 404 message when the account does not exist
     */
    static Account reach(Caller caller, String accountSid, AccountStore accounts, String requestedPath) {
        if (!Sid.isValid(accountSid, Sid.ACCOUNT)) throw notFound(requestedPath);
        if (!caller.isMainAuthToken() && !caller.accountSid().equals(accountSid)) throw TwilioException.of(ErrorCode.AUTHENTICATE);
        Account account = accounts.find(accountSid).orElseThrow(() -> notFound(requestedPath));
        if (!account.mainSid().equals(caller.mainSid())) throw TwilioException.of(ErrorCode.AUTHENTICATE);
        return account;
    }

    /** Refuses API keys: they cannot manage accounts, keys or auth tokens. */
    static void requireAuthToken(Caller caller, String what) {
        if (caller.isApiKey()) throw TwilioException.of(ErrorCode.FORBIDDEN, "API keys cannot " + what);
    }

    static TwilioException notFound(String path) {
        return TwilioException.of(ErrorCode.NOT_FOUND, path);
    }
}
