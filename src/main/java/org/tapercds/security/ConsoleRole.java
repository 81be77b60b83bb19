package org.tapercds.security;

import java.util.Locale;
import java.util.Optional;

/**
 * The console's roles (SPEC §4): a pharmacist reviews alerts, an informaticist reads the
 * alert-fatigue analytics and administers the rule base (/admin), an admin does everything including reading
 * the audit trail. Neither of the first two can do the other's job unless also granted.
 */
public enum ConsoleRole {
    PHARMACIST,
    INFORMATICIST,
    ADMIN;

    /** Spring Security's authority for the role ({@code ROLE_PHARMACIST}). */
    public String authority() {
        return "ROLE_" + name();
    }

    /** The role a name stands for, case-insensitive, with or without {@code ROLE_}; empty when none. */
    public static Optional<ConsoleRole> of(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String upper = name.strip().toUpperCase(Locale.ROOT);
        String bare = upper.startsWith("ROLE_") ? upper.substring(5) : upper;
        for (ConsoleRole role : values()) {
            if (role.name().equals(bare)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
