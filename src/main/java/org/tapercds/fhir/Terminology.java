package org.tapercds.fhir;

import ca.uhn.fhir.context.FhirContext;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;

/**
 * The project's terminology from {@code fhir-profiles/}: CodeSystems and ValueSets parsed with HAPI
 * ({@link TerminologyFiles}) and every ValueSet resolved once at load time ({@link
 * ValueSetResolver}). This class answers the lookups: a reverse index answers "which value sets
 * contain this coding" in one lookup, so facts carry their membership and rules never see a code.
 * Immutable.
 */
public final class Terminology {

    /** A code of a system with its display. */
    public record Concept(String system, String code, String display) {

        String key() {
            return Terminology.key(system, code);
        }
    }

    private final Map<String, CodeSystem> codeSystems;
    private final Map<String, ResolvedValueSet> valueSets;
    /** system → code → the ValueSets that enumerate it (after their excludes; sorted by valueSetsOf). */
    private final Map<String, Map<String, Set<String>>> enumeratedIn;
    /** ValueSets with patterns, checked on every lookup of their system. */
    private final Map<String, Set<String>> patternSetsBySystem;

    private Terminology(Map<String, CodeSystem> codeSystems, Map<String, ResolvedValueSet> valueSets) {
        this.codeSystems = Map.copyOf(codeSystems);
        this.valueSets = Map.copyOf(valueSets);
        Map<String, Map<String, Set<String>>> enumerated = new HashMap<>();
        Map<String, Set<String>> patterned = new HashMap<>();
        valueSets.forEach((url, resolved) -> {
            resolved.members().values().forEach(concept -> enumerated
                    .computeIfAbsent(concept.system(), k -> new HashMap<>())
                    .computeIfAbsent(concept.code(), k -> new HashSet<>())
                    .add(url));
            resolved.patterns().keySet().forEach(system -> patterned
                    .computeIfAbsent(system, k -> new TreeSet<>())
                    .add(url));
        });
        this.enumeratedIn = Map.copyOf(enumerated);
        this.patternSetsBySystem = Map.copyOf(patterned);
    }

    /** Loads every {@code *.json} CodeSystem and ValueSet below {@code profilesDir}. */
    public static Terminology load(Path profilesDir, FhirContext fhirContext) {
        TerminologyFiles files = TerminologyFiles.read(profilesDir, fhirContext);
        return new Terminology(files.codeSystems(), ValueSetResolver.resolveAll(files));
    }

    /** The display of a code of a CodeSystem defined in {@code fhir-profiles/}. */
    public Optional<String> display(String system, String code) {
        return ValueSetResolver.displayIn(codeSystems.get(system), code);
    }

    /** The enumerated members of a ValueSet in their defined order. */
    public List<Concept> members(String valueSetUrl) {
        return List.copyOf(resolved(valueSetUrl).members().values());
    }

    public boolean contains(String valueSetUrl, String system, String code) {
        ResolvedValueSet resolved = valueSets.get(valueSetUrl);
        return resolved != null
                && system != null
                && code != null
                && (enumeratingSets(system, code).contains(valueSetUrl) || resolved.patternContains(system, code));
    }

    /**
     * Whether any coding of a concept is in the ValueSet (the membership of a CodeableConcept); false
     * for a ValueSet that is not defined.
     */
    public boolean containsAny(String valueSetUrl, CodeableConcept concept) {
        for (Coding coding : concept.getCoding()) {
            if (contains(valueSetUrl, coding.getSystem(), coding.getCode())) {
                return true;
            }
        }
        return false;
    }

    /** The URLs of every ValueSet that contains the coding. */
    public Set<String> valueSetsOf(String system, String code) {
        if (system == null || code == null) {
            return Set.of();
        }
        Set<String> result = new TreeSet<>(enumeratingSets(system, code));
        for (String url : patternSetsBySystem.getOrDefault(system, Set.of())) {
            if (valueSets.get(url).patternContains(system, code)) {
                result.add(url);
            }
        }
        return result;
    }

    /** The ValueSets whose enumerated members (after their excludes) include the code. */
    private Set<String> enumeratingSets(String system, String code) {
        return enumeratedIn.getOrDefault(system, Map.of()).getOrDefault(code, Set.of());
    }

    /** The URLs of every ValueSet that contains one of the codings. */
    public Set<String> valueSetsOf(Collection<Coding> codings) {
        Set<String> result = new TreeSet<>();
        for (Coding coding : codings) {
            result.addAll(valueSetsOf(coding.getSystem(), coding.getCode()));
        }
        return result;
    }

    public boolean hasValueSet(String url) {
        return valueSets.containsKey(url);
    }

    public boolean hasCodeSystem(String url) {
        return codeSystems.containsKey(url);
    }

    private ResolvedValueSet resolved(String valueSetUrl) {
        ResolvedValueSet resolved = valueSets.get(valueSetUrl);
        if (resolved == null) {
            throw new TerminologyException("ValueSet " + valueSetUrl + " is not defined in fhir-profiles");
        }
        return resolved;
    }

    /** The key of a code in the indexes: {@code system|code}. */
    static String key(String system, String code) {
        return system + "|" + code;
    }
}
