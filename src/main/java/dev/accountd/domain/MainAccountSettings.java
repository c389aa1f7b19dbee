package dev.accountd.domain;

/**
 * Operator settings of a main account.
 *
 * @param subaccountLimit how many active or suspended subaccounts the main account may own (Twilio's default: 1000)
 * @param liveSubaccounts how many it owns now (closed ones do not count)
 * @param autoDeleteClosed whether closed subaccounts are deleted 30 days after closure
 */
public record MainAccountSettings(String mainSid, int subaccountLimit, int liveSubaccounts, boolean autoDeleteClosed) {
    public static final int DEFAULT_SUBACCOUNT_LIMIT = 1000;
}
