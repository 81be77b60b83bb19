package org.tapercds.hooks;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param concurrency calls parsed and evaluated at once ({@code taper.evaluation.concurrency});
 *     0 or absent means the number of CPU cores the JVM sees
 * @param maxWait how long a call may wait for a slot before it is refused with 503 ({@code
 *     taper.evaluation.max-wait}, default 2 s)
 */
@ConfigurationProperties("taper.evaluation")
public record EvaluationProperties(Integer concurrency, Duration maxWait) {

    public EvaluationProperties {
        if (concurrency == null || concurrency == 0) {
            concurrency = Runtime.getRuntime().availableProcessors();
        }
        if (concurrency < 0) {
            throw new IllegalArgumentException("taper.evaluation.concurrency must not be negative");
        }
        if (maxWait == null) {
            maxWait = Duration.ofSeconds(2);
        }
        if (maxWait.isNegative()) {
            throw new IllegalArgumentException("taper.evaluation.max-wait must not be negative");
        }
    }
}
