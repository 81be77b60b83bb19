package org.tapercds.security;

import java.util.List;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code taper.console.*}: who may log in to the review console (docs/console.md).
 *
 * @param users users from configuration, each with a hashed password ({@code {bcrypt}$2a$10$…});
 *     none: in the local default profile one {@code admin} with every role and a password generated
 *     at start (logged once), in the {@code prod} profile only OIDC
 * @param oidc OIDC login (read in the {@code prod} profile, where it is the intended login)
 */
@ConfigurationProperties("taper.console")
public record ConsoleLoginProperties(List<User> users, Oidc oidc) {

    public ConsoleLoginProperties {
        users = users == null ? List.of() : List.copyOf(users);
        oidc = oidc == null ? new Oidc(null, null, null, null, null, null) : oidc;
    }

    /**
     * @param password the hash with its encoder's prefix ({@code {bcrypt}…}); a bare password is refused
     * @param roles any of PHARMACIST, INFORMATICIST, ADMIN
     */
    public record User(String name, String password, Set<ConsoleRole> roles) {

        public User {
            roles = roles == null ? Set.of() : Set.copyOf(roles);
        }
    }

    /**
     * @param issuerUri the identity provider's issuer; OIDC login is on when this is set (its
     *     configuration is discovered from {@code /.well-known/openid-configuration} at the first login)
     * @param clientId the console's client id at the identity provider
     * @param clientSecret its secret
     * @param scopes scopes asked for (default openid, profile, email)
     * @param rolesClaim the claim holding the user's roles, a dotted path for nested claims (e.g.
     *     {@code realm_access.roles} for Keycloak); default {@code roles}
     * @param usernameClaim the claim shown as the user's name and recorded as the actor (default
     *     {@code preferred_username}, falling back to {@code sub})
     */
    public record Oidc(
            String issuerUri,
            String clientId,
            String clientSecret,
            List<String> scopes,
            String rolesClaim,
            String usernameClaim) {

        public Oidc {
            issuerUri = issuerUri == null || issuerUri.isBlank() ? null : issuerUri.strip();
            scopes = scopes == null || scopes.isEmpty() ? List.of("openid", "profile", "email") : List.copyOf(scopes);
            rolesClaim = rolesClaim == null || rolesClaim.isBlank() ? "roles" : rolesClaim.strip();
            usernameClaim =
                    usernameClaim == null || usernameClaim.isBlank() ? "preferred_username" : usernameClaim.strip();
        }

        public boolean configured() {
            return issuerUri != null;
        }
    }
}
