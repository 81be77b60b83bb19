package org.tapercds.alerts;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes {@link StoreRecord}s to the database, each at most once: a row whose id is already stored
 * is skipped, so a batch written again after a failure (or by another replica) adds nothing.
 */
@Component
class AlertStore {

    private final JdbcClient jdbc;
    private final JdbcTemplate batches;
    private final TransactionTemplate transactions;
    private final Counter unmatchedFeedback;

    AlertStore(JdbcTemplate jdbc, TransactionTemplate transactions, MeterRegistry registry) {
        this.jdbc = JdbcClient.create(jdbc);
        this.batches = jdbc;
        this.transactions = transactions;
        this.unmatchedFeedback = Counter.builder(FeedbackService.UNMATCHED)
                .description("Feedback items stored for a card uuid no stored alert has")
                .register(registry);
    }

    /**
     * Writes the records in one transaction; throws when the database cannot take them. Alerts and
     * audit events go first, each kind as one JDBC batch (one round trip for the lot); feedback
     * and snoozes, which look up stored alerts, follow in their order.
     */
    void write(List<? extends StoreRecord> records) {
        List<AlertRecord> alerts = new ArrayList<>();
        List<AuditEvent> audits = new ArrayList<>();
        List<StoreRecord> others = new ArrayList<>();
        for (StoreRecord record : records) {
            if (record instanceof AlertRecord a) {
                alerts.add(a);
            } else if (record instanceof AuditEvent e) {
                audits.add(e);
            } else {
                others.add(record);
            }
        }
        transactions.executeWithoutResult(status -> {
            batch(INSERT_ALERT, alerts, AlertStore::alertParameters);
            batch(INSERT_AUDIT, audits, AlertStore::auditParameters);
            others.forEach(this::insert);
        });
    }

    private <T> void batch(String sql, List<T> rows, Function<T, Object[]> parameters) {
        if (!rows.isEmpty()) {
            batches.batchUpdate(sql, rows.stream().map(parameters).toList());
        }
    }

    /**
     * Each insert skips an id already stored. Should another replica store the same id between the
     * check and the insert, the duplicate key fails the batch (on PostgreSQL a failed statement ends
     * the transaction, so it cannot be caught here); the writer then writes the records one by one
     * and the check skips the raced row.
     */
    private void insert(StoreRecord record) {
        if (record instanceof FeedbackRow f) {
            insertFeedback(f);
        } else if (record instanceof SnoozeRow s) {
            upsertSnooze(s);
        } else if (record instanceof KeptRequest k) {
            insertKept(k);
        }
    }

    private static final String INSERT_ALERT =
            """
            insert into alert (id, hook_instance, service_id, patient_id, encounter_id, user_id,
                draft_order_id, category, indicator, rule_id, rule_version, rule_base_version, summary,
                evidence, shown, status, created_at)
            select ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?
            where not exists (select 1 from alert where id = ?)
            """;

    private static Object[] alertParameters(AlertRecord a) {
        return new Object[] {
            a.id(),
            a.hookInstance(),
            a.serviceId(),
            a.patientId(),
            a.encounterId(),
            a.userId(),
            a.draftOrderId(),
            a.category(),
            a.indicator(),
            a.ruleId(),
            a.ruleVersion(),
            a.ruleBaseVersion(),
            a.summary(),
            a.evidence(),
            a.shown(),
            AlertRecord.OPEN,
            utc(a.createdAt()),
            a.id()
        };
    }

    static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static final String INSERT_AUDIT =
            """
            insert into audit_event (id, kind, occurred_at, actor, patient_id, service_id, hook_instance,
                alert_id, outcome, detail)
            select ?, ?, ?, ?, ?, ?, ?, ?, ?, ?
            where not exists (select 1 from audit_event where id = ?)
            """;

