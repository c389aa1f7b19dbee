package dev.accountd.service;

import dev.accountd.domain.MainAccountSettings;
import dev.accountd.domain.Money;
import dev.accountd.error.ErrorCode;
import dev.accountd.error.TwilioException;
import dev.accountd.store.SandboxStore;

/**
 * {@code POST /_accountd/v1/Reset}, for CI between test cases (as moto's reset is): only on a server started with
 * {@code --sandbox}, and only with the first main account's auth token. Everything but that account is deleted;
 * its credentials stay valid and its balance starts again. The clock stays where it is: it never goes back.
 */
public final class SandboxService {
    private final boolean enabled;
    private final SandboxStore store;
    private final Money opening;

    public SandboxService(boolean enabled, SandboxStore store, Money opening) {
        this.enabled = enabled;
        this.store = store;
        this.opening = opening;
    }

    /** What a reset kept and how much it deleted. */
    public record Reset(String accountSid, int deletedAccounts, Money balance) {}

    public Reset reset(Caller caller) {
        if (!enabled) throw TwilioException.notFound(); // a server that is not a sandbox has no such resource
        String first = store.firstMainSid().orElseThrow(TwilioException::notFound);
        if (!caller.isMainAuthToken() || !caller.accountSid().equals(first)) {
            throw TwilioException.of(ErrorCode.FORBIDDEN, "Only the auth token of the first main account (" + first + ") may reset the sandbox");
        }
        int deleted = store.reset(first, opening, MainAccountSettings.DEFAULT_SUBACCOUNT_LIMIT);
        return new Reset(first, deleted, opening);
    }
}
