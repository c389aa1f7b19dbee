package dev.accountd.service;

import dev.accountd.domain.Account;
import dev.accountd.domain.AccountChange;
import dev.accountd.domain.AccountStatus;
import dev.accountd.domain.Money;
import dev.accountd.domain.SpendingLimit;
import dev.accountd.domain.UsageTrigger;
import dev.accountd.error.ErrorCode;
import dev.accountd.error.TwilioException;
import dev.accountd.store.AccountStore;
import dev.accountd.store.SpendingLimitStore;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Spending limits (accountd extension): set, read and removed by the main account for any account of its family. A
 * {@code block} limit is enforced by the stores where Messages and Calls are created; a {@code suspend} limit by
 * {@link #enforce}, which suspends the subaccount exactly as its main account's update would (with its event).
 */
public final class SpendingLimitService {
    private static final Logger log = LoggerFactory.getLogger(SpendingLimitService.class);

    /** A limit with what has been spent against it in the current period. */
    public record Status(SpendingLimit limit, Money spent) {
        public Money remaining() { return new Money(Math.max(0, limit.amount().micros() - spent.micros()), spent.currency()); }
    }

    private final AccountStore accounts;
    private final SpendingLimitStore limits;
    private final AccountService accountService;
    private final Clock clock;
    private final String currency;

    public SpendingLimitService(AccountStore accounts, SpendingLimitStore limits, AccountService accountService, Clock clock, String currency) {
        this.accounts = accounts;
        this.limits = limits;
        this.accountService = accountService;
        this.clock = clock;
        this.currency = currency;
    }

    public Status set(Caller caller, String accountSid, Optional<String> amount, Optional<String> period, Optional<String> action) {
        Account account = byMain(caller, accountSid, "set a spending limit");
        if (account.status() == AccountStatus.CLOSED) throw Access.closed("set SpendingLimit");
        String raw = amount.filter(a -> !a.isBlank()).orElseThrow(() -> TwilioException.of(ErrorCode.MISSING_PARAMETER, "Amount"));
        BigDecimal a = BillingService.decimal("Amount", raw);
        if (a.signum() <= 0) throw TwilioException.of(ErrorCode.INVALID_PARAMETER, "Invalid Amount '" + raw + "': expected a positive amount");
        UsageTrigger.Recurring p = period.filter(v -> !v.isBlank()).map(v -> UsageTrigger.Recurring.parse(v.trim())
                        .filter(r -> r != UsageTrigger.Recurring.YEARLY)
                        .orElseThrow(() -> PhoneNumberRules.invalid("Period", v, "daily, monthly or alltime")))
                .orElseThrow(() -> TwilioException.of(ErrorCode.MISSING_PARAMETER, "Period"));
        SpendingLimit.Action act = action.filter(v -> !v.isBlank()).map(v -> SpendingLimit.Action.parse(v.trim())
                        .orElseThrow(() -> PhoneNumberRules.invalid("Action", v, "block or suspend")))
                .orElse(SpendingLimit.Action.BLOCK);
        if (act == SpendingLimit.Action.SUSPEND && account.isMain()) {
            throw TwilioException.of(ErrorCode.INVALID_PARAMETER, "Action suspend is for subaccounts: a main account cannot be suspended through the API;"
                    + " use block on a main account");
        }
        Instant now = clock.instant();
        Instant created = limits.find(accountSid).map(SpendingLimit::dateCreated).orElse(now);
        SpendingLimit limit = new SpendingLimit(account.sid(), account.mainSid(), Money.of(a, currency), p, act, created, now);
        if (!limits.put(limit)) throw Access.closed("set SpendingLimit");
        return new Status(limit, limits.spent(limit, now));
    }

    public Status fetch(Caller caller, String accountSid) {
        return find(caller, accountSid).orElseThrow(TwilioException::notFound);
    }

    /** The account's spending limit and what it has spent against it; empty when it has none. */
    public Optional<Status> find(Caller caller, String accountSid) {
        Access.reach(caller, accountSid, accounts);
        return limits.find(accountSid).map(limit -> new Status(limit, limits.spent(limit, clock.instant())));
    }

    public void delete(Caller caller, String accountSid) {
        byMain(caller, accountSid, "remove a spending limit");
        if (!limits.delete(accountSid)) throw TwilioException.notFound();
    }

    /** Suspends every active subaccount whose suspend limit is reached; how many were suspended. */
    public int enforce() {
        int suspended = 0;
        for (SpendingLimit l : limits.reachedSuspendLimits(clock.instant())) {
            try {
                Account a = accountService.update(Caller.withAuthToken(l.mainSid(), l.mainSid()), l.accountSid(),
                        new AccountChange(Optional.empty(), Optional.of(AccountStatus.SUSPENDED)));
                if (a.status() == AccountStatus.SUSPENDED) suspended++;
                log.info("suspended {}: its {} spending limit of {} is reached", l.accountSid(), l.period().wire(), l.amount());
            } catch (TwilioException e) {
                log.info("could not suspend {} for its spending limit: {}", l.accountSid(), e.getMessage()); // closed or gone meanwhile
            }
        }
        return suspended;
    }

    /** Only the main account's auth token sets or removes limits, for any account of its family. */
    private Account byMain(Caller caller, String accountSid, String what) {
        Account account = Access.reach(caller, accountSid, accounts);
        if (!caller.isMainAuthToken()) throw TwilioException.of(ErrorCode.FORBIDDEN, "Only the main account's auth token may " + what);
        return account;
    }

}
