package dev.accountd.domain;

import java.time.Instant;

/**
 * A signed-in console browser: who signed in (an account with its auth token, or an API key), which account the
 * console shows now, and the token every form it posts must carry.
 *
 * @param accountSid the account the credentials belong to (an API key's owner)
 * @param credentialSid the SID signed in with: the account's own SID or the API key's SID
 * @param apiKey whether the sign-in used an API key (which, as on the REST API, cannot manage accounts or credentials)
 * @param tokenHash the SHA-256 (hex) of the auth token signed in with; empty for an API key
 * @param actingSid the account the console shows: the signed-in account, or a subaccount a main account switched to
 * @param csrfToken the anti-forgery token of this session's forms
 */
public record ConsoleSession(String accountSid, String credentialSid, boolean apiKey, java.util.Optional<String> tokenHash, String actingSid, String csrfToken,
                             Instant created, Instant lastSeen) {}
