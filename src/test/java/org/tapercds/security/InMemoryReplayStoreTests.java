package org.tapercds.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.tapercds.testing.MutableClock;

class InMemoryReplayStoreTests {

    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

    private final MutableClock clock = new MutableClock(NOW);
    private final InMemoryReplayStore store = new InMemoryReplayStore(clock);

    @Test
    void refusesASecondUseWithinTheWindow() {
        assertThat(store.firstUse("iss", "jti-1", NOW.plus(Duration.ofHours(1))))
                .isTrue();
        clock.set(NOW.plus(Duration.ofMinutes(59)));

        assertThat(store.firstUse("iss", "jti-1", NOW.plus(Duration.ofHours(2))))
                .isFalse();
    }

    @Test
    void keepsIssuersApart() {
        assertThat(store.firstUse("iss-a", "jti-1", NOW.plus(Duration.ofHours(1))))
                .isTrue();

        assertThat(store.firstUse("iss-b", "jti-1", NOW.plus(Duration.ofHours(1))))
                .isTrue();
    }

    @Test
    void forgetsAnIdAfterItsTimeAndSweepsIt() {
        store.firstUse("iss", "jti-1", NOW.plus(Duration.ofHours(1)));
        store.firstUse("iss", "jti-2", NOW.plus(Duration.ofHours(3)));
        clock.set(NOW.plus(Duration.ofHours(2)));

        assertThat(store.firstUse("iss", "jti-3", NOW.plus(Duration.ofHours(3))))
                .isTrue();
        assertThat(store.size()).isEqualTo(2); // jti-1 swept
        assertThat(store.firstUse("iss", "jti-1", NOW.plus(Duration.ofHours(3))))
                .isTrue();
        assertThat(store.firstUse("iss", "jti-2", NOW.plus(Duration.ofHours(4))))
                .isFalse();
    }
}
