package org.tapercds.alerts;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Pharmacists' review actions: acknowledge, escalate or resolve an alert with a note. One
 * transaction stores the action (with its note), sets the alert's status and writes the audit
 * event (SPEC §4), so the trail never misses an action that changed a status, nor records one that
 * did not happen. The audit detail carries ids and outcomes only, never the note: notes are
 * clinical free text and stay with the alert.
 */
@Component
public class ReviewActions {

    /** The longest note kept (characters); the console refuses longer ones. */
    public static final int MAX_NOTE_LENGTH = 2000;

    /** What a pharmacist can do to an alert, and the status it leaves the alert in. */
    public enum Action {
        ACKNOWLEDGE("acknowledged"),
        ESCALATE("escalated"),
        RESOLVE("resolved");

        private final String status;

        Action(String status) {
            this.status = status;
        }

        /** The name on the wire and in the database: {@code acknowledge}, {@code escalate}, {@code resolve}. */
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        public String status() {
            return status;
        }

        public static Optional<Action> parse(String text) {
            return Arrays.stream(values())
                    .filter(a -> a.wireName().equals(text))
                    .findFirst();
        }
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final JsonMapper json;
    private final Clock clock;

    public ReviewActions(JdbcClient jdbc, PlatformTransactionManager transactions, JsonMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactions);
        this.json = json;
        this.clock = clock;
    }

    /**
     * Records the action by {@code actor}; empty when no alert has this id (nothing is written).
     *
     * @param note the pharmacist's note, may be blank (stored as null)
     */
    public Optional<StoredAction> record(String alertId, Action action, String note, String actor) {
        return transactions.execute(tx -> {
            Optional<Map<String, Object>> alert = jdbc
                    .sql("select status, patient_id, service_id, hook_instance from alert where id = :id for update")
                    .param("id", alertId)
                    .query()
                    .listOfRows()
                    .stream()
                    .findFirst();
            if (alert.isEmpty()) {
                return Optional.empty();
            }
            Map<String, Object> row = lowerCaseKeys(alert.get());
            Instant now = clock.instant();
            StoredAction stored = new StoredAction(
                    UUID.randomUUID().toString(),
                    alertId,
                    action.wireName(),
                    note == null || note.isBlank() ? null : note.strip(),
                    actor,
                    now);
            jdbc.sql("insert into review_action (id, alert_id, action, note, actor, created_at)"
                            + " values (:id, :alert, :action, :note, :actor, :at)")
                    .param("id", stored.id())
                    .param("alert", alertId)
                    .param("action", stored.action())
                    .param("note", stored.note())
                    .param("actor", actor)
                    .param("at", AlertQueries.at(now))
                    .update();
            jdbc.sql("update alert set status = :status where id = :id")
                    .param("status", action.status())
                    .param("id", alertId)
                    .update();
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("reviewActionId", stored.id());
            detail.put("action", stored.action());
            detail.put("previousStatus", row.get("status"));
            detail.put("status", action.status());
            jdbc.sql("insert into audit_event (id, kind, occurred_at, actor, patient_id, service_id, hook_instance,"
                            + " alert_id, outcome, detail) values (:id, 'review-action', :at, :actor, :patient,"
                            + " :service, :hook, :alert, :outcome, :detail)")
                    .param("id", UUID.randomUUID().toString())
                    .param("at", AlertQueries.at(now))
                    .param("actor", actor)
                    .param("patient", row.get("patient_id"))
                    .param("service", row.get("service_id"))
                    .param("hook", row.get("hook_instance"))
                    .param("alert", alertId)
                    .param("outcome", action.status())
                    .param("detail", json.writeValueAsString(detail))
                    .update();
            return Optional.of(stored);
        });
    }

    /** H2 reports column labels in upper case, PostgreSQL in lower case. */
    private static Map<String, Object> lowerCaseKeys(Map<String, Object> row) {
        Map<String, Object> lower = new LinkedHashMap<>();
        row.forEach((key, value) -> lower.put(key.toLowerCase(Locale.ROOT), value));
        return lower;
    }
}
