package org.tapercds.security;

import java.util.Collection;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.util.function.SingletonSupplier;

/**
 * OIDC login for the console (the {@code prod} profile's login): the identity provider named by
 * {@code taper.console.oidc.issuer-uri}, and the console roles taken from a configurable claim.
 */
final class ConsoleOidc {

    static final String REGISTRATION_ID = "console";

    private ConsoleOidc() {}

    /**
     * The console roles named by the claim at {@code claimPath} (dotted for nested objects, e.g.
     * {@code realm_access.roles}); the claim may be a list or a string of names separated by spaces
     * or commas. Names are matched case-insensitively, with or without {@code ROLE_}; names that are
     * no console role are ignored, so an IdP's other roles grant nothing here.
     */
    static Set<ConsoleRole> roles(Map<String, Object> claims, String claimPath) {
        Object value = claims;
        for (String part : claimPath.split("\\.")) {
            if (!(value instanceof Map<?, ?> map)) {
                return Set.of();
            }
            value = map.get(part);
        }
        Collection<?> names;
        if (value instanceof Collection<?> collection) {
            names = collection;
        } else if (value instanceof String text) {
            names = List.of(text.split("[\\s,]+"));
        } else {
            return Set.of();
        }
        Set<ConsoleRole> roles = EnumSet.noneOf(ConsoleRole.class);
        for (Object name : names) {
            if (name instanceof String text) {
                ConsoleRole.of(text).ifPresent(roles::add);
            }
        }
        return roles;
    }

    /** The IdP's user with the console roles from the configured claim as authorities. */
    static OAuth2UserService<OidcUserRequest, OidcUser> userService(ConsoleLoginProperties.Oidc oidc) {
        OidcUserService delegate = new OidcUserService();
        return request -> {
            OidcUser user = delegate.loadUser(request);
            Set<GrantedAuthority> authorities = new HashSet<>(user.getAuthorities());
            roles(user.getClaims(), oidc.rolesClaim())
                    .forEach(role -> authorities.add(new SimpleGrantedAuthority(role.authority())));
            String nameClaim = user.getClaims().containsKey(oidc.usernameClaim()) ? oidc.usernameClaim() : "sub";
            return new DefaultOidcUser(authorities, user.getIdToken(), user.getUserInfo(), nameClaim);
        };
    }

    /**
     * The registration, discovered from the issuer at its first use (not at start: the service and
     * its CDS Hooks must start even while the identity provider is unreachable).
     */
    static ClientRegistrationRepository registrations(ConsoleLoginProperties.Oidc oidc) {
        Supplier<ClientRegistration> registration =
                SingletonSupplier.of(() -> ClientRegistrations.fromIssuerLocation(oidc.issuerUri())
                        .registrationId(REGISTRATION_ID)
                        .clientId(oidc.clientId())
                        .clientSecret(oidc.clientSecret())
                        .scope(oidc.scopes())
                        .redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
                        .build());
        return id -> REGISTRATION_ID.equals(id) ? registration.get() : null;
    }
}
