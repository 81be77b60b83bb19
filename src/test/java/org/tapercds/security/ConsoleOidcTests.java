package org.tapercds.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConsoleOidcTests {

    @Test
    void mapsConsoleRolesFromAListClaimIgnoringOtherRoles() {
        Map<String, Object> claims = Map.of("roles", List.of("pharmacist", "ROLE_ADMIN", "offline_access", "billing"));

        assertThat(ConsoleOidc.roles(claims, "roles"))
                .containsExactlyInAnyOrder(ConsoleRole.PHARMACIST, ConsoleRole.ADMIN);
    }

    @Test
    void readsANestedClaimByItsDottedPath() {
        Map<String, Object> claims = Map.of("realm_access", Map.of("roles", List.of("INFORMATICIST")));

        assertThat(ConsoleOidc.roles(claims, "realm_access.roles")).containsExactly(ConsoleRole.INFORMATICIST);
    }

    @Test
    void readsRolesFromAStringSeparatedBySpacesOrCommas() {
        assertThat(ConsoleOidc.roles(Map.of("groups", "pharmacist, informaticist admin"), "groups"))
                .containsExactlyInAnyOrder(ConsoleRole.PHARMACIST, ConsoleRole.INFORMATICIST, ConsoleRole.ADMIN);
    }

    @Test
    void grantsNothingWhenTheClaimIsMissingOrOfAnotherShape() {
        assertThat(ConsoleOidc.roles(Map.of(), "roles")).isEmpty();
        assertThat(ConsoleOidc.roles(Map.of("roles", 42), "roles")).isEmpty();
        assertThat(ConsoleOidc.roles(Map.of("realm_access", "ADMIN"), "realm_access.roles"))
                .isEmpty();
        assertThat(ConsoleOidc.roles(Map.of("roles", List.of("ADMINISTRATOR", "pharmacists")), "roles"))
                .isEmpty();
    }
}
