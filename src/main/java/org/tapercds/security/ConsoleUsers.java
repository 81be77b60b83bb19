package org.tapercds.security;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

/**
 * The console's password users (SPEC §4: users from configuration with hashed passwords). In the
 * local default profile with none configured, one {@code admin} with every role gets a random
 * password, logged once at start so a newcomer can log in after the README's run command; the
 * {@code prod} profile never makes one (there, OIDC is the login) and refuses {@code {noop}}
 * passwords.
 */
final class ConsoleUsers {

    private static final Logger log = LoggerFactory.getLogger(ConsoleUsers.class);

    static final String GENERATED_ADMIN = "admin";

    private ConsoleUsers() {}

    static InMemoryUserDetailsManager of(
            ConsoleLoginProperties properties, PasswordEncoder encoder, boolean prod, String consoleUrl) {
        List<UserDetails> users = new ArrayList<>();
        for (int i = 0; i < properties.users().size(); i++) {
            users.add(configured(properties.users().get(i), i, prod));
        }
        if (users.isEmpty() && !prod) {
            String password = randomPassword();
            users.add(User.withUsername(GENERATED_ADMIN)
                    .password(encoder.encode(password))
                    .authorities(authorities(List.of(ConsoleRole.values())))
                    .build());
            log.warn(
                    "Review console login for this run: user '{}', password '{}' (every role; generated because"
                            + " taper.console.users is empty; see docs/console.md) at {}",
                    GENERATED_ADMIN,
                    password,
                    consoleUrl);
        } else if (users.isEmpty() && !properties.oidc().configured()) {
            log.warn("The review console has no login configured (neither taper.console.users nor"
                    + " taper.console.oidc.issuer-uri): nobody can log in; see docs/console.md");
        }
        return new InMemoryUserDetailsManager(users);
    }

    private static UserDetails configured(ConsoleLoginProperties.User user, int index, boolean prod) {
        String where = "taper.console.users[" + index + "]";
        if (user.name() == null || user.name().isBlank()) {
            throw new IllegalStateException(where + ".name is required");
        }
        String password = user.password() == null ? "" : user.password();
        if (!password.startsWith("{") || password.indexOf('}') < 2) {
            throw new IllegalStateException(where + ".password must be a hash with its encoder prefix, e.g."
                    + " {bcrypt}$2a$10$... (see docs/console.md); a bare password is refused");
        }
        if (prod && password.startsWith("{noop}")) {
            throw new IllegalStateException(where + ".password is {noop} (plain text): refused in the prod profile");
        }
        if (user.roles().isEmpty()) {
            throw new IllegalStateException(where + ".roles is required (PHARMACIST, INFORMATICIST, ADMIN)");
        }
        return User.withUsername(user.name().strip())
                .password(password)
                .authorities(authorities(user.roles()))
                .build();
    }

    private static String[] authorities(java.util.Collection<ConsoleRole> roles) {
        return roles.stream().map(ConsoleRole::authority).sorted().toArray(String[]::new);
    }

    private static String randomPassword() {
        byte[] bytes = new byte[15];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
