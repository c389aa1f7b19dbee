package dev.accountd.service;

import dev.accountd.domain.CountryPrices;
import dev.accountd.domain.Money;
import dev.accountd.domain.OutboundVoicePrice;
import dev.accountd.domain.PriceKind;
import dev.accountd.domain.PriceTable;
import dev.accountd.domain.PricedNumberType;
import dev.accountd.service.inventory.PhoneNumbers;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A prices file as written (the built-in table's or the operator's): prices to set, and {@code null}s that remove
 * what the table under it has. {@link #over} lays it on a table per country and per field: a number type's price
 * replaces that type's, a route's prefixes take those prefixes from the routes under it, and a country set to
 * {@code null} is removed.
 *
 * @param currency the ISO 4217 code of the sheet's prices
 * @param countries by ISO code; an empty value removes the country
 */
public record PriceSheet(String currency, Map<String, Optional<Country>> countries) {

    /**
     * One country of the sheet.
     *
     * @param byType by kind and number type; an empty price removes the table's
     */
    public record Country(Optional<String> name, List<Route> voiceOutbound, Map<PriceKind, Map<PricedNumberType, Optional<Money>>> byType) {}

    /**
     * An outbound route of the sheet.
     *
     * @param label where the sheet has it, for error messages ({@code countries.GB.voice_outbound[2]})
     * @param price empty to remove these prefixes from the table
     */
    public record Route(String label, Optional<String> friendlyName, List<String> prefixes, Optional<Money> price) {}

    /** The most digits an E.164 number has, so the longest prefix that can match one. */
    public static final int MAX_PREFIX_DIGITS = 15;

    /**
     * This sheet laid over {@code base}; a sheet in another currency than the base's replaces it instead, since
     * prices in two currencies cannot be mixed.
     *
     * @throws IllegalArgumentException naming the first country or route that breaks a rule
     */
    public PriceTable over(PriceTable base) {
        Map<String, CountryPrices> result = new HashMap<>(currency.equals(base.currency()) ? base.countries() : Map.of());
        countries.forEach((code, sheet) -> {
            if (!code.matches("[A-Z]{2}") || !Set.of(Locale.getISOCountries()).contains(code) || PhoneNumbers.callingCode(code) == 0) {
                throw new IllegalArgumentException("countries." + code + ": not an ISO 3166-1 country code with a calling code, such as US or GB");
            }
            if (sheet.isEmpty()) {
                result.remove(code);
            } else {
                result.put(code, merge(code, Optional.ofNullable(result.get(code)), sheet.get()));
            }
        });
        return new PriceTable(currency, result);
    }

    /** The country's name as the Pricing API shows it when a sheet gives none: Java's English name ("United Kingdom"). */
    public static String defaultName(String isoCountry) {
        return new Locale("", isoCountry).getDisplayCountry(Locale.ENGLISH);
    }

    private static CountryPrices merge(String code, Optional<CountryPrices> under, Country sheet) {
        String name = sheet.name().or(() -> under.map(CountryPrices::name)).orElseGet(() -> defaultName(code));
        List<OutboundVoicePrice> routes = new ArrayList<>(under.map(CountryPrices::outboundVoice).orElse(List.of()));
        String callingCode = Integer.toString(PhoneNumbers.callingCode(code));
        Map<String, String> claimed = new HashMap<>(); // prefix -> the sheet's route that set it
        for (Route r : sheet.voiceOutbound()) {
            if (r.prefixes().isEmpty()) throw new IllegalArgumentException(r.label() + ": prefixes must name at least one prefix");
            for (String p : r.prefixes()) {
                if (!p.matches("[0-9]{1," + MAX_PREFIX_DIGITS + "}") || !p.startsWith(callingCode)) {
                    throw new IllegalArgumentException(r.label() + ": prefix '" + p + "' must be 1 to " + MAX_PREFIX_DIGITS
                            + " digits starting with " + code + "'s calling code " + callingCode + " (no +)");
                }
                String earlier = claimed.put(p, r.label());
                if (earlier != null) throw new IllegalArgumentException(r.label() + ": prefix " + p + " is also in " + earlier);
            }
            routes = without(routes, r.prefixes());
            if (r.price().isPresent()) {
                routes.add(new OutboundVoicePrice(r.friendlyName().orElse("Programmable Outbound Minute - " + name), r.prefixes(), r.price().get()));
            }
        }
        Map<PriceKind, Map<PricedNumberType, Money>> byType = new EnumMap<>(PriceKind.class);
        under.ifPresent(u -> u.byType().forEach((kind, prices) -> byType.put(kind, new EnumMap<>(prices))));
        sheet.byType().forEach((kind, prices) -> prices.forEach((type, price) -> {
            Map<PricedNumberType, Money> of = byType.computeIfAbsent(kind, k -> new EnumMap<>(PricedNumberType.class));
            price.ifPresentOrElse(p -> of.put(type, p), () -> of.remove(type));
        }));
        return new CountryPrices(code, name, routes, byType);
    }

    /** The routes with these prefixes taken out; a route left with none is dropped. */
    private static List<OutboundVoicePrice> without(List<OutboundVoicePrice> routes, List<String> prefixes) {
        List<OutboundVoicePrice> kept = new ArrayList<>();
        for (OutboundVoicePrice r : routes) {
            List<String> rest = r.prefixes().stream().filter(p -> !prefixes.contains(p)).toList();
            if (!rest.isEmpty()) kept.add(rest.size() == r.prefixes().size() ? r : new OutboundVoicePrice(r.friendlyName(), rest, r.price()));
        }
        return kept;
    }

    /** An empty table in a currency, to lay the built-in sheet on. */
    public static PriceTable empty(String currency) { return new PriceTable(currency, new LinkedHashMap<>()); }
}
