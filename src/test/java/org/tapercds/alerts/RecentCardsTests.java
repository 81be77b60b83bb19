package org.tapercds.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.tapercds.testing.MutableClock;

/** The recently issued cards an override is snoozed from: bounded by count and by age. */
class RecentCardsTests {

    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

    private final MutableClock clock = new MutableClock(NOW);

    private RecentCards cards(int capacity, Duration age) {
        return new RecentCards(clock, new SnoozeProperties(null, null, null, capacity, age));
    }

    private RecentCards.IssuedTo issued(String patient) {
        return new RecentCards.IssuedTo(patient, "taper-rate-exceeded", "warning", clock.instant());
    }

    @Test
    void forgetsTheOldestCardsBeyondItsCapacity() {
        RecentCards cards = cards(3, Duration.ofHours(24));
        for (int i = 0; i < 5; i++) {
            cards.put("card-" + i, issued("p" + i));
        }

        assertThat(cards.size()).isEqualTo(3);
        assertThat(cards.get("card-1")).isEmpty();
        assertThat(cards.get("card-2"))
                .hasValueSatisfying(c -> assertThat(c.patientId()).isEqualTo("p2"));
        assertThat(cards.get("card-4")).isPresent();
    }

    @Test
    void forgetsCardsOlderThanItsAge() {
        RecentCards cards = cards(100, Duration.ofHours(24));
        cards.put("old", issued("p1"));
        clock.advance(Duration.ofHours(23));
        cards.put("newer", issued("p2"));

        clock.advance(Duration.ofHours(2));

        assertThat(cards.get("old")).isEmpty();
        assertThat(cards.get("newer")).isPresent();
        cards.put("newest", issued("p3"));
        assertThat(cards.size()).isEqualTo(2);
    }
}
