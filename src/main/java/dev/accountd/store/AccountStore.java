package dev.accountd.store;

import dev.accountd.domain.Account;
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

    /** A change to an account; empty fields stay as they are. */
    record Change(Optional<String> friendlyName, Optional<AccountStatus> status) {}

    /** The outcome of {@link #update}. */
    sealed interface UpdateResult {
        record Updated(Account account) implements UpdateResult {}
        record NotFound() implements UpdateResult {}
        record Closed() implements UpdateResult {}
    }

    Account insertMain(String sid, String friendlyName, AuthToken token, Instant now, int subaccountLimit);

    /**
     * Inserts a subaccount when the main account owns fewer live subaccounts than its limit, atomically with
     * the count; empty when the limit is reached.
     */
    Optional<Account> insertSubaccount(String mainSid, String sid, String friendlyName, AuthToken token, Instant now);

    Optional<Account> find(String sid);

    Slice<Account> list(Listing listing, PageRequest page);

    /** Applies a change unless the account is closed; closing frees a place under the main's limit. */
    UpdateResult update(String sid, Change change, Instant now);

    /** Sets a main account's own status: an operator action that its subaccounts follow. */
    Optional<Account> setMainStatus(String mainSid, AccountStatus status, Instant now);

    Optional<MainAccountSettings> settings(String mainSid);

    Optional<MainAccountSettings> updateSettings(String mainSid, Optional<Integer> subaccountLimit, Optional<Boolean> autoDeleteClosed);

    /** Deletes up to {@code batch} subaccounts closed before {@code cutoff} whose main has automatic deletion on. */
    int deleteClosedBefore(Instant cutoff, int batch);

    boolean hasAnyAccount();

    /**
     * A number that grows with every change to a credential or an account status, made by any process on
     * this store; caches of verified credentials compare it to notice changes made elsewhere.
     */
    long changeEpoch();
}
