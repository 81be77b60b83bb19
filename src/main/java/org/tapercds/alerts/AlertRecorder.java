package org.tapercds.alerts;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;
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
 * versions, the duration). The records are made and written on the writer's thread.
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

    @Override
    public void evaluated(Evaluation evaluation) {
        Instant at = clock.instant();
        writer.submit(() -> records(evaluation, at));
    }

    List<StoreRecord> records(Evaluation evaluation, Instant at) {
        List<StoreRecord> records = new ArrayList<>();
        List<Map<String, Object>> cards = new ArrayList<>();
        String evidence = evaluation.cards().isEmpty() && evaluation.withheld().isEmpty()
                ? null
                : json.writeValueAsString(evaluation.chart());
        for (IssuedCard card : evaluation.cards()) {
            records.add(alert(evaluation, card, true, evidence, at));
            cards.add(audited(card, true));
        }
        for (IssuedCard card : evaluation.withheld()) {
            records.add(alert(evaluation, card, false, evidence, at));
            cards.add(audited(card, false));
        }
        HookRequest request = evaluation.request();
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("ruleBaseVersion", evaluation.ruleBaseVersion());
        detail.put("cards", cards);
        detail.put("durationMicros", evaluation.timings().totalNanos() / 1_000);
        records.add(new AuditEvent(
                // Every evaluation is audited, a retried hookInstance too.
                UUID.randomUUID().toString(),
                AuditEvent.EVALUATION,
                at,
                request.userId(),
                request.patientId(),
                request.serviceId(),
                request.hookInstance(),
                null,
                cards.isEmpty() ? "no-cards" : cards.size() + "-cards",
                json.writeValueAsString(detail)));
        return records;
    }

    private static AlertRecord alert(
            Evaluation evaluation, IssuedCard card, boolean shown, String evidence, Instant at) {
        HookRequest request = evaluation.request();
        return new AlertRecord(
                card.card().uuid(),
                request.hookInstance(),
                request.serviceId(),
                request.patientId(),
                request.encounterId(),
                request.userId(),
                draftOrderId(card, request),
                card.lead().category(),
                card.card().indicator(),
                card.rule().id(),
                card.rule().version(),
                evaluation.ruleBaseVersion(),
                card.card().summary(),
                evidence,
                shown,
                at);
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

    private static Map<String, Object> audited(IssuedCard card, boolean shown) {
        Map<String, Object> audited = new LinkedHashMap<>();
        audited.put("uuid", card.card().uuid());
        audited.put("category", card.lead().category());
        audited.put("indicator", card.card().indicator());
        audited.put("ruleId", card.rule().id());
        audited.put("ruleVersion", card.rule().version());
        audited.put("shown", shown);
        return audited;
    }
}
