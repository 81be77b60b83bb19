package org.tapercds.timeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tapercds.timeline.NormaliserFixture.EXACT;
import static org.tapercds.timeline.NormaliserFixture.TODAY;
import static org.tapercds.timeline.Requests.active;
import static org.tapercds.timeline.Requests.dose;
import static org.tapercds.timeline.Requests.every;
import static org.tapercds.timeline.Requests.line;
import static org.tapercds.timeline.Requests.mgDaily;
import static org.tapercds.timeline.Requests.onceDaily;

import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.junit.jupiter.api.Test;

/** RULES §1: which drug an order is for, from its code or the Medication it references. */
class DrugIdentifierTests {

    private final DoseNormaliser normaliser = new DoseNormaliser(Requests.knowledge());

    @Test
    void takesTheTabletStrengthFromAContainedMedication() {
        String medication =
                """
                {"resourceType": "Medication", "id": "med1",
                 "code": {"text": "diazepam 5 mg tablet"},
                 "ingredient": [{
                   "itemCodeableConcept": {"coding": [{"system": "%s", "code": "3322", "display": "diazepam"}]},
                   "strength": {"numerator": {"value": 5, "unit": "mg", "system": "%s", "code": "mg"},
                                "denominator": {"value": 1, "unit": "tablet", "system": "%s", "code": "{tbl}"}}}]}"""
                        .formatted(Requests.RXNORM, Requests.UCUM, Requests.UCUM);
        MedicationRequest order = active("rx")
                .contained(medication)
                .medicationReference("#med1")
                .authoredOn("2026-06-01")
                .line(line(dose(1.5, "{tbl}", "tablet"), every(2, 1, "d")))
                .build();

        Drug drug = normaliser.drugOf(order, Map.of()).orElseThrow();
        OrderRegimen regimen = normaliser.normalise(order, drug, false, TODAY);

        assertThat(drug.ingredient().name()).isEqualTo("diazepam");
        assertThat(drug.product()).isNull();
        assertThat(drug.text()).isEqualTo("diazepam 5 mg tablet");
        assertThat(regimen.steps())
                .singleElement()
                .extracting(DoseStep::mgPerDay)
                .isEqualTo(15.0);
    }

    /** Found by review: an RxNorm ingredient coding without a code threw (a 500 for the EHR). */
    @Test
    void skipsAnIngredientCodingWithoutACode() {
        Medication medication = Requests.parseMedication(
                """
                {"resourceType": "Medication", "id": "x",
                 "code": {"text": "a compounded benzodiazepine"},
                 "ingredient": [{"itemCodeableConcept": {"coding": [{"system": "%s", "display": "diazepam"}]}},
                                {"itemCodeableConcept": {"coding": [{"system": "%s", "code": "3322"}]}}]}"""
                        .formatted(Requests.RXNORM, Requests.RXNORM));
        MedicationRequest order = active("rx")
                .medicationReference("Medication/x")
                .authoredOn("2026-06-01")
                .line(line(dose(5, "mg", "mg"), every(1, 1, "d")))
                .build();

        Drug drug = normaliser.drugOf(order, Map.of("Medication/x", medication)).orElseThrow();

        assertThat(drug.ingredient().name()).isEqualTo("diazepam");
    }

