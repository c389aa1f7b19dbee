package dev.accountd.domain;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The list prices accountd charges, by country: the built-in table, overridden and extended by the operator's file.
 *
 * @param currency the ISO 4217 code of every price
 * @param countries by ISO code, in the codes' order
 */
public record PriceTable(String currency, Map<String, CountryPrices> countries) {
    public PriceTable {
        countries = Collections.unmodifiableMap(new TreeMap<>(countries));
    }

    public Optional<CountryPrices> country(String isoCountry) {
        return Optional.ofNullable(countries.get(isoCountry));
    }
}
