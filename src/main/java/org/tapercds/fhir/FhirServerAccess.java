package org.tapercds.fhir;

import java.net.URI;
import java.util.Optional;

/**
 * The EHR's FHIR server as offered in the request ({@code fhirServer}, {@code
 * fhirAuthorization.access_token}), for a prefetch fallback. The token is never logged: {@link
 * #toString()} leaves it out.
 */
public record FhirServerAccess(URI baseUrl, Optional<String> accessToken) {

    @Override
    public String toString() {
        return "FhirServerAccess[baseUrl=" + baseUrl + ", accessToken=" + (accessToken.isPresent() ? "***" : "none")
                + "]";
    }
}
