package org.cradle.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sign-in rate limiting: after too many failed sign-ins for one account, or from one address, within a window,
 * further attempts are refused until the window has passed (a correct password included, so guessing cannot go on).
 */
final class SignInLimits {

    static final int PER_ACCOUNT = 5;
    static final int PER_ADDRESS = 20;
    static final Duration WINDOW = Duration.ofMinutes(15);

    private final Clock clock;
    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

    SignInLimits(Clock clock) {
        this.clock = clock;
    }

    /** Whether another attempt for this account from this address may be tried now. */
    boolean allowed(String username, String address) {
        return recent("account:" + username) < PER_ACCOUNT && recent("address:" + address) < PER_ADDRESS;
    }

    void failed(String username, String address) {
        Instant now = clock.instant();
        for (String key : new String[] {"account:" + username, "address:" + address}) {
            var times = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
            synchronized (times) {
                times.addLast(now);
            }
        }
    }

    private int recent(String key) {
        var times = failures.get(key);
        if (times == null) {
            return 0;
        }
        synchronized (times) {
            Instant since = clock.instant().minus(WINDOW);
            while (!times.isEmpty() && times.peekFirst().isBefore(since)) {
                times.removeFirst();
            }
            return times.size();
        }
    }
}
