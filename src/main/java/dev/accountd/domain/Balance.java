package dev.accountd.domain;

import java.util.Optional;

/**
 * The one balance of a main account and all its subaccounts.
 *
 * @param opening what it started with (accountd's {@code --initial-balance} when the main account was created)
 * @param current the opening balance plus every ledger entry of the family
 * @param autoRecharge whether and how it is topped up when a charge takes it below a threshold
 */
public record Balance(String mainSid, Money opening, Money current, Optional<AutoRecharge> autoRecharge) {
    /** accountd's default opening balance (Twilio's trial credit is of this order). */
    public static final Money DEFAULT_OPENING = Money.of("20.00", "USD");

    /** Out of funds: usage that a request would create (a number purchase, later a call or message) is refused. */
    public boolean isOutOfFunds() { return current.signum() <= 0; }

    /** Whether a new purchase of this price may be made: the balance is above zero and covers it. */
    public boolean canPay(Money price) { return !isOutOfFunds() && current.isAtLeast(price); }

    /**
     * A top-up that accountd posts itself: once a charge leaves the balance below {@code below}, a recharge of
     * {@code amount} follows in the same transaction (the stand-in for Twilio's Auto Recharge of a card).
     */
    public record AutoRecharge(Money below, Money amount) {}
}
