package dev.accountd.store;

import dev.accountd.domain.Money;
import java.util.Optional;

/** The sandbox's reset: the store back to its first main account, as a test run between cases wants it. */
public interface SandboxStore {

    /** The first main account created on the store (the seeded one); empty on an empty store. */
    Optional<String> firstMainSid();

    /**
     * Deletes everything but the row of main account {@code keep} (whose credentials stay valid): every other
     * account, every key, address, number, event, ledger entry and price override; the inventory is whole again,
     * and the kept account's balance starts again at {@code opening}, its settings at their defaults. One
     * transaction: a reset happens entirely or not at all.
     *
     * @return how many accounts were deleted
     */
    int reset(String keep, Money opening, int subaccountLimit);
}