    @Test
    void takesTheTabletStrengthFromAReferencedMedication() {
        Medication medication = Requests.parseMedication(
                """
                {"resourceType": "Medication", "id": "x",
                 "code": {"coding": [{"system": "%s", "code": "6470", "display": "lorazepam"}], "text": "lorazepam 0.5 mg tablet"},
                 "ingredient": [{
                   "itemCodeableConcept": {"text": "lorazepam"},
                   "strength": {"numerator": {"value": 500, "unit": "ug", "system": "%s", "code": "ug"},
                                "denominator": {"value": 1, "unit": "tablet", "system": "%s", "code": "{tbl}"}}}]}"""
                        .formatted(Requests.RXNORM, Requests.UCUM, Requests.UCUM));
        MedicationRequest order = active("rx")
                .medicationReference("Medication/x")
                .authoredOn("2026-06-01")
                .line(line(dose(2, "{tbl}", "tablet"), every(3, 1, "d")))
                .build();
        Map<String, Medication> medications = Map.of("Medication/x", medication);

        Drug drug = normaliser.drugOf(order, medications).orElseThrow();
        OrderRegimen regimen = normaliser.normalise(order, drug, false, TODAY);

        assertThat(drug.ingredient().name()).isEqualTo("lorazepam");
        assertThat(regimen.steps()).singleElement().satisfies(step -> {
            assertThat(step.mgPerDay()).isCloseTo(3.0, EXACT);
            assertThat(step.administrationsPerDay()).isCloseTo(3.0, EXACT);
        });
    }

    @Test
    void doesNotRecogniseAReferencedMedicationThatWasNotPrefetched() {
        MedicationRequest order = active("rx")
                .medicationReference("Medication/unknown")
                .authoredOn("2026-06-01")
                .line(mgDaily(5))
                .build();

        assertThat(normaliser.drugOf(order, Map.of())).isEmpty();
    }

    @Test
    void doesNotRecogniseANonBenzodiazepineOrder() {
        MedicationRequest sertraline = active("rx")
                .rxnorm("312940", "sertraline 50 MG Oral Tablet")
                .authoredOn("2026-06-01")
                .line(mgDaily(50))
                .build();

        assertThat(normaliser.drugOf(sertraline, Map.of())).isEmpty();
    }

    @Test
    void doesNotRecogniseAnInjectionAsATaperDrug() {
        MedicationRequest injection = active("rx")
                .rxnorm("309845", "diazepam 5 MG/ML Injectable Solution")
                .authoredOn("2026-06-01")
                .line(line(dose(2, "mL"), onceDaily()))
                .build();

        assertThat(normaliser.drugOf(injection, Map.of())).isEmpty();
    }

    /** Issue 12: an order coded by the temazepam ingredient alone was left out of the timeline. */
    @Test
    void recognisesATemazepamOrderCodedByItsIngredient() {
        MedicationRequest order = active("rx")
                .rxnorm("10355", "temazepam")
                .authoredOn("2026-06-01")
                .line(mgDaily(15))
                .build();

        Drug drug = normaliser.drugOf(order, Map.of()).orElseThrow();
        OrderRegimen regimen = normaliser.normalise(order, drug, false, TODAY);

        assertThat(drug.ingredient().name()).isEqualTo("temazepam");
        assertThat(drug.product()).isNull();
        assertThat(regimen.steps())
                .singleElement()
                .extracting(DoseStep::mgPerDay)
                .isEqualTo(15.0);
    }

    /** RULES §7: the ingredient alone and a dose in capsules: the strength is missing, and said so. */
    @Test
    void makesAnIngredientOnlyOrderInCapsulesUnassessable() {
        MedicationRequest order = active("rx")
                .rxnorm("10355", "temazepam")
                .authoredOn("2026-06-01")
                .line(line(dose(1, "{capsule}", "capsule"), onceDaily()))
                .build();

        OrderRegimen regimen =
                normaliser.normalise(order, normaliser.drugOf(order, Map.of()).orElseThrow(), false, TODAY);

        assertThat(regimen.assessable()).isFalse();
        assertThat(regimen.unassessableReason()).contains("strength");
    }

    @Test
    void recognisesAnEszopicloneProduct() {
        MedicationRequest order = active("rx")
                .rxnorm("485442", "eszopiclone 2 MG Oral Tablet")
                .authoredOn("2026-06-01")
                .line(line(dose(1, "{tbl}", "tablet"), onceDaily()))
                .build();

        Drug drug = normaliser.drugOf(order, Map.of()).orElseThrow();

        assertThat(drug.ingredient().name()).isEqualTo("eszopiclone");
        assertThat(normaliser.normalise(order, drug, false, TODAY).steps())
                .singleElement()
                .extracting(DoseStep::mgPerDay)
                .isEqualTo(2.0);
    }

