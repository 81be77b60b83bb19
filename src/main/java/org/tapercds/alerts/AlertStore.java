package org.tapercds.alerts;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes {@link StoreRecord}s to the database, each at most once: a row whose id is already stored
 * is skipped, so a batch written again after a failure (or by another replica) adds nothing.
 */
@Component
class AlertStore {

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;

    AlertStore(JdbcClient jdbc, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    /** Writes the records in one transaction; throws when the database cannot take them. */
    void write(List<? extends StoreRecord> records) {
        transactions.executeWithoutResult(status -> records.forEach(this::insert));
    }

    private void insert(StoreRecord record) {
        try {
            if (record instanceof AlertRecord a) {
                insertAlert(a);
            } else if (record instanceof AuditEvent e) {
                insertAudit(e);
            }
        } catch (DuplicateKeyException raced) {
            // Another writer stored the same id between the check and the insert: stored once.
        }
    }

    private void insertAlert(AlertRecord a) {
        jdbc.sql(
                        """
                        insert into alert (id, hook_instance, service_id, patient_id, encounter_id, user_id,
                            draft_order_id, category, indicator, rule_id, rule_version, rule_base_version, summary,
                            evidence, shown, status, created_at)
                        select ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?
                        where not exists (select 1 from alert where id = ?)
                        """)
                .params(
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
                        a.id())
                .update();
    }

    static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private void insertAudit(AuditEvent e) {
        jdbc.sql(
                        """
                        insert into audit_event (id, kind, occurred_at, actor, patient_id, service_id, hook_instance,
                            alert_id, outcome, detail)
                        select ?, ?, ?, ?, ?, ?, ?, ?, ?, ?
                        where not exists (select 1 from audit_event where id = ?)
                        """)
                .params(
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
                        e.id())
                .update();
    }
}
