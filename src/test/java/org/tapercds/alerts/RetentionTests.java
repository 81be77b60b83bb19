package org.tapercds.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.tapercds.testing.MutableClock;
import org.tapercds.testing.TestDatabase;

/**
 * Retention on PostgreSQL and H2 with a pinned clock: what is older than {@code
 * taper.alerts.retention} goes (alerts with their review actions, feedback, audit events), what is
 * younger stays, and the job runs once a day by the clock.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RetentionTests {

    private static final Instant NOW = Instant.parse("2028-06-01T03:00:00Z");

    private final Map<TestDatabase.Kind, TestDatabase> databases = new EnumMap<>(TestDatabase.Kind.class);

    private TestDatabase database(TestDatabase.Kind kind) {
        return databases.computeIfAbsent(kind, TestDatabase::create);
    }

    @AfterAll
    void dropDatabases() {
        databases.values().forEach(TestDatabase::close);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void deletesAlertsWithTheirActionsFeedbackAndAuditEventsOlderThanTheRetention(TestDatabase.Kind kind) {
        TestDatabase database = database(kind);
        Instant old = NOW.minus(Duration.ofDays(731));
        Instant young = NOW.minus(Duration.ofDays(729));
        String oldAlert = id();
        String youngAlert = id();
        String oldAudit = id();
        String youngAudit = id();
        Records.store(database)
                .write(List.of(
                        Records.alert(oldAlert, old),
                        Records.alert(youngAlert, young),
                        Records.audit(oldAudit, old),
                        Records.audit(youngAudit, young)));
        String oldAction = reviewAction(database, oldAlert, young);
        String oldFeedback = feedback(database, old);
        String youngFeedback = feedback(database, young);

        purge(database, properties(Duration.ofDays(730)));

        assertThat(exists(database, "alert", oldAlert)).isFalse();
        assertThat(exists(database, "review_action", oldAction)).isFalse();
        assertThat(exists(database, "audit_event", oldAudit)).isFalse();
        assertThat(exists(database, "feedback", oldFeedback)).isFalse();
        assertThat(exists(database, "alert", youngAlert)).isTrue();
        assertThat(exists(database, "audit_event", youngAudit)).isTrue();
        assertThat(exists(database, "feedback", youngFeedback)).isTrue();
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void deletesSnoozesThatHaveEndedAndKeepsTheOthers(TestDatabase.Kind kind) {
        TestDatabase database = database(kind);
        String ended = "pat-" + id();
        String running = "pat-" + id();
        snooze(database, ended, NOW.minus(Duration.ofMinutes(1)));
        snooze(database, running, NOW.plus(Duration.ofDays(1)));

        purge(database, properties(Duration.ofDays(730)));

        assertThat(snoozed(database, ended)).isZero();
        assertThat(snoozed(database, running)).isOne();
    }

    private static void snooze(TestDatabase database, String patientId, Instant until) {
        database.jdbc()
                .sql("insert into snooze (patient_id, category, indicator, feedback_id, created_at, until)"
                        + " values (?, 'taper-rate-exceeded', 'warning', ?, ?, ?)")
                .params(patientId, id(), AlertStore.utc(NOW.minus(Duration.ofDays(1))), AlertStore.utc(until))
                .update();
    }

    private static long snoozed(TestDatabase database, String patientId) {
        return database.jdbc()
                .sql("select count(*) from snooze where patient_id = ?")
                .param(patientId)
                .query(Long.class)
                .single();
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void runsOnceADayByTheClock(TestDatabase.Kind kind) {
        TestDatabase database = database(kind);
        MutableClock clock = new MutableClock(NOW);
        Retention retention = new Retention(database.jdbc(), clock, properties(Duration.ofDays(30)), new Migrations());
        retention.runIfDue();

        String alert = id();
        Records.store(database).write(List.of(Records.alert(alert, NOW.minus(Duration.ofDays(40)))));
        clock.advance(Duration.ofHours(23));
        retention.runIfDue();
        assertThat(exists(database, "alert", alert)).isTrue();

        clock.advance(Duration.ofHours(1));
        retention.runIfDue();
        assertThat(exists(database, "alert", alert)).isFalse();
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void keepsRequestsForTheirOwnDaysAndNoneOnceKeepingIsOff(TestDatabase.Kind kind) {
        TestDatabase database = database(kind);
        KeptRequest old = KeptRequest.of("benzo-taper-order-sign", id(), NOW.minus(Duration.ofDays(15)), "{}");
        KeptRequest young = KeptRequest.of("benzo-taper-order-sign", id(), NOW.minus(Duration.ofDays(13)), "{}");
        Records.store(database).write(List.of(old, young));

        purge(database, properties(Duration.ofDays(730), Duration.ofDays(14)));
        assertThat(exists(database, "kept_request", old.id())).isFalse();
        assertThat(exists(database, "kept_request", young.id())).isTrue();

        purge(database, properties(Duration.ofDays(730), Duration.ZERO));
        assertThat(exists(database, "kept_request", young.id())).isFalse();
    }

    /** One purge at {@link #NOW}. */
    private static void purge(TestDatabase database, AlertsProperties properties) {
        new Retention(database.jdbc(), Clock.fixed(NOW, ZoneOffset.UTC), properties, new Migrations()).purge();
    }

    private static AlertsProperties properties(Duration retention, Duration keepRequests) {
        return new AlertsProperties(Path.of("unused"), retention, null, null, null, keepRequests);
    }

    private static AlertsProperties properties(Duration retention) {
        return new AlertsProperties(Path.of("unused"), retention, null, null, null, null);
    }

    private static String id() {
        return TestDatabase.newSchemaName();
    }

    private static boolean exists(TestDatabase database, String table, String id) {
        return AlertStoreTests.countById(database, table, id) > 0;
    }

    private static String reviewAction(TestDatabase database, String alertId, Instant at) {
        String id = id();
        database.jdbc()
                .sql(
                        "insert into review_action (id, alert_id, action, note, actor, created_at) values (?, ?, ?, ?, ?, ?)")
                .params(id, alertId, "acknowledge", null, "pat", AlertStore.utc(at))
                .update();
        return id;
    }

    private static String feedback(TestDatabase database, Instant at) {
        String id = id();
        database.jdbc()
                .sql(
                        """
                        insert into feedback (id, card_uuid, matched, service_id, outcome, outcome_timestamp, received_at)
                        values (?, ?, ?, ?, ?, ?, ?)
                        """)
                .params(id, id(), false, "benzo-taper-order-sign", "accepted", AlertStore.utc(at), AlertStore.utc(at))
                .update();
        return id;
    }
}
