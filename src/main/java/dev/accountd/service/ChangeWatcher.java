package dev.accountd.service;

import dev.accountd.store.ChangeFeed;
import dev.accountd.store.LedgerStore;
import java.util.function.Consumer;

/**
 * Applies the changes that other processes and nodes made to credentials and statuses to this node's
 * credential cache, so that a token promoted or a key deleted elsewhere is refused here too, and moves this node's
 * manual clock where another moved it; a family's balance changed elsewhere is read again.
 */
public final class ChangeWatcher implements Consumer<String> {
    private final CredentialCache cache;
    private final ClockService clock;
    private final LedgerStore ledger;

    public ChangeWatcher(CredentialCache cache, ClockService clock, LedgerStore ledger) {
        this.cache = cache;
        this.clock = clock;
        this.ledger = ledger;
    }

    @Override
    public void accept(String scope) {
        if (ChangeFeed.EVERYTHING.equals(scope)) {
            cache.invalidateAll();
            ledger.forgetCachedBalances();
            clock.reload();
        } else if (scope.startsWith(ChangeFeed.BALANCE)) {
            ledger.forgetCachedBalance(scope.substring(ChangeFeed.BALANCE.length()));
        } else if (ChangeFeed.CLOCK.equals(scope)) {
            clock.reload();
        } else {
            cache.invalidate(scope);
        }
    }
}
