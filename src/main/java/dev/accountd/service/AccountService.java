package dev.accountd.service;

import dev.accountd.domain.Account;
import dev.accountd.domain.AccountStatus;
import dev.accountd.domain.AuthToken;
import dev.accountd.domain.MainAccountSettings;
import dev.accountd.domain.PageRequest;
import dev.accountd.domain.Sid;
import dev.accountd.domain.Slice;
import dev.accountd.error.ErrorCode;
import dev.accountd.error.TwilioException;
import dev.accountd.store.AccountStore;
import dev.accountd.domain.AccountChange;
import dev.accountd.store.AccountStore.Listing;
import dev.accountd.store.AccountStore.UpdateResult;
import dev.accountd.store.Audit;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The account hierarchy and lifecycle: who may see and change which account, the subaccount limit, and
 * suspension, reactivation and closure with their effect on credentials.
 */
public final class AccountService {
    public static final int MAX_FRIENDLY_NAME = 64;
    public static final Duration CLOSED_RETENTION = Duration.ofDays(30);

    /**
     * Twilio's default name, {@code SubAccount Created at 2011-02-10 16:19 pm}: a 24-hour clock with the meridian
     * appended (seen in Twilio's own fixtures and real responses). accountd writes it in UTC.
     */
    private static final DateTimeFormatter DEFAULT_NAME_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm a", Locale.US).withZone(ZoneOffset.UTC);

    private final AccountStore accounts;
    private final Auditor auditor;
    private final Clock clock;

    public AccountService(AccountStore accounts, Auditor auditor, Clock clock) {
        this.accounts = accounts;
        this.auditor = auditor;
        this.clock = clock;
    }

    /** A filtered listing request, as the API receives it. */
    public record ListFilter(Optional<String> friendlyName, Optional<AccountStatus> status) {}

    public Account createSubaccount(Caller caller, Optional<String> friendlyName) {
        Access.requireAuthToken(caller, "create or update accounts");
        if (!caller.isMain()) throw TwilioException.of(ErrorCode.SUBACCOUNTS_CANNOT_OWN_SUBACCOUNTS);
        Instant now = clock.instant();
        String name = friendlyName.filter(n -> !n.isEmpty())
                .orElseGet(() -> "SubAccount Created at " + DEFAULT_NAME_TIME.format(now).replace("AM", "am").replace("PM", "pm"));
        checkFriendlyName(name);
        return accounts.insertSubaccount(caller.accountSid(), Sid.generate(Sid.ACCOUNT), name, AuthToken.generate(), now,
                        Audit.of(created -> auditor.event(caller, "account.created", "account", created.sid(), created.sid(),
                                created.mainSid(), properties(created))))
                .orElseThrow(() -> TwilioException.of(ErrorCode.SUBACCOUNT_LIMIT_REACHED));
    }

    public Account fetch(Caller caller, String sid) {
        return Access.reach(caller, sid, accounts);
    }

    public Slice<Account> list(Caller caller, ListFilter filter, PageRequest page) {
        Optional<String> only = caller.isMainAuthToken() ? Optional.empty() : Optional.of(caller.accountSid());
        return accounts.list(new Listing(caller.mainSid(), only, filter.friendlyName(), filter.status()), page);
    }

    public Account update(Caller caller, String sid, AccountChange change) {
        Account target = Access.reach(caller, sid, accounts);
        Access.requireAuthToken(caller, "create or update accounts");
        change.friendlyName().ifPresent(AccountService::checkFriendlyName);
        if (change.friendlyName().isPresent() && change.friendlyName().get().isEmpty()) {
            throw TwilioException.of(ErrorCode.INVALID_FRIENDLY_NAME, "FriendlyName cannot be empty");
        }
        // Only the main account changes a subaccount's status, and the store compares the requested status with the
        // row it holds locked (the target read here may be a few seconds old). Anyone else may only ask for the
        // status the account has, which changes nothing.
        boolean mayChangeStatus = caller.isMain() && !target.isMain();
        Optional<AccountStatus> wanted = mayChangeStatus ? change.status() : change.status().filter(s -> s != target.status());
        if (wanted.isPresent() && !mayChangeStatus) {
            throw TwilioException.of(ErrorCode.FORBIDDEN, target.isMain()
                    ? "A main account cannot be suspended or closed through the API"
                    : "Only the main account may change the status of a subaccount");
        }
        if (target.status() == AccountStatus.CLOSED) { // closed is forever, so a cached row that says so is right
            boolean closingAgain = change.friendlyName().isEmpty() && wanted.orElse(AccountStatus.CLOSED) == AccountStatus.CLOSED;
            if (closingAgain) return target;
            throw Access.closed(wanted.isPresent() ? "update Status" : "update FriendlyName");
        }
        UpdateResult result = accounts.update(sid, new AccountChange(change.friendlyName(), wanted), clock.instant(), updated(caller),
                PhoneNumberService.releasedOnClose(auditor, caller, target.mainSid()));
        if (result instanceof UpdateResult.Updated u) return u.account();
        if (result instanceof UpdateResult.Closed) throw Access.closed(wanted.isPresent() ? "update Status" : "update FriendlyName");
        throw TwilioException.notFound();
    }

