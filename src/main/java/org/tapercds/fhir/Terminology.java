package org.tapercds.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.ValueSet;
import org.tapercds.system.MountedFiles;

/**
 * The project's terminology from {@code fhir-profiles/}: CodeSystems and ValueSets parsed with
 * HAPI, with every ValueSet's membership computed once at load time. Immutable.
 */
public final class Terminology {

    /** A code of a system with its display. */
    public record Concept(String system, String code, String display) {

        String key() {
            return system + "|" + code;
        }
    }

    private final Map<String, CodeSystem> codeSystems;
    private final Map<String, Map<String, Concept>> valueSets;

    private Terminology(Map<String, CodeSystem> codeSystems, Map<String, Map<String, Concept>> valueSets) {
        this.codeSystems = Map.copyOf(codeSystems);
        this.valueSets = Map.copyOf(valueSets);
    }

    /** Loads every {@code *.json} CodeSystem and ValueSet below {@code profilesDir}. */
    public static Terminology load(Path profilesDir, FhirContext fhirContext) {
        IParser parser = fhirContext.newJsonParser();
        Map<String, CodeSystem> codeSystems = new LinkedHashMap<>();
        List<ValueSet> valueSetResources = new ArrayList<>();
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
                valueSetResources.add(valueSet);
            }
        }
        Map<String, Map<String, Concept>> expansions = new LinkedHashMap<>();
        for (ValueSet valueSet : valueSetResources) {
            expansions.put(valueSet.getUrl(), expand(valueSet, codeSystems));
        }
        return new Terminology(codeSystems, expansions);
    }

    private static Map<String, Concept> expand(ValueSet valueSet, Map<String, CodeSystem> codeSystems) {
        Map<String, Concept> members = new LinkedHashMap<>();
        for (ValueSet.ConceptSetComponent include : valueSet.getCompose().getInclude()) {
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
            } else if (codeSystems.containsKey(system) && !include.hasFilter()) {
                for (CodeSystem.ConceptDefinitionComponent concept :
                        codeSystems.get(system).getConcept()) {
                    Concept member = new Concept(system, concept.getCode(), concept.getDisplay());
                    members.put(member.key(), member);
                }
            } else {
                throw new TerminologyException("ValueSet " + valueSet.getUrl() + ": include of " + system
                        + " needs a concept list or a CodeSystem defined in fhir-profiles");
            }
        }
        return members;
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

    /** The members of a ValueSet in their defined order. */
    public List<Concept> members(String valueSetUrl) {
        Map<String, Concept> members = valueSets.get(valueSetUrl);
        if (members == null) {
            throw new TerminologyException("ValueSet " + valueSetUrl + " is not defined in fhir-profiles");
        }
        return List.copyOf(members.values());
    }

    public boolean contains(String valueSetUrl, String system, String code) {
        Map<String, Concept> members = valueSets.get(valueSetUrl);
        return members != null && members.containsKey(system + "|" + code);
    }

    public boolean hasCodeSystem(String url) {
        return codeSystems.containsKey(url);
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
