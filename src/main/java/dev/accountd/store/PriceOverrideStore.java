package dev.accountd.store;

import dev.accountd.domain.PriceKind;
import dev.accountd.domain.PriceOverride;
import java.util.List;
import java.util.Optional;

/**
 * Persistence of the prices a family pays instead of the list prices. Several nodes share the store and none
 * keeps a copy: every lookup reads the family's overrides, so a change is seen by every node at once.
 */
public interface PriceOverrideStore {

    /** A family's overrides, by country, kind and selector. */
    List<PriceOverride> list(String mainSid);

    /**
     * Sets overrides of one family, each replacing any for the same country, kind and selector, and records the
     * audit event in the same transaction.
     *
     * @param audit given the overrides these replace (the same length, {@code null} where there was none) and the new ones
     * @return the overrides as stored
     */
    List<PriceOverride> put(String mainSid, List<PriceOverride> overrides, Audit<List<PriceOverride>> audit);

    /**
     * Which overrides a deletion removes: all of a country's, or those of one kind, or of some selectors of it.
     *
     * @param selectors empty for all of the kind's (or country's)
     */
    record Match(String isoCountry, Optional<PriceKind> kind, List<String> selectors) {}

    /**
     * Deletes the overrides that match, with the audit event in the same transaction (none when nothing matched).
     *
     * @param audit given the removed overrides (before) and an empty list (after)
     * @return the removed overrides
     */
    List<PriceOverride> delete(String mainSid, Match match, Audit<List<PriceOverride>> audit);
}
