package org.tapercds.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WarmUpRoundsTests {

    @Test
    void settlesAfterRoundsInARowThatWereNotFivePercentFaster() {
        WarmUpRounds rounds = new WarmUpRounds(3);
        rounds.done(10, 100);
        rounds.done(10, 60); // faster: the JIT is still at work
        rounds.done(10, 59);
        rounds.done(10, 61);
        assertThat(rounds.settled()).isFalse();
        rounds.done(10, 58);

        assertThat(rounds.settled()).isTrue();
        assertThat(rounds.count()).isEqualTo(5);
        assertThat(rounds.calls()).isEqualTo(50);
    }

    @Test
    void aFasterRoundStartsTheCountAgain() {
        WarmUpRounds rounds = new WarmUpRounds(2);
        rounds.done(1, 100);
        rounds.done(1, 99);
        rounds.done(1, 50);
        rounds.done(1, 49);

        assertThat(rounds.settled()).isFalse();
        rounds.done(1, 51);
        assertThat(rounds.settled()).isTrue();
    }

    @Test
    void neverSettlesWhenAskedToUseTheWholeBudget() {
        WarmUpRounds rounds = new WarmUpRounds(0);
        for (int i = 0; i < 100; i++) {
            rounds.done(1, 10);
        }
        assertThat(rounds.settled()).isFalse();
    }
}
