package dev.accountd.service;

/**
 * Who makes a request, as established by its credentials, and where it comes from.
 *
 * @param accountSid the account the credentials belong to (for an API key, the key's owner)
 * @param mainSid the main account of that account's family (equal to accountSid for a main account)
 * @param credential how the caller authenticated
 * @param credentialSid the SID in the credentials: the account's own SID, the key's SID, or the test Account SID
 * @param sourceIp the peer address of the request, for the audit trail; null outside HTTP
 */
public record Caller(String accountSid, String mainSid, Credential credential, String credentialSid, String sourceIp) {

    /** The kinds of credentials that authenticate a REST request. */
    public enum Credential { AUTH_TOKEN, API_KEY, TEST }

    public static Caller withAuthToken(String accountSid, String mainSid) {
        return new Caller(accountSid, mainSid, Credential.AUTH_TOKEN, accountSid, null);
    }

    public boolean isMain() { return accountSid.equals(mainSid); }

    /** True for the main account's own auth token: the credential that may manage the whole family. */
    public boolean isMainAuthToken() { return isMain() && credential == Credential.AUTH_TOKEN; }

    public boolean isApiKey() { return credential == Credential.API_KEY; }

    /** Test credentials: they may only create numbers, messages and calls, and those are not real. */
    public boolean isTest() { return credential == Credential.TEST; }

    public Caller from(String ip) {
        return new Caller(accountSid, mainSid, credential, credentialSid, ip);
    }
}
