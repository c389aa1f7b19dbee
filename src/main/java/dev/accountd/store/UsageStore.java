package dev.accountd.store;

import dev.accountd.domain.DayTotals;
import dev.accountd.domain.Spender;

import dev.accountd.domain.PageRequest;
import dev.accountd.domain.Slice;
import dev.accountd.domain.UsageTotals;
import dev.accountd.domain.UsageTrigger;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Usage counters and Usage Triggers. The counters move with the ledger (see {@link LedgerStore}); triggers are
 * checked in the same transaction as each charge, and by {@link #fireDue} for the rest (a trigger created above its
 * value, a new period).
 */
public interface UsageStore {

    /**
     * Whose usage is read: one account, or a main account with its whole family.
     */
    record Scope(String sid, boolean family) {}


    /** Each leaf category's totals from {@code from} to {@code to}, both included (absent: nothing used). */
    Map<String, UsageTotals> sums(Scope scope, LocalDate from, LocalDate to);

    /** The counters from {@code from} to {@code to}, both included, by day. */
    List<DayTotals> byDay(Scope scope, LocalDate from, LocalDate to);


    /**
     * The family's subaccounts that spent most in a GMT month, most first: the first entries of one index range (a
     * per-month spend kept with the counters), whatever the family's size.
     */
    List<Spender> topSpenders(String mainSid, java.time.YearMonth month, int limit);

    /** What each of these accounts spent itself in a GMT month, in micro-units; absent: nothing. */
    Map<String, Long> monthlySpend(List<String> accountSids, java.time.YearMonth month);

    /** Adds a trigger unless the account has {@link UsageTrigger#MAX_PER_ACCOUNT} already; false then. */
    boolean insertTrigger(UsageTrigger trigger);

    Optional<UsageTrigger> findTrigger(String accountSid, String sid);

    record TriggerFilter(Optional<UsageTrigger.Recurring> recurring, Optional<UsageTrigger.TriggerBy> triggerBy, Optional<String> category) {}

    Slice<UsageTrigger> listTriggers(String accountSid, TriggerFilter filter, PageRequest page);

    void updateTrigger(UsageTrigger trigger);

    boolean deleteTrigger(String accountSid, String sid);

    /**
     * Fires, with their webhooks, the triggers whose watched value has reached their trigger value in the period of
     * {@code now}, at most once per period even with several nodes; returns how many fired.
     */
    int fireDue(Instant now);

    /** Fires this trigger if it is due at {@code now} (as {@link #fireDue} would); whether it fired. */
    boolean fireIfDue(UsageTrigger trigger, Instant now);

    /** The trigger's watched value in the period of {@code day}. */
    java.math.BigDecimal currentValue(UsageTrigger trigger, LocalDate day);
}
