package dev.accountd.store;

import dev.accountd.domain.Account;
import dev.accountd.domain.AccountChange;
import dev.accountd.domain.AccountStatus;
import dev.accountd.domain.AuthToken;
import dev.accountd.domain.MainAccountSettings;
import dev.accountd.domain.PageRequest;
import dev.accountd.domain.Slice;
import java.time.Instant;
import java.util.Optional;

/** Persistence of accounts and the per-main settings. Every method is one transaction. */
public interface AccountStore {

    /** What to list: a whole family or one account, optionally filtered. */
    record Listing(String mainSid, Optional<String> onlySid, Optional<String> friendlyName, Optional<AccountStatus> status) {}

    /** The outcome of {@link #update}. */
    sealed interface UpdateResult {
        record Updated(Account account) implements UpdateResult {}
        record NotFound() implements UpdateResult {}
        record Closed() implements UpdateResult {}
    }

    Account insertMain(String sid, String friendlyName, AuthToken token, Instant now, int subaccountLimit, Audit<Account> audit);

    /**
     * Inserts the store's first main account, only while the store holds no account at all: of several nodes
     * starting at once on one empty database, exactly one seeds it. Empty when an account already exists.
     */
    Optional<Account> insertFirstMain(String sid, String friendlyName, AuthToken token, Instant now, int subaccountLimit,
                                      Audit<Account> audit);

    /**
     * Inserts a subaccount when the main account owns fewer live subaccounts than its limit, atomically with
     * the count; empty when the limit is reached.
     */
    Optional<Account> insertSubaccount(String mainSid, String sid, String friendlyName, AuthToken token, Instant now, Audit<Account> audit);

    /** One subaccount of a bulk creation. */
    record NewSubaccount(String sid, String friendlyName, AuthToken token) {}

    /**
     * Inserts a batch of subaccounts in one transaction, all or none: none when they would take the main
     * account past its limit (returns false). Each gets its audit event.
     */
    boolean insertSubaccounts(String mainSid, java.util.List<NewSubaccount> batch, Instant now, Audit<Account> audit);

    Optional<Account> find(String sid);

    Slice<Account> list(Listing listing, PageRequest page);

    /**
     * Applies a change unless the account is closed. Closing frees a place under the main's limit and releases
     * the account's phone numbers in the same transaction, each with its {@code released} event.
     */
    UpdateResult update(String sid, AccountChange change, Instant now, Audit<Account> audit, Audit<dev.accountd.domain.PhoneNumber> released);

    /** Sets a main account's own status: an operator action that its subaccounts follow. */
    Optional<Account> setMainStatus(String mainSid, AccountStatus status, Instant now, Audit<Account> audit);

    /** Sets (or replaces) the secondary auth token; empty when the account does not exist. */
    Optional<Account> setSecondaryToken(String sid, AuthToken token, Instant now, Audit<Account> audit);

    /** Removes the secondary auth token; false when there was none. */
    boolean deleteSecondaryToken(String sid, Instant now, Audit<Account> audit);

    /** Makes the secondary token the primary one; empty when there is no secondary. */
    Optional<Account> promoteSecondaryToken(String sid, Instant now, Audit<Account> audit);

    /** A new primary token for one account of a bulk rotation. */
    record Rotation(String sid, AuthToken token) {}

    /**
     * Replaces the primary token (dropping any secondary) of each listed account that is not closed, each
     * account atomically; returns the accounts rotated.
     */
    java.util.List<Account> rotateTokens(java.util.List<Rotation> rotations, Instant now, Audit<Account> audit);

    Optional<MainAccountSettings> settings(String mainSid);

    Optional<MainAccountSettings> updateSettings(String mainSid, Optional<Integer> subaccountLimit, Optional<Boolean> autoDeleteClosed);

    /** Deletes up to {@code batch} subaccounts closed before {@code cutoff} whose main has automatic deletion on. */
    int deleteClosedBefore(Instant cutoff, int batch);

    boolean hasAnyAccount();
}
