package org.tapercds.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

class RuleBaseHealthIndicatorTests {

    private final ActiveRuleBase ruleBases = mock(ActiveRuleBase.class);
    private final RuleBaseHealthIndicator indicator = new RuleBaseHealthIndicator(ruleBases);

    @Test
    void isOutOfServiceWithoutALoadedRuleBase() {
        when(ruleBases.isLoaded()).thenReturn(false);

        assertThat(indicator.health().getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
    }

    @Test
    void isUpWithTheVersionOfTheRuleBaseInService() {
        when(ruleBases.isLoaded()).thenReturn(true);
        when(ruleBases.current())
                .thenReturn(new RuleBase(
                        "abc123",
                        Instant.EPOCH,
                        null,
                        Map.of(),
                        null,
                        Map.of(),
                        null,
                        null,
                        null,
                        java.util.List.of(),
                        ValidationMode.OFF,
                        null));

        Health health = indicator.health();

        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).containsEntry("version", "abc123").containsEntry("rules", 0);
    }
}
