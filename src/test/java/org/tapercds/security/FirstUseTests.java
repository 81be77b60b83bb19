package org.tapercds.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class FirstUseTests {

    @Test
    void isAReplayOnlyOnceTheStoreHasSaidSo() {
        CompletableFuture<Boolean> answer = new CompletableFuture<>();
        FirstUse pending = new FirstUse(answer);

        assertThat(pending.knownReplay()).isFalse();
        answer.complete(false);

        assertThat(pending.knownReplay()).isTrue();
        assertThat(pending.await()).isFalse();
    }

    @Test
    void refusesWhenTheCheckItselfFailed() {
        FirstUse failed = new FirstUse(CompletableFuture.failedFuture(new IllegalStateException("a bug")));

        assertThat(failed.await()).isFalse();
        assertThat(failed.knownReplay()).isTrue();
    }

    @Test
    void letsTheFirstUseThrough() {
        assertThat(FirstUse.known(true).await()).isTrue();
        assertThat(FirstUse.known(true).knownReplay()).isFalse();
        assertThat(FirstUse.known(false).knownReplay()).isTrue();
    }
}
