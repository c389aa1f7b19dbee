package dev.accountd.service;

/**
 * Who makes a request, as established by its credentials.
 *
 * @param accountSid the account the credentials belong to
 * @param mainSid the main account of that account's family (equal to accountSid for a main account)
 */
public record Caller(String accountSid, String mainSid) {
    public boolean isMain() { return accountSid.equals(mainSid); }
}
