package org.tapercds.evaluation.cards;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import org.tapercds.facts.KeepDoseOffer;
import org.tapercds.facts.NewWithdrawalSigns;
import org.tapercds.facts.WithdrawalScore;
import org.tapercds.facts.WithdrawalSign;
import org.tapercds.facts.WithdrawalTrend;
import org.tapercds.rules.Advisory;

/** Cards about withdrawal ({@code withdrawal-severe}, {@code withdrawal-escalating}). */
final class WithdrawalCardContent extends CardContent {

    WithdrawalCardContent() {
        super(
                "withdrawal",
                View.class,
                Proposals.PARTS,
                List.of(
                        WithdrawalSign.class,
                        WithdrawalScore.class,
                        WithdrawalTrend.class,
                        NewWithdrawalSigns.class,
                        KeepDoseOffer.class));
    }

    /**
     * @param lead what leads the card (the first of {@code findings})
     * @param findings every finding of the card, the lead first
     * @param draftReducesDose a draft order reduces the dose further
     * @param scores the CIWA-B scores, oldest first (the last {@code cards.max-table-rows})
     * @param earlierScores scores left out of {@code scores}
     * @param lastReduction the last dose reduction (null: none)
     * @param proposal the one proposal for the draft (keep the current dose: the taper pauses), when a
     *     rule offers it (a {@link KeepDoseOffer}; null: no suggestion)
     */
    public record View(
            Finding lead,
            List<Finding> findings,
            boolean draftReducesDose,
            List<Score> scores,
            int earlierScores,
            LocalDate lastReduction,
            Proposals.ProposalView proposal) {

        public boolean hasScores() {
            return !scores.isEmpty() || earlierScores > 0;
        }
    }

    /** One finding; exactly one of {@code sign}, {@code score}, {@code trend}, {@code newSigns} is true. */
    public record Finding(
            boolean sign,
            boolean score,
            boolean trend,
            boolean newSigns,
            String name,
            boolean severeSign,
            LocalDate firstRecorded,
            Score scored,
            Trend rising,
            String signs,
            int count,
            LocalDate lastReduction) {

        static Finding of(Object evidence) {
            if (evidence instanceof WithdrawalSign sign) {
                return new Finding(
                        true,
                        false,
                        false,
                        false,
                        sign.sign(),
                        sign.severe(),
                        sign.firstRecorded(),
                        null,
                        null,
                        null,
                        0,
                        null);
            }
            if (evidence instanceof WithdrawalScore score) {
                return new Finding(false, true, false, false, null, false, null, Score.of(score), null, null, 0, null);
            }
            if (evidence instanceof WithdrawalTrend trend) {
                return new Finding(
                        false,
                        false,
                        true,
                        false,
                        null,
                        false,
                        null,
                        null,
                        Trend.of(trend),
                        null,
                        trend.count(),
                        trend.lastReduction());
            }
            NewWithdrawalSigns signs = (NewWithdrawalSigns) evidence;
            return new Finding(
                    false,
                    false,
                    false,
                    true,
                    null,
                    false,
                    null,
                    null,
                    null,
                    String.join(", ", signs.signs()),
                    signs.count(),
                    signs.lastReduction());
        }
    }

    public record Score(LocalDate date, String value, String band) {

        static Score of(WithdrawalScore score) {
            return new Score(
                    score.date(), Format.mg(score.value()), score.band().label());
        }
    }

    /** CIWA-B scores rising: {@code higherBand} when the band is higher than at the last reduction. */
    public record Trend(
            String latest,
            LocalDate latestDate,
            String lowest,
            String rise,
            boolean higherBand,
            String latestBand,
            String bandAtLastReduction) {

        static Trend of(WithdrawalTrend trend) {
            return new Trend(
                    Format.mg(trend.latest()),
                    trend.latestDate(),
                    Format.mg(trend.lowest()),
                    Format.mg(trend.rise()),
                    trend.higherBandThanAtLastReduction(),
                    trend.latestBand().label(),
                    trend.bandAtLastReduction() == null
                            ? null
                            : trend.bandAtLastReduction().label());
        }
    }

    @Override
    Object view(List<Advisory> advisories, CardContext context) {
        List<Finding> findings = advisories.stream()
                .filter(a -> !(a.evidence() instanceof KeepDoseOffer))
                .map(a -> Finding.of(a.evidence()))
                .toList();
        boolean keepDoseOffered = advisories.stream().anyMatch(a -> a.evidence() instanceof KeepDoseOffer);
        List<Score> scores = context.facts(WithdrawalScore.class).stream()
                .sorted(Comparator.comparing(WithdrawalScore::date))
                .map(Score::of)
                .toList();
        return new View(
                findings.get(0),
                findings,
                context.benzodiazepineUse().draftReducesDose(),
                context.recent(scores),
                context.leftOut(scores),
                context.benzodiazepineUse().lastReduction(),
                keepDoseOffered ? offer(context).map(Proposals.Offer::proposal).orElse(null) : null);
    }

    /** The proposal for the draft that makes the first reduction (shared with the other cards). */
    private static java.util.Optional<Proposals.Offer> offer(CardContext context) {
        return context.proposals().forEarliest(context.timeline().reductions(), context);
    }

    @Override
    List<Card.Suggestion> suggestions(List<Advisory> advisories, CardContext context, Object view) {
        if (((View) view).proposal() == null) {
            return List.of();
        }
        return List.of(Proposals.proposalSuggestion(
                offer(context).orElseThrow(), advisories.get(0).category(), context, view));
    }
}
