package org.tapercds.evaluation.cards;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.tapercds.evaluation.ScenarioCalls;

/**
 * A PEth or EtG result in another unit is shown as recorded with its value in ng/mL, the unit its
 * threshold is in (RULES §4), so the prescriber sees what was judged.
 */
@SpringBootTest
class AlcoholCardUnitsIT {

    private final ScenarioCalls calls;

    AlcoholCardUnitsIT(@Autowired ApplicationContext context) {
        this.calls = new ScenarioCalls(context);
    }

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
        return calls.evaluate(calls.scenario("alcohol/scenarios/" + file))
                .wireCards()
                .get(0)
                .detail();
    }
}
