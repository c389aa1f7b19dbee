package dev.accountd.service;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.accountd.error.TwilioException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Brute-force protection, aimed at the client that fails. Failed authentications are counted per (credential
 * SID, source address) and per source address, in fixed one-minute windows. Past the limit, requests from that
 * address with that SID (or from that address at all) get 429 with Retry-After until the window ends, even with
 * the right secret, so the failing client never learns that a guess was right. A client at another address is
 * never refused because of them: knowing an Account SID is not enough to lock its owner out.
 *
 * <p>Tokens are 128-bit random values, so this slows credential stuffing and protects the server rather than
 * stopping guessing. The counters are a size- and time-bounded cache: a flood of distinct names or addresses
 * evicts old counters one by one and never grows memory, and never clears every counter at once.
 */
public final class LoginThrottle {
    public static final int MAX_FAILURES_PER_CREDENTIAL = 10;
    public static final int MAX_FAILURES_PER_ADDRESS = 30;
    private static final long WINDOW_SECONDS = 60;
    private static final int MAX_COUNTERS = 200_000;

    private record Window(long index, AtomicInteger failures) {}

    private final Cache<String, Window> windows;
    private final Clock clock;

    public LoginThrottle(Clock clock) {
        this.clock = clock;
        // Expiry follows the same clock as the windows (tests move it), and a counter outlives its window.
        this.windows = Caffeine.newBuilder().maximumSize(MAX_COUNTERS).expireAfterWrite(Duration.ofSeconds(2 * WINDOW_SECONDS))
                .ticker(() -> clock.millis() * 1_000_000L).build();
    }

    /** Refuses with 429 / 20429 and Retry-After when this client is over its limit. */
    public void check(String credentialSid, String address) {
        if (windows.estimatedSize() == 0) return; // no failure anywhere lately: the common case costs nothing
        long now = clock.instant().getEpochSecond();
        long index = now / WINDOW_SECONDS;
        if (over(credentialKey(credentialSid, address), index, MAX_FAILURES_PER_CREDENTIAL)
                || over(addressKey(address), index, MAX_FAILURES_PER_ADDRESS)) {
            throw TwilioException.tooManyRequests(WINDOW_SECONDS - now % WINDOW_SECONDS);
        }
    }

    public void recordFailure(String credentialSid, String address) {
        long index = clock.instant().getEpochSecond() / WINDOW_SECONDS;
        count(credentialKey(credentialSid, address), index);
        count(addressKey(address), index);
    }

    private static String credentialKey(String credentialSid, String address) {
        return credentialSid == null || address == null ? null : credentialSid + "@" + address;
    }

    private static String addressKey(String address) {
        return address == null ? null : "@" + address;
    }

    private boolean over(String key, long index, int max) {
        if (key == null) return false;
        Window w = windows.getIfPresent(key);
        return w != null && w.index() == index && w.failures().get() > max;
    }

    private void count(String key, long index) {
        if (key == null) return;
        windows.asMap().compute(key, (k, w) -> w == null || w.index() != index ? new Window(index, new AtomicInteger()) : w)
                .failures().incrementAndGet();
    }
}