    private Audit<Account> updated(Caller caller) {
        return Auditor.updates(AccountService::properties,
                (after, changes) -> auditor.event(caller, "account.updated", "account", after.sid(), after.sid(), after.mainSid(), changes));
    }

    /** The properties of an account that its events show (never a token). */
    private static Map<String, Object> properties(Account a) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("friendly_name", a.friendlyName());
        p.put("status", a.status().wire());
        return p;
    }

    static void checkFriendlyName(String name) {
        if (name.codePointCount(0, name.length()) > MAX_FRIENDLY_NAME) {
            throw TwilioException.of(ErrorCode.INVALID_FRIENDLY_NAME,
                    "FriendlyName must be at most " + MAX_FRIENDLY_NAME + " characters long");
        }
    }

    // ---- operator actions (CLI and start-up), not reachable through Twilio's paths ----

    /** Creates a main account, with the given credentials or fresh ones. */
    public Account createMain(Optional<String> friendlyName, Optional<String> sid, Optional<AuthToken> token, int subaccountLimit) {
        String name = friendlyName.orElse(DEFAULT_MAIN_NAME);
        checkFriendlyName(name);
        return accounts.insertMain(sid.orElseGet(() -> Sid.generate(Sid.ACCOUNT)), name,
                token.orElseGet(AuthToken::generate), clock.instant(), subaccountLimit,
                Audit.of(created -> auditor.event(null, "account.created", "account", created.sid(), created.sid(),
                        created.sid(), properties(created))));
    }

    /** The name of a main account created without one. */
    public static final String DEFAULT_MAIN_NAME = "accountd main account";

    /**
     * Creates the store's first main account with these credentials, unless the store already holds an account
     * (another node seeded it first): empty then.
     */
    public Optional<Account> seedFirstMain(String sid, AuthToken token) {
        return accounts.insertFirstMain(sid, DEFAULT_MAIN_NAME, token, clock.instant(), MainAccountSettings.DEFAULT_SUBACCOUNT_LIMIT,
                Audit.of(created -> auditor.event(null, "account.created", "account", created.sid(), created.sid(),
                        created.sid(), properties(created))));
    }

    /**
     * Suspends or reactivates a main account. Its subaccounts keep their own status and behave as suspended
     * while the main is suspended.
     */
    public Account setMainStatus(String mainSid, AccountStatus status) {
        if (status == AccountStatus.CLOSED) throw new IllegalArgumentException("main accounts are suspended or reactivated, not closed");
        Account account = accounts.setMainStatus(mainSid, status, clock.instant(), updated(null))
                .orElseThrow(() -> new IllegalArgumentException("no main account " + mainSid));
        return account;
    }

    public MainAccountSettings updateSettings(String mainSid, Optional<Integer> subaccountLimit, Optional<Boolean> autoDeleteClosed) {
        subaccountLimit.ifPresent(limit -> {
            if (limit < 0) throw new IllegalArgumentException("the subaccount limit cannot be negative");
        });
        return accounts.updateSettings(mainSid, subaccountLimit, autoDeleteClosed)
                .orElseThrow(() -> new IllegalArgumentException("no main account " + mainSid));
    }

    /**
     * Creates {@code count} subaccounts under a main account in batches (for load tests and benchmarks),
     * named {@code prefix-1 … prefix-N}. Each batch is one transaction and counts against the limit.
     *
     * @return how many were created
     */
    public int bulkCreateSubaccounts(String mainSid, int count, String prefix, int batchSize, java.util.function.IntConsumer progress) {
        Account main = accounts.find(mainSid).filter(Account::isMain)
                .orElseThrow(() -> new IllegalArgumentException("no main account " + mainSid));
        if (count < 0 || batchSize < 1) throw new IllegalArgumentException("count must be at least 0 and the batch size at least 1");
        int created = 0;
        while (created < count) {
            int n = Math.min(batchSize, count - created);
            java.util.List<AccountStore.NewSubaccount> batch = new java.util.ArrayList<>(n);
            for (int i = 1; i <= n; i++) {
                String name = prefix + "-" + (created + i);
                checkFriendlyName(name);
                batch.add(new AccountStore.NewSubaccount(Sid.generate(Sid.ACCOUNT), name, AuthToken.generate()));
            }
            boolean ok = accounts.insertSubaccounts(main.sid(), batch, clock.instant(),
                    Audit.of(a -> auditor.event(null, "account.created", "account", a.sid(), a.sid(), a.mainSid(), properties(a))));
            if (!ok) {
                throw new IllegalArgumentException("creating " + n + " more would pass the subaccount limit of " + main.sid()
                        + " after " + created + " were created; raise it with accounts settings --subaccount-limit");
            }
            created += n;
            progress.accept(created);
        }
        return created;
    }

    public boolean hasAnyAccount() { return accounts.hasAnyAccount(); }

    /** Deletes the subaccounts closed more than 30 days ago whose main account has automatic deletion on. */
    public int deleteExpiredClosedSubaccounts() {
        Instant cutoff = clock.instant().minus(CLOSED_RETENTION);
        int total = 0;
        int deleted;
        do {
            deleted = accounts.deleteClosedBefore(cutoff, 500);
            total += deleted;
        } while (deleted > 0);
        return total;
    }
}
