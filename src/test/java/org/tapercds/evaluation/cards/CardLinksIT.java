package org.tapercds.evaluation.cards;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.tapercds.evaluation.EvaluationPipeline;
import org.tapercds.evaluation.Service;
import org.tapercds.evaluation.scenarios.Scenario;
import org.tapercds.evaluation.scenarios.ScenarioFiles;
import org.tapercds.fhir.HookRequest;
import org.tapercds.fhir.HookRequestReader;
import org.tapercds.rules.ActiveRuleBase;
import org.tapercds.rules.RuleBase;

/**
 * Every card of every category links to the patient's taper page in the console (one click from
 * the EHR), after its guideline and rule links; a SMART link when a launch URL is configured.
 */
@SpringBootTest(properties = "taper.public-base-url=https://cds.example.org/")
class CardLinksIT {

    @Autowired
    EvaluationPipeline pipeline;

    @Autowired
    HookRequestReader reader;

    @Autowired
    FhirContext fhirContext;

    @Autowired
    ActiveRuleBase ruleBases;

    @Autowired
    ScenarioFiles files;

    /** Every card of every scenario in {@code rules/}, evaluated by the given pipeline. */
    private List<Evaluated> cards(EvaluationPipeline pipeline) {
        RuleBase ruleBase = ruleBases.current();
        return files.load(Path.of("rules")).stream()
                .flatMap(scenario -> {
                    HookRequest request =
                            pipeline.read(Service.find(scenario.service()).orElseThrow(), scenario.request());
                    return pipeline
                            .evaluate(request, ruleBase, LocalDate.ofInstant(scenario.now(), ZoneOffset.UTC))
                            .wireCards()
                            .stream()
                            .map(card -> new Evaluated(scenario, request.patientId(), card));
                })
                .toList();
    }

    private record Evaluated(Scenario scenario, String patientId, Card card) {}

    @Test
    void everyCardOfEveryCategoryEndsWithALinkToThePatientsTaperPage() {
        List<Evaluated> cards = cards(pipeline);

        assertThat(cards)
                .extracting(c -> c.card().source().topic().code())
                .contains(
                        "taper-rate-exceeded",
                        "abrupt-discontinuation",
                        "alcohol-co-use",
                        "withdrawal-escalating",
                        "withdrawal-severe",
                        "opioid-co-prescription",
                        "dose-unassessable");
        assertThat(cards).allSatisfy(c -> {
            List<Card.Link> links = c.card().links();
            assertThat(links.get(links.size() - 1))
                    .isEqualTo(new Card.Link(
                            "Taper chart and alerts for this patient",
                            "https://cds.example.org/review/patients/" + c.patientId(),
                            "absolute"));
            assertThat(links)
                    .filteredOn(l -> l.label().equals(PatientPageLink.LABEL))
                    .hasSize(1);
        });
    }

    @Test
    void linksTheSmartAppWhenALaunchUrlIsConfigured() {
        EvaluationPipeline smart = new EvaluationPipeline(
                reader, new CardAssembler(fhirContext, "https://cds.example.org", "https://cds.example.org/launch"));

        assertThat(cards(smart)).isNotEmpty().allSatisfy(c -> {
            List<Card.Link> links = c.card().links();
            assertThat(links.get(links.size() - 1))
                    .isEqualTo(new Card.Link(
                            "Taper chart and alerts for this patient",
                            "https://cds.example.org/launch",
                            "smart",
                            "{\"patient\":\"" + c.patientId() + "\"}"));
        });
    }
}
