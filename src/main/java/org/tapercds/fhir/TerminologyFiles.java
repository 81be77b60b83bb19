package org.tapercds.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.ValueSet;
import org.tapercds.system.MountedFiles;

/**
 * The CodeSystems and ValueSets of {@code fhir-profiles/}, parsed by HAPI from every {@code *.json}
 * file below the folder, by canonical URL in file order. A file HAPI cannot parse, a resource
 * without a url or a url defined twice is refused naming the file.
 */
record TerminologyFiles(Map<String, CodeSystem> codeSystems, Map<String, ValueSet> valueSets) {

    static TerminologyFiles read(Path profilesDir, FhirContext fhirContext) {
        IParser parser = fhirContext.newJsonParser();
        Map<String, CodeSystem> codeSystems = new LinkedHashMap<>();
        Map<String, ValueSet> valueSets = new LinkedHashMap<>();
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
                if (valueSets.put(valueSet.getUrl(), valueSet) != null) {
                    throw new TerminologyException(
                            relative(profilesDir, file) + ": ValueSet " + valueSet.getUrl() + " is defined twice");
                }
            }
        }
        return new TerminologyFiles(codeSystems, valueSets);
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
