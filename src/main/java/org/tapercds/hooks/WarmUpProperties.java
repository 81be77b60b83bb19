package org.tapercds.hooks;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The warm-up before the port opens ({@code taper.warm-up.*}; docs/deployment.md): rounds of calls
 * through the real path, each round every request of the library once, until the budget is spent,
 * the rounds stop getting faster, or the most rounds are done.
 *
 * @param budget at most this long, counting the start-up checks' run of the scenario library
 *     ({@code taper.warm-up.budget}, default 1 s; 0: no warm-up); the first call runs in any case
 * @param maxRounds at most this many rounds ({@code taper.warm-up.max-rounds}, default 1000)
 * @param scenarios whether the scenario library of the rules directory joins the bundled order-sign
 *     request, each with its pinned day ({@code taper.warm-up.scenarios}, default true)
 * @param settleRounds stop once this many rounds in a row were not 5 % faster than the fastest
 *     before them: the JIT has compiled what these calls run ({@code taper.warm-up.settle-rounds},
 *     default 5; 0: use the whole budget)
 */
@ConfigurationProperties("taper.warm-up")
public record WarmUpProperties(Duration budget, Integer maxRounds, Boolean scenarios, Integer settleRounds) {

    public WarmUpProperties {
        budget = budget == null ? Duration.ofSeconds(1) : budget;
        maxRounds = maxRounds == null ? 1000 : maxRounds;
        scenarios = scenarios == null || scenarios;
        settleRounds = settleRounds == null ? 5 : settleRounds;
        if (budget.isNegative() || maxRounds < 0 || settleRounds < 0) {
            throw new IllegalArgumentException(
                    "taper.warm-up.budget, max-rounds and settle-rounds must not be negative");
        }
    }

    /** Whether there is a warm-up at all. */
    boolean enabled() {
        return !budget.isZero() && maxRounds > 0;
    }
}
