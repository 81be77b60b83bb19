package org.tapercds.security;

import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;

/** An authenticated CDS Hooks call: the verified {@link EhrCaller}. The token itself is not kept. */
final class EhrAuthentication extends AbstractAuthenticationToken {

    private final EhrCaller caller;

    EhrAuthentication(EhrCaller caller) {
        super(List.of());
        this.caller = caller;
        setAuthenticated(true);
    }

    @Override
    public EhrCaller getPrincipal() {
        return caller;
    }

    @Override
    public Object getCredentials() {
        return null;
    }

    @Override
    public String getName() {
        return caller.issuer();
    }
}
