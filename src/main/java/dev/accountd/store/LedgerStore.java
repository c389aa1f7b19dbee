package dev.accountd.store;

import dev.accountd.domain.Balance;
import dev.accountd.domain.LedgerEntry;
import dev.accountd.domain.LedgerFilter;
import dev.accountd.domain.Money;
import dev.accountd.domain.PageRequest;
import dev.accountd.domain.Slice;
import dev.accountd.domain.Usage;
import java.time.Instant;
import java.util.Optional;

/**
 * The money of every family: one balance per main account and the append-only ledger that moves it. An entry and
 * the balance it moves are written in one transaction, so {@code balance = opening + Σ entries} at every commit;
 * each entry has a cause that is unique, so a retried request or a job that runs twice never charges twice.
 */
public interface LedgerStore {

    /**
     * An entry to write.
     *
     * @param cause what makes this entry unique: the same cause twice is one entry
     * @param usage what it adds to the account's Usage Records under its category ({@link Usage#NONE} for a recharge)
     */
    record Posting(String sid, String mainSid, String accountSid, String category, Money amount, Optional<String> resourceSid,
                   Optional<String> reference, String cause, Instant date, Usage usage) {}

    /** The outcome of {@link #post}. */
    sealed interface Posted {
        record Entered(LedgerEntry entry) implements Posted {}
        /** An entry with this cause exists already (a retried request): nothing was written. */
        record AlreadyEntered(LedgerEntry entry) implements Posted {}
        /** There is no such main account (or it was deleted meanwhile). */
        record NoBalance() implements Posted {}
    }

    Optional<Balance> balance(String mainSid);

    /** Writes one entry and moves the balance, with its audit event, in one transaction. */
    Posted post(Posting posting, Audit<LedgerEntry> audit);

    /** The family's entries as posted, oldest first (or newest first), matching the filter. */
    /** Writes many entries in one transaction, each family's balance row held and moved once (bulk tools). */
    java.util.List<LedgerEntry> postAll(java.util.List<Posting> postings, Audit<LedgerEntry> audit);

    Slice<LedgerEntry> list(String mainSid, LedgerFilter filter, boolean newestFirst, PageRequest page);

    Optional<LedgerEntry> findBySid(String sid);

    /** Sets or clears the family's auto-recharge, with its audit event; empty when there is no such main account. */
    Optional<Balance> setAutoRecharge(String mainSid, Optional<Balance.AutoRecharge> autoRecharge, Audit<Balance> audit);

    /**
     * Opens a balance for every main account that has none (a store from before balances existed); returns how
     * many were opened.
     */
    int openMissing(Money opening);

    /** The currencies the store's balances are kept in (one, unless the operator changed ACCOUNTD_CURRENCY). */
    java.util.Set<String> currencies();

    /** Drops this process's cached copy of a family's balance: another node changed it. */
    void forgetCachedBalance(String mainSid);

    /** Drops every cached balance of this process (after a reset, or a change feed that may have missed notices). */
    void forgetCachedBalances();
}
