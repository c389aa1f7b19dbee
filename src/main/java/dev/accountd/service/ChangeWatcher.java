package dev.accountd.service;

import dev.accountd.store.AccountStore;

/**
 * Notices changes to credentials and statuses made by another process on the same store (an operator's CLI
 * command, another node) and drops the credential cache when one happened.
 */
public final class ChangeWatcher implements Runnable {
    private final AccountStore accounts;
    private final CredentialCache cache;
    private long seen;

    public ChangeWatcher(AccountStore accounts, CredentialCache cache) {
        this.accounts = accounts;
        this.cache = cache;
        this.seen = accounts.changeEpoch();
    }

    @Override
    public synchronized void run() {
        long now = accounts.changeEpoch();
        if (now != seen) {
            cache.invalidateAll();
            seen = now;
        }
    }
}
