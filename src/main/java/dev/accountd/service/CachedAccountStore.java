package dev.accountd.service;

import dev.accountd.domain.Account;
import dev.accountd.domain.AccountChange;
import dev.accountd.domain.AccountStatus;
import dev.accountd.domain.AuthToken;
import dev.accountd.domain.MainAccountSettings;
import dev.accountd.domain.PageRequest;
import dev.accountd.domain.PhoneNumber;
import dev.accountd.domain.Slice;
import dev.accountd.store.AccountStore;
import dev.accountd.store.Audit;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The account store as requests read it: {@link #find} answers from the {@link CredentialCache}'s account rows, so
 * an authenticated fetch needs no store lookup, and every write drops the rows it changed once it has committed
 * (other nodes drop theirs through the change feed), so that a replaced secret stops working before the answer is
 * sent. Everything else goes to the store unchanged.
 */
public final class CachedAccountStore implements AccountStore {
    private final AccountStore store;
    private final CredentialCache cache;

    public CachedAccountStore(AccountStore store, CredentialCache cache) {
        this.store = store;
        this.cache = cache;
    }

    @Override
    public Optional<Account> find(String sid) {
        Optional<Account> cached = cache.account(sid);
        if (cached.isPresent()) return cached;
        long generation = cache.generation();
        Optional<Account> found = store.find(sid);
        found.ifPresent(a -> cache.putAccount(a, generation)); // a missing account is not remembered: it may be created
        return found;
    }

    @Override
    public UpdateResult update(String sid, AccountChange change, Instant now, Audit<Account> audit, Audit<PhoneNumber> released) {
        UpdateResult result = store.update(sid, change, now, audit, released);
        // a status change reaches the account's keys and, for a main account, its subaccounts' rows
        if (change.status().isPresent()) cache.invalidateAll();
        else cache.invalidate(sid);
        return result;
    }

    @Override
    public Optional<Account> setMainStatus(String mainSid, AccountStatus status, Instant now, Audit<Account> audit) {
        Optional<Account> result = store.setMainStatus(mainSid, status, now, audit);
        cache.invalidateAll(); // every subaccount's row carries its main account's status
        return result;
    }

    @Override
    public Optional<Account> setSecondaryToken(String sid, AuthToken token, Instant now, Audit<Account> audit) {
        Optional<Account> result = store.setSecondaryToken(sid, token, now, audit);
        cache.invalidate(sid);
        return result;
    }

    @Override
    public boolean deleteSecondaryToken(String sid, Instant now, Audit<Account> audit) {
        boolean result = store.deleteSecondaryToken(sid, now, audit);
        cache.invalidate(sid);
        return result;
    }

    @Override
    public Optional<Account> promoteSecondaryToken(String sid, Instant now, Audit<Account> audit) {
        Optional<Account> result = store.promoteSecondaryToken(sid, now, audit);
        cache.invalidate(sid);
        return result;
    }

    @Override
    public List<Account> rotateTokens(List<Rotation> rotations, Instant now, Audit<Account> audit) {
        List<Account> result = store.rotateTokens(rotations, now, audit);
        for (Rotation r : rotations) cache.invalidate(r.sid());
        return result;
    }

    @Override
    public int deleteClosedBefore(Instant cutoff, int batch) {
        int deleted = store.deleteClosedBefore(cutoff, batch);
        if (deleted > 0) cache.invalidateAll();
        return deleted;
    }

    // ---- reads and inserts, which change no cached row ----

    @Override
    public Account insertMain(String sid, String friendlyName, AuthToken token, Instant now, int subaccountLimit, Audit<Account> audit) {
        return store.insertMain(sid, friendlyName, token, now, subaccountLimit, audit);
    }

    @Override
    public Optional<Account> insertFirstMain(String sid, String friendlyName, AuthToken token, Instant now, int subaccountLimit,
                                             Audit<Account> audit) {
        return store.insertFirstMain(sid, friendlyName, token, now, subaccountLimit, audit);
    }

    @Override
    public Optional<Account> insertSubaccount(String mainSid, String sid, String friendlyName, AuthToken token, Instant now,
                                              Audit<Account> audit) {
        return store.insertSubaccount(mainSid, sid, friendlyName, token, now, audit);
    }

    @Override
    public boolean insertSubaccounts(String mainSid, List<NewSubaccount> batch, Instant now, Audit<Account> audit) {
        return store.insertSubaccounts(mainSid, batch, now, audit);
    }

    @Override
    public Slice<Account> list(Listing listing, PageRequest page) { return store.list(listing, page); }

    @Override
    public Optional<MainAccountSettings> settings(String mainSid) { return store.settings(mainSid); }

    @Override
    public Optional<MainAccountSettings> updateSettings(String mainSid, Optional<Integer> subaccountLimit, Optional<Boolean> autoDeleteClosed) {
        return store.updateSettings(mainSid, subaccountLimit, autoDeleteClosed);
    }

    @Override
    public boolean hasAnyAccount() { return store.hasAnyAccount(); }
}
