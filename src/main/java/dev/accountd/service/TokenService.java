package dev.accountd.service;

import dev.accountd.domain.Account;
import dev.accountd.domain.AccountStatus;
import dev.accountd.domain.AuthToken;
import dev.accountd.domain.PageRequest;
import dev.accountd.domain.Slice;
import dev.accountd.error.ErrorCode;
import dev.accountd.error.TwilioException;
import dev.accountd.store.AccountStore;
import dev.accountd.store.AccountStore.Listing;
import dev.accountd.store.AccountStore.Rotation;
import dev.accountd.store.Audit;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Auth token rotation without downtime: a secondary token, its promotion, and bulk rotation of a family. The
 * account is always the one whose auth token makes the request; API keys cannot touch auth tokens.
 */
public final class TokenService {
    private final AccountStore accounts;
    private final CredentialCache cache;
    private final Auditor auditor;
    private final Clock clock;

    public TokenService(AccountStore accounts, CredentialCache cache, Auditor auditor, Clock clock) {
        this.accounts = accounts;
        this.cache = cache;
        this.auditor = auditor;
        this.clock = clock;
    }

    public Account createSecondary(Caller caller) {
        Access.requireAuthToken(caller, "manage auth tokens");
        Account account = accounts.setSecondaryToken(caller.accountSid(), AuthToken.generate(), clock.instant(),
                        Audit.of(a -> event(caller, a, "secondary-auth-token.created")))
                .orElseThrow(() -> TwilioException.of(ErrorCode.AUTHENTICATE));
        cache.invalidate(caller.accountSid()); // a replaced secondary stops working at once
        return account;
    }

    public void deleteSecondary(Caller caller) {
        Access.requireAuthToken(caller, "manage auth tokens");
        boolean deleted = accounts.deleteSecondaryToken(caller.accountSid(), clock.instant(),
                Audit.of(a -> event(caller, a, "secondary-auth-token.deleted")));
        if (!deleted) throw TwilioException.of(ErrorCode.NOT_FOUND, "/v1/AuthTokens/Secondary");
        cache.invalidate(caller.accountSid());
    }

    public Account promote(Caller caller) {
        Access.requireAuthToken(caller, "manage auth tokens");
        Account promoted = accounts.promoteSecondaryToken(caller.accountSid(), clock.instant(),
                        Audit.of(a -> event(caller, a, "auth-token.promoted")))
                .orElseThrow(() -> TwilioException.of(ErrorCode.INVALID_PARAMETER,
                        "There is no secondary Auth Token to promote: create one with POST /v1/AuthTokens/Secondary first"));
        cache.invalidate(caller.accountSid()); // the old primary stops working before this answer is sent
        return promoted;
    }

    /**
     * Rotates the primary token of the main account's active and suspended subaccounts (all of them, or those
     * listed), dropping any secondary, all in one transaction: all of them or, on failure, none. Closed ones are
     * skipped.
     *
     * @param caller the main account's own auth token, or null for an operator (CLI)
     */
    public List<Account> rotateSubaccounts(Caller caller, String mainSid, List<String> only) {
        if (caller != null) {
            Access.requireAuthToken(caller, "manage auth tokens");
            if (!caller.isMain()) throw TwilioException.of(ErrorCode.FORBIDDEN, "Only a main account may rotate its subaccounts' auth tokens");
        }
        Account main = accounts.find(mainSid).filter(Account::isMain)
                .orElseThrow(() -> new IllegalArgumentException("no main account " + mainSid));
        List<String> targets = only.isEmpty() ? liveSubaccounts(main.sid()) : validated(main.sid(), only);
        // One transaction for the whole rotation: if it fails, no token changed, so no new token is ever lost
        // with an error answer (each account is still rotated atomically, as the store does them one by one).
        List<Rotation> rotations = targets.stream().map(sid -> new Rotation(sid, AuthToken.generate())).toList();
        List<Account> rotated = accounts.rotateTokens(rotations, clock.instant(), Audit.of(a -> event(caller, a, "auth-token.rotated")));
        cache.invalidateAll();
        return rotated;
    }

    /**
     * The result of a bulk rotation as the API and the CLI print it:
     * {@code {"account_sid": main, "rotated": [{"account_sid", "auth_token"}], "count": n}}.
     */
    public static Map<String, Object> report(String mainSid, List<Account> rotated) {
        List<Map<String, Object>> items = new ArrayList<>();
        for (Account a : rotated) {
            Map<String, Object> item = new java.util.LinkedHashMap<>();
            item.put("account_sid", a.sid());
            item.put("auth_token", a.authToken().value());
            items.add(item);
        }
        Map<String, Object> v = new java.util.LinkedHashMap<>();
        v.put("account_sid", mainSid);
        v.put("rotated", items);
        v.put("count", items.size());
        return v;
    }

    private List<String> validated(String mainSid, List<String> sids) {
        Set<String> unique = new LinkedHashSet<>(sids);
        List<String> targets = new ArrayList<>();
        for (String sid : unique) {
            Optional<Account> a = dev.accountd.domain.Sid.isValid(sid, dev.accountd.domain.Sid.ACCOUNT) ? accounts.find(sid) : Optional.empty();
            if (a.isEmpty() || a.get().isMain() || !a.get().mainSid().equals(mainSid)) {
                throw TwilioException.of(ErrorCode.INVALID_PARAMETER, "AccountSid " + sid + " is not a subaccount of " + mainSid);
            }
            if (a.get().status() != AccountStatus.CLOSED) targets.add(sid);
        }
        return targets;
    }

    private List<String> liveSubaccounts(String mainSid) {
        List<String> sids = new ArrayList<>();
        PageRequest page = PageRequest.first(1000);
        while (true) {
            Slice<Account> slice = accounts.list(new Listing(mainSid, Optional.empty(), Optional.empty(), Optional.empty()), page);
            for (Account a : slice.items()) {
                if (!a.isMain() && a.status() != AccountStatus.CLOSED) sids.add(a.sid());
            }
            if (!slice.hasNext()) return sids;
            page = new PageRequest(1000, Optional.of(slice.lastPosition()), Optional.empty());
        }
    }

    private dev.accountd.domain.Event event(Caller caller, Account account, String type) {
        return auditor.event(caller, type, "account", account.sid(), account.sid(), account.mainSid(), Map.of());
    }
}
