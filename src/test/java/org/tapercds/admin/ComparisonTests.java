package org.tapercds.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tapercds.admin.Comparison.ShownCard;
import org.tapercds.admin.ImpactReport.CardChange;
import org.tapercds.admin.ImpactReport.Shown;

/** What the preview counts as a change of one scenario's cards between the two rule bases. */
class ComparisonTests {

    private static ShownCard card(String category, String indicator, String suggestion, String plan) {
        return new ShownCard(category, category + "-rule", indicator, suggestion, plan, null);
    }

    private static Comparison comparison(List<ShownCard> before, String errorBefore, List<ShownCard> after) {
        return new Comparison(null, Comparison.CANDIDATE, before, errorBefore, after, null, null);
    }

    @Test
    void listsAppearingAndChangedCardsInTheCandidatesOrderThenTheDisappearingOnes() {
        Comparison comparison = comparison(
                List.of(card("alcohol-co-use", "warning", null, null), card("taper", "warning", "30 mg/day", "plan")),
                null,
                List.of(card("taper", "critical", "32 mg/day", "plan"), card("opioid", "warning", "naloxone", null)));

        List<CardChange> changes = comparison.changes();

        assertThat(changes)
                .containsExactly(
                        new CardChange(
                                "taper",
                                "taper-rule",
                                CardChange.CHANGES,
                                new Shown("warning", "30 mg/day", "plan"),
                                new Shown("critical", "32 mg/day", "plan")),
                        new CardChange(
                                "opioid",
                                "opioid-rule",
                                CardChange.APPEARS,
                                null,
                                new Shown("warning", "naloxone", null)),
                        new CardChange(
                                "alcohol-co-use",
                                "alcohol-co-use-rule",
                                CardChange.DISAPPEARS,
                                new Shown("warning", null, null),
                                null));
        assertThat(changes.get(0).indicatorChanges()).isTrue();
        assertThat(changes.get(0).suggestionChanges()).isTrue();
        assertThat(changes.get(0).planChanges()).isFalse();
        assertThat(comparison.changed()).isTrue();
    }

    @Test
    void seesNoChangeWhenTheCardsShowTheSameWhateverTheirRule() {
        Comparison comparison = comparison(
                List.of(card("taper", "warning", "30 mg/day", null)),
                null,
                List.of(new ShownCard("taper", "another-rule", "warning", "30 mg/day", null, "other action")));

        assertThat(comparison.changes()).isEmpty();
        assertThat(comparison.changed()).isFalse();
    }

    @Test
    void countsARequestRefusedOnOneSideOnlyAsAChange() {
        Comparison comparison = comparison(List.of(), "the request was refused: x", List.of());

        assertThat(comparison.changes()).isEmpty();
        assertThat(comparison.changed()).isTrue();
    }
}
