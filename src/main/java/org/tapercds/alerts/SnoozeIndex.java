package org.tapercds.alerts;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.tapercds.evaluation.Snoozes;
import org.tapercds.facts.Indicator;

/**
 * The snoozes the {@link org.tapercds.evaluation.Evaluator} consults on every call, answered from
 * memory so a call never waits on the database: patient → category → (most severe indicator
 * withheld, until), expired by the injected clock. Filled from the {@code snooze} table at start
 * (on its own thread), told at once of snoozes made by feedback on this replica, and re-read from
 * the table every {@code taper.snooze.refresh} so snoozes made on other replicas arrive within that
 * interval. A refresh only adds (per patient and category the later {@code until} wins) and drops
 * what expired: when the database cannot answer, the index keeps what it has, and a snooze it
 * never learnt of means the card is shown (fail safe).
 */
@Component
class SnoozeIndex implements Snoozes, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SnoozeIndex.class);

    record Entry(Indicator indicator, Instant until) {}

    private final JdbcClient jdbc;
    private final Clock clock;
    private final SnoozeProperties properties;
    /** Inner maps are immutable and replaced whole, so readers need no lock. */
    private final Map<String, Map<String, Entry>> byPatient = new ConcurrentHashMap<>();

    private volatile ScheduledExecutorService refresher;

    SnoozeIndex(JdbcClient jdbc, Clock clock, SnoozeProperties properties) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.properties = properties;
    }

    @Override
    public Map<String, Indicator> snoozed(String patientId) {
        Map<String, Entry> entries = patientId == null ? null : byPatient.get(patientId);
        if (entries == null) {
            return Map.of();
        }
        Instant now = clock.instant();
        Map<String, Indicator> snoozed = new HashMap<>();
        entries.forEach((category, entry) -> {
            if (entry.until().isAfter(now)) {
                snoozed.put(category, entry.indicator());
            }
        });
        return snoozed;
    }

    /** Adds a snooze (or keeps the one already known when it lasts longer). */
    void snooze(String patientId, String category, Indicator indicator, Instant until) {
        byPatient.compute(patientId, (id, entries) -> {
            Map<String, Entry> next = entries == null ? new HashMap<>() : new HashMap<>(entries);
            next.merge(category, new Entry(indicator, until), SnoozeIndex::later);
            return Map.copyOf(next);
        });
    }

    /**
     * Re-reads the unexpired snoozes of the table and drops the expired ones from memory; returns
     * false (keeping what it has) when the database cannot answer.
     */
    boolean refresh() {
        Instant now = clock.instant();
        List<SnoozeEntry> rows;
        try {
            rows = jdbc.sql("select patient_id, category, indicator, until from snooze where until > ?")
                    .param(AlertStore.utc(now))
                    .query((rs, n) -> new SnoozeEntry(
                            rs.getString("patient_id"),
                            rs.getString("category"),
                            rs.getString("indicator"),
                            rs.getObject("until", OffsetDateTime.class).toInstant()))
                    .list();
        } catch (RuntimeException e) {
            log.warn(
                    "Could not read snoozes, keeping the {} patients known: {}",
                    byPatient.size(),
                    e.getClass().getSimpleName());
            return false;
        }
        for (SnoozeEntry row : rows) {
            indicator(row.indicator())
                    .ifPresent(indicator -> snooze(row.patientId(), row.category(), indicator, row.until()));
        }
        byPatient.replaceAll((id, entries) -> Map.copyOf(withoutExpired(entries, now)));
        byPatient.values().removeIf(Map::isEmpty);
        return true;
    }

    /** Patients with a snooze in memory. */
    int size() {
        return byPatient.size();
    }

    private static Map<String, Entry> withoutExpired(Map<String, Entry> entries, Instant now) {
        Map<String, Entry> kept = new HashMap<>();
        entries.forEach((category, entry) -> {
            if (entry.until().isAfter(now)) {
                kept.put(category, entry);
            }
        });
        return kept;
    }

    private static Entry later(Entry known, Entry added) {
        return added.until().isAfter(known.until()) ? added : known;
    }

    static Optional<Indicator> indicator(String wireName) {
        for (Indicator indicator : Indicator.values()) {
            if (indicator.wireName().equals(wireName)) {
                return Optional.of(indicator);
            }
        }
        return Optional.empty();
    }

    private record SnoozeEntry(String patientId, String category, String indicator, Instant until) {}

    @Override
    public void start() {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "snooze-refresh");
            thread.setDaemon(true);
            return thread;
        });
        long period = properties.refresh().toMillis();
        executor.scheduleWithFixedDelay(this::refreshQuietly, 0, period, TimeUnit.MILLISECONDS);
        refresher = executor;
    }

    private void refreshQuietly() {
        try {
            refresh();
        } catch (RuntimeException e) {
            // A scheduled task that throws is never run again.
            log.warn("Snooze refresh failed: {}", e.getClass().getSimpleName());
        }
    }

    @Override
    public void stop() {
        ScheduledExecutorService executor = refresher;
        refresher = null;
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return refresher != null;
    }
}
