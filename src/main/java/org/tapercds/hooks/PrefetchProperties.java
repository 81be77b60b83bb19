package org.tapercds.hooks;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param observationValueSets the ValueSets (canonical URLs, defined in {@code fhir-profiles/}) whose
 *     codes the Observation prefetch template asks for ({@code taper.prefetch.observation-value-sets})
 */
@ConfigurationProperties("taper.prefetch")
public record PrefetchProperties(List<String> observationValueSets) {

    public PrefetchProperties {
        observationValueSets = observationValueSets == null ? List.of() : List.copyOf(observationValueSets);
    }
}
