package org.tapercds.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.tapercds.testing.TestDatabase;

/**
 * The Flyway migrations and the store, the same tests on PostgreSQL (a schema of its own) and H2:
 * the schema is made, every record is stored with its fields, and each id once however often it is
 * written.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AlertStoreTests {

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
    void migratesEveryTableOfTheStore(TestDatabase.Kind kind) {
        TestDatabase database = database(kind);
        for (String table : List.of(
                "alert", "feedback", "review_action", "audit_event", "snooze", "token_replay", "kept_request")) {
            assertThat(database.count(table)).as(table).isNotNegative();
        }
        assertThat(database.jdbc()
                        .sql("select count(*) from \"flyway_schema_history\" where \"version\" = '1' and \"success\"")
                        .query(Long.class)
                        .single())
                .isEqualTo(1L);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void storesAnAlertWithEveryField(TestDatabase.Kind kind) {
        TestDatabase database = database(kind);
        String id = TestDatabase.newSchemaName();
        Instant at = Instant.parse("2026-11-22T10:15:30.123Z");
        Records.store(database).write(List.of(Records.alert(id, at)));

        Map<String, Object> row = database.jdbc()
                .sql("select * from alert where id = ?")
                .param(id)
                .query()
                .singleRow();
        assertThat(row)
                .containsEntry("hook_instance", "hook-" + id)
                .containsEntry("service_id", "benzo-taper-order-sign")
                .containsEntry("patient_id", "patient-1")
                .containsEntry("draft_order_id", "order-1")
                .containsEntry("category", "taper-rate")
                .containsEntry("indicator", "warning")
                .containsEntry("rule_id", "taper-rate-too-fast")
                .containsEntry("shown", true)
                .containsEntry("status", AlertRecord.OPEN);
        Instant stored = database.jdbc()
                .sql("select created_at from alert where id = ?")
                .param(id)
                .query(OffsetDateTime.class)
                .single()
                .toInstant();
        assertThat(stored).isEqualTo(at);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void storesEachIdOnceHoweverOftenItIsWritten(TestDatabase.Kind kind) {
        TestDatabase database = database(kind);
        String alert = TestDatabase.newSchemaName();
        String audit = TestDatabase.newSchemaName();
        List<StoreRecord> batch = List.of(Records.alert(alert), Records.audit(audit));

        Records.store(database).write(batch);
        Records.store(database).write(batch);
        Records.store(database).write(List.of(Records.alert(alert), Records.alert(alert)));

        assertThat(countById(database, "alert", alert)).isEqualTo(1);
        assertThat(countById(database, "audit_event", audit)).isEqualTo(1);
    }

    static long countById(TestDatabase database, String table, String id) {
        return database.jdbc()
                .sql("select count(*) from " + table + " where id = ?")
                .param(id)
                .query(Long.class)
                .single();
    }
}
