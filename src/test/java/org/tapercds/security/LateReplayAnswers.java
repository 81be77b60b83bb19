package org.tapercds.security;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The shared replay store with its database answers held back 100 ms, as a slow round trip: a call
 * goes on meanwhile and must wait for the answer before it stores, fetches or answers anything (ADR
 * 0015). A replay to this replica is still known at once, from its memory.
 */
final class LateReplayAnswers implements ReplayStore {

    private final DatabaseReplayStore database;

    LateReplayAnswers(DatabaseReplayStore database) {
        this.database = database;
    }

    @Override
    public boolean firstUse(String issuer, String jti, Instant forgetAfter) {
        return start(issuer, jti, forgetAfter).await();
    }

    @Override
    public FirstUse start(String issuer, String jti, Instant forgetAfter) {
        FirstUse answer = database.start(issuer, jti, forgetAfter);
        return answer == FirstUse.REPLAY
                ? answer
                : new FirstUse(CompletableFuture.supplyAsync(
                        answer::await, CompletableFuture.delayedExecutor(100, TimeUnit.MILLISECONDS)));
    }
}
