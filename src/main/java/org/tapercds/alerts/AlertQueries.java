package org.tapercds.alerts;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.tapercds.evaluation.ChartEvidence;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The read side of the alert store for the console and its API: the queue, one alert with its
 * feedback and review actions, a patient's alerts, the audit trail and the override analytics.
 * Plain SQL that runs unchanged on H2 and PostgreSQL; lists are newest first, ties broken by id so
 * paging is stable.
 */
@Component
public class AlertQueries {

    private static final String ALERT_COLUMNS = "id, hook_instance, service_id, patient_id, encounter_id, user_id,"
            + " draft_order_id, category, indicator, rule_id, rule_version, rule_base_version, summary, evidence,"
            + " shown, status, created_at";
    private static final String FEEDBACK_COLUMNS = "f.id, f.card_uuid, f.service_id, f.outcome, f.override_system,"
            + " f.override_code, f.override_display, f.user_comment, f.outcome_timestamp, f.received_at";

    private static final RowMapper<StoredFeedback> FEEDBACK_ROW = AlertQueries::feedback;

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final RowMapper<StoredAlert> alertRow = this::alert;

    public AlertQueries(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** One page of the alerts that match, newest first. */
    public AlertPage<StoredAlert> alerts(AlertFilter filter, int page, int size) {
        Map<String, Object> params = new LinkedHashMap<>();
        String where = where(filter, params);
        long total = jdbc.sql("select count(*) from alert" + where)
                .params(params)
                .query(Long.class)
                .single();
        List<StoredAlert> items = jdbc.sql("select " + ALERT_COLUMNS + " from alert" + where
                        + " order by created_at desc, id desc limit :limit offset :offset")
                .params(params)
                .param("limit", size)
                .param("offset", (long) page * size)
                .query(alertRow)
                .list();
        return new AlertPage<>(items, page, size, total);
    }

    public Optional<StoredAlert> alert(String id) {
        return jdbc.sql("select " + ALERT_COLUMNS + " from alert where id = :id")
                .param("id", id)
                .query(alertRow)
                .optional();
    }

    /** The patient's newest alerts (at most {@code limit}), newest first. */
    public List<StoredAlert> alertsOfPatient(String patientId, int limit) {
        return jdbc.sql("select " + ALERT_COLUMNS + " from alert where patient_id = :patient"
                        + " order by created_at desc, id desc limit :limit")
                .param("patient", patientId)
                .param("limit", limit)
                .query(alertRow)
                .list();
    }

    /** The EHR's feedback on the alert's card, newest first. */
    public List<StoredFeedback> feedbackFor(String alertId) {
        return jdbc.sql("select " + FEEDBACK_COLUMNS + " from feedback f where f.card_uuid = :id"
                        + " order by f.received_at desc, f.id desc")
                .param("id", alertId)
                .query(FEEDBACK_ROW)
                .list();
    }

    /** The EHR's feedback on any of the patient's alerts, newest first. */
    public List<StoredFeedback> feedbackForPatient(String patientId) {
        return jdbc.sql("select " + FEEDBACK_COLUMNS + " from feedback f join alert a on a.id = f.card_uuid"
                        + " where a.patient_id = :patient order by f.received_at desc, f.id desc")
                .param("patient", patientId)
                .query(FEEDBACK_ROW)
                .list();
    }

    /** The review actions on the alert, oldest first (a history reads forwards). */
    public List<StoredAction> actionsFor(String alertId) {
        return jdbc.sql("select id, alert_id, action, note, actor, created_at from review_action"
                        + " where alert_id = :id order by created_at, id")
                .param("id", alertId)
                .query((rs, n) -> new StoredAction(
                        rs.getString("id"),
                        rs.getString("alert_id"),
                        rs.getString("action"),
                        rs.getString("note"),
                        rs.getString("actor"),
                        instant(rs, "created_at")))
                .list();
    }

    /** One page of the audit trail, newest first; {@code kind} null for every kind. */
    public AlertPage<StoredAuditEvent> audit(String kind, int page, int size) {
        String where = kind == null || kind.isBlank() ? "" : " where kind = :kind";
        Map<String, Object> params = where.isEmpty() ? Map.of() : Map.of("kind", kind.strip());
        long total = jdbc.sql("select count(*) from audit_event" + where)
                .params(params)
                .query(Long.class)
                .single();
        List<StoredAuditEvent> items = jdbc.sql("select id, kind, occurred_at, actor, patient_id, service_id,"
                        + " hook_instance, alert_id, outcome, detail from audit_event" + where
                        + " order by occurred_at desc, id desc limit :limit offset :offset")
                .params(params)
                .param("limit", size)
                .param("offset", (long) page * size)
                .query((rs, n) -> new StoredAuditEvent(
                        rs.getString("id"),
                        rs.getString("kind"),
                        instant(rs, "occurred_at"),
                        rs.getString("actor"),
                        rs.getString("patient_id"),
                        rs.getString("service_id"),
                        rs.getString("hook_instance"),
                        rs.getString("alert_id"),
                        rs.getString("outcome"),
                        rs.getString("detail")))
                .list();
        return new AlertPage<>(items, page, size, total);
    }

    /**
     * Shown, overridden and withheld alerts per rule and per category in {@code [from, to)}, in
     * total and per week (weeks start on Monday in {@code zone}), and the commonest override
     * reasons of feedback received in the period. The rows are counted here rather than grouped
     * by week in SQL: week arithmetic differs between H2 and PostgreSQL, and one pass over the
     * period's alerts is cheap at the volumes of one service.
     */
    public OverrideAnalytics overrides(Instant from, Instant to, ZoneId zone) {
        Tally rules = new Tally();
        Tally categories = new Tally();
        jdbc.sql("select a.created_at, a.rule_id, a.category, a.shown, case when exists (select 1 from feedback f"
                        + " where f.card_uuid = a.id and f.outcome = 'overridden') then 1 else 0 end as overridden"
                        + " from alert a where a.created_at >= :from and a.created_at < :to")
                .param("from", at(from))
                .param("to", at(to))
                .query((RowCallbackHandler) rs -> {
                    LocalDate week = instant(rs, "created_at")
                            .atZone(zone)
                            .toLocalDate()
                            .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
                    boolean shown = rs.getBoolean("shown");
                    boolean overridden = rs.getInt("overridden") == 1;
                    rules.add(rs.getString("rule_id"), week, shown, overridden);
                    categories.add(rs.getString("category"), week, shown, overridden);
                });
        List<OverrideAnalytics.Reason> reasons = jdbc.sql("select f.override_code, max(f.override_system) as sys,"
                        + " max(f.override_display) as display, count(*) as n from feedback f"
                        + " where f.outcome = 'overridden' and f.received_at >= :from and f.received_at < :to"
                        + " group by f.override_code order by count(*) desc, f.override_code limit 10")
                .param("from", at(from))
                .param("to", at(to))
                .query((rs, n) -> new OverrideAnalytics.Reason(
                        rs.getString("sys"), rs.getString("override_code"), rs.getString("display"), rs.getLong("n")))
                .list();
        return new OverrideAnalytics(
                from, to, rules.totals(), categories.totals(), categories.weekly(), rules.weekly(), reasons);
    }

    private static String where(AlertFilter filter, Map<String, Object> params) {
        List<String> conditions = new ArrayList<>();
        condition(conditions, params, "status", filter.status(), "status = :status");
        condition(conditions, params, "indicator", filter.indicator(), "indicator = :indicator");
        condition(conditions, params, "category", filter.category(), "category = :category");
        condition(conditions, params, "patient", filter.patientId(), "patient_id = :patient");
        condition(conditions, params, "from", filter.from() == null ? null : at(filter.from()), "created_at >= :from");
        condition(conditions, params, "to", filter.to() == null ? null : at(filter.to()), "created_at < :to");
        return conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions);
    }