    /**
     * RULES §7: a code the benzodiazepine and Z-drug value set admits but the knowledge table lacks is
     * an unassessable order naming what is missing, never left out; a dose in mg does not make it
     * assessable (the product is unknown).
     */
    @Test
    void makesAnAdmittedCodeTheTableLacksUnassessable() {
        Ingredient temazepam = Requests.knowledge().ingredient("temazepam").orElseThrow();
        DrugKnowledge table = DrugKnowledge.of(List.of(temazepam), List.of()).admitting(List.of("198241"));
        DoseNormaliser withoutProducts = new DoseNormaliser(table);
        MedicationRequest order = active("rx")
                .rxnorm("198241", "temazepam 15 MG Oral Capsule")
                .authoredOn("2026-06-01")
                .line(mgDaily(15))
                .build();

        Drug drug = withoutProducts.drugOf(order, Map.of()).orElseThrow();
        OrderRegimen regimen = withoutProducts.normalise(order, drug, false, TODAY);

        assertThat(drug.ingredient().name()).isEqualTo("temazepam");
        assertThat(regimen.assessable()).isFalse();
        assertThat(regimen.unassessableReason()).contains("RxNorm 198241").contains("not in the drug knowledge table");
    }

    /** Not admitted by the value set and not in the table: not a benzodiazepine order at all. */
    @Test
    void leavesOutACodeNeitherTheTableNorTheValueSetKnows() {
        DrugKnowledge table = DrugKnowledge.of(List.of(), List.of()).admitting(List.of("198241"));
        MedicationRequest order = active("rx")
                .rxnorm("312940", "sertraline 50 MG Oral Tablet")
                .authoredOn("2026-06-01")
                .line(mgDaily(50))
                .build();

        assertThat(new DoseNormaliser(table).drugOf(order, Map.of())).isEmpty();
    }

    /** An admitted code whose display names no known ingredient is named after its display. */
    @Test
    void namesAnUnknownAdmittedDrugAfterItsDisplay() {
        DrugKnowledge table = DrugKnowledge.of(List.of(), List.of()).admitting(List.of("999999"));
        MedicationRequest order = active("rx")
                .rxnorm("999999", "newazepam 1 MG Oral Tablet")
                .authoredOn("2026-06-01")
                .line(mgDaily(1))
                .build();

        DoseNormaliser normaliserOf = new DoseNormaliser(table);
        Drug drug = normaliserOf.drugOf(order, Map.of()).orElseThrow();

        assertThat(drug.ingredient().name()).isEqualTo("newazepam 1 MG Oral Tablet");
        assertThat(normaliserOf.normalise(order, drug, true, TODAY).assessable())
                .isFalse();
    }

    /** An order naming the ingredient's oral form (RxNorm SCDF) is of that ingredient, without a product. */
    @Test
    void recognisesAnOrderCodedByTheOralForm() {
        Ingredient diazepam = new Ingredient(
                "diazepam",
                "3322",
                "benzodiazepine",
                10.0,
                10.0,
                new Ingredient.OralForm("1234", "diazepam Oral Tablet"));
        DoseNormaliser withForm = new DoseNormaliser(DrugKnowledge.of(List.of(diazepam), List.of()));
        MedicationRequest order = active("rx")
                .rxnorm("1234", "diazepam Oral Tablet")
                .authoredOn("2026-06-01")
                .line(mgDaily(10))
                .build();

        Drug drug = withForm.drugOf(order, Map.of()).orElseThrow();

        assertThat(drug.ingredient()).isEqualTo(diazepam);
        assertThat(drug.product()).isNull();
    }
}
