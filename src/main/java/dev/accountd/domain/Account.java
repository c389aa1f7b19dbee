package dev.accountd.domain;

import java.time.Instant;
import java.util.Optional;

/**
 * A Twilio account: either a main account (its own owner) or a subaccount of one.
 *
 * @param mainSid the main account of the family; equal to {@code sid} for a main account
 * @param mainStatus the status of the main account, which a subaccount inherits while the main is not active
 * @param authTokenCreated when the current primary auth token was issued
 * @param secondaryAuthToken the secondary auth token, which authenticates too until promoted or deleted
 * @param dateClosed when the account was closed, if it is
 */
public record Account(
        String sid,
        String mainSid,
        String friendlyName,
        AccountStatus status,
        AccountStatus mainStatus,
        AccountType type,
        AuthToken authToken,
        Instant authTokenCreated,
        Optional<AuthToken> secondaryAuthToken,
        Optional<Instant> secondaryCreated,
        Instant dateCreated,
        Instant dateUpdated,
        Optional<Instant> dateClosed) {

    public boolean isMain() { return sid.equals(mainSid); }

    /** The status the account behaves with: a subaccount of a suspended main behaves as suspended. */
    public AccountStatus effectiveStatus() {
        if (status == AccountStatus.CLOSED) return AccountStatus.CLOSED;
        if (mainStatus != AccountStatus.ACTIVE) return AccountStatus.SUSPENDED;
        return status;
    }

    public boolean canAuthenticate() { return effectiveStatus() == AccountStatus.ACTIVE; }
}
