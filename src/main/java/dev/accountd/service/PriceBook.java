package dev.accountd.service;

import dev.accountd.domain.Money;
import dev.accountd.domain.NumberType;
import dev.accountd.domain.Price;
import dev.accountd.domain.PriceKind;
import dev.accountd.domain.PriceTable;
import dev.accountd.domain.PricedNumberType;
import dev.accountd.service.inventory.PhoneNumbers;
import dev.accountd.store.PriceOverrideStore;
import java.util.Optional;

/**
 * What a family pays, for billing: its own price where it has an override, else the price table's list price.
 * Every answer is in {@link #currency()}; an empty one means the table has no price for it (a country or a number
 * type accountd does not price, a destination that is not E.164). Each call reads the family's overrides from the
 * store, so a change made on any node counts at once on every node.
 *
 * <p>Number types the Pricing API does not price take the nearest one ({@link PricedNumberType#of}): VoIP as
 * local, shared cost as national, machine-to-machine as mobile. A destination's country is libphonenumber's (a
 * number it calls invalid takes the main country of its calling code), and its outbound call price the longest
 * matching prefix of that country's routes.
 */
public final class PriceBook {
    private final PriceTable table;
    private final PriceOverrideStore overrides;

    public PriceBook(PriceTable table, PriceOverrideStore overrides) {
        this.table = table;
        this.overrides = overrides;
    }

    public PriceTable table() { return table; }

    /** The ISO 4217 code of every price. */
    public String currency() { return table.currency(); }

    /** The family's prices, read once: for several lookups of one request. */
    public FamilyPrices family(String mainSid) {
        return new FamilyPrices(table, overrides.list(mainSid));
    }

    /** A number's monthly price, charged when it is bought and on each anniversary. */
    public Optional<Money> monthlyNumberPrice(String mainSid, String isoCountry, NumberType type) {
        return current(family(mainSid).price(isoCountry, PriceKind.NUMBER, PricedNumberType.of(type)));
    }

    /** The price of a minute of a call to this destination (E.164). */
    public Optional<Money> outboundVoicePerMinute(String mainSid, String destinationE164) {
        return Destination.of(destinationE164)
                .flatMap(d -> family(mainSid).outboundVoice(d.isoCountry(), d.digits()))
                .map(rate -> rate.price().current());
    }

    /** The price of a minute of a call received on a number of this country and type. */
    public Optional<Money> inboundVoicePerMinute(String mainSid, String isoCountry, NumberType type) {
        return current(family(mainSid).price(isoCountry, PriceKind.VOICE_INBOUND, PricedNumberType.of(type)));
    }

    /**
     * The price of a segment sent to this destination (E.164) from a local number; where the destination's country
     * has no price from local numbers, the first it has of mobile, national and toll-free.
     */
    public Optional<Money> outboundMessagePerSegment(String mainSid, String destinationE164, boolean mms) {
        Optional<Destination> d = Destination.of(destinationE164);
        if (d.isEmpty()) return Optional.empty();
        FamilyPrices family = family(mainSid);
        for (PricedNumberType from : PricedNumberType.values()) {
            Optional<Price> p = family.price(d.get().isoCountry(), PriceKind.message(mms, true), from);
            if (p.isPresent()) return current(p);
        }
        return Optional.empty();
    }

    /** The price of a segment sent to this destination (E.164) from a number of this type. */
    public Optional<Money> outboundMessagePerSegment(String mainSid, String destinationE164, NumberType from, boolean mms) {
        return Destination.of(destinationE164).flatMap(d ->
                current(family(mainSid).price(d.isoCountry(), PriceKind.message(mms, true), PricedNumberType.of(from))));
    }

    /** The price of a segment received on a number of this country and type. */
    public Optional<Money> inboundMessagePerSegment(String mainSid, String isoCountry, NumberType type, boolean mms) {
        return current(family(mainSid).price(isoCountry, PriceKind.message(mms, false), PricedNumberType.of(type)));
    }

    private static Optional<Money> current(Optional<Price> price) {
        return price.map(Price::current);
    }

    /**
     * Where a call or message goes: its country and its E.164 digits.
     *
     * @param digits without the {@code +}
     */
    public record Destination(String e164, String isoCountry, String digits) {
        /** An E.164 number ({@code +} and 2 to 15 digits, the first not 0) of a country libphonenumber knows. */
        public static Optional<Destination> of(String e164) {
            if (!isE164(e164)) return Optional.empty();
            return PhoneNumbers.country(e164).map(c -> new Destination(e164, c, e164.substring(1)));
        }

        public static boolean isE164(String value) {
            return value != null && value.matches("\\+[1-9][0-9]{1,14}");
        }
    }
}
