package org.tapercds.evaluation.cards;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.tapercds.evaluation.EvaluationPipeline;
import org.tapercds.evaluation.Service;
import org.tapercds.evaluation.scenarios.Scenario;
import org.tapercds.evaluation.scenarios.ScenarioFiles;
import org.tapercds.rules.RuleBase;
import org.tapercds.rules.RuleFolders;

/**
 * Card wording shows the live settings: with {@code taper.max-reduction-percent} changed to 20 in
 * {@code settings.properties} and nothing else edited, the card's summary, detail, citation and
 * suggestion say 20 % (and 80 % kept), not 25 %.
 */
@SpringBootTest
class LiveSettingsIT {

    @Autowired
    EvaluationPipeline pipeline;

    @Autowired
    ScenarioFiles files;

    @Test
    void aChangedThresholdChangesTheCardTextCitationAndSuggestion(@TempDir Path dir) throws IOException {
        RuleFolders.copyRules(dir);
        Path settings = dir.resolve("settings.properties");
        Files.writeString(
                settings,
                Files.readString(settings).replace("taper.max-reduction-percent=25", "taper.max-reduction-percent=20"));

        Card card = taperRateCard(dir);

        assertThat(card.summary()).endsWith("limit 20%");
        assertThat(card.detail())
                .contains("should typically not exceed 20 % every 14 days")
                .contains("Source: Joint Clinical Practice Guideline on Benzodiazepine Tapering (ASAM et al., 2025),"
                        + " Rec 6: reductions should typically not exceed 20 % every 2 weeks.")
                .contains("keeps at least 80 % of the previous dose")
                .doesNotContain("25 %");
        assertThat(card.suggestions().get(0).actions().get(0).description())
                .contains("keeps at least 80 % of the previous dose");
        assertThat(card.links().get(0).label())
                .isEqualTo("Joint Clinical Practice Guideline on Benzodiazepine Tapering (ASAM et al., 2025), Rec 6");
    }

    @Test
    void aCardOffersTheOverrideReasonsItsWordingLists(@TempDir Path dir) throws IOException {
        RuleFolders.copyRules(dir);
        Path card = dir.resolve("taper-rate/card.yaml");
        Files.writeString(
                card, Files.readString(card) + "  overrideReasons: [data-incorrect, benefits-outweigh-risks]\n");

        Card answer = taperRateCard(dir);

        assertThat(answer.overrideReasons())
                .extracting(Card.Coding::code)
                .containsExactly("data-incorrect", "benefits-outweigh-risks");
    }

    /** The taper-rate card of the diazepam 20 → 10 mg scenario, evaluated on the rule folders in {@code dir}. */
    private Card taperRateCard(Path dir) {
        RuleBase ruleBase = RuleFolders.load(dir);
        Scenario scenario = files.load(dir).stream()
                .filter(s -> s.name().equals("taper-rate/scenarios/fires-diazepam-20-to-10-critical.json"))
                .findFirst()
                .orElseThrow();
        return pipeline.evaluate(
                        pipeline.read(Service.ORDER_SIGN, scenario.request()),
                        ruleBase,
                        LocalDate.ofInstant(scenario.now(), ZoneOffset.UTC))
                .wireCards()
                .get(0);
    }
}
