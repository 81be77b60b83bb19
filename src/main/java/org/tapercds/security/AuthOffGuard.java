package org.tapercds.security;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * EHR authentication may be off only while the service listens on loopback (the local default
 * profile: {@code server.address=127.0.0.1}). Anywhere else the start is refused.
 */
final class AuthOffGuard {

    private AuthOffGuard() {}

    /**
     * @param serverAddress {@code server.address}; empty or absent means every interface
     * @throws IllegalStateException when the address is not a loopback address
     */
    static void check(String serverAddress) {
        if (!isLoopback(serverAddress)) {
            throw new IllegalStateException("taper.security.ehr.enabled=false is allowed only when server.address is "
                    + "a loopback address (127.0.0.1 or ::1), not "
                    + (serverAddress == null || serverAddress.isBlank() ? "every interface" : serverAddress)
                    + ": configure trusted EHRs (taper.security.ehr.issuers, docs/security.md)");
        }
    }

    static boolean isLoopback(String serverAddress) {
        if (serverAddress == null || serverAddress.isBlank()) {
            return false;
        }
        try {
            return InetAddress.getByName(serverAddress.trim()).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
