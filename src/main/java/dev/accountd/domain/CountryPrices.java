package dev.accountd.domain;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One country's list prices: outbound calls by destination prefix, and everything else by number type.
 *
 * @param isoCountry the ISO 3166-1 alpha-2 code
 * @param name the country's name in English, as the Pricing API shows it ("United Kingdom")
 * @param outboundVoice per-minute prices of calls to this country's numbers, by prefix; the longest matching prefix wins
 * @param byType the prices of every other kind, by number type: the number bought ({@link PriceKind#NUMBER}, monthly),
 *     the number called or messaged (inbound), or the number a message is sent from (outbound messages); a type
 *     with no price is absent
 */
public record CountryPrices(String isoCountry, String name, List<OutboundVoicePrice> outboundVoice,
                            Map<PriceKind, Map<PricedNumberType, Money>> byType) {

    public CountryPrices {
        outboundVoice = List.copyOf(outboundVoice);
        EnumMap<PriceKind, Map<PricedNumberType, Money>> copy = new EnumMap<>(PriceKind.class);
        byType.forEach((kind, prices) -> {
            if (kind.byPrefix()) throw new IllegalArgumentException(kind.wire() + " is priced by prefix, not by number type");
            if (!prices.isEmpty()) copy.put(kind, Collections.unmodifiableMap(new EnumMap<>(prices)));
        });
        byType = Collections.unmodifiableMap(copy);
    }

    /** A price by number type, if the table has one. */
    public Optional<Money> price(PriceKind kind, PricedNumberType type) {
        return Optional.ofNullable(byType.getOrDefault(kind, Map.of()).get(type));
    }

    /** The prices of one kind by number type, in the types' order; empty when the country has none. */
    public Map<PricedNumberType, Money> prices(PriceKind kind) {
        return byType.getOrDefault(kind, Map.of());
    }

    /** Whether the country has any price of this kind. */
    public boolean has(PriceKind kind) {
        return kind.byPrefix() ? !outboundVoice.isEmpty() : byType.containsKey(kind);
    }

    /** The outbound route that prices a destination, and the prefix of it that matched. */
    public record Route(OutboundVoicePrice price, String prefix) {}

    /** The route with the longest prefix that starts {@code digits} (the destination's E.164 digits, without {@code +}). */
    public Optional<Route> route(String digits) {
        Route best = null;
        for (OutboundVoicePrice p : outboundVoice) {
            for (String prefix : p.prefixes()) {
                if (digits.startsWith(prefix) && (best == null || prefix.length() > best.prefix().length())) best = new Route(p, prefix);
            }
        }
        return Optional.ofNullable(best);
    }
}
