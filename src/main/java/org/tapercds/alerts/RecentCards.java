package org.tapercds.alerts;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.tapercds.evaluation.Evaluation;
import org.tapercds.evaluation.EvaluationListener;
import org.tapercds.evaluation.cards.IssuedCard;

/**
 * The cards this replica issued recently (card uuid → patient, category, indicator), so an
 * overridden card's snooze applies the moment its feedback arrives, without asking the database.
 * Bounded by count and age (oldest out first); a card not found here is looked up in the stored
 * alerts instead. Fed on the call's thread: one short synchronized put per shown card.
 */
@Component
class RecentCards implements EvaluationListener {

    /** What a snooze needs of an issued card. */
    record IssuedTo(String patientId, String category, String indicator, Instant at) {}

    private final Clock clock;
    private final int capacity;
    private final Duration maxAge;
    private final LinkedHashMap<String, IssuedTo> cards = new LinkedHashMap<>();

    RecentCards(Clock clock, SnoozeProperties properties) {
        this.clock = clock;
        this.capacity = properties.recentCards();
        this.maxAge = properties.recentCardsAge();
    }

    @Override
    public void evaluated(Evaluation evaluation) {
        if (evaluation.cards().isEmpty() || capacity <= 0) {
            return;
        }
        Instant now = clock.instant();
        String patientId = evaluation.request().patientId();
        // Only shown cards: the EHR gives feedback on what it displayed.
        for (IssuedCard card : evaluation.cards()) {
            put(
                    card.card().uuid(),
                    new IssuedTo(patientId, card.lead().category(), card.card().indicator(), now));
        }
    }

    synchronized void put(String uuid, IssuedTo card) {
        cards.remove(uuid);
        cards.put(uuid, card);
        Instant oldest = card.at().minus(maxAge);
        var eldest = cards.entrySet().iterator();
        while (eldest.hasNext()) {
            Map.Entry<String, IssuedTo> entry = eldest.next();
            if (cards.size() <= capacity && !entry.getValue().at().isBefore(oldest)) {
                break;
            }
            eldest.remove();
        }
    }

    synchronized Optional<IssuedTo> get(String uuid) {
        IssuedTo card = cards.get(uuid);
        if (card == null || card.at().isBefore(clock.instant().minus(maxAge))) {
            return Optional.empty();
        }
        return Optional.of(card);
    }

    synchronized int size() {
        return cards.size();
    }
}
