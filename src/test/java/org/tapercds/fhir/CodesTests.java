package org.tapercds.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Map;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Dosage;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;

/** The shared readings of codes, units, dosage lines and medication references. */
class CodesTests {

    @Test
    void namesAConceptByItsTextElseTheFirstDisplayElseItsFirstCode() {
        CodeableConcept withText =
                new CodeableConcept().setText("CIWA-B total").addCoding(new Coding("s", "1", "a display"));
        CodeableConcept displayOfSecond =
                new CodeableConcept().addCoding(new Coding("s", "1", null)).addCoding(new Coding("s", "2", "second"));
        CodeableConcept codeOnly = new CodeableConcept().addCoding(new Coding("s", "1", null));

        assertThat(Codes.display(withText)).isEqualTo("CIWA-B total");
        assertThat(Codes.display(displayOfSecond)).isEqualTo("second");
        assertThat(Codes.display(codeOnly)).isNull();
        assertThat(Codes.displayOrCode(displayOfSecond)).isEqualTo("second");
        assertThat(Codes.displayOrCode(codeOnly)).isEqualTo("1");
        assertThat(Codes.displayOrCode(new CodeableConcept())).isNull();
    }

    @Test
    void readsTheUnitOfAResultAsSentAndTheUnitOfADoseByItsCodeSystem() {
        Quantity otherSystem = new Quantity()
                .setValue(BigDecimal.ONE)
                .setSystem("urn:x")
                .setCode("g/dL")
                .setUnit(" grams ");
        Quantity snomed =
                new Quantity().setSystem(Codes.SNOMED).setCode("732936001").setUnit("tablet");
        Quantity textOnly = new Quantity().setUnit(" mg ");

        assertThat(Codes.unit(otherSystem)).isEqualTo("g/dL");
        assertThat(Codes.unit(textOnly)).isEqualTo(" mg ");
        assertThat(Codes.unit(new Quantity())).isNull();
        assertThat(Codes.doseUnit(otherSystem)).isEqualTo("grams");
        assertThat(Codes.doseUnit(snomed)).isEqualTo("732936001");
        assertThat(Codes.doseUnit(new Quantity().setSystem(Codes.UCUM).setCode("mg")))
                .isEqualTo("mg");
        assertThat(Codes.doseUnit(textOnly)).isEqualTo("mg");
        assertThat(Codes.doseUnit(new Quantity())).isNull();
    }

    @Test
    void readsALineAsNeededByItsBooleanOrAnyReason() {
        assertThat(Dosages.asNeeded(new Dosage().setAsNeeded(new BooleanType(true))))
                .isTrue();
        assertThat(Dosages.asNeeded(new Dosage().setAsNeeded(new BooleanType(false))))
                .isFalse();
        assertThat(Dosages.asNeeded(new Dosage().setAsNeeded(new CodeableConcept().setText("anxiety"))))
                .isTrue();
        assertThat(Dosages.asNeeded(new Dosage())).isFalse();
    }

    @Test
    void findsTheMedicationOfAnOrderContainedOrByRelativeOrAbsoluteReference() {
        Medication contained = new Medication();
        contained.setId("m1");
        contained.setCode(new CodeableConcept().setText("contained"));
        Medication prefetched = new Medication();
        prefetched.setCode(new CodeableConcept().setText("prefetched"));
        Map<String, Medication> medications = Map.of("Medication/x", prefetched);
        MedicationRequest byContained = new MedicationRequest().setMedication(new Reference("#m1"));
        byContained.addContained(contained);
        MedicationRequest byAbsolute =
                new MedicationRequest().setMedication(new Reference("https://ehr.example/fhir/Medication/x"));
        MedicationRequest byCode = new MedicationRequest().setMedication(new CodeableConcept().setText("coded"));

        assertThat(Medications.referenced(byContained, medications)).isSameAs(contained);
        assertThat(Medications.referenced(byAbsolute, medications)).isSameAs(prefetched);
        assertThat(Medications.code(byAbsolute, medications).getText()).isEqualTo("prefetched");
        assertThat(Medications.code(byCode, medications).getText()).isEqualTo("coded");
        assertThat(Medications.code(new MedicationRequest().setMedication(new Reference("Medication/y")), medications))
                .isNull();
        assertThat(Medications.code(new MedicationRequest(), medications)).isNull();
    }
}
