package org.tapercds.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tapercds.testing.TestDatabase;

/**
 * The writer on a real H2 whose connections the test can cut: records reach the database once each
 * and in the order produced, through the spool while the database is down, across a restart of the
 * writer, and a full queue spills to the spool instead of blocking the caller.
 */
class AlertWriterTests {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path spoolDir;

    private TestDatabase database;
    private final List<AlertWriter> writers = new ArrayList<>();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @BeforeEach
    void createDatabase() {
        database = TestDatabase.create(TestDatabase.Kind.H2);
    }

    @AfterEach
    void stopWriters() {
        writers.forEach(AlertWriter::stop);
        database.close();
    }

    private AlertWriter writer(int queueCapacity) {
        Spool spool = new Spool(spoolDir);
        AlertsProperties properties = new AlertsProperties(
                spoolDir, null, queueCapacity, Duration.ofMillis(20), Duration.ofMillis(100), null);
        AlertWriter writer = new AlertWriter(
                Records.store(database), new Migrations(), spool, properties, new WriterMetrics(meters, spool));
        writers.add(writer);
        return writer;
    }

    private static void submit(AlertWriter writer, String id) {
        writer.submit(() -> List.of(Records.alert(id), Records.audit("audit-" + id)));
    }

    private static List<String> ids(int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> "alert-" + i).toList();
    }

    /** The alert ids in the order their rows were inserted. */
    private List<String> storedInOrder() {
        return database.jdbc()
                .sql("select id from alert order by _ROWID_")
                .query(String.class)
                .list();
    }

    private void awaitStored(List<String> ids) {
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(database.count("alert")).isEqualTo(ids.size()));
        assertThat(storedInOrder()).containsExactlyElementsOf(ids);
        assertThat(database.count("audit_event")).isEqualTo(ids.size());
    }

    @Test
    void writesEveryRecordOnceInTheOrderProduced() {
        AlertWriter writer = writer(10_000);
        writer.start();
        ids(0, 1200).forEach(id -> submit(writer, id));

        awaitStored(ids(0, 1200));
        assertThat(meters.get("taper.alerts.written").counter().count()).isEqualTo(2400);
    }

    @Test
    void spoolsWhileTheDatabaseIsDownAndWritesEachRecordOnceInOrderWhenItIsBack() {
        AlertWriter writer = writer(10_000);
        writer.start();
        ids(0, 10).forEach(id -> submit(writer, id));
        awaitStored(ids(0, 10));

        database.cut();
        ids(10, 40).forEach(id -> submit(writer, id));
        await().atMost(WAIT).until(() -> writer.spooled() == 60);
        assertThat(writer.storeAvailable()).isFalse();
        assertThat(meters.get("taper.alerts.spooled").gauge().value()).isEqualTo(60);

        database.restore();
        ids(40, 50).forEach(id -> submit(writer, id));

        awaitStored(ids(0, 50));
        await().atMost(WAIT).until(() -> writer.spooled() == 0 && writer.storeAvailable());
        assertThat(meters.get("taper.alerts.spool.writes").counter().count()).isGreaterThanOrEqualTo(60);
    }

    @Test
    void replaysASpoolFileWhoseRecordsWereCommittedBeforeACrashWithoutStoringThemTwice() {
        Records.store(database).write(List.of(Records.alert("alert-0"), Records.audit("audit-alert-0")));
        new Spool(spoolDir)
                .append(
                        0,
                        List.of(
                                Records.alert("alert-0"),
                                Records.audit("audit-alert-0"),
                                Records.alert("alert-1"),
                                Records.audit("audit-alert-1")));

        AlertWriter writer = writer(10_000);
        writer.start();

        awaitStored(ids(0, 2));
        await().atMost(WAIT).until(() -> writer.spooled() == 0);
    }

    @Test
    void aStoppedWriterSpoolsWhatItHoldsAndTheNextOneWritesItOnce() {
        database.cut();
        AlertWriter first = writer(10_000);
        first.start();
        ids(0, 300).forEach(id -> submit(first, id));
        first.stop();
        // After the stop, nothing is in memory: a late call goes to disk too.
        submit(first, "alert-300");

        assertThat(new Spool(spoolDir).size()).isEqualTo(602);
        database.restore();
        assertThat(database.count("alert")).isZero();

        AlertWriter second = writer(10_000);
        second.start();
        submit(second, "alert-301");

        awaitStored(ids(0, 302));
    }

    @Test
    void aFullQueueSpillsToTheSpoolWithoutBlockingTheCallerAndKeepsTheOrder() throws InterruptedException {
        AlertWriter writer = writer(1);
        writer.start();
        CountDownLatch making = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        writer.submit(() -> {
            making.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return List.of(Records.alert("alert-0"), Records.audit("audit-alert-0"));
        });
        assertThat(making.await(20, TimeUnit.SECONDS)).isTrue();

        submit(writer, "alert-1"); // fills the queue of one
        submit(writer, "alert-2"); // no room: straight to the spool
        assertThat(writer.spooled()).isEqualTo(2);

        release.countDown();
        awaitStored(ids(0, 3));
    }

    @Test
    void setsAsideARecordTheDatabaseRefusesAndWritesTheOthers() throws Exception {
        AlertWriter writer = writer(10_000);
        writer.start();
        AlertRecord tooLong = new AlertRecord(
                "alert-bad",
                "h",
                "s",
                "p",
                null,
                null,
                null,
                "c".repeat(65),
                "warning",
                "r",
                "1",
                "v",
                "s",
                "{}",
                true,
                Records.AT);
        writer.submit(() -> List.of(Records.alert("alert-0"), tooLong, Records.audit("audit-alert-0")));
        submit(writer, "alert-1");

        awaitStored(ids(0, 2));
        await().atMost(WAIT)
                .until(() -> meters.get("taper.alerts.rejected").counter().count() == 1);
        try (var rejected = Files.list(spoolDir.resolve("rejected"))) {
            assertThat(rejected.flatMap(file -> Spool.read(file).stream()).map(StoreRecord::id))
                    .containsExactly("alert-bad");
        }
        assertThat(writer.storeAvailable()).isTrue();
    }
}
