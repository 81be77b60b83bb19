package org.tapercds.hooks;

import java.net.URI;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;
import org.tapercds.fhir.FhirServerPolicy;
import org.tapercds.security.EhrCaller;

/**
 * The {@code fhirServer} rule with EHR authentication on: the calling issuer's {@code fhir-servers}
 * ({@code taper.security.ehr.issuers[i].fhir-servers}) decide, so one EHR can never make the service
 * fetch from another's server or an internal host. A call without an authenticated caller may name
 * none. (With authentication off, {@code taper.fhir.allowed-servers} decides.)
 */
@Component
@ConditionalOnProperty(prefix = "taper.security.ehr", name = "enabled", havingValue = "true", matchIfMissing = true)
class CallerFhirServers implements FhirServerPolicy {

    /** Asked before any fetch: a replayed token (ADR 0015) is refused here, before the service fetches. */
    @Override
    public boolean allows(URI fhirServer) {
        EhrCaller.confirmFirstUse();
        return EhrCaller.current()
                .map(caller -> caller.allowsFhirServer(fhirServer.toString()))
                .orElse(false);
    }
}
