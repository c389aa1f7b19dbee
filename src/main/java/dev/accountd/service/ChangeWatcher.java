package dev.accountd.service;

import dev.accountd.store.ChangeFeed;
import java.util.function.Consumer;

/**
 * Applies the changes that other processes and nodes made to credentials and statuses to this node's
 * credential cache, so that a token promoted or a key deleted elsewhere is refused here too, and moves this node's
 * manual clock where another moved it.
 */
public final class ChangeWatcher implements Consumer<String> {
    private final CredentialCache cache;
    private final ClockService clock;

    public ChangeWatcher(CredentialCache cache, ClockService clock) {
        this.cache = cache;
        this.clock = clock;
    }

    @Override
    public void accept(String scope) {
        if (ChangeFeed.EVERYTHING.equals(scope)) {
            cache.invalidateAll();
            clock.reload();
        } else if (ChangeFeed.CLOCK.equals(scope)) {
            clock.reload();
        } else {
            cache.invalidate(scope);
        }
    }
}
