package org.tapercds.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

class ConsoleUsersTests {

    private final PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();

    @Test
    void generatesOneAdminWithEveryRoleLocallyWhenNoUserIsConfigured() {
        InMemoryUserDetailsManager users =
                ConsoleUsers.of(properties(List.of()), encoder, false, "http://localhost:8080/review");

        assertThat(users.loadUserByUsername("admin").getAuthorities())
                .extracting(GrantedAuthority::getAuthority)
                .containsExactlyInAnyOrder("ROLE_ADMIN", "ROLE_INFORMATICIST", "ROLE_PHARMACIST");
    }

    @Test
    void generatesNoAdminInProd() {
        InMemoryUserDetailsManager users = ConsoleUsers.of(properties(List.of()), encoder, true, "x");

        assertThat(users.userExists("admin")).isFalse();
    }

    @Test
    void takesConfiguredUsersWithTheirHashesAndRolesAndNoGeneratedAdmin() {
        String hash = encoder.encode("secret");
        InMemoryUserDetailsManager users = ConsoleUsers.of(
                properties(List.of(new ConsoleLoginProperties.User("pat", hash, Set.of(ConsoleRole.PHARMACIST)))),
                encoder,
                true,
                "x");

        assertThat(encoder.matches("secret", users.loadUserByUsername("pat").getPassword()))
                .isTrue();
        assertThat(users.loadUserByUsername("pat").getAuthorities())
                .extracting(GrantedAuthority::getAuthority)
                .containsExactly("ROLE_PHARMACIST");
        assertThat(users.userExists("admin")).isFalse();
    }

    @Test
    void refusesABarePasswordAPlainTextOneInProdAndAUserWithoutRoles() {
        assertThatThrownBy(() -> ConsoleUsers.of(
                        properties(
                                List.of(new ConsoleLoginProperties.User("pat", "secret", Set.of(ConsoleRole.ADMIN)))),
                        encoder,
                        false,
                        "x"))
                .hasMessageContaining("taper.console.users[0].password must be a hash");
        assertThatThrownBy(() -> ConsoleUsers.of(
                        properties(List.of(
                                new ConsoleLoginProperties.User("pat", "{noop}secret", Set.of(ConsoleRole.ADMIN)))),
                        encoder,
                        true,
                        "x"))
                .hasMessageContaining("refused in the prod profile");
        assertThatThrownBy(() -> ConsoleUsers.of(
                        properties(List.of(new ConsoleLoginProperties.User("pat", "{noop}secret", null))),
                        encoder,
                        false,
                        "x"))
                .hasMessageContaining("roles is required");
    }

    private static ConsoleLoginProperties properties(List<ConsoleLoginProperties.User> users) {
        return new ConsoleLoginProperties(users, null);
    }
}
