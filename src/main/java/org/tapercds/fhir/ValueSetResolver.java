package org.tapercds.fhir;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.ValueSet;

/**
 * Resolves every ValueSet of {@code fhir-profiles/} once, at load time, into its enumerated codes
 * and code patterns (a {@code regex} filter on {@code code}, for large external systems such as
 * ICD-10-CM) minus its excludes. Included ValueSets are resolved first; a cycle, an include of an
 * undefined ValueSet or a compose this service cannot evaluate is refused.
 */
final class ValueSetResolver {

    private final Map<String, CodeSystem> codeSystems;
    private final Map<String, ValueSet> all;
    private final Map<String, ResolvedValueSet> done = new LinkedHashMap<>();

    private ValueSetResolver(TerminologyFiles files) {
        this.codeSystems = files.codeSystems();
        this.all = files.valueSets();
    }

    /** Every ValueSet of the files, resolved, by URL in file order. */
    static Map<String, ResolvedValueSet> resolveAll(TerminologyFiles files) {
        ValueSetResolver resolver = new ValueSetResolver(files);
        for (ValueSet valueSet : files.valueSets().values()) {
            resolver.resolve(valueSet, new HashSet<>());
        }
        return resolver.done;
    }

    private ResolvedValueSet resolve(ValueSet valueSet, Set<String> visiting) {
        ResolvedValueSet known = done.get(valueSet.getUrl());
        if (known != null) {
            return known;
        }
        if (!visiting.add(valueSet.getUrl())) {
            throw new TerminologyException("ValueSet " + valueSet.getUrl() + " includes itself");
        }
        Map<String, Terminology.Concept> members = new LinkedHashMap<>();
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
                ResolvedValueSet inner = resolve(included, visiting);
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
                    Terminology.Concept member = new Terminology.Concept(system, concept.getCode(), display);
                    members.put(member.key(), member);
                }
            } else if (include.hasFilter()) {
                patterns.computeIfAbsent(system, k -> new ArrayList<>()).addAll(filterPatterns(valueSet, include));
            } else if (codeSystems.containsKey(system)) {
                for (CodeSystem.ConceptDefinitionComponent concept :
                        codeSystems.get(system).getConcept()) {
                    Terminology.Concept member =
                            new Terminology.Concept(system, concept.getCode(), concept.getDisplay());
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
                excluded.add(Terminology.key(exclude.getSystem(), concept.getCode()));
            }
            if (exclude.hasFilter()) {
                excludedPatterns.addAll(filterPatterns(valueSet, exclude));
            }
        }
        ResolvedValueSet result = ResolvedValueSet.of(members, patterns, excluded, excludedPatterns);
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

    /** The display of a code in a CodeSystem of {@code fhir-profiles/} (none when the system is not one). */
    static Optional<String> displayIn(CodeSystem codeSystem, String code) {
        if (codeSystem == null) {
            return Optional.empty();
        }
        return codeSystem.getConcept().stream()
                .filter(c -> c.getCode().equals(code))
                .map(CodeSystem.ConceptDefinitionComponent::getDisplay)
                .findFirst();
    }
}
