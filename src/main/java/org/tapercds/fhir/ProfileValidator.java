package org.tapercds.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import ca.uhn.fhir.validation.ValidationOptions;
import ca.uhn.fhir.validation.ValidationResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.PrePopulatedValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.hl7.fhir.r4.model.ValueSet;
import org.tapercds.system.MountedFiles;

/**
 * HAPI's instance validator loaded with the profiles, ValueSets and CodeSystems of
 * {@code fhir-profiles/}: checks that a resource gives what the service needs. Built and warmed
 * when the rule base loads (the first validation is slow), only when validation is on.
 */
public final class ProfileValidator {

    public static final String MEDICATION_REQUEST =
            "http://taper-cds.org/fhir/StructureDefinition/taper-medication-request";
    public static final String WITHDRAWAL_SCORE =
            "http://taper-cds.org/fhir/StructureDefinition/withdrawal-score-observation";

    /** A validation finding: its severity, where in the resource, and what. */
    public record Issue(String severity, String location, String message) {}

    private final FhirValidator validator;

    private ProfileValidator(FhirValidator validator) {
        this.validator = validator;
    }

    /** Builds the validator from {@code fhir-profiles/} and warms it with one validation of each profile. */
    public static ProfileValidator load(Path profilesDir, FhirContext fhirContext) {
        PrePopulatedValidationSupport project = new PrePopulatedValidationSupport(fhirContext);
        try {
            for (Path file : MountedFiles.list(profilesDir)) {
                if (!file.toString().endsWith(".json")) {
                    continue;
                }
                IBaseResource resource =
                        fhirContext.newJsonParser().parseResource(Files.readString(file, StandardCharsets.UTF_8));
                if (resource instanceof StructureDefinition profile) {
                    project.addStructureDefinition(profile);
                } else if (resource instanceof ValueSet valueSet) {
                    project.addValueSet(valueSet);
                } else if (resource instanceof CodeSystem codeSystem) {
                    project.addCodeSystem(codeSystem);
                }
            }
        } catch (IOException e) {
            throw new TerminologyException(profilesDir + ": cannot be read (" + e.getMessage() + ")");
        }
        ValidationSupportChain chain = new ValidationSupportChain(
                new DefaultProfileValidationSupport(fhirContext),
                project,
                new SnapshotGeneratingValidationSupport(fhirContext),
                new InMemoryTerminologyServerValidationSupport(fhirContext),
                new CommonCodeSystemsTerminologyService(fhirContext));
        FhirValidator validator = fhirContext.newValidator();
        validator.registerValidatorModule(new FhirInstanceValidator(chain));
        ProfileValidator result = new ProfileValidator(validator);
        result.validate(new MedicationRequest(), MEDICATION_REQUEST);
        result.validate(new Observation(), WITHDRAWAL_SCORE);
        return result;
    }

    /** Errors and warnings of a resource against a profile (information messages are left out). */
    public List<Issue> validate(IBaseResource resource, String profileUrl) {
        ValidationResult result =
                validator.validateWithResult(resource, new ValidationOptions().addProfile(profileUrl));
        List<Issue> issues = new ArrayList<>();
        for (SingleValidationMessage message : result.getMessages()) {
            if (message.getSeverity() == ResultSeverityEnum.ERROR
                    || message.getSeverity() == ResultSeverityEnum.FATAL
                    || message.getSeverity() == ResultSeverityEnum.WARNING) {
                issues.add(
                        new Issue(message.getSeverity().getCode(), message.getLocationString(), message.getMessage()));
            }
        }
        return issues;
    }
}
