package dev.accountd.store;

import java.util.function.Consumer;

/**
 * Changes to credentials and statuses made anywhere on the store (another node, an operator's CLI command),
 * delivered so that caches of verified credentials can drop what changed. A change names the credential SID
 * it affects (an Account SID or a key SID), or {@link #EVERYTHING}.
 */
public interface ChangeFeed extends AutoCloseable {
    String EVERYTHING = "*";
    /** The scope of a move of the manual clock: every node reads the clock again. */
    String CLOCK = "clock";
    /** The scope of a change to a family's balance, followed by the main account's SID: nodes forget their copy. */
    String BALANCE = "balance:";

    /** Starts delivering changes to {@code listener} on a background thread. */
    void start(Consumer<String> listener);

    @Override
    void close();
}
