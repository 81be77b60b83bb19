package org.tapercds.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.tapercds.evaluation.scenarios.ScenarioFiles;

/**
 * The warm-up as configured for production: the bundled request and every scenario, in rounds
 * until they stop getting faster, before the port opens.
 */
@SpringBootTest(
        properties = {
            "taper.warm-up.scenarios=true",
            "taper.warm-up.budget=60s",
            "taper.warm-up.max-rounds=1000",
            "taper.warm-up.settle-rounds=2"
        })
class WarmUpIT {

    @Autowired
    WarmUp warmUp;

    @Autowired
    ScenarioFiles scenarios;

    @Test
    void runsTheScenarioLibraryInRoundsUntilTheyStopGettingFaster() {
        WarmUp.Outcome outcome = warmUp.outcome();

        assertThat(outcome).isNotNull();
        assertThat(outcome.callsPerRound())
                .as("the bundled request and every scenario")
                .isEqualTo(1 + scenarios.load(Path.of("rules")).size());
        assertThat(outcome.ended()).isEqualTo("settled");
        assertThat(outcome.rounds()).isGreaterThanOrEqualTo(3);
    }
}
