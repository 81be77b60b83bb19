package org.tapercds.evaluation;

import java.time.LocalDate;
import java.util.List;
import org.tapercds.evaluation.cards.Card;
import org.tapercds.evaluation.cards.CardsResponse;
import org.tapercds.evaluation.cards.IssuedCard;
import org.tapercds.facts.TaperSettings;
import org.tapercds.fhir.HookRequest;
import org.tapercds.rules.Advisory;
import org.tapercds.rules.RuleOutcome;
import org.tapercds.timeline.PatientTimeline;

/**
 * The one result of evaluating a hook call, consumed by the HTTP answer, the metrics, the scenario
 * runner and (later) alert storage and impact previews: what was asked, on which rule base and
 * day, what the rules raised, and the cards written from it.
 *
 * @param ruleBaseVersion the content hash of the rule base it ran on
 * @param day "today" for this evaluation (the clock's UTC date, or a scenario's pinned day)
 * @param rules what the rules raised (advisories, in the order raised) and concluded (e.g. the
 *     dependence level)
 * @param cards the cards sent to the EHR, most severe first, each with the advisories it was written
 *     from
 * @param withheld cards written but not sent because the EHR's user snoozed their category for this
 *     patient ({@link Snoozes}); stored for the pharmacists all the same
 * @param timeline the patient's dose timeline the rules saw (for the chart of a stored alert)
 * @param facts the facts the rules saw
 * @param settings the rule base's taper settings (the chart's safe envelope)
 */
public record Evaluation(
        HookRequest request,
        String ruleBaseVersion,
        LocalDate day,
        RuleOutcome rules,
        List<IssuedCard> cards,
        List<IssuedCard> withheld,
        PatientTimeline timeline,
        List<Object> facts,
        TaperSettings settings,
        Timings timings) {

    /** Nanoseconds spent in each step of the evaluation. */
    public record Timings(long timelineNanos, long evidenceNanos, long rulesNanos, long cardsNanos) {

        public long totalNanos() {
            return timelineNanos + evidenceNanos + rulesNanos + cardsNanos;
        }
    }

    /** Everything the rules raised, in the order they raised it. */
    public List<Advisory> advisories() {
        return rules.advisories();
    }

    /** This evaluation with the cards of snoozed categories moved from {@code cards} to {@code withheld}. */
    Evaluation withholding(List<IssuedCard> shown, List<IssuedCard> snoozed) {
        return new Evaluation(request, ruleBaseVersion, day, rules, shown, snoozed, timeline, facts, settings, timings);
    }

    /** The chart evidence of this evaluation: dose over time, withdrawal scores, reductions. */
    public ChartEvidence chart() {
        return ChartEvidence.of(this);
    }

    /** The cards as sent. */
    public List<Card> wireCards() {
        return cards.stream().map(IssuedCard::card).toList();
    }

    /** The answer to the EHR: {@code {"cards": [...]}}. */
    public CardsResponse response() {
        return CardsResponse.of(wireCards());
    }
}
