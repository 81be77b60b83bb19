package org.tapercds.system;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Request size limits of the JSON endpoints.
 *
 * @param maxBodyBytes the largest request body accepted, in bytes ({@code taper.max-body-bytes},
 *     default 5 MB); larger bodies get 413 {@code body-too-large}
 */
@ConfigurationProperties("taper")
public record BodyLimitProperties(@DefaultValue("5242880") long maxBodyBytes) {

    public BodyLimitProperties {
        if (maxBodyBytes < 1 || maxBodyBytes > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("taper.max-body-bytes must be between 1 and 2 GB");
        }
    }
}
