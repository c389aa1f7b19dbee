package dev.accountd.service;

import dev.accountd.domain.Account;
import dev.accountd.domain.AccountStatus;
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

    /** The account named in a request path, if the caller may act on it. */
    static Account reach(Caller caller, String accountSid, AccountStore accounts) {
        if (!Sid.isValid(accountSid, Sid.ACCOUNT)) throw TwilioException.notFound();
        if (!caller.isMainAuthToken() && !caller.accountSid().equals(accountSid)) throw TwilioException.of(ErrorCode.AUTHENTICATE);
        Account account = accounts.find(accountSid).orElseThrow(TwilioException::notFound);
        if (!account.mainSid().equals(caller.mainSid())) throw TwilioException.of(ErrorCode.AUTHENTICATE);
        return account;
    }

    /**
     * The account named in a request path, if the caller may change what it holds. A closed account is
     * read-only, whatever the resource: every write answers 400 / 21479 (Twilio's code for changing a closed
     * subaccount), so a user meets one rule and one code.
     *
     * @param action what the request would do, for the message: "create Key", "update Address", …
     */
    static Account reachToChange(Caller caller, String accountSid, AccountStore accounts, String action) {
        Account account = reach(caller, accountSid, accounts);
        if (account.status() == AccountStatus.CLOSED) throw closed(action);
        return account;
    }

    /** 400 / 21479: the account is closed, so it cannot change any more. */
    static TwilioException closed(String action) {
        return TwilioException.of(ErrorCode.ACCOUNT_CLOSED, action);
    }

    /**
     * Refuses usage (a message, a call, inbound traffic) of an account that is suspended or closed, or whose main account
     * is, whoever's credentials ask (10001), and of a family whose balance is zero or below (20005, naming the Recharges
     * URL). The balance read may be the node's cached copy: a recharge shows in it at once on the node that made it.
     *
     * @param toDo what a recharge would let the family do, for the message: "send messages", "make calls", …
     */
    static void requireActiveAndFunded(Account owner, dev.accountd.store.LedgerStore ledger, String toDo) {
        if (owner.status() != AccountStatus.ACTIVE || owner.mainStatus() != AccountStatus.ACTIVE) {
            throw TwilioException.of(ErrorCode.ACCOUNT_NOT_ACTIVE);
        }
        ledger.balance(owner.mainSid()).filter(b -> b.current().signum() <= 0).ifPresent(b -> {
            throw TwilioException.of(ErrorCode.OUT_OF_FUNDS, "the balance of " + owner.mainSid() + " is " + b.current()
                    + "; recharge it (POST /_accountd/v1/Accounts/" + owner.mainSid() + "/Recharges) to " + toDo);
        });
    }

    /** Refuses API keys: they cannot manage accounts, keys or auth tokens. */
    static void requireAuthToken(Caller caller, String what) {
        if (caller.isApiKey()) throw TwilioException.of(ErrorCode.FORBIDDEN, "API keys cannot " + what);
    }
}
