package dev.accountd.store.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.accountd.domain.Balance;
import dev.accountd.domain.Money;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A cached balance is kept until a change commits, and a copy read while one committed is not kept. */
class BalanceCacheTest {
    static final String MAIN = "AC0123456789abcdef0123456789abcdef";

    static Optional<Balance> balance(long micros) {
        return Optional.of(new Balance(MAIN, new Money(20_000_000, "USD"), new Money(micros, "USD"), Optional.empty()));
    }

    @Test
    void aReadIsKept_untilTheBalanceIsForgotten() {
        BalanceCache cache = new BalanceCache();
        AtomicInteger reads = new AtomicInteger();
        assertEquals(balance(1), cache.get(MAIN, () -> { reads.incrementAndGet(); return balance(1); }));
        assertEquals(balance(1), cache.get(MAIN, () -> { reads.incrementAndGet(); return balance(2); }));
        assertEquals(1, reads.get(), "the second answer is the copy");
        cache.forget(MAIN);
        assertEquals(balance(2), cache.get(MAIN, () -> balance(2)));
    }

    @Test
    void aCopyReadBeforeAChangeCommitted_isNotKeptAfterIt() {
        BalanceCache cache = new BalanceCache();
        // the change commits (and is forgotten) while the read is under way: what it read is the old balance
        assertEquals(balance(1), cache.get(MAIN, () -> { cache.forget(MAIN); return balance(1); }));
        assertEquals(balance(2), cache.get(MAIN, () -> balance(2)), "read again, not the stale copy");
        cache.forgetAll();
        assertEquals(balance(3), cache.get(MAIN, () -> balance(3)));
    }

    @Test
    void anAccountWithoutABalance_isNotCached() {
        BalanceCache cache = new BalanceCache();
        assertEquals(Optional.empty(), cache.get(MAIN, Optional::empty));
        assertEquals(balance(5), cache.get(MAIN, () -> balance(5)));
    }
}
