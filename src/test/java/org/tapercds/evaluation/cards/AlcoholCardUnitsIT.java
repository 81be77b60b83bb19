package org.tapercds.evaluation.cards;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.tapercds.evaluation.EvaluationPipeline;
import org.tapercds.evaluation.Service;
import org.tapercds.evaluation.scenarios.Scenario;
import org.tapercds.evaluation.scenarios.ScenarioFiles;
import org.tapercds.rules.ActiveRuleBase;

/**
 * A PEth or EtG result in another unit is shown as recorded with its value in ng/mL, the unit its
 * threshold is in (RULES §4), so the prescriber sees what was judged.
 */
@SpringBootTest
class AlcoholCardUnitsIT {

    @Autowired
    ScenarioFiles files;

    @Autowired
    EvaluationPipeline pipeline;

    @Autowired
    ActiveRuleBase ruleBases;

    @Test
    void aPethResultInMicromolesShowsItsValueInNanogramsPerMillilitre() {
        assertThat(alcoholCardDetail("fires-peth-0.05-umol-per-l-is-35-ng-per-ml.json"))
                .contains("0.05 umol/L (= 35.15 ng/mL)");
    }

    @Test
    void anEtgResultInMilligramsShowsItsValueInNanogramsPerMillilitre() {
        assertThat(alcoholCardDetail("fires-urine-etg-0.5-mg-per-l-is-500-ng-per-ml.json"))
                .contains("0.5 mg/L (= 500 ng/mL)");
    }

    private String alcoholCardDetail(String file) {
        Scenario scenario = files.load(Path.of("rules")).stream()
                .filter(s -> s.name().equals("alcohol/scenarios/" + file))
                .findFirst()
                .orElseThrow();
        return pipeline.evaluate(
                        pipeline.read(Service.ORDER_SIGN, scenario.request()),
                        ruleBases.current(),
                        LocalDate.ofInstant(scenario.now(), ZoneOffset.UTC))
                .wireCards()
                .get(0)
                .detail();
    }
}
