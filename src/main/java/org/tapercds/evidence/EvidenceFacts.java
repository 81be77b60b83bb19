package org.tapercds.evidence;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.tapercds.facts.BenzodiazepineUse;
import org.tapercds.facts.EvaluationScope;
import org.tapercds.facts.TaperSettings;
import org.tapercds.fhir.Terminology;

/**
 * Turns Observations, Conditions and the other medication orders into the facts of the co-use and
 * withdrawal rules, with value-set membership computed here, once per call: the other medications
 * ({@link MedicationFacts}), the current diagnoses in a ValueSet ({@link ConditionFacts}), alcohol use ({@link AlcoholFacts}) and withdrawal ({@link
 * WithdrawalFacts}), in that order.
 */
public final class EvidenceFacts {

    private final MedicationFacts medications;
    private final ConditionFacts conditions;
    private final AlcoholFacts alcohol;
    private final WithdrawalFacts withdrawal;

    public EvidenceFacts(Terminology terminology, List<AlcoholMeasure> measures, TaperSettings settings) {
        this.medications = new MedicationFacts(terminology);
        this.conditions = new ConditionFacts(terminology);
        this.alcohol = new AlcoholFacts(terminology, measures);
        this.withdrawal = new WithdrawalFacts(terminology, settings);
    }

    /** The inputs of one call. */
    public record Inputs(
            EvaluationScope scope,
            Patient patient,
            List<MedicationRequest> history,
            List<MedicationRequest> drafts,
            Map<String, Medication> medications,
            List<Observation> observations,
            List<Condition> conditions,
            BenzodiazepineUse benzodiazepineUse) {}

    public List<Object> facts(Inputs in) {
        List<Object> facts = new ArrayList<>();
        facts.addAll(medications.of(in));
        facts.addAll(conditions.of(in));
        facts.addAll(alcohol.of(in));
        facts.addAll(withdrawal.of(in));
        return facts;
    }
}
