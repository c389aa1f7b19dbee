package dev.accountd.domain;

/**
 * A price as the Pricing API shows it.
 *
 * @param base the list price (the price table's)
 * @param current what the family pays: its own override, else the list price
 */
public record Price(Money base, Money current) {
    public static Price list(Money price) { return new Price(price, price); }
}
