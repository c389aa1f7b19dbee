package dev.accountd.service;

import dev.accountd.store.ChangeFeed;
import java.util.function.Consumer;

/**
 * Applies the changes that other processes and nodes made to credentials and statuses to this node's
 * credential cache, so that a token promoted or a key deleted elsewhere is refused here too.
 */
public final class ChangeWatcher implements Consumer<String> {
    private final CredentialCache cache;

    public ChangeWatcher(CredentialCache cache) { this.cache = cache; }

    @Override
    public void accept(String scope) {
        if (ChangeFeed.EVERYTHING.equals(scope)) cache.invalidateAll();
        else cache.invalidate(scope);
    }
}
