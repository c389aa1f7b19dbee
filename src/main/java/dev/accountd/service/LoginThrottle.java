package dev.accountd.service;

import dev.accountd.error.TwilioException;
import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Brute-force protection. Failed authentications are counted per credential SID and per source address in
 * fixed one-minute windows. Past the limit, every request with that SID (or from that address) is refused with
 * 429 until the window ends, even with the right secret, so a guess never learns that it was right. The
 * rightful holder is therefore locked out for at most the rest of that minute.
 */
public final class LoginThrottle {
    public static final int MAX_FAILURES_PER_CREDENTIAL = 10;
    public static final int MAX_FAILURES_PER_ADDRESS = 30;
    private static final long WINDOW_SECONDS = 60;

    private record Window(long index, AtomicInteger failures) {}

    private final ConcurrentHashMap<String, Window> credentials = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Window> addresses = new ConcurrentHashMap<>();
    private final Clock clock;

    public LoginThrottle(Clock clock) { this.clock = clock; }

    /** Refuses with 429 / 20429 and Retry-After when the credential or the address is over its limit. */
    public void check(String credentialSid, String address) {
        long now = clock.instant().getEpochSecond();
        long index = now / WINDOW_SECONDS;
        if (over(credentials, credentialSid, index, MAX_FAILURES_PER_CREDENTIAL) || over(addresses, address, index, MAX_FAILURES_PER_ADDRESS)) {
            throw TwilioException.tooManyRequests(WINDOW_SECONDS - now % WINDOW_SECONDS);
        }
    }

    public void recordFailure(String credentialSid, String address) {
        long index = clock.instant().getEpochSecond() / WINDOW_SECONDS;
        count(credentials, credentialSid, index);
        count(addresses, address, index);
    }

    /** Drops the counters of past windows; run periodically so the maps stay small. */
    public void forgetExpired() {
        long index = clock.instant().getEpochSecond() / WINDOW_SECONDS;
        credentials.values().removeIf(w -> w.index() < index);
        addresses.values().removeIf(w -> w.index() < index);
    }

    private static boolean over(ConcurrentHashMap<String, Window> windows, String key, long index, int max) {
        if (key == null) return false;
        Window w = windows.get(key);
        return w != null && w.index() == index && w.failures().get() > max;
    }

    private static void count(ConcurrentHashMap<String, Window> windows, String key, long index) {
        if (key == null) return;
        if (windows.size() > 200_000) windows.clear(); // bounded under a flood of distinct names
        windows.compute(key, (k, w) -> w == null || w.index() != index ? new Window(index, new AtomicInteger()) : w)
                .failures().incrementAndGet();
    }
}
