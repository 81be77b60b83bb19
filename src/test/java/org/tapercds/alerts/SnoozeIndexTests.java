package org.tapercds.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;
import org.tapercds.facts.Indicator;
import org.tapercds.testing.MutableClock;
import org.tapercds.testing.TestDatabase;

/**
 * The in-memory snooze index: what it withholds and until when (by the clock), how it learns of
 * snoozes written to the table (another replica's), and that it keeps what it knows when the
 * database cannot answer. The table's upsert (one row per patient and category, the later until
 * wins) runs on H2 and on the real PostgreSQL.
 */
class SnoozeIndexTests {

    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    private static final String RATE = "taper-rate-exceeded";
    private static final String ALCOHOL = "alcohol-co-use";

    private final MutableClock clock = new MutableClock(NOW);
    private final SnoozeProperties properties = new SnoozeProperties(null, null, null, null, null);
    private TestDatabase database;
    private JdbcClient jdbc;

    @AfterEach
    void close() {
        if (database != null) {
            database.close();
        }
    }

    private SnoozeIndex index(String kind) {
        database = TestDatabase.of(kind);
        jdbc = JdbcClient.create(database.dataSource());
        return new SnoozeIndex(jdbc, clock, properties);
    }

    private AlertStore store() {
        return new AlertStore(
                new JdbcTemplate(database.dataSource()),
                new TransactionTemplate(new DataSourceTransactionManager(database.dataSource())),
                new SimpleMeterRegistry());
    }

    private static SnoozeRow row(String patient, String category, String indicator, Instant until) {
        return new SnoozeRow(
                UUID.randomUUID().toString(), UUID.randomUUID().toString(), patient, category, indicator, NOW, until);
    }

    @Test
    void withholdsEachSnoozedCategoryUpToItsIndicatorUntilItExpires() {
        SnoozeIndex index = index("h2");
        index.snooze("p1", RATE, Indicator.WARNING, NOW.plus(Duration.ofDays(90)));
        index.snooze("p1", ALCOHOL, Indicator.CRITICAL, NOW.plus(Duration.ofDays(10)));

        assertThat(index.snoozed("p1"))
                .containsExactlyInAnyOrderEntriesOf(
                        java.util.Map.of(RATE, Indicator.WARNING, ALCOHOL, Indicator.CRITICAL));
        assertThat(index.snoozed("p2")).isEmpty();

        clock.advance(Duration.ofDays(10));
        assertThat(index.snoozed("p1")).containsOnlyKeys(RATE);
        clock.advance(Duration.ofDays(80).minusNanos(1));
        assertThat(index.snoozed("p1")).containsOnlyKeys(RATE);
        clock.advance(Duration.ofNanos(1));
        assertThat(index.snoozed("p1")).isEmpty();
    }

    @Test
    void keepsTheSnoozeThatLastsLongerWhateverItsIndicator() {
        SnoozeIndex index = index("h2");
        index.snooze("p1", RATE, Indicator.WARNING, NOW.plus(Duration.ofDays(90)));

        index.snooze("p1", RATE, Indicator.CRITICAL, NOW.plus(Duration.ofDays(30)));
        assertThat(index.snoozed("p1")).containsEntry(RATE, Indicator.WARNING);

        index.snooze("p1", RATE, Indicator.CRITICAL, NOW.plus(Duration.ofDays(91)));
        assertThat(index.snoozed("p1")).containsEntry(RATE, Indicator.CRITICAL);
    }

    @Test
    void ordersIndicatorsBySeverity() {
        // The evaluator shows a snoozed category's card only when it is more severe than the snooze.
        assertThat(Indicator.CRITICAL.isMoreSevereThan(Indicator.WARNING)).isTrue();
        assertThat(Indicator.WARNING.isMoreSevereThan(Indicator.INFO)).isTrue();
        assertThat(Indicator.WARNING.isMoreSevereThan(Indicator.WARNING)).isFalse();
        assertThat(Indicator.INFO.isMoreSevereThan(Indicator.CRITICAL)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void learnsFromTheTableTheSnoozesOtherReplicasWrote(String kind) {
        SnoozeIndex index = index(kind);
        store().write(List.of(
                row("p1", RATE, "warning", NOW.plus(Duration.ofDays(90))),
                row("p2", RATE, "critical", NOW.minus(Duration.ofDays(1)))));
        assertThat(index.snoozed("p1")).isEmpty();

        assertThat(index.refresh()).isTrue();

        assertThat(index.snoozed("p1")).containsEntry(RATE, Indicator.WARNING);
        assertThat(index.snoozed("p2")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void storesOneSnoozePerPatientAndCategoryTheLaterUntilWinning(String kind) {
        index(kind);
        AlertStore store = store();
        SnoozeRow first = row("p1", RATE, "warning", NOW.plus(Duration.ofDays(90)));
        store.write(List.of(first));
        store.write(List.of(first));
        store.write(List.of(row("p1", RATE, "critical", NOW.plus(Duration.ofDays(30)))));
        assertThat(snoozes()).containsExactly("p1 taper-rate-exceeded warning " + NOW.plus(Duration.ofDays(90)));

        store.write(List.of(row("p1", RATE, "critical", NOW.plus(Duration.ofDays(95)))));

        assertThat(snoozes()).containsExactly("p1 taper-rate-exceeded critical " + NOW.plus(Duration.ofDays(95)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void takesAnUnknownCardsPatientAndCategoryFromItsStoredAlert(String kind) {
        index(kind);
        String card = UUID.randomUUID().toString();
        AlertStore store = store();
        store.write(List.of(new AlertRecord(
                card,
                "h1",
                "benzo-taper-order-sign",
                "p9",
                null,
                null,
                null,
                ALCOHOL,
                "warning",
                "r",
                "1",
                "v",
                "summary",
                "{}",
                true,
                NOW)));

        store.write(List.of(
                new SnoozeRow("f1", card, null, null, null, NOW, NOW.plus(Duration.ofDays(90))),
                new SnoozeRow(
                        "f2", UUID.randomUUID().toString(), null, null, null, NOW, NOW.plus(Duration.ofDays(90)))));

        assertThat(snoozes()).containsExactly("p9 alcohol-co-use warning " + NOW.plus(Duration.ofDays(90)));
    }

    @Test
    void keepsWhatItKnowsWhenTheDatabaseCannotAnswer() {
        // A database without the snooze table: every read fails.
        SnoozeIndex index = new SnoozeIndex(
                JdbcClient.create(new DriverManagerDataSource("jdbc:h2:mem:" + UUID.randomUUID(), "sa", "")),
                clock,
                properties);
        index.snooze("p1", RATE, Indicator.WARNING, NOW.plus(Duration.ofDays(90)));

        assertThat(index.refresh()).isFalse();

        assertThat(index.snoozed("p1")).containsEntry(RATE, Indicator.WARNING);
    }

    @Test
    void dropsExpiredSnoozesOnRefresh() {
        SnoozeIndex index = index("h2");
        index.snooze("p1", RATE, Indicator.WARNING, NOW.plus(Duration.ofDays(1)));
        clock.advance(Duration.ofDays(2));

        assertThat(index.refresh()).isTrue();

        assertThat(index.size()).isZero();
    }

    private List<String> snoozes() {
        return jdbc.sql("select patient_id, category, indicator, until from snooze order by patient_id")
                .query((rs, n) -> rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3) + " "
                        + rs.getObject(4, java.time.OffsetDateTime.class).toInstant())
                .list();
    }
}
