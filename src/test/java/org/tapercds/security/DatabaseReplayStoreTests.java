package org.tapercds.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.tapercds.testing.MutableClock;
import org.tapercds.testing.TestDatabase;

/** The replay store all replicas share, on PostgreSQL and H2: two stores stand for two replicas. */
class DatabaseReplayStoreTests {

    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    private static final Instant IN_AN_HOUR = NOW.plus(Duration.ofHours(1));

    private final MutableClock clock = new MutableClock(NOW);
    private TestDatabase database;

    static Stream<String> databases() {
        return Stream.of("PostgreSQL", "H2");
    }

    private DatabaseReplayStore replica(String kind) {
        if (database == null) {
            database = TestDatabase.of(kind);
        }
        return new DatabaseReplayStore(database.dataSource(), clock, new SimpleMeterRegistry());
    }

    @AfterEach
    void dropDatabase() {
        if (database != null) {
            database.close();
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void refusesATokenReplayedToAnotherReplica(String kind) {
        DatabaseReplayStore first = replica(kind);
        DatabaseReplayStore second = replica(kind);

        assertThat(first.firstUse("iss", "jti-1", IN_AN_HOUR)).isTrue();
        assertThat(second.firstUse("iss", "jti-1", IN_AN_HOUR)).isFalse();
        assertThat(first.firstUse("iss", "jti-1", IN_AN_HOUR)).isFalse();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void answersAReplayToThisReplicaAtOnceAndOneToAnotherFromTheDatabase(String kind) {
        DatabaseReplayStore first = replica(kind);
        DatabaseReplayStore second = replica(kind);
        assertThat(first.start("iss", "jti-1", IN_AN_HOUR).await()).isTrue();

        assertThat(first.start("iss", "jti-1", IN_AN_HOUR)).isSameAs(FirstUse.REPLAY);
        FirstUse elsewhere = second.start("iss", "jti-1", IN_AN_HOUR);
        assertThat(elsewhere).isNotSameAs(FirstUse.REPLAY);
        assertThat(elsewhere.await()).isFalse();
        assertThat(elsewhere.knownRefusal()).isEqualTo(RefusalReason.REPLAYED);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void keepsIssuersApart(String kind) {
        DatabaseReplayStore store = replica(kind);

        assertThat(store.firstUse("iss-a", "jti-1", IN_AN_HOUR)).isTrue();
        assertThat(replica(kind).firstUse("iss-b", "jti-1", IN_AN_HOUR)).isTrue();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void acceptsAnIdAgainOnlyAfterItMayBeForgotten(String kind) {
        replica(kind).firstUse("iss", "jti-1", IN_AN_HOUR);
        clock.set(NOW.plus(Duration.ofMinutes(59)));
        assertThat(replica(kind).firstUse("iss", "jti-1", NOW.plus(Duration.ofHours(2))))
                .isFalse();

        clock.set(IN_AN_HOUR.plusSeconds(1));
        assertThat(replica(kind).firstUse("iss", "jti-1", NOW.plus(Duration.ofHours(3))))
                .isTrue();
        assertThat(replica(kind).firstUse("iss", "jti-1", NOW.plus(Duration.ofHours(3))))
                .isFalse();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void sweepsForgottenIds(String kind) {
        DatabaseReplayStore store = replica(kind);
        store.firstUse("iss", "jti-1", IN_AN_HOUR);
        JdbcClient jdbc = JdbcClient.create(database.dataSource());
        assertThat(jdbc.sql("select count(*) from token_replay")
                        .query(Long.class)
                        .single())
                .isEqualTo(1L);

        clock.set(IN_AN_HOUR.plus(Duration.ofMinutes(2)));
        store.firstUse("iss", "jti-2", clock.instant().plus(Duration.ofHours(1)));

        assertThat(jdbc.sql("select count(*) from token_replay")
                        .query(Long.class)
                        .single())
                .isEqualTo(1L);
    }

    @org.junit.jupiter.api.Test
    void answersFromMemoryWhenTheDatabaseIsSilentAndLeavesItAloneAWhile() {
        database = TestDatabase.of("H2");
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        DataSource silent = new DelegatingDataSource(database.dataSource()) {
            @Override
            public Connection getConnection() throws SQLException {
                try {
                    Thread.sleep(3_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return super.getConnection();
            }
        };
        DatabaseReplayStore store = new DatabaseReplayStore(silent, clock, registry);
        long start = System.nanoTime();

        assertThat(store.start("iss", "jti-1", IN_AN_HOUR).await()).isTrue();

        // Answered at the limit (1 s), not when the connection came (3 s).
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2_500));
        assertThat(registry.counter("taper.security.replay.store.unavailable").count())
                .isEqualTo(1.0);
        assertThat(store.start("iss", "jti-2", IN_AN_HOUR)).isSameAs(FirstUse.FIRST);
        assertThat(store.start("iss", "jti-1", IN_AN_HOUR)).isSameAs(FirstUse.REPLAY);
    }

    @org.junit.jupiter.api.Test
    void countsACallThatFellBackOnceWhenItsInsertFailsAfterTheWaitLimit() throws InterruptedException {
        database = TestDatabase.of("H2");
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        CountDownLatch failed = new CountDownLatch(1);
        DataSource silentThenDown = new DelegatingDataSource(database.dataSource()) {
            @Override
            public Connection getConnection() throws SQLException {
                try {
                    Thread.sleep(1_500);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                failed.countDown();
                throw new SQLException("connection refused");
            }
        };
        DatabaseReplayStore store = new DatabaseReplayStore(silentThenDown, clock, registry);

        assertThat(store.start("iss", "jti-1", IN_AN_HOUR).await()).isTrue();
        assertThat(failed.await(5, TimeUnit.SECONDS)).isTrue();
        Thread.sleep(200); // the insert's thread handles its failure

        // The wait limit counted the fallback; the insert failing later is the same call's.
        assertThat(registry.counter("taper.security.replay.store.unavailable").count())
                .isEqualTo(1.0);
    }

    @org.junit.jupiter.api.Test
    void fallsBackToThisReplicasMemoryWhileTheDatabaseIsDownAndCountsIt() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        DriverManagerDataSource unreachable =
                new DriverManagerDataSource("jdbc:postgresql://127.0.0.1:9/test?connectTimeout=1", "postgres", "");
        DatabaseReplayStore store = new DatabaseReplayStore(unreachable, clock, registry);

        assertThat(store.firstUse("iss", "jti-1", IN_AN_HOUR)).isTrue();
        assertThat(store.firstUse("iss", "jti-1", IN_AN_HOUR)).isFalse();
        assertThat(store.firstUse("iss", "jti-2", IN_AN_HOUR)).isTrue();
        assertThat(registry.counter("taper.security.replay.store.unavailable").count())
                .isEqualTo(2.0);
    }
}
