package org.tapercds.security;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code taper.security.cors.*}: the browser origins (e.g. a web-based EHR or the CDS Hooks
 * sandbox) allowed to call the CDS Hooks endpoints. None by default: then no CORS headers are sent
 * and browsers refuse cross-origin calls.
 */
@ConfigurationProperties("taper.security.cors")
public record CorsProperties(List<String> allowedOrigins) {

    public CorsProperties {
        allowedOrigins = allowedOrigins == null
                ? List.of()
                : allowedOrigins.stream().filter(o -> !o.isBlank()).toList();
    }
}
