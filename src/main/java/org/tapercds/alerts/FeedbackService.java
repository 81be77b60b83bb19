package org.tapercds.alerts;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectMapper;

/**
 * Receives the EHR's feedback (SPEC §3): every item is stored through the {@link AlertWriter} (so
 * it outlives an outage), joined to its alert by card uuid when written (an unknown uuid is stored
 * unmatched and counted, never dropped), and audited (ids and outcome only). An {@code overridden}
 * card snoozes its category for the patient for {@code taper.snooze.days}: the {@link SnoozeIndex}
 * of this replica knows at once, the {@code snooze} table tells the others.
 */
@Component
public class FeedbackService {

    static final String RECEIVED = "taper.feedback.received";
    static final String UNMATCHED = "taper.feedback.unmatched";

    private final AlertWriter writer;
    private final OverriddenCards overridden;
    private final SnoozeIndex snoozes;
    private final SnoozeProperties properties;
    private final ObjectMapper json;
    private final Meter.MeterProvider<Counter> received;

    FeedbackService(
            AlertWriter writer,
            OverriddenCards overridden,
            SnoozeIndex snoozes,
            SnoozeProperties properties,
            ObjectMapper json,
            MeterRegistry registry) {
        this.writer = writer;
        this.overridden = overridden;
        this.snoozes = snoozes;
        this.properties = properties;
        this.json = json;
        this.received = Counter.builder(RECEIVED)
                .description("Feedback items received from EHRs, by outcome")
                .withRegistry(registry);
    }

    /** Hands the items to the writer and applies their snoozes here; returns without writing. */
    public void receive(List<Feedback> feedback) {
        List<StoreRecord> records = new ArrayList<>();
        for (Feedback item : feedback) {
            // Fixed now, before the row may wait in the writer or the spool: written twice, stored once.
            String id = UUID.randomUUID().toString();
            received.withTag("outcome", item.outcome().wireName()).increment();
            records.add(row(id, item));
            Optional<SnoozeRow> snooze = item.outcome() == Feedback.Outcome.OVERRIDDEN && properties.days() > 0
                    ? Optional.of(snooze(id, item))
                    : Optional.empty();
            snooze.ifPresent(records::add);
            records.add(audit(id, item, snooze));
        }
        List<StoreRecord> made = List.copyOf(records);
        writer.submit(() -> made);
    }

    private SnoozeRow snooze(String id, Feedback item) {
        Instant until = item.receivedAt().plus(properties.period());
        Optional<RecentCards.IssuedTo> card = overridden.find(item.cardUuid());
        card.ifPresent(c -> SnoozeIndex.indicator(c.indicator())
                .ifPresent(indicator -> snoozes.snooze(c.patientId(), c.category(), indicator, until)));
        return new SnoozeRow(
                id,
                item.cardUuid(),
                card.map(RecentCards.IssuedTo::patientId).orElse(null),
                card.map(RecentCards.IssuedTo::category).orElse(null),
                card.map(RecentCards.IssuedTo::indicator).orElse(null),
                item.receivedAt(),
                until);
    }

    private FeedbackRow row(String id, Feedback item) {
        Feedback.Coding reason =
                item.overrideReason() == null ? null : item.overrideReason().reason();
        return new FeedbackRow(
                id,
                item.cardUuid(),
                item.serviceId(),
                item.outcome().wireName(),
                item.acceptedSuggestions().isEmpty() ? null : json.writeValueAsString(item.acceptedSuggestions()),
                reason == null ? null : reason.system(),
                reason == null ? null : reason.code(),
                reason == null ? null : reason.display(),
                item.overrideReason() == null ? null : item.overrideReason().userComment(),
                item.outcomeTimestamp(),
                item.receivedAt());
    }

    /** Ids, codes and the outcome only: never the clinician's comment. */
    private AuditEvent audit(String id, Feedback item, Optional<SnoozeRow> snooze) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("feedbackId", id);
        Feedback.Coding reason =
                item.overrideReason() == null ? null : item.overrideReason().reason();
        if (reason != null) {
            detail.put("overrideReason", reason.code());
        }
        snooze.ifPresent(s -> {
            detail.put("snoozeUntil", s.until().toString());
            if (s.category() != null) {
                detail.put("snoozedCategory", s.category());
            }
        });
        return new AuditEvent(
                UUID.randomUUID().toString(),
                AuditEvent.FEEDBACK,
                item.receivedAt(),
                null,
                snooze.map(SnoozeRow::patientId).orElse(null),
                item.serviceId(),
                null,
                item.cardUuid(),
                item.outcome().wireName(),
                json.writeValueAsString(detail));
    }
}
