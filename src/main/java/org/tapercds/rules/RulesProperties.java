package org.tapercds.rules;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the informaticists' files are.
 *
 * @param rulesDir DRL, thresholds, knowledge table and scenarios ({@code taper.rules-dir})
 * @param profilesDir ValueSets, CodeSystems and profiles ({@code taper.profiles-dir})
 * @param validation profile validation of incoming resources ({@code taper.validation.mode})
 * @param rules where compiled rules are kept ({@code taper.rules.cache-dir})
 */
@ConfigurationProperties(prefix = "taper")
public record RulesProperties(Path rulesDir, Path profilesDir, Validation validation, Rules rules) {

    public RulesProperties {
        rulesDir = rulesDir == null ? Path.of("rules") : rulesDir;
        profilesDir = profilesDir == null ? Path.of("fhir-profiles") : profilesDir;
        validation = validation == null ? new Validation(ValidationMode.OFF) : validation;
        rules = rules == null ? new Rules(null) : rules;
    }

    /**
     * {@code taper.rules.cache-dir}: the directory of the compiled-rule cache (ADR 0011), created when
     * missing; a directory that cannot be written only costs a compile at each load.
     */
    public record Rules(Path cacheDir) {

        public Rules {
            cacheDir = cacheDir == null ? Path.of("./data/rule-cache") : cacheDir;
        }
    }

    /** {@code taper.validation.mode}: off, warn or enforce. */
    public record Validation(ValidationMode mode) {

        public Validation {
            mode = mode == null ? ValidationMode.OFF : mode;
        }
    }
}
