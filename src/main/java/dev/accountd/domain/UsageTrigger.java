package dev.accountd.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Usage Trigger: a webhook made once per period when the watched value of an account's usage record reaches
 * {@code triggerValue}. A trigger on a main account watches its family's usage (its usage record includes its
 * subaccounts, as Usage Records do by default); a trigger on a subaccount watches that subaccount only.
 *
 * @param triggerValueMicros the value in millionths (shown with six decimals)
 * @param firedPeriod the {@link Recurring#periodKey} of the period it last fired in
 */
public record UsageTrigger(String sid, String accountSid, String mainSid, String friendlyName, String usageCategory, TriggerBy triggerBy,
                           long triggerValueMicros, Recurring recurring, String callbackUrl, String callbackMethod,
                           Optional<String> firedPeriod, Optional<Instant> dateFired, Instant dateCreated, Instant dateUpdated) {
    public static final String SID_PREFIX = "UT";
    public static final int MAX_PER_ACCOUNT = 1000;

    /** How often a trigger may fire: once a GMT day, month or year, or once ever. */
    public enum Recurring {
        DAILY("daily"), MONTHLY("monthly"), YEARLY("yearly"), ALLTIME("alltime");

        private final String wire;

        Recurring(String wire) { this.wire = wire; }

        public String wire() { return wire; }

        public static Optional<Recurring> parse(String wire) {
            for (Recurring r : values()) if (r.wire.equals(wire)) return Optional.of(r);
            return Optional.empty();
        }

        /** The first day of the period {@code day} is in (for alltime, the epoch: every day counts). */
        public LocalDate periodStart(LocalDate day) {
            return switch (this) {
                case DAILY -> day;
                case MONTHLY -> day.withDayOfMonth(1);
                case YEARLY -> day.withDayOfYear(1);
                case ALLTIME -> LocalDate.EPOCH;
            };
        }

        /** A name for the period {@code day} is in: the trigger fires at most once under each name. */
        public String periodKey(LocalDate day) {
            return switch (this) {
                case DAILY -> day.toString();
                case MONTHLY -> day.toString().substring(0, 7);
                case YEARLY -> Integer.toString(day.getYear());
                case ALLTIME -> "alltime";
            };
        }

        /** The Usage Records path of the record it watches (research §3.1: daily → Today, monthly → ThisMonth). */
        String recordsPath() {
            return switch (this) {
                case DAILY -> "/Records/Today.json";
                case MONTHLY -> "/Records/ThisMonth.json";
                case YEARLY -> "/Records/Yearly.json";
                case ALLTIME -> "/Records.json";
            };
        }
    }

    /** Which field of the usage record is watched. */
    public enum TriggerBy {
        COUNT("count"), USAGE("usage"), PRICE("price");

        private final String wire;

        TriggerBy(String wire) { this.wire = wire; }

        public String wire() { return wire; }

        public static Optional<TriggerBy> parse(String wire) {
            for (TriggerBy t : values()) if (t.wire.equals(wire)) return Optional.of(t);
            return Optional.empty();
        }

        /** The watched value of these totals; for {@code totalprice}, whose usage is money, usage is the price. */
        public BigDecimal of(UsageTotals t, String category) {
            boolean money = this == PRICE || (this == USAGE && category.equals(UsageCategory.TOTAL_PRICE));
            if (money) return BigDecimal.valueOf(t.priceMicros(), Money.SCALE).stripTrailingZeros();
            return BigDecimal.valueOf(this == COUNT ? t.count() : t.usage());
        }
    }

    public boolean watchesFamily() { return accountSid.equals(mainSid); }

    public BigDecimal triggerValue() { return BigDecimal.valueOf(triggerValueMicros, Money.SCALE); }

    public String usageRecordUri() {
        return "/2010-04-01/Accounts/" + accountSid + "/Usage" + recurring.recordsPath() + "?Category=" + usageCategory;
    }

    public static LocalDate day(Instant at) { return LocalDate.ofInstant(at, ZoneOffset.UTC); }

    /**
     * Whether a watched value makes the trigger fire in the period of {@code day}: it has reached the trigger value,
     * there is usage at all (a trigger at 0 waits for some), and it has not fired in this period.
     */
    public boolean firesAt(BigDecimal current, LocalDate day) {
        return current.signum() > 0 && current.compareTo(triggerValue()) >= 0
                && !firedPeriod.equals(Optional.of(recurring.periodKey(day)));
    }

    /**
     * The webhook of a firing, with the ten parameters Twilio sends; its IdempotencyToken names the trigger and the
     * period, so every retry of this firing carries the same one.
     */
    public Callback callback(BigDecimal current, Instant firedAt) {
        String period = recurring.periodKey(day(firedAt));
        return new Callback(accountSid, sid, callbackMethod, callbackUrl, List.of(
                Map.entry("AccountSid", accountSid), Map.entry("UsageTriggerSid", sid), Map.entry("DateFired", Rfc2822.format(firedAt)),
                Map.entry("Recurring", recurring.wire()), Map.entry("UsageCategory", usageCategory), Map.entry("TriggerBy", triggerBy.wire()),
                Map.entry("TriggerValue", triggerValue().toPlainString()), Map.entry("CurrentValue", current.toPlainString()),
                Map.entry("UsageRecordUri", usageRecordUri()), Map.entry("IdempotencyToken", sid + "-" + period)), Callback.RETRIED);
    }
}
