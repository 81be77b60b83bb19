package org.tapercds.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class FirstUseTests {

    @Test
    void isAReplayOnlyOnceTheStoreHasSaidSo() {
        CompletableFuture<Boolean> answer = new CompletableFuture<>();
        FirstUse pending = new FirstUse(answer);

        assertThat(pending.knownRefusal()).isNull();
        answer.complete(false);

        assertThat(pending.knownRefusal()).isEqualTo(RefusalReason.REPLAYED);
        assertThat(pending.refusal()).isEqualTo(RefusalReason.REPLAYED);
        assertThat(pending.await()).isFalse();
    }

    /** Refused, but not counted as a replay: an operator reading the metric must not see an attack. */
    @Test
    void refusesWhenTheCheckItselfFailedSayingSo() {
        FirstUse failed = new FirstUse(CompletableFuture.failedFuture(new IllegalStateException("a bug")));

        assertThat(failed.await()).isFalse();
        assertThat(failed.refusal()).isEqualTo(RefusalReason.REPLAY_CHECK_FAILED);
        assertThat(failed.knownRefusal()).isEqualTo(RefusalReason.REPLAY_CHECK_FAILED);
    }

    @Test
    void letsTheFirstUseThrough() {
        assertThat(FirstUse.known(true).await()).isTrue();
        assertThat(FirstUse.known(true).refusal()).isNull();
        assertThat(FirstUse.known(true).knownRefusal()).isNull();
        assertThat(FirstUse.known(false).knownRefusal()).isEqualTo(RefusalReason.REPLAYED);
    }
}
