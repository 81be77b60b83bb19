package org.tapercds.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ValueSet;
import org.tapercds.system.MountedFiles;

/**
 * The project's terminology from {@code fhir-profiles/}: CodeSystems and ValueSets parsed with
 * HAPI. Every ValueSet is resolved once at load time into its enumerated codes and code patterns
 * (a {@code regex} filter on {@code code}, for large external systems such as ICD-10-CM), minus
 * its excludes; a reverse index then answers "which value sets contain this coding" in one lookup,
 * so facts carry their membership and rules never see a code. Immutable.
 */
public final class Terminology {

    /** A code of a system with its display. */
    public record Concept(String system, String code, String display) {

        String key() {
            return Terminology.key(system, code);
        }
    }

    /**
     * A ValueSet resolved for membership. {@code members} are the enumerated codes left after every
     * exclude (enumerated or pattern) was applied at load time (looked up through
     * {@link #enumeratedIn}). Codes that only a pattern includes are checked against the excludes on
     * lookup.
     */
    private record Resolved(
            Map<String, Concept> members,
            Map<String, List<Pattern>> patterns,
            Set<String> excluded,
            List<Pattern> excludedPatterns) {

        static Resolved of(
                Map<String, Concept> included,
                Map<String, List<Pattern>> patterns,
                Set<String> excluded,
                List<Pattern> excludedPatterns) {
            Map<String, Concept> members = new LinkedHashMap<>();
            included.forEach((key, concept) -> {
                if (!excluded.contains(key) && !matches(excludedPatterns, concept.system(), concept.code())) {
                    members.put(key, concept);
                }
            });
            return new Resolved(members, patterns, excluded, excludedPatterns);
        }

        /** Whether a pattern includes the code and no exclude removes it. */
        boolean patternContains(String system, String code) {
            List<Pattern> systemPatterns = patterns.get(system);
            return systemPatterns != null
                    && !excluded.contains(key(system, code))
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

    private final Map<String, CodeSystem> codeSystems;
    private final Map<String, Resolved> valueSets;
    /** system → code → the ValueSets that enumerate it (after their excludes; sorted by valueSetsOf). */
    private final Map<String, Map<String, Set<String>>> enumeratedIn;
    /** ValueSets with patterns, checked on every lookup of their system. */
    private final Map<String, Set<String>> patternSetsBySystem;

    private Terminology(Map<String, CodeSystem> codeSystems, Map<String, Resolved> valueSets) {
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
        IParser parser = fhirContext.newJsonParser();
        Map<String, CodeSystem> codeSystems = new LinkedHashMap<>();
        Map<String, ValueSet> valueSetResources = new LinkedHashMap<>();
        for (Path file : jsonFiles(profilesDir)) {
            IBaseResource resource;
            try {
                resource = parser.parseResource(Files.readString(file, StandardCharsets.UTF_8));
            } catch (IOException | DataFormatException e) {
                throw new TerminologyException(
                        relative(profilesDir, file) + ": not a FHIR resource HAPI can parse (" + e.getMessage() + ")");
            }
            if (resource instanceof CodeSystem codeSystem) {
                requireUrl(profilesDir, file, codeSystem.getUrl());
                if (codeSystems.put(codeSystem.getUrl(), codeSystem) != null) {
                    throw new TerminologyException(
                            relative(profilesDir, file) + ": CodeSystem " + codeSystem.getUrl() + " is defined twice");
                }
            } else if (resource instanceof ValueSet valueSet) {
                requireUrl(profilesDir, file, valueSet.getUrl());
                if (valueSetResources.put(valueSet.getUrl(), valueSet) != null) {
                    throw new TerminologyException(
                            relative(profilesDir, file) + ": ValueSet " + valueSet.getUrl() + " is defined twice");
                }
            }
        }
        Map<String, Resolved> resolved = new LinkedHashMap<>();
        for (ValueSet valueSet : valueSetResources.values()) {
            resolve(valueSet, codeSystems, valueSetResources, resolved, new HashSet<>());
        }
        return new Terminology(codeSystems, resolved);
    }

    private static Resolved resolve(
            ValueSet valueSet,
            Map<String, CodeSystem> codeSystems,
            Map<String, ValueSet> all,
            Map<String, Resolved> done,
            Set<String> visiting) {
        Resolved known = done.get(valueSet.getUrl());
        if (known != null) {
            return known;
        }
        if (!visiting.add(valueSet.getUrl())) {
            throw new TerminologyException("ValueSet " + valueSet.getUrl() + " includes itself");
        }
        Map<String, Concept> members = new LinkedHashMap<>();
        Map<String, List<Pattern>> patterns = new LinkedHashMap<>();
        Set<String> excluded = new HashSet<>();
        List<Pattern> excludedPatterns = new ArrayList<>();
        for (ValueSet.ConceptSetComponent include : valueSet.getCompose().getInclude()) {
            for (var canonical : include.getValueSet()) {
                ValueSet included = all.get(canonical.getValue());
                if (included == null) {
                    throw new TerminologyException("ValueSet " + valueSet.getUrl() + " includes " + canonical.getValue()
                            + ", which is not defined in fhir-profiles");
                }
                Resolved inner = resolve(included, codeSystems, all, done, visiting);
                members.putAll(inner.members());
                inner.patterns().forEach((system, list) -> patterns.computeIfAbsent(system, k -> new ArrayList<>())
                        .addAll(list));
                excluded.addAll(inner.excluded());
                excludedPatterns.addAll(inner.excludedPatterns());
            }
            if (!include.hasSystem()) {
                continue;
            }
            String system = include.getSystem();
            if (include.hasConcept()) {
                for (ValueSet.ConceptReferenceComponent concept : include.getConcept()) {
                    String display = concept.hasDisplay()
                            ? concept.getDisplay()
                            : displayIn(codeSystems.get(system), concept.getCode())
                                    .orElse(concept.getCode());
                    Concept member = new Concept(system, concept.getCode(), display);
                    members.put(member.key(), member);
                }
            } else if (include.hasFilter()) {
                patterns.computeIfAbsent(system, k -> new ArrayList<>()).addAll(filterPatterns(valueSet, include));
            } else if (codeSystems.containsKey(system)) {
                for (CodeSystem.ConceptDefinitionComponent concept :
                        codeSystems.get(system).getConcept()) {
                    Concept member = new Concept(system, concept.getCode(), concept.getDisplay());
                    members.put(member.key(), member);
                }
            } else {
                throw new TerminologyException("ValueSet " + valueSet.getUrl() + ": include of " + system
                        + " needs a concept list, a regex filter, or a CodeSystem defined in fhir-profiles");
            }
        }
        for (ValueSet.ConceptSetComponent exclude : valueSet.getCompose().getExclude()) {
            if (exclude.hasValueSet() || !exclude.hasSystem() || !(exclude.hasConcept() || exclude.hasFilter())) {
                throw new TerminologyException("ValueSet " + valueSet.getUrl()
                        + ": an exclude needs a system and a concept list or a regex filter"
                        + " (excluding a whole system or another ValueSet is not supported)");
            }
            for (ValueSet.ConceptReferenceComponent concept : exclude.getConcept()) {
                excluded.add(key(exclude.getSystem(), concept.getCode()));
            }
            if (exclude.hasFilter()) {
                excludedPatterns.addAll(filterPatterns(valueSet, exclude));
            }
        }
        Resolved result = Resolved.of(members, patterns, excluded, excludedPatterns);
        done.put(valueSet.getUrl(), result);
        visiting.remove(valueSet.getUrl());
        return result;
    }

    /** {@code {"property": "code", "op": "regex", "value": "F10\\.(1|2|9).*"}} as a pattern on system|code. */
    private static List<Pattern> filterPatterns(ValueSet valueSet, ValueSet.ConceptSetComponent set) {
        List<Pattern> patterns = new ArrayList<>();
        for (ValueSet.ConceptSetFilterComponent filter : set.getFilter()) {
            if (!"code".equals(filter.getProperty()) || filter.getOp() != ValueSet.FilterOperator.REGEX) {
                throw new TerminologyException(
                        "ValueSet " + valueSet.getUrl() + ": only filters {property: code, op: regex} are supported");
            }
            try {
                patterns.add(Pattern.compile(Pattern.quote(set.getSystem() + "|") + "(?:" + filter.getValue() + ")"));
            } catch (PatternSyntaxException e) {
                throw new TerminologyException(
                        "ValueSet " + valueSet.getUrl() + ": the regex filter " + filter.getValue() + " is invalid");
            }
        }
        return patterns;
    }

    private static Optional<String> displayIn(CodeSystem codeSystem, String code) {
        if (codeSystem == null) {
            return Optional.empty();
        }
        return codeSystem.getConcept().stream()
                .filter(c -> c.getCode().equals(code))
                .map(CodeSystem.ConceptDefinitionComponent::getDisplay)
                .findFirst();
    }

    /** The display of a code of a CodeSystem defined in {@code fhir-profiles/}. */
    public Optional<String> display(String system, String code) {
        return displayIn(codeSystems.get(system), code);
    }

    /** The enumerated members of a ValueSet in their defined order. */
    public List<Concept> members(String valueSetUrl) {
        return List.copyOf(resolved(valueSetUrl).members().values());
    }

    public boolean contains(String valueSetUrl, String system, String code) {
        Resolved resolved = valueSets.get(valueSetUrl);
        return resolved != null
                && system != null
                && code != null
                && (enumeratingSets(system, code).contains(valueSetUrl) || resolved.patternContains(system, code));
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

    private Resolved resolved(String valueSetUrl) {
        Resolved resolved = valueSets.get(valueSetUrl);
        if (resolved == null) {
            throw new TerminologyException("ValueSet " + valueSetUrl + " is not defined in fhir-profiles");
        }
        return resolved;
    }

    private static String key(String system, String code) {
        return system + "|" + code;
    }

    private static void requireUrl(Path root, Path file, String url) {
        if (url == null || url.isBlank()) {
            throw new TerminologyException(relative(root, file) + ": the resource has no url");
        }
    }

    private static List<Path> jsonFiles(Path root) {
        if (!Files.isDirectory(root)) {
            throw new TerminologyException(root + ": the fhir-profiles directory does not exist");
        }
        try {
            return MountedFiles.list(root).stream()
                    .filter(p -> p.toString().endsWith(".json"))
                    .toList();
        } catch (IOException e) {
            throw new TerminologyException(root + ": cannot be listed (" + e.getMessage() + ")");
        }
    }

    private static String relative(Path root, Path file) {
        return root.relativize(file).toString().replace('\\', '/');
    }
}