    private static void condition(
            List<String> conditions, Map<String, Object> params, String name, Object value, String sql) {
        if (value != null) {
            conditions.add(sql);
            params.put(name, value);
        }
    }

    private StoredAlert alert(ResultSet rs, int row) throws SQLException {
        return new StoredAlert(
                rs.getString("id"),
                rs.getString("hook_instance"),
                rs.getString("service_id"),
                rs.getString("patient_id"),
                rs.getString("encounter_id"),
                rs.getString("user_id"),
                rs.getString("draft_order_id"),
                rs.getString("category"),
                rs.getString("indicator"),
                rs.getString("rule_id"),
                rs.getString("rule_version"),
                rs.getString("rule_base_version"),
                rs.getString("summary"),
                evidence(rs.getString("evidence")),
                rs.getBoolean("shown"),
                rs.getString("status"),
                instant(rs, "created_at"));
    }

    /** The stored evidence, or null when it cannot be read: the alert is listed all the same. */
    private ChartEvidence evidence(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return json.readValue(text, ChartEvidence.class);
        } catch (JacksonException e) {
            return null;
        }
    }

    private static StoredFeedback feedback(ResultSet rs, int row) throws SQLException {
        return new StoredFeedback(
                rs.getString("id"),
                rs.getString("card_uuid"),
                rs.getString("service_id"),
                rs.getString("outcome"),
                rs.getString("override_system"),
                rs.getString("override_code"),
                rs.getString("override_display"),
                rs.getString("user_comment"),
                instant(rs, "outcome_timestamp"),
                instant(rs, "received_at"));
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    /** Counts per key, in total and per week. */
    private static final class Tally {

        private final Map<String, long[]> totals = new TreeMap<>();
        private final Map<LocalDate, Map<String, long[]>> weeks = new TreeMap<>();

        void add(String key, LocalDate week, boolean shown, boolean overridden) {
            long[] total = totals.computeIfAbsent(key, k -> new long[3]);
            long[] weekly = weeks.computeIfAbsent(week, w -> new TreeMap<>()).computeIfAbsent(key, k -> new long[3]);
            for (long[] counts : List.of(total, weekly)) {
                if (shown) {
                    counts[0]++;
                    counts[1] += overridden ? 1 : 0;
                } else {
                    counts[2]++;
                }
            }
        }

        List<OverrideAnalytics.Rate> totals() {
            return totals.entrySet().stream()
                    .map(e -> new OverrideAnalytics.Rate(e.getKey(), e.getValue()[0], e.getValue()[1], e.getValue()[2]))
                    .sorted(Comparator.comparingLong(OverrideAnalytics.Rate::alerts)
                            .reversed()
                            .thenComparing(OverrideAnalytics.Rate::key))
                    .toList();
        }

        List<OverrideAnalytics.WeeklyRate> weekly() {
            List<OverrideAnalytics.WeeklyRate> rows = new ArrayList<>();
            weeks.forEach((week, keys) ->
                    keys.forEach((key, c) -> rows.add(new OverrideAnalytics.WeeklyRate(week, key, c[0], c[1]))));
            return rows;
        }
    }
}
