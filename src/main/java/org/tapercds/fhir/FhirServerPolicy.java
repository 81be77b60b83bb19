package org.tapercds.fhir;

import java.net.URI;

/**
 * Which {@code fhirServer} a CDS Hooks call may name for the prefetch fallback. The service makes
 * no connection to a server this refuses: the call is answered 400 ({@code invalid-field},
 * expression {@code fhirServer}), so a caller cannot use the service to reach internal hosts.
 *
 * <p>With EHR authentication off the rule is {@link AllowedFhirServers} ({@code
 * taper.fhir.allowed-servers}); with it on, {@code hooks.CallerFhirServers} answers from the calling
 * issuer's {@code fhir-servers} (it reads the caller from the request's security context: the method
 * is called on the request thread). {@link org.tapercds.system.UrlPrefix} is the prefix
 * comparison both should use.
 */
public interface FhirServerPolicy {

    /**
     * @param fhirServer the request's {@code fhirServer}: an absolute http(s) URL, not yet
     *     normalised
     * @return true when the service may fetch from it for this call
     */
    boolean allows(URI fhirServer);
}
