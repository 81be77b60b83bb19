package org.tapercds.security;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.sql.DatabaseMetaData;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;
import org.springframework.stereotype.Component;
import org.tapercds.system.Sha256;

/**
 * The {@link ReplayStore} shared by all replicas: the database (table {@code token_replay}). Each
 * replica also remembers what it accepted ({@link InMemoryReplayStore}), so a replay to the same
 * replica is refused without a query.
 *
 * <p>While the database cannot be written (or is silent for {@link #WAIT_LIMIT}), the EHR still
 * gets its cards: the check falls back to this replica's memory (a replay to another replica is then not recognised), counted in {@code
 * taper.security.replay.store.unavailable}, and the database is not asked again for {@link
 * #RETRY_AFTER}, so calls do not wait on connection timeouts one after another.
 *
 * <p>The insert does not hold the call up: {@link #start} sends it to a few threads of its own and
 * the call is read and evaluated meanwhile, and waits for the answer before anything is fetched,
 * stored or answered (ADR 0015).
 *
 * <p>On PostgreSQL the insert commits asynchronously ({@code synchronous_commit} off for that
 * transaction only, ADR 0014): the id is visible to every replica at once, but the call does not
 * wait for the disk (0.26 → 0.08 ms an insert here). What a database crash can lose is the ids
 * accepted in its last moments (PostgreSQL bounds it at three times {@code wal_writer_delay}, 0.6 s by
 * default), which could then be replayed once within their few minutes of life.
 */
