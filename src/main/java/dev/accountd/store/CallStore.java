package dev.accountd.store;

import dev.accountd.domain.AccountStatus;
import dev.accountd.domain.Call;
import dev.accountd.domain.CallFilter;
import dev.accountd.domain.Callback;
import dev.accountd.domain.LedgerEntry;
import dev.accountd.domain.PageRequest;
import dev.accountd.domain.Slice;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Calls, and the steps of their simulated lives, each step written with its charge and its webhooks. */
public interface CallStore {

    /** The outcome of {@link #insert}. */
    sealed interface Inserted {
        record Stored() implements Inserted {}
        /** The owner (or its main account) is suspended or closed, as seen holding its row. */
        record AccountNotActive() implements Inserted {}
        /** It would take the account's or its family's spending past a block limit: nothing was stored. */
        record OverLimit(String reason) implements Inserted {}
    }

    /** Stores a new call if its owner is active when the transaction holds the owner's row, and no block limit stops it. */
    Inserted insert(Call call, List<Callback> callbacks);

    Optional<Call> find(String accountSid, String sid);

    /** Newest first. */
    Slice<Call> list(String accountSid, CallFilter filter, PageRequest page);

    boolean delete(String accountSid, String sid);

    /** A call whose next step is due, with the status its owner acts with now. */
    record Due(Call call, AccountStatus ownerStatus) {}

    List<Due> due(Instant now, int limit);

    /** A call moved on from {@code before} (as read) to {@code after}, with the charge and webhooks of the steps taken. */
    record Step(Call before, Call after, Optional<LedgerStore.Posting> charge, List<Callback> callbacks) {}

    /**
     * Writes the steps in one transaction; a call whose status changed since it was read (an update, a deletion) is
     * left alone. Returns the steps written.
     */
    List<Step> advance(List<Step> steps, Audit<LedgerEntry> charged);
}
