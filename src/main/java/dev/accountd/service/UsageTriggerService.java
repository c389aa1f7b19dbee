package dev.accountd.service;

import dev.accountd.domain.Account;
import dev.accountd.domain.Money;
import dev.accountd.domain.PageRequest;
import dev.accountd.domain.Sid;
import dev.accountd.domain.Slice;
import dev.accountd.domain.UsageCategory;
import dev.accountd.domain.UsageTrigger;
import dev.accountd.error.ErrorCode;
import dev.accountd.error.TwilioException;
import dev.accountd.store.AccountStore;
import dev.accountd.store.UsageStore;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Usage Triggers: the five operations, and the sweep that fires what the charges themselves did not (a trigger created
 * above its value, a new period). Charges fire the triggers they reach in their own transaction (see the store).
 */
public final class UsageTriggerService {
    static final int MAX_FRIENDLY_NAME = 64;

    /** What a create sends; absent values take Twilio's defaults. */
    public record Create(Optional<String> callbackUrl, Optional<String> triggerValue, Optional<String> usageCategory,
                         Optional<String> callbackMethod, Optional<String> friendlyName, Optional<String> recurring, Optional<String> triggerBy) {}

    private final AccountStore accounts;
    private final UsageStore usage;
    private final Clock clock;

    public UsageTriggerService(AccountStore accounts, UsageStore usage, Clock clock) {
        this.accounts = accounts;
        this.usage = usage;
        this.clock = clock;
    }

    public UsageTrigger create(Caller caller, String accountSid, Create c) {
        Account account = Access.reachToChange(caller, accountSid, accounts, "create UsageTrigger");
        String url = c.callbackUrl().filter(v -> !v.isBlank()).orElseThrow(() -> TwilioException.of(ErrorCode.MISSING_PARAMETER, "CallbackUrl"));
        String value = c.triggerValue().filter(v -> !v.isBlank()).orElseThrow(() -> TwilioException.of(ErrorCode.MISSING_PARAMETER, "TriggerValue"));
        String categoryName = c.usageCategory().filter(v -> !v.isBlank())
                .orElseThrow(() -> TwilioException.of(ErrorCode.MISSING_PARAMETER, "UsageCategory"));
        UsageCategory category = UsageCategory.find(categoryName.trim()).orElseThrow(() -> TwilioException.of(ErrorCode.INVALID_PARAMETER,
                "Invalid UsageCategory '" + categoryName + "': not a usage category accountd reports (docs/behaviour.md, Usage, lists them)"));
        if (!PhoneNumberRules.isWebUrl(url)) throw PhoneNumberRules.invalid("CallbackUrl", url, "an absolute http or https URL");
        String method = CallService.httpMethod("CallbackMethod", c.callbackMethod());
        UsageTrigger.Recurring recurring = c.recurring().filter(v -> !v.isEmpty())
                .map(v -> UsageTrigger.Recurring.parse(v.trim()).orElseThrow(() -> PhoneNumberRules.invalid("Recurring", v, "daily, monthly, yearly or alltime")))
                .orElse(UsageTrigger.Recurring.ALLTIME);
        UsageTrigger.TriggerBy by = c.triggerBy().filter(v -> !v.isEmpty())
                .map(v -> UsageTrigger.TriggerBy.parse(v.trim()).orElseThrow(() -> PhoneNumberRules.invalid("TriggerBy", v, "count, usage or price")))
                .orElse(UsageTrigger.TriggerBy.USAGE);
        String name = c.friendlyName().map(n -> name(n)).orElse("");
        Instant now = clock.instant();
        UsageTrigger draft = new UsageTrigger(Sid.generate(UsageTrigger.SID_PREFIX), account.sid(), account.mainSid(), name, category.name(), by,
                0, recurring, url, method, Optional.empty(), Optional.empty(), now, now);
        long micros = triggerValue(value, () -> usage.currentValue(draft, UsageTrigger.day(now)));
        UsageTrigger t = new UsageTrigger(draft.sid(), draft.accountSid(), draft.mainSid(), name, draft.usageCategory(), by, micros, recurring,
                url, method, Optional.empty(), Optional.empty(), now, now);
        if (!usage.insertTrigger(t)) {
            if (accounts.find(accountSid).map(a -> a.status() == dev.accountd.domain.AccountStatus.CLOSED).orElse(true)) {
                throw Access.closed("create UsageTrigger");
            }
            throw TwilioException.of(ErrorCode.INVALID_PARAMETER, "Account " + accountSid + " has " + UsageTrigger.MAX_PER_ACCOUNT
                    + " UsageTriggers, the most an account may have; delete some first");
        }
        usage.fireIfDue(t, now); // a trigger at or below the current value fires now, not at the next sweep
        return usage.findTrigger(t.accountSid(), t.sid()).orElse(t);
    }

