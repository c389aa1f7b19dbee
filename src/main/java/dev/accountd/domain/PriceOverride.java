package dev.accountd.domain;

import java.time.Instant;
import java.util.Optional;

/**
 * A price one family (a main account and its subaccounts) pays instead of the list price: custom pricing per
 * customer.
 *
 * @param selector what is priced: the number type's wire name ({@code "toll free"}) or, for outbound calls, the
 *     destination prefix's digits ({@code "1907"})
 * @param price in the currency of the price table it was set against
 */
public record PriceOverride(String mainSid, String isoCountry, PriceKind kind, String selector, Money price, Instant dateUpdated) {

    public Optional<PricedNumberType> numberType() {
        return kind.byPrefix() ? Optional.empty() : PricedNumberType.parse(selector);
    }

    public Optional<String> prefix() {
        return kind.byPrefix() ? Optional.of(selector) : Optional.empty();
    }

    /** Whether this overrides the same price as {@code other} (same family, country, kind and selector). */
    public boolean sameTarget(PriceOverride other) {
        return mainSid.equals(other.mainSid) && isoCountry.equals(other.isoCountry) && kind == other.kind && selector.equals(other.selector);
    }
}
