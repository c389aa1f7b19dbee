package dev.accountd.service;

import dev.accountd.domain.Money;
import dev.accountd.domain.NumberType;
import dev.accountd.store.PhoneNumberStore;
import dev.accountd.store.PhoneNumberStore.DueRental;
import dev.accountd.store.PhoneNumberStore.RentalCharge;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The monthly rental of numbers, as Twilio bills it: the first month when the number is bought (no proration), then
 * on the same day of every month, dated on that day. A day the month does not have (the 31st) falls back to the
 * month's last day, which is the billing day from then on (Twilio: "after the number is billed for that 28 day
 * month, the standard bill date for the number will be the 28th"). Suspended owners are charged too; a released
 * number (a closed account's are) stops; a transferred number keeps its day and is charged to its new owner.
 *
 * <p>The scheduler runs {@link #chargeDue} after every move of the clock and on its interval: it charges what is due
 * in order of billing day, in batches, each batch one transaction, so that a jump of a year with many numbers
 * posts every month in bounded memory while requests go on between batches.
 */
public final class NumberRental {
    private static final Logger log = LoggerFactory.getLogger(NumberRental.class);
    static final int BATCH = 1000;

    private final PhoneNumberStore numbers;
    private final PriceBook prices;
    private final Auditor auditor;
    private final Clock clock;

    public NumberRental(PhoneNumberStore numbers, PriceBook prices, Auditor auditor, Clock clock) {
        this.numbers = numbers;
        this.prices = prices;
        this.auditor = auditor;
        this.clock = clock;
    }

    /** The billing day after {@code billingDay}: a month later, on the month's last day where it is shorter. */
    public static Instant nextBillingDay(Instant billingDay) {
        return billingDay.atZone(ZoneOffset.UTC).plusMonths(1).toInstant();
    }

    /** Charges every month due by now; returns how many. */
    public long chargeDue() {
        Instant now = clock.instant();
        long charged = 0;
        long started = System.nanoTime();
        int idle = 0;
        while (true) {
            List<DueRental> due = numbers.dueRentals(now, BATCH);
            if (due.isEmpty()) break;
            int done = numbers.chargeRentals(priced(due), BillingService.rechargeAudit(auditor, null));
            charged += done;
            // a batch whose numbers all changed meanwhile is read again; one that keeps changing is left for later
            idle = done == 0 ? idle + 1 : 0;
            if (idle >= 3) break;
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        if (charged >= BATCH) {
            log.info("charged {} months of number rental in {} s ({} per second)", charged, String.format("%.1f", seconds),
                    Math.round(charged / Math.max(seconds, 1e-3)));
        }
        return charged;
    }

    /** The due months at their prices now, each price read once per family, country and type in a batch. */
    private List<RentalCharge> priced(List<DueRental> due) {
        record Key(String mainSid, String isoCountry, NumberType type) {}
        Map<Key, Money> seen = new HashMap<>();
        List<RentalCharge> charges = new ArrayList<>(due.size());
        for (DueRental d : due) {
            Money price = seen.computeIfAbsent(new Key(d.mainSid(), d.isoCountry(), d.type()),
                    k -> prices.monthlyNumberPrice(k.mainSid(), k.isoCountry(), k.type()).orElse(Money.zero(prices.currency())));
            charges.add(new RentalCharge(d, price, nextBillingDay(d.billingDay())));
        }
        return charges;
    }
}
