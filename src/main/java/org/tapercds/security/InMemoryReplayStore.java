package org.tapercds.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The {@link ReplayStore} of a single replica: a map in memory, swept of forgotten ids at most once a
 * minute. With several replicas a token replayed to another replica is not recognised; use a shared
 * store there (docs/security.md).
 */
final class InMemoryReplayStore implements ReplayStore {

    private static final Duration SWEEP_INTERVAL = Duration.ofMinutes(1);

    private final Map<String, Instant> seen = new ConcurrentHashMap<>();
    private final Clock clock;
    private final AtomicReference<Instant> nextSweep;

    InMemoryReplayStore(Clock clock) {
        this.clock = clock;
        this.nextSweep = new AtomicReference<>(clock.instant().plus(SWEEP_INTERVAL));
    }

    @Override
    public boolean firstUse(String issuer, String jti, Instant forgetAfter) {
        Instant now = clock.instant();
        sweep(now);
        boolean[] first = {false};
        seen.compute(issuer + '\n' + jti, (key, until) -> {
            if (until != null && until.isAfter(now)) {
                return until;
            }
            first[0] = true;
            return forgetAfter;
        });
        return first[0];
    }

    int size() {
        return seen.size();
    }

    private void sweep(Instant now) {
        Instant due = nextSweep.get();
        if (now.isBefore(due) || !nextSweep.compareAndSet(due, now.plus(SWEEP_INTERVAL))) {
            return;
        }
        seen.values().removeIf(until -> !until.isAfter(now));
    }
}
