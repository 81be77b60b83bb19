package org.tapercds.evaluation.cards;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.tapercds.evaluation.ScenarioCalls;
import org.tapercds.evaluation.scenarios.Scenario;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The opioid card speaks about each opioid on its own (RULES §6): treatment of opioid use disorder
 * (MOUD) is to be continued and never gets "reassess the need for both"; an analgesic opioid does.
 * The scenarios of {@code rules/opioid/} say which rules fire; this test reads the card text they
 * produce.
 */
@SpringBootTest
class OpioidCardWordingIT {

    private static final String REASSESS = "reassess the need for both";
    private static final String CONTINUE = "treats opioid use disorder: continue it";

    private final ScenarioCalls calls;

    OpioidCardWordingIT(@Autowired ApplicationContext context) {
        this.calls = new ScenarioCalls(context);
    }

    @Test
    void buprenorphineNaloxoneFilmIsToBeContinuedNotReassessed() {
        Card card = opioidCard(scenario("fires-buprenorphine-naloxone-film-is-not-rescue-naloxone.json"));

        assertThat(card.summary()).contains("continue MOUD").contains("offer naloxone");
        assertThat(card.detail())
                .contains("**buprenorphine 8 MG / naloxone 2 MG Sublingual Film " + CONTINUE + ".**")
                .contains("Do not reduce, stop or withhold it because of the benzodiazepine")
                .contains("Taper the benzodiazepine carefully")
                .contains("offer naloxone")
                .doesNotContainIgnoringCase(REASSESS);
    }

    @Test
    void buprenorphinePatchIsReassessedLikeAnAnalgesic() {
        Card card = opioidCard(scenario("fires-buprenorphine-patch-is-analgesic.json"));

        assertThat(card.summary()).doesNotContain("MOUD");
        assertThat(card.detail())
                .contains("**168 HR buprenorphine 0.01 MG/HR Transdermal System:** " + REASSESS)
                .doesNotContainIgnoringCase(CONTINUE)
                .doesNotContain("(MOUD)");
    }

    @Test
    void methadoneWithAnOpioidUseDisorderDiagnosisIsToBeContinued() {
        Card card = opioidCard(scenario("fires-methadone-with-drafted-benzodiazepine-oud.json"));

        assertThat(card.detail())
                .contains("**methadone hydrochloride 10 MG Oral Tablet " + CONTINUE + ".**")
                .contains("- methadone hydrochloride 10 MG Oral Tablet: treatment of opioid use disorder (MOUD)")
                .doesNotContainIgnoringCase(REASSESS);
    }

    @Test
    void methadoneWithoutOpioidUseDisorderEvidenceIsReassessed() {
        Card card = opioidCard(scenario("fires-methadone-without-oud-evidence-is-analgesic.json"));

        assertThat(card.detail())
                .contains("**methadone hydrochloride 10 MG Oral Tablet:** " + REASSESS)
                .doesNotContainIgnoringCase(CONTINUE);
    }

    @Test
    void methadoneOrderedForOpioidUseDisorderIsToBeContinued() {
        Card card = opioidCard(scenario("fires-methadone-reason-code-oud-is-moud.json"));

        assertThat(card.detail())
                .contains("**methadone hydrochloride 10 MG Oral Tablet " + CONTINUE + ".**")
                .doesNotContainIgnoringCase(REASSESS);
    }

    @Test
    void aResolvedOpioidUseDisorderDiagnosisDoesNotMakeMethadoneMoud() {
        Scenario scenario = scenario("fires-methadone-with-drafted-benzodiazepine-oud.json");
        JsonNode request = scenario.request().deepCopy();
        ObjectNode condition = (ObjectNode) request.at("/prefetch/conditions/entry/0/resource");
        ((ObjectNode) condition.at("/clinicalStatus/coding/0")).put("code", "resolved");

        Card card = opioidCard(evaluate(scenario, request));

        assertThat(card.detail()).contains(REASSESS).doesNotContainIgnoringCase(CONTINUE);
    }

    @Test
    void anOpioidUseDisorderInRemissionStillMakesMethadoneMoud() {
        // F11.21: a patient in remission on methadone maintenance is in treatment (docs/clinical-basis.md).
        Scenario scenario = scenario("fires-methadone-with-drafted-benzodiazepine-oud.json");
        JsonNode request = scenario.request().deepCopy();
        ((ObjectNode) request.at("/prefetch/conditions/entry/0/resource/code/coding/0")).put("code", "F11.21");

        Card card = opioidCard(evaluate(scenario, request));

        assertThat(card.detail()).contains(CONTINUE).doesNotContainIgnoringCase(REASSESS);
    }

    @Test
    void anOpioidDependenceSnomedDiagnosisMakesMethadoneMoud() {
        Scenario scenario = scenario("fires-methadone-with-drafted-benzodiazepine-oud.json");
        JsonNode request = scenario.request().deepCopy();
        ObjectNode coding = (ObjectNode) request.at("/prefetch/conditions/entry/0/resource/code/coding/0");
        coding.put("system", "http://snomed.info/sct").put("code", "75544000");

        Card card = opioidCard(evaluate(scenario, request));

        assertThat(card.detail()).contains(CONTINUE).doesNotContainIgnoringCase(REASSESS);
    }

    @Test
    void aMixSpeaksAboutEachOpioidOnItsOwn() {
        Card card = opioidCard(scenario("fires-buprenorphine-naloxone-and-oxycodone-mixed-wording.json"));

        List<String> lines = card.detail().lines().toList();
        assertThat(lines)
                .anySatisfy(line -> assertThat(line)
                        .startsWith("**oxycodone hydrochloride 5 MG Oral Tablet:** " + REASSESS)
                        .doesNotContain("buprenorphine"))
                .anySatisfy(line -> assertThat(line)
                        .startsWith("**buprenorphine 8 MG / naloxone 2 MG Sublingual Film " + CONTINUE)
                        .doesNotContain("oxycodone"));
        assertThat(card.summary()).contains("continue MOUD");
    }

    private Scenario scenario(String file) {
        return calls.scenario("opioid/scenarios/" + file);
    }

    private Card opioidCard(Scenario scenario) {
        return opioidCard(evaluate(scenario, scenario.request()));
    }

    private List<Card> evaluate(Scenario scenario, JsonNode request) {
        return calls.evaluate(scenario, request).wireCards();
    }

    private static Card opioidCard(List<Card> cards) {
        return cards.stream()
                .filter(card -> card.detail().contains("An opioid and a benzodiazepine are used together"))
                .findFirst()
                .orElseThrow();
    }
}
