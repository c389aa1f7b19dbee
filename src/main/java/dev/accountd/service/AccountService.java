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
import dev.accountd.store.AccountStore.Change;
import dev.accountd.store.AccountStore.Listing;
import dev.accountd.store.AccountStore.UpdateResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;

/**
 * The account hierarchy and lifecycle: who may see and change which account, the subaccount limit, and
 * suspension, reactivation and closure with their effect on credentials.
 */
public final class AccountService {
    public static final int MAX_FRIENDLY_NAME = 64;
    public static final Duration CLOSED_RETENTION = Duration.ofDays(30);

    private static final DateTimeFormatter DEFAULT_NAME_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd hh:mm a", Locale.US).withZone(ZoneOffset.UTC);

    private final AccountStore accounts;
    private final CredentialCache cache;
    private final Clock clock;

    public AccountService(AccountStore accounts, CredentialCache cache, Clock clock) {
        this.accounts = accounts;
        this.cache = cache;
        this.clock = clock;
    }

    /** A filtered listing request, as the API receives it. */
    public record ListFilter(Optional<String> friendlyName, Optional<AccountStatus> status) {}

    public Account createSubaccount(Caller caller, Optional<String> friendlyName) {
        if (!caller.isMain()) throw TwilioException.of(ErrorCode.SUBACCOUNTS_CANNOT_OWN_SUBACCOUNTS);
        Instant now = clock.instant();
        String name = friendlyName.filter(n -> !n.isEmpty())
                .orElseGet(() -> "SubAccount Created at " + DEFAULT_NAME_TIME.format(now).replace("AM", "am").replace("PM", "pm"));
        checkFriendlyName(name);
        return accounts.insertSubaccount(caller.accountSid(), Sid.generate(Sid.ACCOUNT), name, AuthToken.generate(), now)
                .orElseThrow(() -> TwilioException.of(ErrorCode.SUBACCOUNT_LIMIT_REACHED));
    }

    public Account fetch(Caller caller, String sid) {
        return visible(caller, sid);
    }

    public Slice<Account> list(Caller caller, ListFilter filter, PageRequest page) {
        Optional<String> only = caller.isMain() ? Optional.empty() : Optional.of(caller.accountSid());
        return accounts.list(new Listing(caller.mainSid(), only, filter.friendlyName(), filter.status()), page);
    }

    public Account update(Caller caller, String sid, Change change) {
        Account target = visible(caller, sid);
        change.friendlyName().ifPresent(AccountService::checkFriendlyName);
        if (change.friendlyName().isPresent() && change.friendlyName().get().isEmpty()) {
            throw TwilioException.of(ErrorCode.INVALID_FRIENDLY_NAME, "FriendlyName cannot be empty");
        }
        Optional<AccountStatus> wanted = change.status().filter(s -> s != target.status());
        if (wanted.isPresent()) {
            if (target.isMain()) {
                throw TwilioException.of(ErrorCode.FORBIDDEN, "A main account cannot be suspended or closed through the API");
            }
            if (!caller.isMain()) {
                throw TwilioException.of(ErrorCode.FORBIDDEN, "Only the main account may change the status of a subaccount");
            }
        }
        if (target.status() == AccountStatus.CLOSED) {
            if (wanted.isEmpty() && change.friendlyName().isEmpty()) return target; // closing twice changes nothing
            throw TwilioException.of(ErrorCode.ACCOUNT_CLOSED, target.sid());
        }
        UpdateResult result = accounts.update(sid, new Change(change.friendlyName(), wanted), clock.instant());
        if (result instanceof UpdateResult.Updated updated) {
            if (wanted.isPresent()) cache.invalidate(sid);
            return updated.account();
        }
        if (result instanceof UpdateResult.Closed) throw TwilioException.of(ErrorCode.ACCOUNT_CLOSED, sid);
        throw notFound(sid);
    }

    /** The account if the caller may see it: 404 when it does not exist, 401 when it is not the caller's. */
    private Account visible(Caller caller, String sid) {
        if (!Sid.isValid(sid, Sid.ACCOUNT)) throw notFound(sid);
        if (!caller.isMain() && !caller.accountSid().equals(sid)) throw TwilioException.of(ErrorCode.AUTHENTICATE);
        Account account = accounts.find(sid).orElseThrow(() -> notFound(sid));
        if (!account.mainSid().equals(caller.mainSid())) throw TwilioException.of(ErrorCode.AUTHENTICATE);
        return account;
    }

    private static TwilioException notFound(String sid) {
        return TwilioException.of(ErrorCode.NOT_FOUND, "/2010-04-01/Accounts/" + sid + ".json");
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
        String name = friendlyName.orElse("accountd main account");
        checkFriendlyName(name);
        return accounts.insertMain(sid.orElseGet(() -> Sid.generate(Sid.ACCOUNT)), name,
                token.orElseGet(AuthToken::generate), clock.instant(), subaccountLimit);
    }

    /**
     * Suspends or reactivates a main account. Its subaccounts keep their own status and behave as suspended
     * while the main is suspended.
     */
    public Account setMainStatus(String mainSid, AccountStatus status) {
        if (status == AccountStatus.CLOSED) throw new IllegalArgumentException("main accounts are suspended or reactivated, not closed");
        Account account = accounts.setMainStatus(mainSid, status, clock.instant())
                .orElseThrow(() -> new IllegalArgumentException("no main account " + mainSid));
        cache.invalidateAll();
        return account;
    }

    public MainAccountSettings updateSettings(String mainSid, Optional<Integer> subaccountLimit, Optional<Boolean> autoDeleteClosed) {
        subaccountLimit.ifPresent(limit -> {
            if (limit < 0) throw new IllegalArgumentException("the subaccount limit cannot be negative");
        });
        return accounts.updateSettings(mainSid, subaccountLimit, autoDeleteClosed)
                .orElseThrow(() -> new IllegalArgumentException("no main account " + mainSid));
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
