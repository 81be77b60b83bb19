package org.tapercds.fhir;

import java.net.URI;
import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;
import org.tapercds.system.UrlPrefix;

/**
 * The {@code fhirServer} rule when EHR authentication is off: the URL prefixes of {@code
 * taper.fhir.allowed-servers} (none by default, so no server is reached), compared part by part
 * ({@link org.tapercds.system.UrlPrefix}). With authentication on, the calling issuer's {@code fhir-servers} decide instead ({@code hooks.CallerFhirServers}).
 */
@Component
@ConditionalOnProperty(prefix = "taper.security.ehr", name = "enabled", havingValue = "false")
class AllowedFhirServers implements FhirServerPolicy {

    private final List<UrlPrefix> prefixes;

    AllowedFhirServers(FhirServerProperties properties) {
        this.prefixes = properties.allowedServers().stream()
                .map(url -> {
                    try {
                        return UrlPrefix.of(url);
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException("taper.fhir.allowed-servers: " + e.getMessage(), e);
                    }
                })
                .toList();
    }

    @Override
    public boolean allows(URI fhirServer) {
        return prefixes.stream().anyMatch(prefix -> prefix.contains(fhirServer));
    }
}
