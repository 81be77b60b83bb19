package org.tapercds.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
