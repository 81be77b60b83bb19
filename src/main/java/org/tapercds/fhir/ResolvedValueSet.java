package org.tapercds.fhir;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A ValueSet resolved for membership. {@code members} are the enumerated codes left after every
 * exclude (enumerated or pattern) was applied at load time ({@link Terminology} indexes them by
 * code). Codes that only a pattern includes are checked against the excludes on lookup.
 *
 * @param members enumerated members by {@code system|code}, in their defined order
 * @param patterns per system, the {@code regex} filters on {@code system|code} that include codes
 * @param excluded the {@code system|code} keys an exclude lists
 * @param excludedPatterns the {@code regex} filters of the excludes
 */
record ResolvedValueSet(
        Map<String, Terminology.Concept> members,
        Map<String, List<Pattern>> patterns,
        Set<String> excluded,
        List<Pattern> excludedPatterns) {

    /** The resolution of the includes less the excludes: enumerated members are filtered here, once. */
    static ResolvedValueSet of(
            Map<String, Terminology.Concept> included,
            Map<String, List<Pattern>> patterns,
            Set<String> excluded,
            List<Pattern> excludedPatterns) {
        Map<String, Terminology.Concept> members = new LinkedHashMap<>();
        included.forEach((key, concept) -> {
            if (!excluded.contains(key) && !matches(excludedPatterns, concept.system(), concept.code())) {
                members.put(key, concept);
            }
        });
        return new ResolvedValueSet(members, patterns, excluded, excludedPatterns);
    }

    /** Whether a pattern includes the code and no exclude removes it. */
    boolean patternContains(String system, String code) {
        List<Pattern> systemPatterns = patterns.get(system);
        return systemPatterns != null
                && !excluded.contains(Terminology.key(system, code))
                && !matches(excludedPatterns, system, code)
                && matches(systemPatterns, system, code);
    }

    private static boolean matches(List<Pattern> patterns, String system, String code) {
        for (Pattern pattern : patterns) {
            if (pattern.matcher(system + "|" + code).matches()) {
                return true;
            }
        }
        return false;
    }
}
