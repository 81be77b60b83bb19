package org.tapercds.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.hl7.fhir.r4.model.ValueSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.tapercds.timeline.DrugKnowledge;

/**
 * fhir-profiles/ is the single home of the codes the rules use: every file parses with HAPI, and each
 * code of clinical/CODES.md is a member of the right ValueSet — and not of the wrong one.
 */
class FhirProfilesTests {

    private static final Path PROFILES = Path.of("fhir-profiles");
    private static final String VS = "http://taper-cds.org/fhir/ValueSet/";
    private static final String LOINC = "http://loinc.org";
    private static final String SCT = "http://snomed.info/sct";
    private static final String ICD = "http://hl7.org/fhir/sid/icd-10-cm";
    private static final String RXNORM = "http://www.nlm.nih.gov/research/umls/rxnorm";
    private static final String WITHDRAWAL = "http://taper-cds.org/fhir/CodeSystem/withdrawal-assessment";

    private static Terminology terminology;

    @BeforeAll
    static void load() {
        terminology = Terminology.load(PROFILES, FhirContext.forR4Cached());
    }

    static Stream<Path> files() throws IOException {
        try (Stream<Path> walk = Files.walk(PROFILES)) {
            return walk.filter(p -> p.toString().endsWith(".json")).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("files")
    void everyFileIsAFhirResourceHapiParses(Path file) throws IOException {
        IBaseResource resource = FhirContext.forR4Cached().newJsonParser().parseResource(Files.readString(file));

        assertThat(resource).isInstanceOfAny(CodeSystem.class, ValueSet.class, StructureDefinition.class);
        String name = file.getFileName().toString();
        assertThat(name).startsWith(resource.fhirType() + "-");
        assertThat(name)
                .isEqualTo(resource.fhirType() + "-" + resource.getIdElement().getIdPart() + ".json");
    }

    @ParameterizedTest(name = "{1}|{2} is in {0}")
    @CsvSource({
        "audit-c-total, " + LOINC + ", 75626-2",
        "audit-total, " + LOINC + ", 75624-7",
        "alcohol-single-screening-question, " + LOINC + ", 68517-2",
        "alcoholic-drinks-per-day, " + LOINC + ", 74013-4",
        "blood-ethanol, " + LOINC + ", 5640-8",
        "blood-ethanol, " + LOINC + ", 56478-1",
        "alcohol-use-disorder-conditions, " + ICD + ", F10.10",
        "alcohol-use-disorder-conditions, " + ICD + ", F10.20",
        "alcohol-use-disorder-conditions, " + ICD + ", F10.239",
        "alcohol-use-disorder-conditions, " + SCT + ", 15167005",
        "alcohol-use-disorder-conditions, " + SCT + ", 66590003",
        "alcohol-use-disorder-conditions, " + SCT + ", 7200002",
        "ciwa-b-total, " + WITHDRAWAL + ", ciwa-b-total",
        "withdrawal-instruments, " + WITHDRAWAL + ", bwsq-total",
        "withdrawal-signs-severe, " + SCT + ", 91175000",
        "withdrawal-signs-severe, " + SCT + ", 2776000",
        "withdrawal-signs-severe, " + SCT + ", 7011001",
        "withdrawal-signs-severe, " + ICD + ", F13.231",
        "withdrawal-signs-severe, " + ICD + ", F13.232",
        "withdrawal-signs-other, " + SCT + ", 26079004",
        "withdrawal-signs-other, " + SCT + ", 48694002",
        "withdrawal-signs-other, " + SCT + ", 193462001",
        "withdrawal-signs-other, " + SCT + ", 225624000",
        "benzodiazepines-and-z-drugs, " + RXNORM + ", 197527",
        "benzodiazepines-and-z-drugs, " + RXNORM + ", 197589",
        "benzodiazepines-and-z-drugs, " + RXNORM + ", 198241",
        "benzodiazepines-and-z-drugs, " + RXNORM + ", 308047",
        "opioid-analgesics, " + RXNORM + ", 1049621",
        "opioid-analgesics, " + RXNORM + ", 835603",
        "opioid-analgesics, " + RXNORM + ", 892582",
        "methadone, " + RXNORM + ", 864706",
        "buprenorphine, " + RXNORM + ", 1010604",
        "naloxone, " + RXNORM + ", 1725059",
        "naloxone-rescue, " + RXNORM + ", 1725059",
        "naloxone-suggestion, " + RXNORM + ", 1725059",
    })
    void containsEveryCodeTheRulesNeed(String valueSet, String system, String code) {
        assertThat(terminology.contains(VS + valueSet, system, code)).isTrue();
    }

    @ParameterizedTest(name = "{1}|{2} is not in {0}")
    @CsvSource({
        // AUDIT and AUDIT-C totals are easily swapped: 75626-2 is AUDIT-C, 75624-7 is AUDIT.
        "audit-c-total, " + LOINC + ", 75624-7",
        "audit-total, " + LOINC + ", 75626-2",
        // Remission is not current use.
        "alcohol-use-disorder-conditions, " + ICD + ", F10.11",
        "alcohol-use-disorder-conditions, " + ICD + ", F10.21",
        "alcohol-use-disorder-conditions, " + ICD + ", F10.91",
        "alcohol-use-disorder-conditions, " + ICD + ", F11.20",
        // Buprenorphine/naloxone does not reverse an overdose: it is no rescue product.
        "naloxone-rescue, " + RXNORM + ", 1010604",
        // Severe and other signs are distinct.
        "withdrawal-signs-other, " + SCT + ", 91175000",
        "withdrawal-signs-severe, " + SCT + ", 26079004",
        // An injection is no taper regimen.
        "benzodiazepines-and-z-drugs, " + RXNORM + ", 309845",
    })
    void keepsCodesOutOfTheWrongSets(String valueSet, String system, String code) {
        assertThat(terminology.contains(VS + valueSet, system, code)).isFalse();
    }

    @Test
    void listsEveryTaperProductOfTheDrugTableAsABenzodiazepineOrZDrug() {
        DrugKnowledge knowledge = DrugKnowledge.load(Path.of("rules/knowledge"));
        List<String> missing = knowledge.products().stream()
                .filter(p -> p.taperRegimen())
                .map(p -> p.rxnormCode())
                .filter(code -> !terminology.contains(VS + "benzodiazepines-and-z-drugs", RXNORM, code))
                .toList();

        assertThat(missing).isEmpty();
    }

    @Test
    void knowsTheCategoryAndOverrideReasonCodeSystems() {
        assertThat(terminology.display("http://taper-cds.org/fhir/CodeSystem/advisory-category", "taper-rate-exceeded"))
                .hasValue("Taper rate exceeded");
        assertThat(terminology.members(ValueSets.OVERRIDE_REASONS)).isNotEmpty().allSatisfy(c -> assertThat(c.display())
                .isNotBlank());
    }
}
