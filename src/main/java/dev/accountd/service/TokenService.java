package dev.accountd.service;

import dev.accountd.domain.Account;
import dev.accountd.domain.AccountStatus;
import dev.accountd.domain.AuthToken;
import dev.accountd.domain.Event;
import dev.accountd.domain.PageRequest;
import dev.accountd.domain.Sid;
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
    private final Auditor auditor;
    private final Clock clock;

    public TokenService(AccountStore accounts, Auditor auditor, Clock clock) {
        this.accounts = accounts;
        this.auditor = auditor;
        this.clock = clock;
    }

    public Account createSecondary(Caller caller) {
        Access.requireAuthToken(caller, "manage auth tokens");
        Account account = accounts.setSecondaryToken(caller.accountSid(), AuthToken.generate(), clock.instant(),
                        Audit.of(a -> event(caller, a, "secondary-auth-token.created")))
                .orElseThrow(() -> TwilioException.of(ErrorCode.AUTHENTICATE));
        return account;
    }

    public void deleteSecondary(Caller caller) {
        Access.requireAuthToken(caller, "manage auth tokens");
        boolean deleted = accounts.deleteSecondaryToken(caller.accountSid(), clock.instant(),
                Audit.of(a -> event(caller, a, "secondary-auth-token.deleted")));
        if (!deleted) throw TwilioException.of(ErrorCode.NOT_FOUND, "/v1/AuthTokens/Secondary");
    }

    public Account promote(Caller caller) {
        Access.requireAuthToken(caller, "manage auth tokens");
        Account promoted = accounts.promoteSecondaryToken(caller.accountSid(), clock.instant(),
                        Audit.of(a -> event(caller, a, "auth-token.promoted")))
                .orElseThrow(() -> TwilioException.of(ErrorCode.INVALID_PARAMETER,
                        "There is no secondary Auth Token to promote: create one with POST /v1/AuthTokens/Secondary first"));
        return promoted;
    }

    /** At most this many subaccounts are rotated in one transaction, and named in one request. */
    public static final int ROTATION_BATCH = 500;
    public static final int MAX_NAMED_SUBACCOUNTS = ROTATION_BATCH;

    /**
     * One step of a bulk rotation: the accounts it rotated, each with its new token, and where the next step
     * starts (empty when every subaccount has been reached).
     */
    public record RotationStep(List<Account> rotated, Optional<Long> next) {}

    /**
     * Rotates the primary token of a main account's active and suspended subaccounts, dropping any secondary;
     * closed ones are skipped. All of them are reached in steps of {@value #ROTATION_BATCH}, each step one
     * transaction that rotates all of its accounts or, on failure, none, so that neither a transaction nor an
     * answer grows with the family. Every step's answer reports the tokens that step committed; if an answer is
     * lost, the new tokens are still the accounts' {@code auth_token} in the Accounts API.
     *
     * @param caller the main account's own auth token, or null for an operator (CLI)
     * @param only the subaccounts to rotate (at most {@value #MAX_NAMED_SUBACCOUNTS}, one step); empty for all of them
     * @param after where this step starts: the {@code next} of the previous step; empty for the first
     */
    public RotationStep rotateSubaccounts(Caller caller, String mainSid, List<String> only, Optional<Long> after) {
        if (caller != null) {
            Access.requireAuthToken(caller, "manage auth tokens");
            if (!caller.isMain()) throw TwilioException.of(ErrorCode.FORBIDDEN, "Only a main account may rotate its subaccounts' auth tokens");
        }
        Account main = accounts.find(mainSid).filter(Account::isMain)
                .orElseThrow(() -> new IllegalArgumentException("no main account " + mainSid));
        List<String> targets;
        Optional<Long> next;
        if (only.isEmpty()) {
            Slice<Account> slice = accounts.list(new Listing(main.sid(), Optional.empty(), Optional.empty(), Optional.empty()),
                    new PageRequest(ROTATION_BATCH, after, Optional.empty()));
            targets = slice.items().stream().filter(a -> !a.isMain() && a.status() != AccountStatus.CLOSED).map(Account::sid).toList();
            next = slice.hasNext() ? Optional.of(slice.lastPosition()) : Optional.empty();
        } else {
            if (only.size() > MAX_NAMED_SUBACCOUNTS) {
                throw TwilioException.of(ErrorCode.INVALID_PARAMETER, "At most " + MAX_NAMED_SUBACCOUNTS
                        + " AccountSid per request; leave AccountSid out to rotate every subaccount in steps");
            }
            targets = validated(main.sid(), only);
            next = Optional.empty();
        }
        List<Rotation> rotations = targets.stream().map(sid -> new Rotation(sid, AuthToken.generate())).toList();
        List<Account> rotated = accounts.rotateTokens(rotations, clock.instant(), Audit.of(a -> event(caller, a, "auth-token.rotated")));
        return new RotationStep(rotated, next);
    }

    /** A rotated account as the API and the CLI report it: {@code {"account_sid", "auth_token"}}. */
    public static Map<String, Object> reported(Account a) {
        Map<String, Object> item = new java.util.LinkedHashMap<>();
        item.put("account_sid", a.sid());
        item.put("auth_token", a.authToken().value());
        return item;
    }

    private List<String> validated(String mainSid, List<String> sids) {
        Set<String> unique = new LinkedHashSet<>(sids);
        List<String> targets = new ArrayList<>();
        for (String sid : unique) {
            Optional<Account> a = Sid.isValid(sid, Sid.ACCOUNT) ? accounts.find(sid) : Optional.empty();
            if (a.isEmpty() || a.get().isMain() || !a.get().mainSid().equals(mainSid)) {
                throw TwilioException.of(ErrorCode.INVALID_PARAMETER, "AccountSid " + sid + " is not a subaccount of " + mainSid);
            }
            if (a.get().status() != AccountStatus.CLOSED) targets.add(sid);
        }
        return targets;
    }

    private Event event(Caller caller, Account account, String type) {
        return auditor.event(caller, type, "account", account.sid(), account.sid(), account.mainSid(), Map.of());
    }
}
