package dev.accountd.domain;

/** What a category adds up to over a period: the sums of {@link Usage#count}, {@link Usage#usage} and the price (positive). */
public record UsageTotals(long count, long usage, long priceMicros) {
    public static final UsageTotals ZERO = new UsageTotals(0, 0, 0);

    public UsageTotals plus(UsageTotals other) {
        return new UsageTotals(Math.addExact(count, other.count), Math.addExact(usage, other.usage), Math.addExact(priceMicros, other.priceMicros));
    }
}
