package org.tapercds.admin;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.tapercds.admin.ImpactReport.CardChange;
import org.tapercds.evaluation.cards.Card;
import org.tapercds.evaluation.cards.IssuedCard;
import org.tapercds.evaluation.scenarios.Scenario;
import org.tapercds.evaluation.scenarios.ScenarioRunner;

/**
 * One scenario run on both rule bases: the cards each showed, and the candidate's result against the
 * scenario's expectations.
 *
 * @param from {@code candidate} or {@code baseline}: whose scenario file it is
 * @param before the baseline's cards, most severe first (empty when {@code errorBefore} is set)
 * @param errorBefore why the baseline gave no answer, or null
 * @param candidateResult the candidate's run, with its expectations checked
 */
record Comparison(
        Scenario scenario,
        String from,
        List<ShownCard> before,
        String errorBefore,
        List<ShownCard> after,
        String errorAfter,
        ScenarioRunner.Result candidateResult) {

    static final String CANDIDATE = "candidate";
    static final String BASELINE = "baseline";
    /** A live request kept by the alert store ({@code taper.alerts.keep-requests}), replayed on its own day. */
    static final String RECENT = "recent request";

    /**
     * What a card shows, as the preview compares it and {@code --accept} writes it.
     *
     * @param rule the id of the rule leading the card
     * @param action the first suggestion's first action's description (null: no suggestion)
     */
    record ShownCard(String category, String rule, String indicator, String suggestion, String plan, String action) {

        ImpactReport.Shown shown() {
            return new ImpactReport.Shown(indicator, suggestion, plan);
        }

        static ShownCard of(IssuedCard issued) {
            Card card = issued.card();
            List<Card.Suggestion> suggestions = card.suggestions() == null ? List.of() : card.suggestions();
            Card.Suggestion first = suggestions.isEmpty() ? null : suggestions.get(0);
            return new ShownCard(
                    card.source().topic().code(),
                    issued.rule().id(),
                    card.indicator(),
                    first == null ? null : first.label(),
                    suggestions.size() > 1 ? suggestions.get(1).label() : null,
                    first == null || first.actions() == null || first.actions().isEmpty()
                            ? null
                            : first.actions().get(0).description());
        }
    }

    /** The cards a run showed; empty when it gave none (see {@link #error}). */
    static List<ShownCard> cards(ScenarioRunner.Result result) {
        return result.evaluation() == null
                ? List.of()
                : result.evaluation().cards().stream().map(ShownCard::of).toList();
    }

    /** Why a run gave no answer (request refused, evaluation failed), or null. */
    static String error(ScenarioRunner.Result result) {
        return result.evaluation() == null ? result.message() : null;
    }

    /** The cards that appear, disappear or change, in the candidate's order, then those that disappear. */
    List<CardChange> changes() {
        List<CardChange> changes = new ArrayList<>();
        for (ShownCard card : after) {
            Optional<ShownCard> was = find(before, card.category());
            if (was.isEmpty()) {
                changes.add(new CardChange(card.category(), card.rule(), CardChange.APPEARS, null, card.shown()));
            } else if (!was.get().shown().equals(card.shown())) {
                changes.add(new CardChange(
                        card.category(),
                        card.rule(),
                        CardChange.CHANGES,
                        was.get().shown(),
                        card.shown()));
            }
        }
        for (ShownCard card : before) {
            if (find(after, card.category()).isEmpty()) {
                changes.add(new CardChange(card.category(), card.rule(), CardChange.DISAPPEARS, card.shown(), null));
            }
        }
        return changes;
    }

    /** Whether a card appears, disappears or changes, or the request is answered on one side only. */
    boolean changed() {
        return !changes().isEmpty() || !Objects.equals(errorBefore, errorAfter);
    }

    static Optional<ShownCard> find(List<ShownCard> cards, String category) {
        return cards.stream().filter(c -> c.category().equals(category)).findFirst();
    }
}
