package org.tapercds.rules;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the informaticists' files are.
 *
 * @param rulesDir DRL, thresholds, knowledge table and scenarios ({@code taper.rules-dir})
 * @param profilesDir ValueSets, CodeSystems and profiles ({@code taper.profiles-dir})
 * @param validation profile validation of incoming resources ({@code taper.validation.mode})
 */
@ConfigurationProperties(prefix = "taper")
public record RulesProperties(Path rulesDir, Path profilesDir, Validation validation) {

    public RulesProperties {
        rulesDir = rulesDir == null ? Path.of("rules") : rulesDir;
        profilesDir = profilesDir == null ? Path.of("fhir-profiles") : profilesDir;
        validation = validation == null ? new Validation(ValidationMode.OFF) : validation;
    }

    /** {@code taper.validation.mode}: off, warn or enforce. */
    public record Validation(ValidationMode mode) {

        public Validation {
            mode = mode == null ? ValidationMode.OFF : mode;
        }
    }
}
