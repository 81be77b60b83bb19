package org.tapercds.console;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Stored alerts and feedback for the console's tests, inserted with SQL as the alert writer stores
 * them (one alert row per card, feedback by card uuid).
 */
final class ConsoleTestData {

    /**
     * Evidence as the writer stores it (Jackson 3 of ChartEvidence): 40 mg from January, cut to 20 mg
     * on 11 February (a 50 % reduction within 14 days), a draft of 10 mg from 20 February, and two
     * CIWA-B scores.
     */
    static final String EVIDENCE =
            """
            {"dose":[{"day":"2026-01-01","mgDe":40.0,"unknown":false,"draft":false},\
            {"day":"2026-02-11","mgDe":20.0,"unknown":false,"draft":false},\
            {"day":"2026-02-20","mgDe":10.0,"unknown":false,"draft":true}],\
            "scores":[{"day":"2026-02-01","instrument":"CIWA-B","value":8.0},\
            {"day":"2026-02-15","instrument":"CIWA-B","value":21.0}],\
            "reductions":[{"from":"2026-02-01","to":"2026-02-11","fromMgDe":40.0,"toMgDe":20.0,"percent":50.0}],\
            "maxReductionPercent":25.0,"windowDays":14}""";

    private final JdbcClient jdbc;

    ConsoleTestData(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** An open, shown alert of rule taper-rate-exceeded with {@link #EVIDENCE}. */
    String alert(String patient, String category, String indicator, Instant at) {
        return alert(patient, category, indicator, category, "open", true, at, "Taper too fast for " + patient);
    }

    String alert(
            String patient,
            String category,
            String indicator,
            String ruleId,
            String status,
            boolean shown,
            Instant at,
            String summary) {
        return alert(patient, category, indicator, ruleId, status, shown, at, summary, EVIDENCE);
    }

    String alert(
            String patient,
            String category,
            String indicator,
            String ruleId,
            String status,
            boolean shown,
            Instant at,
            String summary,
            String evidence) {
        String id = UUID.randomUUID().toString();
        jdbc.sql("insert into alert (id, hook_instance, service_id, patient_id, encounter_id, user_id, draft_order_id,"
                        + " category, indicator, rule_id, rule_version, rule_base_version, summary, evidence, shown,"
                        + " status, created_at) values (:id, :hook, 'benzo-taper-order-sign', :patient, 'enc-1',"
                        + " 'Practitioner/9', 'draft-1', :category, :indicator, :rule, '1.0.0', 'rb-test', :summary,"
                        + " :evidence, :shown, :status, :at)")
                .param("id", id)
                .param("hook", "hook-" + id)
                .param("patient", patient)
                .param("category", category)
                .param("indicator", indicator)
                .param("rule", ruleId)
                .param("summary", summary)
                .param("evidence", evidence)
                .param("shown", shown)
                .param("status", status)
                .param("at", at.atOffset(ZoneOffset.UTC))
                .update();
        return id;
    }

    void feedback(
            String cardUuid, String outcome, String reasonCode, String reasonDisplay, String comment, Instant at) {
        jdbc.sql("insert into feedback (id, card_uuid, matched, service_id, outcome, accepted_suggestions,"
                        + " override_system, override_code, override_display, user_comment, outcome_timestamp,"
                        + " received_at) values (:id, :card, true, 'benzo-taper-order-sign', :outcome, null, :system,"
                        + " :code, :display, :comment, :at, :at)")
                .param("id", UUID.randomUUID().toString())
                .param("card", cardUuid)
                .param("outcome", outcome)
                .param("system", reasonCode == null ? null : "http://taper-cds.org/fhir/CodeSystem/override-reason")
                .param("code", reasonCode)
                .param("display", reasonDisplay)
                .param("comment", comment)
                .param("at", at.atOffset(ZoneOffset.UTC))
                .update();
    }
}
