package org.tapercds.rules;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Readiness: a replica takes traffic only with a checked rule base in service. Part of the
 * readiness group only (see application.properties): a replica without rules must be taken out of
 * the load balancer, not restarted in a loop.
 */
@Component
class RuleBaseHealthIndicator implements HealthIndicator {

    private final ActiveRuleBase ruleBases;

    RuleBaseHealthIndicator(ActiveRuleBase ruleBases) {
        this.ruleBases = ruleBases;
    }

    @Override
    public Health health() {
        if (!ruleBases.isLoaded()) {
            return Health.outOfService()
                    .withDetail("reason", "no rule base loaded")
                    .build();
        }
        RuleBase current = ruleBases.current();
        return Health.up()
                .withDetail("version", current.version())
                .withDetail("rules", current.catalogue().size())
                .build();
    }
}
