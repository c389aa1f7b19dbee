package dev.accountd.service;

import dev.accountd.domain.Account;
import dev.accountd.domain.AccountChange;
import dev.accountd.domain.AccountStatus;
import dev.accountd.domain.BulkChange;
import dev.accountd.domain.BulkChange.Outcome;
import dev.accountd.domain.DormantSubaccount;
import dev.accountd.domain.PageRequest;
import dev.accountd.domain.Sid;
import dev.accountd.domain.Slice;
import dev.accountd.domain.UsageTrigger;
import dev.accountd.error.ErrorCode;
import dev.accountd.error.TwilioException;
import dev.accountd.store.AccountStore;
import dev.accountd.store.ActivityStore;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Dormant subaccounts, and lifecycle changes of many subaccounts in one request (accountd extensions). Each target
 * of a bulk change is changed exactly as a single UpdateAccount by the main account would change it: its own
 * transaction, its own event, its numbers released on close.
 */
public final class SubaccountControlService {
    /** The most targets one request changes; a DormantDays request stops there and says more remain. */
    public static final int MAX_TARGETS = 10_000;
    static final int MAX_INACTIVE_DAYS = 36_500;
    private static final int BATCH = 500;

    /** Suspend, Reactivate or Close, and the status each leads to. */
    public enum BulkAction {
        SUSPEND(AccountStatus.SUSPENDED), REACTIVATE(AccountStatus.ACTIVE), CLOSE(AccountStatus.CLOSED);

        private final AccountStatus status;

        BulkAction(AccountStatus status) { this.status = status; }

        public AccountStatus status() { return status; }

        public String wire() { return name().toLowerCase(java.util.Locale.ROOT); }
    }

    private final AccountStore accounts;
    private final ActivityStore activity;
    private final AccountService accountService;
    private final Clock clock;

    public SubaccountControlService(AccountStore accounts, ActivityStore activity, AccountService accountService, Clock clock) {
        this.accounts = accounts;
        this.activity = activity;
        this.accountService = accountService;
        this.clock = clock;
    }

    /** The last GMT day each of these accounts (reachable by the caller) made or received a call or message. */
    public java.util.Map<String, LocalDate> lastActivity(Caller caller, List<Account> reachable) {
        List<String> sids = reachable.stream().filter(a -> a.mainSid().equals(caller.mainSid())).map(Account::sid).toList();
        return activity.lastActivity(sids);
    }

    public Slice<DormantSubaccount> dormant(Caller caller, String mainSid, Optional<String> inactiveDays, PageRequest page) {
        mainOf(caller, mainSid, "list dormant subaccounts");
        int days = days("InactiveDays", inactiveDays.orElseThrow(() -> TwilioException.of(ErrorCode.MISSING_PARAMETER, "InactiveDays")));
        return activity.dormant(mainSid, cutoff(days), page);
    }

    /** The last day a subaccount quiet for {@code days} may have been active on. */
    private LocalDate cutoff(int days) { return UsageTrigger.day(clock.instant()).minusDays(days); }

    public BulkChange bulk(Caller caller, String mainSid, BulkAction action, List<String> accountSids, Optional<String> dormantDays) {
        mainOf(caller, mainSid, "change subaccounts in bulk");
        if (accountSids.isEmpty() == dormantDays.isEmpty()) {
            throw TwilioException.of(ErrorCode.INVALID_PARAMETER, "Send either AccountSid (repeated, up to " + MAX_TARGETS + ") or DormantDays");
        }
        if (dormantDays.isPresent()) {
            if (action == BulkAction.REACTIVATE) {
                throw TwilioException.of(ErrorCode.INVALID_PARAMETER, "DormantDays lists active subaccounts: there is nothing to reactivate");
            }
            return dormantTargets(caller, mainSid, action, days("DormantDays", dormantDays.get()));
        }
        Set<String> targets = new LinkedHashSet<>(accountSids);
        if (targets.size() > MAX_TARGETS) {
            throw TwilioException.of(ErrorCode.INVALID_PARAMETER, "At most " + MAX_TARGETS + " AccountSid values per request; send the rest in another");
        }
        List<Outcome> outcomes = new ArrayList<>(targets.size());
        for (String sid : targets) outcomes.add(change(caller, mainSid, action, sid));
        return new BulkChange(action.wire(), outcomes, false);
    }

    /** The family's dormant subaccounts, a page at a time; each page is read after the one before was changed. */
    private BulkChange dormantTargets(Caller caller, String mainSid, BulkAction action, int days) {
        LocalDate cutoff = cutoff(days);
        List<Outcome> outcomes = new ArrayList<>();
        Optional<Long> after = Optional.empty();
        while (outcomes.size() < MAX_TARGETS) {
            int size = Math.min(BATCH, MAX_TARGETS - outcomes.size());
            Slice<DormantSubaccount> page = activity.dormant(mainSid, cutoff, new PageRequest(size, after, Optional.empty()));
            for (DormantSubaccount d : page.items()) outcomes.add(change(caller, mainSid, action, d.sid()));
            if (!page.hasNext() || page.items().isEmpty()) return new BulkChange(action.wire(), outcomes, false);
            after = Optional.of(page.lastPosition()); // a changed one is no longer active: the keyset still moves past it
        }
        boolean more = activity.dormant(mainSid, cutoff, new PageRequest(1, after, Optional.empty())).items().size() > 0;
        return new BulkChange(action.wire(), outcomes, more);
    }

    private Outcome change(Caller caller, String mainSid, BulkAction action, String sid) {
        if (!Sid.isValid(sid, Sid.ACCOUNT)) return new Outcome.Failed(sid, ErrorCode.INVALID_PARAMETER.code(), "not an Account SID");
        Optional<Account> before = accounts.find(sid).filter(a -> a.mainSid().equals(mainSid));
        if (before.isEmpty()) return new Outcome.Failed(sid, ErrorCode.NOT_FOUND.code(), "no subaccount " + sid + " in this family");
        if (before.get().isMain()) return new Outcome.Unchanged(sid, "it is the main account, whose status the API does not change");
        if (before.get().status() == action.status()) return new Outcome.Unchanged(sid, "it is " + action.status().wire() + " already");
        if (before.get().status() == AccountStatus.CLOSED) return new Outcome.Unchanged(sid, "it is closed, and closed is permanent");
        try {
            Account after = accountService.update(caller, sid, new AccountChange(Optional.empty(), Optional.of(action.status())));
            return after.status() == action.status() ? new Outcome.Changed(sid, after.status())
                    : new Outcome.Unchanged(sid, "it is " + after.status().wire());
        } catch (TwilioException e) {
            return new Outcome.Failed(sid, e.errorCode().code(), e.getMessage());
        }
    }

    private static int days(String name, String raw) {
        String v = raw.trim();
        if (v.matches("[0-9]{1,5}")) {
            int n = Integer.parseInt(v);
            if (n >= 1 && n <= MAX_INACTIVE_DAYS) return n;
        }
        throw TwilioException.of(ErrorCode.INVALID_PARAMETER, "Invalid " + name + " '" + raw + "': expected whole days from 1 to " + MAX_INACTIVE_DAYS);
    }

    private Account mainOf(Caller caller, String mainSid, String what) {
        Account main = Access.reach(caller, mainSid, accounts);
        if (!main.isMain()) throw TwilioException.of(ErrorCode.INVALID_PARAMETER, mainSid + " is a subaccount: " + what + " through its main account");
        if (!caller.isMainAuthToken()) throw TwilioException.of(ErrorCode.FORBIDDEN, "Only the main account's auth token may " + what);
        return main;
    }
}
