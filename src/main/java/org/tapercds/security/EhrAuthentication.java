package org.tapercds.security;

import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;

/**
 * An authenticated CDS Hooks call: the verified {@link EhrCaller}, and the replay store's answer on
 * its token, which may still be on its way ({@link FirstUse}). The token itself is not kept.
 */
final class EhrAuthentication extends AbstractAuthenticationToken {

    private final EhrCaller caller;
    private final transient FirstUse firstUse;
    private final String keyId;

    EhrAuthentication(EhrCaller caller, FirstUse firstUse, String keyId) {
        super(List.of());
        this.caller = caller;
        this.firstUse = firstUse;
        this.keyId = keyId;
        setAuthenticated(true);
    }

    /**
     * Waits for the replay store; a token used before is refused (401, reason {@code replayed}), and
     * so is one the store could not check (reason {@code replay-check-failed}).
     */
    void confirmFirstUse() {
        RefusalReason refusal = firstUse.refusal();
        if (refusal != null) {
            throw new TokenRefusedException(refusal, caller.issuer(), keyId);
        }
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
