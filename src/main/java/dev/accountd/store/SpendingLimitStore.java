package dev.accountd.store;

import dev.accountd.domain.Money;
import dev.accountd.domain.SpendingLimit;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Spending limits. A {@code block} limit is enforced where usage is stored (the Message and Call inserts), holding the
 * family's balance row, so concurrent requests on several nodes cannot pass it together.
 */
public interface SpendingLimitStore {

    /** Sets the account's limit (replacing one it had); false when the account is closed or gone. */
    boolean put(SpendingLimit limit);

    Optional<SpendingLimit> find(String accountSid);

    boolean delete(String accountSid);

    /** What the limit's account (or family) has spent in the period of {@code at}, charged or committed to. */
    Money spent(SpendingLimit limit, Instant at);

    /** The {@code suspend} limits of active subaccounts whose spending in the period of {@code at} has reached them. */
    List<SpendingLimit> reachedSuspendLimits(Instant at);
}
