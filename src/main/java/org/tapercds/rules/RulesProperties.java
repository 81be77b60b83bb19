package org.tapercds.rules;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the informaticists' files are.
 *
 * @param rulesDir DRL, thresholds, knowledge table and scenarios ({@code taper.rules-dir})
 * @param profilesDir ValueSets, CodeSystems and profiles ({@code taper.profiles-dir})
 */
@ConfigurationProperties(prefix = "taper")
public record RulesProperties(Path rulesDir, Path profilesDir) {

    public RulesProperties {
        rulesDir = rulesDir == null ? Path.of("rules") : rulesDir;
        profilesDir = profilesDir == null ? Path.of("fhir-profiles") : profilesDir;
    }
}
