package org.tapercds.security;

import java.time.Instant;

/**
 * Remembers the {@code jti} of accepted EHR tokens so a token is used once. To refuse a replay sent
 * to another replica, all replicas must share the store: {@link InMemoryReplayStore} is for one
 * replica only; {@link DatabaseReplayStore} (the default) keeps them in the database all replicas
 * share, its answer coming beside the call ({@link #start}, ADR 0015).
 */
public interface ReplayStore {

    /**
     * Records the token id unless it is already recorded.
     *
     * @param issuer the verified issuer ({@code jti} values are unique per issuer)
     * @param jti the token id
     * @param forgetAfter when the id may be forgotten
     * @return {@code true} on the first use, {@code false} when the id was seen and not yet forgotten
     */
    boolean firstUse(String issuer, String jti, Instant forgetAfter);

    /**
     * Starts {@link #firstUse}; a store whose answer takes a round trip gives it later (the call's
     * request is read meanwhile). This default answers at once.
     */
    default FirstUse start(String issuer, String jti, Instant forgetAfter) {
        return FirstUse.known(firstUse(issuer, jti, forgetAfter));
    }
}
