package org.tapercds.hooks;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param observationCodes the Observation codes ({@code system|code}) the prefetch template asks
 *     for ({@code taper.prefetch.observation-codes})
 */
@ConfigurationProperties("taper.prefetch")
public record PrefetchProperties(List<String> observationCodes) {

    public PrefetchProperties {
        observationCodes = observationCodes == null ? List.of() : List.copyOf(observationCodes);
    }
}
