package org.tapercds.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TerminologyTests {

    private static final String ICD = "http://hl7.org/fhir/sid/icd-10-cm";
    private static final String SCT = "http://snomed.info/sct";
    private static final String BASE = "http://taper-cds.org/fhir/ValueSet/";

    private static Terminology load(Path dir) {
        return Terminology.load(dir, FhirContext.forR4Cached());
    }

    private static void write(Path dir, String name, String json) throws IOException {
        Files.writeString(dir.resolve(name), json);
    }

    private static final String ALCOHOL_DISORDERS =
            """
            {"resourceType": "ValueSet", "url": "http://taper-cds.org/fhir/ValueSet/aud", "status": "active",
             "compose": {
               "include": [
                 {"system": "http://hl7.org/fhir/sid/icd-10-cm",
                  "filter": [{"property": "code", "op": "regex", "value": "F10\\\\.(1|2|9).*"}]},
                 {"system": "http://snomed.info/sct", "concept": [{"code": "66590003", "display": "Alcohol dependence"}]}
               ],
               "exclude": [{"system": "http://hl7.org/fhir/sid/icd-10-cm", "concept": [{"code": "F10.11"}, {"code": "F10.21"}]}]
             }}
            """;

    @Test
    void matchesCodesByRegexFilterAndHonoursExcludes(@TempDir Path dir) throws IOException {
        write(dir, "aud.json", ALCOHOL_DISORDERS);
        Terminology terminology = load(dir);

        assertThat(terminology.contains(BASE + "aud", ICD, "F10.20")).isTrue();
        assertThat(terminology.contains(BASE + "aud", ICD, "F10.129")).isTrue();
        assertThat(terminology.contains(BASE + "aud", ICD, "F10.21"))
                .as("remission excluded")
                .isFalse();
        assertThat(terminology.contains(BASE + "aud", ICD, "F10.11"))
                .as("remission excluded")
                .isFalse();
        assertThat(terminology.contains(BASE + "aud", ICD, "F11.20")).isFalse();
        assertThat(terminology.contains(BASE + "aud", SCT, "66590003")).isTrue();
        assertThat(terminology.contains(BASE + "aud", SCT, "F10.20"))
                .as("another system")
                .isFalse();
    }

    @Test
    void findsAConceptInAValueSetWhenAnyOfItsCodingsIsAMember(@TempDir Path dir) throws IOException {
        write(dir, "aud.json", ALCOHOL_DISORDERS);
        Terminology terminology = load(dir);
        CodeableConcept both = new CodeableConcept()
                .addCoding(new Coding(ICD, "F10.21", null))
                .addCoding(new Coding(SCT, "66590003", null));
        CodeableConcept excludedOnly = new CodeableConcept().addCoding(new Coding(ICD, "F10.21", null));

        assertThat(terminology.containsAny(BASE + "aud", both)).isTrue();
        assertThat(terminology.containsAny(BASE + "aud", excludedOnly)).isFalse();
        assertThat(terminology.containsAny(BASE + "aud", new CodeableConcept().setText("alcohol")))
                .as("text only")
                .isFalse();
        assertThat(terminology.containsAny(BASE + "undefined", both)).isFalse();
    }

    @Test
    void answersWhichValueSetsContainACoding(@TempDir Path dir) throws IOException {
        write(dir, "aud.json", ALCOHOL_DISORDERS);
        write(
                dir,
                "all.json",
                """
                {"resourceType": "ValueSet", "url": "http://taper-cds.org/fhir/ValueSet/all", "status": "active",
                 "compose": {"include": [{"valueSet": ["http://taper-cds.org/fhir/ValueSet/aud"]}]}}
                """);
        Terminology terminology = load(dir);

        assertThat(terminology.valueSetsOf(ICD, "F10.20")).containsExactly(BASE + "all", BASE + "aud");
        assertThat(terminology.valueSetsOf(SCT, "66590003")).containsExactly(BASE + "all", BASE + "aud");
        assertThat(terminology.valueSetsOf(ICD, "F10.21")).isEmpty();
        assertThat(terminology.valueSetsOf(null, "F10.20")).isEmpty();
    }

    @Test
    void appliesEveryExcludeToEnumeratedMembersAlikeForMembershipListingAndReverseLookup(@TempDir Path dir)
            throws IOException {
        write(
                dir,
                "signs.json",
                """
                {"resourceType": "ValueSet", "url": "http://taper-cds.org/fhir/ValueSet/signs", "status": "active",
                 "compose": {
                   "include": [{"system": "http://snomed.info/sct",
                                "concept": [{"code": "111"}, {"code": "222"}, {"code": "333"}, {"code": "9991"}]}],
                   "exclude": [{"system": "http://snomed.info/sct",
                                "filter": [{"property": "code", "op": "regex", "value": "999.*"}]}]}}
                """);
        write(
                dir,
                "narrow.json",
                """
                {"resourceType": "ValueSet", "url": "http://taper-cds.org/fhir/ValueSet/narrow", "status": "active",
                 "compose": {
                   "include": [{"valueSet": ["http://taper-cds.org/fhir/ValueSet/signs"]}],
                   "exclude": [{"system": "http://snomed.info/sct", "concept": [{"code": "222"}]}]}}
                """);
        Terminology terminology = load(dir);

        assertThat(terminology.contains(BASE + "signs", SCT, "9991"))
                .as("excluded by a pattern")
                .isFalse();
        assertThat(terminology.contains(BASE + "narrow", SCT, "222"))
                .as("excluded by the including set")
                .isFalse();
        assertThat(terminology.contains(BASE + "signs", SCT, "222")).isTrue();
        assertThat(terminology.contains(BASE + "narrow", ICD, "111"))
                .as("same code, another system")
                .isFalse();
        assertThat(terminology.members(BASE + "signs"))
                .extracting(Terminology.Concept::code)
                .containsExactly("111", "222", "333");
        assertThat(terminology.members(BASE + "narrow"))
                .extracting(Terminology.Concept::code)
                .containsExactly("111", "333");
        assertThat(terminology.valueSetsOf(SCT, "111")).containsExactly(BASE + "narrow", BASE + "signs");
        assertThat(terminology.valueSetsOf(SCT, "222")).containsExactly(BASE + "signs");
        assertThat(terminology.valueSetsOf(SCT, "9991")).isEmpty();
    }

    @Test
    void refusesAnIncludeOfAnUndefinedValueSet(@TempDir Path dir) throws IOException {
        write(
                dir,
                "all.json",
                """
                {"resourceType": "ValueSet", "url": "http://taper-cds.org/fhir/ValueSet/all", "status": "active",
                 "compose": {"include": [{"valueSet": ["http://taper-cds.org/fhir/ValueSet/missing"]}]}}
                """);

        assertThatThrownBy(() -> load(dir))
                .isInstanceOf(TerminologyException.class)
                .hasMessageContaining("ValueSet/missing");
    }

    @Test
    void refusesAnExcludeItCannotApply(@TempDir Path dir) throws IOException {
        write(dir, "aud.json", ALCOHOL_DISORDERS);
        write(
                dir,
                "all.json",
                """
                {"resourceType": "ValueSet", "url": "http://taper-cds.org/fhir/ValueSet/all", "status": "active",
                 "compose": {"include": [{"system": "http://snomed.info/sct", "concept": [{"code": "111"}]}],
                             "exclude": [{"valueSet": ["http://taper-cds.org/fhir/ValueSet/aud"]}]}}
                """);

        assertThatThrownBy(() -> load(dir))
                .isInstanceOf(TerminologyException.class)
                .hasMessageContaining("ValueSet/all")
                .hasMessageContaining("exclude");
    }

    @Test
    void refusesAnExcludeOfAWholeSystem(@TempDir Path dir) throws IOException {
        write(
                dir,
                "all.json",
                """
                {"resourceType": "ValueSet", "url": "http://taper-cds.org/fhir/ValueSet/all", "status": "active",
                 "compose": {"include": [{"system": "http://snomed.info/sct", "concept": [{"code": "111"}]}],
                             "exclude": [{"system": "http://snomed.info/sct"}]}}
                """);

        assertThatThrownBy(() -> load(dir))
                .isInstanceOf(TerminologyException.class)
                .hasMessageContaining("exclude");
    }

    @Test
    void refusesAFileHapiCannotParseNamingIt(@TempDir Path dir) throws IOException {
        write(dir, "broken.json", "{\"resourceType\": \"ValueSet\", \"status\": 7}");

        assertThatThrownBy(() -> load(dir))
                .isInstanceOf(TerminologyException.class)
                .hasMessageContaining("broken.json");
    }

    @Test
    void refusesFiltersOtherThanCodeRegex(@TempDir Path dir) throws IOException {
        write(
                dir,
                "isa.json",
                """
                {"resourceType": "ValueSet", "url": "http://taper-cds.org/fhir/ValueSet/isa", "status": "active",
                 "compose": {"include": [{"system": "http://snomed.info/sct",
                   "filter": [{"property": "concept", "op": "is-a", "value": "66590003"}]}]}}
                """);

        assertThatThrownBy(() -> load(dir))
                .isInstanceOf(TerminologyException.class)
                .hasMessageContaining("regex");
    }
}