@Component
@ConditionalOnProperty(name = "taper.security.ehr.replay-store", havingValue = "database", matchIfMissing = true)
class DatabaseReplayStore implements ReplayStore, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DatabaseReplayStore.class);

    static final Duration RETRY_AFTER = Duration.ofSeconds(5);
    static final String WAIT = "taper.security.replay.wait";

    /**
     * The longest a call waits for the database's answer, counted from the check's start (a queued
     * insert included); then the database counts as away.
     */
    static final Duration WAIT_LIMIT = Duration.ofSeconds(1);

    private static final Duration SWEEP_INTERVAL = Duration.ofMinutes(1);
    private static final int INSERT_THREADS = 4;
    private static final int INSERT_QUEUE = 1_000;

    /** PostgreSQL: the insert turns {@code synchronous_commit} off for its own transaction. */
    private static final String INSERT_ASYNC_COMMIT = "insert into token_replay (id, forget_after) select ?, ?"
            + " from (select set_config('synchronous_commit', 'off', true)) as async_commit";

    private static final String INSERT = "insert into token_replay (id, forget_after) values (?, ?)";

    private final DataSource dataSource;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final InMemoryReplayStore local;
    private final Counter unavailable;
    private final Timer waits;
    private final AtomicReference<Instant> databaseAfter;
    private final AtomicReference<Instant> nextSweep;
    private final AtomicReference<Instant> nextFailureLog = new AtomicReference<>(Instant.MIN);
    private volatile String insert;
    private final ThreadPoolExecutor inserts;

    DatabaseReplayStore(DataSource dataSource, Clock clock, MeterRegistry registry) {
        this.dataSource = dataSource;
        this.jdbc = JdbcClient.create(dataSource);
        this.clock = clock;
        this.local = new InMemoryReplayStore(clock);
        this.unavailable = Counter.builder("taper.security.replay.store.unavailable")
                .description("Token checks that fell back to this replica's memory: the database could not be written")
                .register(registry);
        this.waits = Timer.builder(WAIT)
                .description("Time a call waited for the replay store's answer once evaluated (or before a fetch)"
                        + " (only calls whose answer had not come yet)")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofNanos(10_000))
                .maximumExpectedValue(Duration.ofSeconds(10))
                .register(registry);
        this.databaseAfter = new AtomicReference<>(Instant.MIN);
        this.nextSweep = new AtomicReference<>(clock.instant().plus(SWEEP_INTERVAL));
        AtomicInteger threads = new AtomicInteger();
        this.inserts = new ThreadPoolExecutor(
                INSERT_THREADS,
                INSERT_THREADS,
                0,
                TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(INSERT_QUEUE),
                task -> {
                    Thread thread = new Thread(task, "token-replay-" + threads.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                },
                // Full or shut down: the calling thread inserts, so an answer always comes.
                (task, executor) -> task.run());
    }

    @Override
    public boolean firstUse(String issuer, String jti, Instant forgetAfter) {
        return start(issuer, jti, forgetAfter).await();
    }

    /**
     * A replay to this replica is answered at once; otherwise the insert runs on the {@link #inserts}
     * threads while the call goes on (ADR 0015). With every insert thread busy and its queue full
     * (or the store closed), the calling thread runs it.
     */
    @Override
    public FirstUse start(String issuer, String jti, Instant forgetAfter) {
        if (!local.firstUse(issuer, jti, forgetAfter)) {
            return FirstUse.REPLAY;
        }
        Instant now = clock.instant();
        if (now.isBefore(databaseAfter.get())) {
            unavailable.increment();
            return FirstUse.FIRST;
        }
        long deadline = System.nanoTime() + WAIT_LIMIT.toNanos();
        CompletableFuture<Boolean> answer = new CompletableFuture<>();
        AtomicBoolean fellBack = new AtomicBoolean(); // counted once, by the insert or at the limit
        inserts.execute(() -> {
            try {
                check(issuer, jti, now, forgetAfter, answer, fellBack);
            } catch (Throwable e) { // an answer always comes: a failed check refuses the call
                if (answer.completeExceptionally(e)) {
                    checkFailed(e);
                }
            }
        });
        // The limit is kept by the call that waits (no timer thread per call): past it, the database
        // counts as silent and, as when it cannot be written, this replica's memory answers, and the
        // database is left alone for RETRY_AFTER.
        return new FirstUse(answer, waits, deadline, () -> {
            if (answer.complete(true)) {
                unavailable(new TimeoutException(), fellBack.compareAndSet(false, true));
            }
        });
    }

    /**
     * A check that failed (a bug, or an answer the database should not give) refuses its call as
     * replay-check-failed, counted per call by the refusal; the cause is logged by class only (no
     * token, no id), at most one line per {@link #RETRY_AFTER}.
     */
    private void checkFailed(Throwable failure) {
        Instant logged = nextFailureLog.get();
        Instant at = clock.instant();
        if (!at.isBefore(logged) && nextFailureLog.compareAndSet(logged, at.plus(RETRY_AFTER))) {
            log.warn(
                    "the replay check failed ({}): the call is refused (further failures within {} s"
                            + " are counted as replay-check-failed, not logged)",
                    failure.getClass().getName(),
                    RETRY_AFTER.toSeconds());
        }
    }

    @Override
    public void close() {
        inserts.shutdown();
    }

    /**
     * Gives the call its answer: from the database or, while it cannot be written, from this
     * replica's memory. A fallback is counted once per call ({@code fellBack}), before the call is
     * answered; not when the call already fell back at the wait limit.
     */
    private void check(
            String issuer,
            String jti,
            Instant now,
            Instant forgetAfter,
            CompletableFuture<Boolean> answer,
            AtomicBoolean fellBack) {
        if (clock.instant().isBefore(databaseAfter.get())) {
            if (!answer.isDone() && fellBack.compareAndSet(false, true)) {
                unavailable.increment(); // queued before an outage was noticed
            }
            answer.complete(true);
            return;
        }
        try {
            sweep(now);
            answer.complete(recordOnce(key(issuer, jti), now, forgetAfter));
        } catch (DataAccessException e) {
            unavailable(e, !answer.isDone() && fellBack.compareAndSet(false, true));
            answer.complete(true);
        }
    }

    /**
     * The database cannot be written or is silent: not asked again for {@link #RETRY_AFTER}.
     *
     * @param count whether this is the call's fallback (once per call)
     */
    private void unavailable(Throwable cause, boolean count) {
        Instant now = clock.instant();
        if (databaseAfter.getAndSet(now.plus(RETRY_AFTER)).isBefore(now)) {
            log.warn(
                    "Token replay store: the database cannot be written ({}); checking this replica's memory only"
                            + " for {} s at a time",
                    cause.getClass().getSimpleName(),
                    RETRY_AFTER.toSeconds());
        }
        if (count) {
            unavailable.increment();
        }
    }

    /** Inserts the id; an id already there counts as first use only when it may be forgotten. */
    private boolean recordOnce(String key, Instant now, Instant forgetAfter) {
        try {
            jdbc.sql(insert()).params(key, utc(forgetAfter)).update();
            return true;
        } catch (DuplicateKeyException seen) {
            return jdbc.sql("update token_replay set forget_after = ? where id = ? and forget_after <= ?")
                            .params(utc(forgetAfter), key, utc(now))
                            .update()
                    == 1;
        }
    }

    /** Chosen at the first use rather than at start, so a database that is down at start is no different. */
    private String insert() {
        if (insert == null) {
            try {
                String product = JdbcUtils.commonDatabaseName(
                        JdbcUtils.extractDatabaseMetaData(dataSource, DatabaseMetaData::getDatabaseProductName));
                insert = "PostgreSQL".equals(product) ? INSERT_ASYNC_COMMIT : INSERT;
            } catch (MetaDataAccessException e) {
                throw new DataAccessResourceFailureException("no database metadata", e);
            }
        }
        return insert;
    }

    private void sweep(Instant now) {
        Instant due = nextSweep.get();
        if (now.isBefore(due) || !nextSweep.compareAndSet(due, now.plus(SWEEP_INTERVAL))) {
            return;
        }
        jdbc.sql("delete from token_replay where forget_after <= ?")
                .param(utc(now))
                .update();
    }

    static String key(String issuer, String jti) {
        return Sha256.hex(issuer + '\n' + jti);
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
