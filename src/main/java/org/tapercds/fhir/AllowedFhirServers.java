package org.tapercds.fhir;

import java.net.URI;
import java.util.List;
import org.springframework.context.annotation.Fallback;
import org.springframework.stereotype.Component;

/**
 * The {@code fhirServer} rule when EHR authentication is off: the URL prefixes of {@code
 * taper.fhir.allowed-servers} (none by default, so no server is reached), compared part by part
 * ({@link UrlPrefix}). A {@link FhirServerPolicy} bean of the security feature takes its place.
 */
@Component
@Fallback
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
