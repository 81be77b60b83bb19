package org.tapercds.alerts;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Snoozes after an overridden card (SPEC §3, docs/alerts.md).
 *
 * @param days how long the overridden card's category stays withheld for the patient ({@code
 *     taper.snooze.days}, default 90)
 * @param refresh how often the in-memory index re-reads the {@code snooze} table, so snoozes made
 *     on another replica arrive ({@code taper.snooze.refresh}, default 10 s)
 * @param lookupTimeout how long feedback waits to read an overridden card's alert that this
 *     replica did not issue ({@code taper.snooze.lookup-timeout}, default 200 ms); on time-out the
 *     snooze still reaches the index from the table, within {@code refresh}
 * @param recentCards how many recently issued cards are kept in memory to apply a snooze at once
 *     ({@code taper.snooze.recent-cards}, default 100,000)
 * @param recentCardsAge how long an issued card is kept there ({@code taper.snooze.recent-cards-age},
 *     default 24 h)
 */
@ConfigurationProperties("taper.snooze")
record SnoozeProperties(
        Integer days, Duration refresh, Duration lookupTimeout, Integer recentCards, Duration recentCardsAge) {

    SnoozeProperties {
        days = days == null ? 90 : days;
        refresh = refresh == null ? Duration.ofSeconds(10) : refresh;
        lookupTimeout = lookupTimeout == null ? Duration.ofMillis(200) : lookupTimeout;
        recentCards = recentCards == null ? 100_000 : recentCards;
        recentCardsAge = recentCardsAge == null ? Duration.ofHours(24) : recentCardsAge;
        if (days < 0) {
            throw new IllegalArgumentException("taper.snooze.days must not be negative");
        }
        if (refresh.isNegative() || refresh.isZero()) {
            throw new IllegalArgumentException("taper.snooze.refresh must be positive");
        }
    }

    Duration period() {
        return Duration.ofDays(days);
    }
}
