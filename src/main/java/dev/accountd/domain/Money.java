package dev.accountd.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * An exact amount of one currency, held as a whole number of millionths (micro-units): every Twilio price (five
 * decimals at most, such as 0.00750) is exact, sums never round, and the store keeps a plain integer.
 *
 * @param micros the amount in millionths of the currency's unit; negative for a charge
 * @param currency the upper-case ISO 4217 code
 */
public record Money(long micros, String currency) {
    public static final int SCALE = 6;

    public Money {
        Objects.requireNonNull(currency, "currency");
    }

    public static Money zero(String currency) { return new Money(0, currency); }

    /** The exact amount a decimal names; more than six decimal places is an error, never a rounding. */
    public static Money of(BigDecimal amount, String currency) {
        try {
            return new Money(amount.setScale(SCALE, RoundingMode.UNNECESSARY).unscaledValue().longValueExact(), currency);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("not an exact amount of millionths: " + amount.toPlainString(), e);
        }
    }

    public static Money of(String amount, String currency) { return of(new BigDecimal(amount), currency); }

    public BigDecimal amount() { return BigDecimal.valueOf(micros, SCALE); }

    public Money plus(Money other) {
        requireSameCurrency(other);
        return new Money(Math.addExact(micros, other.micros), currency);
    }

    public Money minus(Money other) { return plus(other.negate()); }

    public Money negate() { return new Money(Math.negateExact(micros), currency); }

    public Money times(long n) { return new Money(Math.multiplyExact(micros, n), currency); }

    public int signum() { return Long.signum(micros); }

    public boolean isAtLeast(Money other) {
        requireSameCurrency(other);
        return micros >= other.micros;
    }

    /** The amount with at least two and at most six decimals, no more than it needs: 20.00, 19.9915, 0.00750 → 0.0075. */
    public String plain() {
        BigDecimal a = amount().stripTrailingZeros();
        return (a.scale() < 2 ? a.setScale(2) : a).toPlainString();
    }

    /** The amount with exactly {@code decimals} places (Twilio writes prices with five: -0.00750). */
    public String plain(int decimals) {
        return amount().setScale(decimals, RoundingMode.UNNECESSARY).toPlainString();
    }

    private void requireSameCurrency(Money other) {
        if (!currency.equals(other.currency)) throw new IllegalArgumentException(currency + " and " + other.currency + " do not add up");
    }

    @Override
    public String toString() { return plain() + " " + currency; }
}
