package dev.accountd.domain;

import java.time.Instant;
import java.util.Optional;

/**
 * One change of a family's balance, never changed or removed once written: a charge (negative) or a recharge
 * (positive). The family's balance is its opening balance plus the sum of its entries.
 *
 * @param sid {@code RC…} for a recharge, {@code LE…} for anything else
 * @param mainSid the main account whose balance it moves
 * @param accountSid the account that caused it (a subaccount's usage is charged to its main account's balance)
 * @param category the Twilio usage category ({@code phonenumbers-local}, {@code recharge}, …)
 * @param amount negative for a charge
 * @param balanceAfter the family's balance right after this entry
 * @param resourceSid what it is for: a number ({@code PN…}), later a call or message
 * @param reference the caller's reference of a recharge, or what a charge is for (a phone number)
 * @param date the instant on accountd's clock it is for: a rental charge is dated on its billing day
 */
public record LedgerEntry(String sid, String mainSid, String accountSid, String category, Money amount, Money balanceAfter,
                          Optional<String> resourceSid, Optional<String> reference, Instant date) {
    public static final String SID_PREFIX = "LE";
    public static final String RECHARGE_SID_PREFIX = "RC";
    public static final String RECHARGE = "recharge";

    public boolean isRecharge() { return category.equals(RECHARGE); }
}
