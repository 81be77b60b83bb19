package org.tapercds.evaluation.cards;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.tapercds.evaluation.ScenarioCalls;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * What the reduction cards show of the proposal and the gradual plan (RULES §3), and switch cards
 * from the one table that decided (RULES §6).
 */
@SpringBootTest
class ProposalCardsIT {

    private final ScenarioCalls calls;

    ProposalCardsIT(@Autowired ApplicationContext context) {
        this.calls = new ScenarioCalls(context);
    }

    @Autowired
    ObjectMapper json;

    private List<Card> cards(String scenarioName) {
        return calls.evaluate(calls.scenario(scenarioName)).wireCards();
    }

    private JsonNode resource(Card.Suggestion suggestion) {
        return json.readTree(suggestion.actions().get(0).resource());
    }

    private static double dailyMg(JsonNode lines, int sequence) {
        double total = 0;
        for (JsonNode line : lines) {
            if (line.path("sequence").asInt(0) == sequence) {
                total += line.get("doseAndRate")
                                .get(0)
                                .get("doseQuantity")
                                .get("value")
                                .asDouble()
                        * line.get("timing").get("repeat").get("frequency").asDouble();
            }
        }
        return total;
    }

    @Test
    void aSwitchCardShowsTheAmountsAndPercentageOfTheTableThatDecidedAndSuggestsWithIt() {
        // Lorazepam 4 mg/day -> diazepam 8 mg/day: Ashton 40 -> 8 (80 %), VA/DoD 20 -> 8 (60 %).
        Card card = cards("taper-rate/scenarios/fires-lorazepam-to-diazepam-switch-too-low.json")
                .get(0);

        assertThat(card.summary())
                .isEqualTo("Lorazepam cut 60% within 14 days (20 to 8 mg DE/day); limit 25%, during a switch"
                        + " (VA/DoD table)");
        assertThat(card.detail())
                .contains("from 20 to 8 mg diazepam equivalent")
                .contains("| 2026-05-06 | lorazepam 4 mg/day (rx-lzp) | 20 |")
                .contains("Diazepam equivalents: VA/DoD column")
                .doesNotContain("| 40 |");
        // 75 % of the VA/DoD prev (20 mg DE) is 15 mg diazepam; with Ashton it would be 30 mg.
        assertThat(dailyMg(resource(card.suggestions().get(0)).get("dosageInstruction"), 0))
                .isEqualTo(15.0);
    }

    @Test
    void aCardWithoutASwitchNamesTheAshtonTable() {
        Card card = cards("taper-rate/scenarios/fires-diazepam-20-to-10-critical.json")
                .get(0);

        assertThat(card.summary()).doesNotContain("switch");
        assertThat(card.detail()).contains("Diazepam equivalents: Ashton Manual table");
    }

    @Test
    void theProposalIsOpenEndedAndThePlanIsASequencedTableEndingOpen() {
        // Diazepam 20 mg/day; the draft cuts to 10 mg/day for 3 days and stops.
        List<Card> cards = cards("taper-rate/scenarios/fires-cut-for-3-days-one-open-ended-proposal.json");
        Card taper = cards.stream()
                .filter(c -> c.source().topic().code().equals("taper-rate-exceeded"))
                .findFirst()
                .orElseThrow();

        JsonNode proposal = resource(taper.suggestions().get(0));
        assertThat(proposal.get("id").asString()).isEqualTo("draft-1");
        assertThat(proposal.get("medicationCodeableConcept")
                        .get("coding")
                        .get(0)
                        .get("code")
                        .asString())
                .isEqualTo("197591");
        for (JsonNode line : proposal.get("dosageInstruction")) {
            JsonNode repeat = line.get("timing").get("repeat");
            assertThat(repeat.has("boundsDuration")).isFalse();
            assertThat(repeat.has("count")).isFalse();
            assertThat(repeat.path("boundsPeriod").has("end")).isFalse();
        }
        assertThat(dailyMg(proposal.get("dosageInstruction"), 0)).isEqualTo(15.0);
        assertThat(taper.suggestions().get(0).isRecommended()).isTrue();

        Card.Suggestion planSuggestion = taper.suggestions().get(1);
        assertThat(planSuggestion.isRecommended()).isFalse();
        JsonNode plan = resource(planSuggestion).get("dosageInstruction");
        // 10 % of each step every 14 days, rounded up to what one product makes (scored tablets in halves).
        assertThat(List.of(
                        dailyMg(plan, 1),
                        dailyMg(plan, 2),
                        dailyMg(plan, 3),
                        dailyMg(plan, 4),
                        dailyMg(plan, 5),
                        dailyMg(plan, 6)))
                .containsExactly(18.0, 17.0, 15.0, 14.0, 12.0, 11.0);
        for (JsonNode line : plan) {
            boolean last = line.get("sequence").asInt() == 6;
            assertThat(line.get("timing").get("repeat").has("boundsDuration")).isEqualTo(!last);
        }
        assertThat(taper.detail()).contains("| 2026-11-22 | 2026-12-05 | 18 |").contains("| open (review) | 11 |");
        assertThat(cards.get(0).suggestions()).hasSize(2);
        assertThat(cards.get(0).suggestions().get(0).label())
                .isEqualTo(taper.suggestions().get(0).label());
    }
}