    private static Object[] auditParameters(AuditEvent e) {
        return new Object[] {
            e.id(),
            e.kind(),
            utc(e.occurredAt()),
            e.actor(),
            e.patientId(),
            e.serviceId(),
            e.hookInstance(),
            e.alertId(),
            e.outcome(),
            e.detail(),
            e.id()
        };
    }

    private void insertKept(KeptRequest k) {
        jdbc.sql(
                        """
                        insert into kept_request (id, service_id, hook_instance, evaluated_at, body)
                        select ?, ?, ?, ?, ?
                        where not exists (select 1 from kept_request where id = ?)
                        """)
                .params(k.id(), k.serviceId(), k.hookInstance(), utc(k.evaluatedAt()), k.body(), k.id())
                .update();
    }

    /**
     * Stores a feedback item once, {@code matched} when an alert with its card uuid is stored now;
     * an unmatched item is counted once its transaction commits.
     */
    private void insertFeedback(FeedbackRow f) {
        boolean matched = jdbc.sql("select count(*) from alert where id = ?")
                        .param(f.cardUuid())
                        .query(Long.class)
                        .single()
                > 0;
        int inserted = jdbc.sql(
                        """
                        insert into feedback (id, card_uuid, matched, service_id, outcome, accepted_suggestions,
                            override_system, override_code, override_display, user_comment, outcome_timestamp,
                            received_at)
                        select ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?
                        where not exists (select 1 from feedback where id = ?)
                        """)
                .params(
                        f.id(),
                        f.cardUuid(),
                        matched,
                        f.serviceId(),
                        f.outcome(),
                        f.acceptedSuggestions(),
                        f.overrideSystem(),
                        f.overrideCode(),
                        f.overrideDisplay(),
                        f.userComment(),
                        utc(f.outcomeTimestamp()),
                        utc(f.receivedAt()),
                        f.id())
                .update();
        if (inserted > 0 && !matched) {
            afterCommit(unmatchedFeedback::increment);
        }
    }

    /**
     * One snooze per patient and category, the later {@code until} winning (portable: an update
     * that only moves {@code until} forward, then an insert when there is no row). A snooze whose
     * card was unknown where the feedback arrived takes the patient, category and indicator from the
     * card's stored alert; without one there is nothing to snooze.
     */
    private void upsertSnooze(SnoozeRow s) {
        Optional<SnoozeRow> resolved = s.resolved() ? Optional.of(s) : resolve(s);
        if (resolved.isEmpty()) {
            return;
        }
        SnoozeRow r = resolved.get();
        int updated = jdbc.sql(
                        """
                        update snooze set indicator = ?, feedback_id = ?, created_at = ?, until = ?
                        where patient_id = ? and category = ? and until < ?
                        """)
                .params(
                        r.indicator(),
                        r.id(),
                        utc(r.createdAt()),
                        utc(r.until()),
                        r.patientId(),
                        r.category(),
                        utc(r.until()))
                .update();
        if (updated == 0) {
            jdbc.sql(
                            """
                            insert into snooze (patient_id, category, indicator, feedback_id, created_at, until)
                            select ?, ?, ?, ?, ?, ?
                            where not exists (select 1 from snooze where patient_id = ? and category = ?)
                            """)
                    .params(
                            r.patientId(),
                            r.category(),
                            r.indicator(),
                            r.id(),
                            utc(r.createdAt()),
                            utc(r.until()),
                            r.patientId(),
                            r.category())
                    .update();
        }
    }

    private Optional<SnoozeRow> resolve(SnoozeRow s) {
        return jdbc.sql("select patient_id, category, indicator from alert where id = ?")
                .param(s.cardUuid())
                .query((rs, n) -> new SnoozeRow(
                        s.id(),
                        s.cardUuid(),
                        rs.getString("patient_id"),
                        rs.getString("category"),
                        rs.getString("indicator"),
                        s.createdAt(),
                        s.until()))
                .optional();
    }

    private static void afterCommit(Runnable action) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            action.run();
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                action.run();
            }
        });
    }
}
