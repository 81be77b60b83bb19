package org.tapercds.hooks;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * @param concurrency calls parsed and evaluated at once ({@code taper.evaluation.concurrency});
 *     0 or absent means the number of CPU cores the JVM sees
 * @param maxWait how long a call may wait for a slot before it is refused with 503 ({@code
 *     taper.evaluation.max-wait}, default 2 s)
 * @param largeBody a call whose body is larger than this is a large call ({@code
 *     taper.evaluation.large-body}, default 256 KB): large calls share all slots but one, so ordinary
 *     calls always find one
 */
@ConfigurationProperties("taper.evaluation")
public record EvaluationProperties(Integer concurrency, Duration maxWait, DataSize largeBody) {

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
        if (largeBody == null) {
            largeBody = DataSize.ofKilobytes(256);
        }
    }
}
