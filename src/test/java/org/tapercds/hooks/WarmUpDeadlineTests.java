package org.tapercds.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The start-up checks' time counts against the warm-up's budget. */
class WarmUpDeadlineTests {

    private static final long START = 5_000_000_000L;

    @Test
    void theChecksTimeComesOffTheBudget() {
        assertThat(WarmUp.deadline(START, Duration.ofSeconds(1), Duration.ofMillis(300)))
                .isEqualTo(START + Duration.ofMillis(700).toNanos());
    }

    @Test
    void checksLongerThanTheBudgetLeaveNoTimeForARound() {
        assertThat(WarmUp.deadline(START, Duration.ofSeconds(1), Duration.ofMillis(1_300)))
                .isLessThan(START);
    }

    @Test
    void withoutChecksTheWholeBudgetIsLeft() {
        assertThat(WarmUp.deadline(START, Duration.ofSeconds(15), Duration.ZERO))
                .isEqualTo(START + Duration.ofSeconds(15).toNanos());
    }
}
