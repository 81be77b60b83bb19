package org.tapercds.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.tapercds.rules.ActiveRuleBase;

/**
 * With a budget already spent, the warm-up still runs its first call, the bundled request through
 * the JSON edges the checks do not run, and nothing more; the service times the start-up checks it
 * counts against the budget. (That their time is subtracted: {@code WarmUpDeadlineTests}; a budget
 * between a call's time and the checks' time cannot be chosen in advance for a test JVM.)
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
