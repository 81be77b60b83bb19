package org.tapercds.alerts;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.tapercds.evaluation.ChartEvidence;
import org.tapercds.evaluation.Evaluation;
import org.tapercds.evaluation.EvaluationListener;
import org.tapercds.evaluation.cards.IssuedCard;
import org.tapercds.facts.DoseReduction;
import org.tapercds.facts.UnassessableDose;
import org.tapercds.fhir.HookRequest;
import tools.jackson.databind.ObjectMapper;

/**
 * Stores every live evaluation: one alert per card (shown or withheld by a snooze) and one audit
 * event (SPEC §4: service, hookInstance, user and patient ids, the cards with their rule ids and
 * versions, the duration). The call's thread only copies the few values these need (the ids, the
 * cards' fields, the chart's points) into a {@link Snapshot}, so the evaluation with its parsed
 * request is garbage as soon as the answer is sent rather than held in the writer's queue; the
 * writer's thread makes the records (and their JSON) from the snapshot.
 */
@Component
class AlertRecorder implements EvaluationListener {

    private final AlertWriter writer;
    private final ObjectMapper json;
    private final Clock clock;

    AlertRecorder(AlertWriter writer, ObjectMapper json, Clock clock) {
        this.writer = writer;
        this.json = json;
        this.clock = clock;
    }

    /** What the records of one evaluation are made from. */
    record Snapshot(
            Instant at,
            String hookInstance,
            String serviceId,
            String patientId,
            String encounterId,
            String userId,
            String ruleBaseVersion,
            long durationMicros,
            List<Alerted> cards,
            ChartEvidence chart) {

        static Snapshot of(Evaluation evaluation, Instant at) {
            HookRequest request = evaluation.request();
            List<Alerted> cards = new ArrayList<>();
            evaluation.cards().forEach(card -> cards.add(Alerted.of(card, true, request)));
            evaluation.withheld().forEach(card -> cards.add(Alerted.of(card, false, request)));
            return new Snapshot(
                    at,
                    request.hookInstance(),
                    request.serviceId(),
                    request.patientId(),
                    request.encounterId(),
                    request.userId(),
                    evaluation.ruleBaseVersion(),
                    evaluation.timings().totalNanos() / 1_000,
                    List.copyOf(cards),
                    cards.isEmpty() ? null : evaluation.chart());
        }
    }

    /** One card of the evaluation, shown or withheld. */
    record Alerted(
            String uuid,
            String category,
            String indicator,
            String ruleId,
            String ruleVersion,
            String summary,
            String draftOrderId,
            boolean shown) {

        static Alerted of(IssuedCard card, boolean shown, HookRequest request) {
            return new Alerted(
                    card.card().uuid(),
                    card.lead().category(),
                    card.card().indicator(),
                    card.rule().id(),
                    card.rule().version(),
                    card.card().summary(),
                    AlertRecorder.draftOrderId(card, request),
                    shown);
        }
    }

    @Override
    public void evaluated(Evaluation evaluation) {
        Snapshot snapshot = Snapshot.of(evaluation, clock.instant());
        writer.submit(() -> records(snapshot));
    }

    List<StoreRecord> records(Snapshot snapshot) {
        List<StoreRecord> records = new ArrayList<>();
        List<Map<String, Object>> cards = new ArrayList<>();
        String evidence = snapshot.chart() == null ? null : json.writeValueAsString(snapshot.chart());
        for (Alerted card : snapshot.cards()) {
            records.add(alert(snapshot, card, evidence));
            cards.add(audited(card));
        }
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("ruleBaseVersion", snapshot.ruleBaseVersion());
        detail.put("cards", cards);
        detail.put("durationMicros", snapshot.durationMicros());
        records.add(new AuditEvent(
                // Every evaluation is audited, a retried hookInstance too.
                UUID.randomUUID().toString(),
                AuditEvent.EVALUATION,
                snapshot.at(),
                snapshot.userId(),
                snapshot.patientId(),
                snapshot.serviceId(),
                snapshot.hookInstance(),
                null,
                cards.isEmpty() ? "no-cards" : cards.size() + "-cards",
                json.writeValueAsString(detail)));
        return records;
    }

    private static AlertRecord alert(Snapshot snapshot, Alerted card, String evidence) {
        return new AlertRecord(
                card.uuid(),
                snapshot.hookInstance(),
                snapshot.serviceId(),
                snapshot.patientId(),
                snapshot.encounterId(),
                snapshot.userId(),
                card.draftOrderId(),
                card.category(),
                card.indicator(),
                card.ruleId(),
                card.ruleVersion(),
                snapshot.ruleBaseVersion(),
                card.summary(),
                evidence,
                card.shown(),
                snapshot.at());
    }

    /** The draft order the card is about: the one its evidence names, else the only draft. */
    private static String draftOrderId(IssuedCard card, HookRequest request) {
        Object evidence = card.lead().evidence();
        if (evidence instanceof DoseReduction reduction && reduction.orderId() != null) {
            return reduction.orderId();
        }
        if (evidence instanceof UnassessableDose dose && dose.drafted()) {
            return dose.orderId();
        }
        return request.draftOrders().size() == 1
                ? request.draftOrders().get(0).getIdElement().getIdPart()
                : null;
    }

    private static Map<String, Object> audited(Alerted card) {
        Map<String, Object> audited = new LinkedHashMap<>();
        audited.put("uuid", card.uuid());
        audited.put("category", card.category());
        audited.put("indicator", card.indicator());
        audited.put("ruleId", card.ruleId());
        audited.put("ruleVersion", card.ruleVersion());
        audited.put("shown", card.shown());
        return audited;
    }
}