    /**
     * The trigger value in millionths: a positive number with at most six decimals, or {@code +N}, N above the value
     * watched now (the {@code +} must reach accountd as {@code %2B}; a bare {@code +} in a form body is a space).
     */
    private static long triggerValue(String raw, java.util.function.Supplier<BigDecimal> current) {
        String v = raw.trim();
        boolean offset = v.startsWith("+");
        BigDecimal n;
        try {
            n = new BigDecimal(offset ? v.substring(1) : v);
        } catch (NumberFormatException e) {
            throw PhoneNumberRules.invalid("TriggerValue", raw, "a positive number, or +N for N more than the current value");
        }
        if (n.signum() < 0 || n.stripTrailingZeros().scale() > Money.SCALE || n.compareTo(BigDecimal.valueOf(1_000_000_000_000L)) > 0) {
            throw PhoneNumberRules.invalid("TriggerValue", raw, "a positive number with at most 6 decimals, or +N for N more than the current value");
        }
        BigDecimal value = offset ? current.get().add(n) : n;
        return value.movePointRight(Money.SCALE).longValueExact();
    }

    public UsageTrigger fetch(Caller caller, String accountSid, String sid) {
        Access.reach(caller, accountSid, accounts);
        return find(accountSid, sid);
    }

    public Slice<UsageTrigger> list(Caller caller, String accountSid, Optional<String> recurring, Optional<String> triggerBy,
                                    Optional<String> category, PageRequest page) {
        Access.reach(caller, accountSid, accounts);
        // as the spec says: an empty Recurring, like alltime, reads the non-recurring triggers
        Optional<UsageTrigger.Recurring> r = recurring.map(v -> v.isEmpty() ? UsageTrigger.Recurring.ALLTIME
                : UsageTrigger.Recurring.parse(v).orElseThrow(() -> PhoneNumberRules.invalid("Recurring", v, "daily, monthly, yearly or alltime")));
        Optional<UsageTrigger.TriggerBy> by = triggerBy.filter(v -> !v.isEmpty())
                .map(v -> UsageTrigger.TriggerBy.parse(v).orElseThrow(() -> PhoneNumberRules.invalid("TriggerBy", v, "count, usage or price")));
        return usage.listTriggers(accountSid, new UsageStore.TriggerFilter(r, by, category.filter(v -> !v.isEmpty())), page);
    }

    /** Only CallbackUrl, CallbackMethod and FriendlyName change; anything else sent (TriggerValue) is ignored, as Twilio does. */
    public UsageTrigger update(Caller caller, String accountSid, String sid, Optional<String> callbackUrl, Optional<String> callbackMethod,
                               Optional<String> friendlyName) {
        Access.reachToChange(caller, accountSid, accounts, "update UsageTrigger");
        UsageTrigger t = find(accountSid, sid);
        String url = callbackUrl.orElse(t.callbackUrl());
        if (!PhoneNumberRules.isWebUrl(url)) throw PhoneNumberRules.invalid("CallbackUrl", url, "an absolute http or https URL");
        String method = callbackMethod.isPresent() ? CallService.httpMethod("CallbackMethod", callbackMethod) : t.callbackMethod();
        UsageTrigger after = new UsageTrigger(t.sid(), t.accountSid(), t.mainSid(), friendlyName.map(UsageTriggerService::name).orElse(t.friendlyName()),
                t.usageCategory(), t.triggerBy(), t.triggerValueMicros(), t.recurring(), url, method, t.firedPeriod(), t.dateFired(),
                t.dateCreated(), clock.instant());
        usage.updateTrigger(after);
        return after;
    }

    public void delete(Caller caller, String accountSid, String sid) {
        Access.reachToChange(caller, accountSid, accounts, "delete UsageTrigger");
        if (!Sid.isValid(sid, UsageTrigger.SID_PREFIX) || !usage.deleteTrigger(accountSid, sid)) throw TwilioException.notFound();
    }

    /** The trigger's watched value now. */
    public BigDecimal currentValue(UsageTrigger t) { return usage.currentValue(t, UsageTrigger.day(clock.instant())); }

    /** Fires every trigger that is due now; how many fired. */
    public int fireDue() { return usage.fireDue(clock.instant()); }

    private UsageTrigger find(String accountSid, String sid) {
        if (!Sid.isValid(sid, UsageTrigger.SID_PREFIX)) throw TwilioException.notFound();
        return usage.findTrigger(accountSid, sid).orElseThrow(TwilioException::notFound);
    }

    private static String name(String n) {
        if (n.length() > MAX_FRIENDLY_NAME) throw PhoneNumberRules.invalid("FriendlyName", n, "at most " + MAX_FRIENDLY_NAME + " characters");
        return n;
    }

}
