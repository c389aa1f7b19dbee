package dev.accountd.service;

import dev.accountd.domain.CountryPrices;
import dev.accountd.domain.Money;
import dev.accountd.domain.OutboundVoicePrice;
import dev.accountd.domain.Price;
import dev.accountd.domain.PriceKind;
import dev.accountd.domain.PriceOverride;
import dev.accountd.domain.PriceTable;
import dev.accountd.domain.PricedNumberType;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The prices one family pays: the list prices of the table, each with the family's override where it has one. An
 * override counts only where the table has a list price for it (a price the operator's file removed takes its
 * overrides with it) and only in the table's currency.
 */
public final class FamilyPrices {
    private final PriceTable table;
    /** By country, kind and selector. */
    private final Map<String, Money> overrides = new HashMap<>();
    /** Outbound-call overrides by country, prefix to price. */
    private final Map<String, Map<String, Money>> prefixOverrides = new HashMap<>();

    FamilyPrices(PriceTable table, List<PriceOverride> overrides) {
        this.table = table;
        for (PriceOverride o : overrides) {
            if (!o.price().currency().equals(table.currency())) continue;
            this.overrides.put(key(o.isoCountry(), o.kind(), o.selector()), o.price());
            if (o.kind().byPrefix()) prefixOverrides.computeIfAbsent(o.isoCountry(), k -> new HashMap<>()).put(o.selector(), o.price());
        }
    }

    private static String key(String isoCountry, PriceKind kind, String selector) {
        return isoCountry + "|" + kind.wire() + "|" + selector;
    }

    public String currency() { return table.currency(); }

    public PriceTable table() { return table; }

    /** A price by number type, with the family's override. */
    public Optional<Price> price(String isoCountry, PriceKind kind, PricedNumberType type) {
        return table.country(isoCountry).flatMap(c -> c.price(kind, type)).map(base -> withOverride(isoCountry, kind, type.wire(), base));
    }

    /** The prices of one kind by number type, in the types' order. */
    public Map<PricedNumberType, Price> prices(String isoCountry, PriceKind kind) {
        Map<PricedNumberType, Price> prices = new EnumMap<>(PricedNumberType.class);
        table.country(isoCountry).ifPresent(c -> c.prices(kind).forEach((type, base) ->
                prices.put(type, withOverride(isoCountry, kind, type.wire(), base))));
        return prices;
    }

    private Price withOverride(String isoCountry, PriceKind kind, String selector, Money base) {
        return new Price(base, overrides.getOrDefault(key(isoCountry, kind, selector), base));
    }

    /**
     * The price of calls to a destination, and what priced it.
     *
     * @param friendlyName the name of the table's route the destination falls under
     * @param prefix the longest prefix, of the table's or the family's, that the destination starts with
     */
    public record VoiceRate(String friendlyName, String prefix, Price price) {}

    /**
     * The per-minute price of calls to a destination of the country: the longest prefix wins, whether it is one of
     * the table's or one of the family's overrides; the list price is the table's longest match.
     *
     * @param digits the destination's E.164 digits, without {@code +}
     */
    public Optional<VoiceRate> outboundVoice(String isoCountry, String digits) {
        Optional<CountryPrices.Route> listed = table.country(isoCountry).flatMap(c -> c.route(digits));
        if (listed.isEmpty()) return Optional.empty();
        CountryPrices.Route route = listed.get();
        String prefix = route.prefix();
        Money current = route.price().price();
        for (Map.Entry<String, Money> o : prefixOverrides.getOrDefault(isoCountry, Map.of()).entrySet()) {
            if (digits.startsWith(o.getKey()) && o.getKey().length() >= prefix.length()) {
                prefix = o.getKey();
                current = o.getValue();
            }
        }
        return Optional.of(new VoiceRate(route.price().friendlyName(), prefix, new Price(route.price().price(), current)));
    }

    /** An outbound route as the Pricing API lists it: prefixes that share a name and both prices. */
    public record VoiceRoute(String friendlyName, List<String> prefixes, Price price) {}

    /**
     * The country's outbound routes with the family's prices. A route's prefixes are split by what the family pays
     * for them; a prefix the family has an override for that is no prefix of the table's is listed under the route
     * it falls in, with that route's list price.
     */
    public List<VoiceRoute> outboundVoiceRoutes(String isoCountry) {
        Optional<CountryPrices> country = table.country(isoCountry);
        if (country.isEmpty()) return List.of();
        Map<String, Money> own = prefixOverrides.getOrDefault(isoCountry, Map.of());
        List<VoiceRoute> routes = new ArrayList<>();
        List<String> listedPrefixes = new ArrayList<>();
        for (OutboundVoicePrice r : country.get().outboundVoice()) {
            Map<Money, List<String>> byCurrent = new LinkedHashMap<>();
            for (String p : r.prefixes()) {
                byCurrent.computeIfAbsent(own.getOrDefault(p, r.price()), k -> new ArrayList<>()).add(p);
                listedPrefixes.add(p);
            }
            byCurrent.forEach((current, prefixes) -> routes.add(new VoiceRoute(r.friendlyName(), prefixes, new Price(r.price(), current))));
        }
        own.keySet().stream().filter(p -> !listedPrefixes.contains(p)).sorted().forEach(p -> country.get().route(p).ifPresent(under ->
                routes.add(new VoiceRoute(under.price().friendlyName(), List.of(p), new Price(under.price().price(), own.get(p))))));
        return routes;
    }
}
