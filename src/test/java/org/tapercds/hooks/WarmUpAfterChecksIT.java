package org.tapercds.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.tapercds.rules.ActiveRuleBase;

/**
 * The start-up checks' run of the scenario library counts against the warm-up's budget: when it
 * took longer than the budget, the warm-up runs only its first call, the bundled request through
 * the JSON edges the checks do not run.
 */
@SpringBootTest(properties = {"taper.warm-up.scenarios=true", "taper.warm-up.budget=1ns"})
class WarmUpAfterChecksIT {

    @Autowired
    WarmUp warmUp;

    @Autowired
    ActiveRuleBase ruleBases;

    @Test
    void runsOnlyTheFirstCallWhenTheChecksSpentTheBudget() {
        WarmUp.Outcome outcome = warmUp.outcome();

        assertThat(ruleBases.startUpChecks()).as("the checks took their time").isPositive();
        assertThat(outcome).isNotNull();
        assertThat(outcome.calls()).isEqualTo(1);
        assertThat(outcome.rounds()).isZero();
        assertThat(outcome.callsPerRound()).as("no round was even made up").isZero();
        assertThat(outcome.ended()).isEqualTo("budget spent");
    }
}
