package org.tapercds.evaluation;

import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tapercds.fhir.HookRequest;
import org.tapercds.fhir.ProfileValidator;
import org.tapercds.fhir.Terminology;
import org.tapercds.fhir.ValueSets;
import org.tapercds.rules.RuleBase;
import org.tapercds.rules.ValidationMode;
import org.tapercds.system.ApiException;
import org.tapercds.system.ErrorCode;
import org.tapercds.system.ErrorDetail;
import org.tapercds.system.LogSafe;

/**
 * Validates the resources the checks depend on against the project's profiles: benzodiazepine draft
 * orders ({@code taper-medication-request}) and withdrawal scores ({@code withdrawal-score-observation}).
 * In {@code warn} mode the call goes on and the issue count is logged (never the content); in
 * {@code enforce} mode it is refused with 400 {@code profile-violation} naming every issue.
 */
final class ProfileChecks {

    private static final Logger log = LoggerFactory.getLogger(ProfileChecks.class);

    private ProfileChecks() {}

    static void check(HookRequest request, RuleBase ruleBase) {
        ProfileValidator validator = ruleBase.validator();
        if (ruleBase.validationMode() == ValidationMode.OFF || validator == null) {
            return;
        }
        Terminology terminology = ruleBase.terminology();
        List<ErrorDetail> errors = new ArrayList<>();
        for (MedicationRequest draft : request.draftOrders()) {
            if (draft.hasMedicationCodeableConcept()
                    && terminology.containsAny(
                            ValueSets.BENZODIAZEPINES_AND_Z_DRUGS, draft.getMedicationCodeableConcept())) {
                collect(
                        validator.validate(draft, ProfileValidator.MEDICATION_REQUEST),
                        "context.draftOrders (MedicationRequest/"
                                + draft.getIdElement().getIdPart() + ")",
                        ruleBase.validationMode(),
                        errors);
            }
        }
        for (Observation observation : request.observations()) {
            if (terminology.containsAny(ValueSets.CIWA_B_TOTAL, observation.getCode())) {
                collect(
                        validator.validate(observation, ProfileValidator.WITHDRAWAL_SCORE),
                        "prefetch.observations (Observation/"
                                + observation.getIdElement().getIdPart() + ")",
                        ruleBase.validationMode(),
                        errors);
            }
        }
        if (!errors.isEmpty()) {
            throw new ApiException(ErrorCode.PROFILE_VIOLATION, errors);
        }
    }

    private static void collect(
            List<ProfileValidator.Issue> issues, String where, ValidationMode mode, List<ErrorDetail> errors) {
        List<ProfileValidator.Issue> serious =
                issues.stream().filter(i -> !"warning".equals(i.severity())).toList();
        if (mode == ValidationMode.WARN) {
            if (!issues.isEmpty()) {
                log.warn(
                        "profile validation: {} errors and {} warnings in {}",
                        serious.size(),
                        issues.size() - serious.size(),
                        LogSafe.text(where));
            }
            return;
        }
        for (ProfileValidator.Issue issue : serious) {
            errors.add(new ErrorDetail(where + " at " + issue.location() + ": " + issue.message(), where));
        }
    }
}
