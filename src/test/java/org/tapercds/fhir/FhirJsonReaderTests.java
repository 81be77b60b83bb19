package org.tapercds.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;
import org.tapercds.system.ApiException;
import org.tapercds.system.ErrorCode;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class FhirJsonReaderTests {

    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final FhirJsonReader reader = new FhirJsonReader(FHIR);

    private static JsonNode json(String text) {
        return JSON.readTree(text.replace('\'', '"'));
    }

    /** The Bundle, read as {@code prefetch.x}, is refused as invalid FHIR naming {@code expression}. */
    private void assertRefusedAt(JsonNode bundle, String expression) {
        ApiException error = rejection(() -> reader.parseBundleEntries(bundle, "prefetch.x"));
        assertThat(error.code()).isEqualTo(ErrorCode.INVALID_FHIR_RESOURCE);
        assertThat(error.details().get(0).expression()).isEqualTo(expression);
    }

    private static ApiException rejection(Runnable parse) {
        try {
            parse.run();
        } catch (ApiException e) {
            return e;
        }
        throw new AssertionError("expected an ApiException");
    }

    @Test
    void returnsTheResourcesOfABundleInOrder() {
        JsonNode bundle = json("{'resourceType':'Bundle','type':'searchset','entry':["
                + "{'resource':{'resourceType':'MedicationRequest','id':'a','status':'active','intent':'order'}},"
                + "{'search':{'mode':'include'},'resource':{'resourceType':'Medication','id':'m'}},"
                + "{'fullUrl':'urn:uuid:00000000-0000-4000-8000-000000000009'}]}");

        java.util.List<IBaseResource> resources = reader.parseBundleEntries(bundle, "prefetch.medications");

        assertThat(resources).hasSize(2);
        assertThat(resources.get(0)).isInstanceOf(MedicationRequest.class);
        assertThat(resources.get(1)).isInstanceOf(Medication.class);
    }

    @Test
    void namesTheFirstFailingEntryOfABundle() {
        JsonNode bundle = json("{'resourceType':'Bundle','type':'searchset','entry':["
                + "{'resource':{'resourceType':'Patient','id':'a'}},"
                + "{'resource':{'resourceType':'Patient','id':'b'}},"
                + "{'resource':{'resourceType':'Patient','id':'c','birthDate':'1965-13-45'}}]}");

        assertRefusedAt(bundle, "prefetch.x.entry[2]");
    }

    @Test
    void keepsEveryEntryInOrderAndGivesEachResourceItsEntrysFullUrlAsHapiDoes() {
        JsonNode bundle = json(
                "{'resourceType':'Bundle','type':'searchset','total':3,"
                        + "'link':[{'relation':'self','url':'https://ehr.example/fhir/MedicationRequest?patient=1'}],'entry':["
                        + "{},"
                        + "{'fullUrl':'https://ehr.example/fhir/MedicationRequest/x1','search':{'mode':'match'},"
                        + "'resource':{'resourceType':'MedicationRequest','id':'a','meta':{'versionId':'4'},"
                        + "'status':'active','intent':'order'}},"
                        + "{'resource':{'resourceType':'MedicationRequest','id':'b','status':'active','intent':'order',"
                        + "'contained':[{'resourceType':'Medication','id':'med'}],'medicationReference':{'reference':'#med'}}}]}");

        java.util.List<IBaseResource> resources = reader.parseBundleEntries(bundle, "prefetch.medications");

        assertThat(resources).hasSize(2);
        assertThat(resources.get(0).getIdElement().getIdPart()).isEqualTo("x1");
        assertThat(resources.get(0).getIdElement().getVersionIdPart()).isEqualTo("4");
        assertThat(resources.get(1).getIdElement().getIdPart()).isEqualTo("b");
        MedicationRequest withContained = (MedicationRequest) resources.get(1);
        assertThat(withContained.getMedicationReference().getResource())
                .as("a contained resource is still linked to its reference")
                .isInstanceOf(Medication.class);
    }

    @Test
    void checksTheBundlesOwnElementsAndNamesTheEntryThatFails() {
        JsonNode bundle = json("{'resourceType':'Bundle','type':'searchset','entry':["
                + "{'resource':{'resourceType':'Patient','id':'a'}},"
                + "{'search':{'mode':'sideways'},'resource':{'resourceType':'Patient','id':'b'}}]}");

        assertRefusedAt(bundle, "prefetch.x.entry[1]");
    }

    @Test
    void checksTheBundlesOwnTopLevelElements() {
        JsonNode bundle = json("{'resourceType':'Bundle','type':'searchset','total':'many','entry':["
                + "{'resource':{'resourceType':'Patient','id':'a'}}]}");

        assertRefusedAt(bundle, "prefetch.x");
    }

    @Test
    void refusesAnEntryWhoseResourceIsNull() {
        JsonNode bundle = json("{'resourceType':'Bundle','type':'searchset','entry':[{'resource':null}]}");

        assertRefusedAt(bundle, "prefetch.x.entry[0].resource");
    }

    @Test
    void readsABundleWhoseEntryIsNullAsOneWithoutEntries() {
        JsonNode bundle = json("{'resourceType':'Bundle','type':'searchset','entry':null}");

        assertThat(reader.parseBundleEntries(bundle, "prefetch.x")).isEmpty();
    }

    @Test
    void refusesAnUnderscoreEntry() {
        JsonNode bundle = json("{'resourceType':'Bundle','type':'searchset','_entry':{'id':'x'}}");

        assertRefusedAt(bundle, "prefetch.x._entry");
    }

    @Test
    void keepsAnEmptyResourceForTheRulesToJudge() {
        JsonNode bundle = json("{'resourceType':'Bundle','type':'searchset','entry':["
                + "{'resource':{'resourceType':'MedicationRequest'}}]}");

        assertThat(reader.parseBundleEntries(bundle, "prefetch.medications"))
                .singleElement()
                .isInstanceOf(MedicationRequest.class);
    }

    @Test
    void readsPrimitiveExtensionsWithAndWithoutAValue() {
        JsonNode patient = json("{'resourceType':'Patient','birthDate':'1965-03-04',"
                + "'_birthDate':{'extension':[{'url':'http://example.org/time','valueString':'morning'}]},"
                + "'_gender':{'extension':[{'url':'http://hl7.org/fhir/StructureDefinition/data-absent-reason',"
                + "'valueCode':'asked-declined'}]}}");

        Patient parsed = (Patient) reader.parse(patient, "prefetch.patient");

        assertThat(parsed.getBirthDateElement().getValueAsString()).isEqualTo("1965-03-04");
        assertThat(parsed.getBirthDateElement().getExtension()).hasSize(1);
        assertThat(parsed.getGenderElement().getValue()).isNull();
        assertThat(parsed.getGenderElement().getExtension()).hasSize(1);
    }

    @Test
    void refusesAPrimitiveExtensionOfTheWrongJsonType() {
        JsonNode patient = json("{'resourceType':'Patient','active':true,'_active':5}");

        assertThat(rejection(() -> reader.parse(patient, "prefetch.patient")).code())
                .isEqualTo(ErrorCode.INVALID_FHIR_RESOURCE);
    }

    @Test
    void neverQuotesTheOffendingValue() {
        JsonNode patient = json("{'resourceType':'Patient','birthDate':'Jane-Doe-1965'}");

        ApiException error = rejection(() -> reader.parse(patient, "prefetch.patient"));

        assertThat(error.getMessage()).startsWith("prefetch.patient").doesNotContain("Jane");
    }

    @Test
    void rejectsAValueOfTheWrongJsonType() {
        JsonNode patient = json("{'resourceType':'Patient','active':'yes'}");

        assertThat(rejection(() -> reader.parse(patient, "prefetch.patient")).code())
                .isEqualTo(ErrorCode.INVALID_FHIR_RESOURCE);
    }

    @Test
    void toleratesUnknownElementsAndMissingRequiredOnes() {
        JsonNode request = json("{'resourceType':'MedicationRequest','id':'x','futureElement':{'a':1},"
                + "'extension':[{'url':'http://example.org/x','valueString':'y'}]}");

        assertThat(reader.parse(request, "context.draftOrders.entry[0]")).isInstanceOf(MedicationRequest.class);
    }

    @Test
    void rejectsAValueThatIsNotAResource() {
        assertThatThrownBy(() -> reader.parse(json("[1]"), "prefetch.patient")).isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> reader.parse(json("{'id':'x'}"), "prefetch.patient"))
                .isInstanceOf(ApiException.class)
                .hasMessageContaining("resourceType");
    }

    @Test
    void parsesAPatient() {
        assertThat(reader.parse(json("{'resourceType':'Patient','id':'p'}"), "prefetch.patient"))
                .isInstanceOf(Patient.class);
    }

    @Test
    void refusesABundleEntryWhoseResourceIsNotAnObjectInsteadOfFailingInHapi() {
        // HAPI threw a NullPointerException for these (a 500 before the entries were checked).
        for (String resource : new String[] {"42", "'x'", "[1]", "{}"}) {
            JsonNode bundle = json("{'resourceType':'Bundle','type':'searchset','entry':["
                    + "{'resource':{'resourceType':'Patient','id':'a'}},{'resource':" + resource + "}]}");

            ApiException error = rejection(() -> reader.parseBundleEntries(bundle, "prefetch.medications"));

            assertThat(error.code()).isEqualTo(ErrorCode.INVALID_FHIR_RESOURCE);
            assertThat(error.details().get(0).expression()).isEqualTo("prefetch.medications.entry[1].resource");
        }
    }

    @Test
    void refusesBundleEntriesThatAreNotObjects() {
        JsonNode bundle = json("{'resourceType':'Bundle','type':'searchset','entry':['x']}");

        ApiException error = rejection(() -> reader.parseBundleEntries(bundle, "context.draftOrders"));

        assertThat(error.details().get(0).expression()).isEqualTo("context.draftOrders.entry[0]");
    }

    @org.junit.jupiter.api.Test
    void beyondTheLimitTheMostRecentEntriesAreReadAndTheRestCounted() {
        FhirJsonReader limited = new FhirJsonReader(FHIR, 3);
        StringBuilder entries = new StringBuilder();
        // Dated out of order, one undated (counts as the oldest), one dated by its bounds only.
        String[] dates = {"2026-01-05", "2025-12-31", null, "2026-03-01", "2024-07-01"};
        for (int i = 0; i < dates.length; i++) {
            entries.append(i == 0 ? "" : ",")
                    .append("{'resource': {'resourceType': 'MedicationRequest', 'id': 'rx-")
                    .append(i)
                    .append("', 'status': 'active', 'intent': 'order'")
                    .append(dates[i] == null ? "" : ", 'authoredOn': '" + dates[i] + "'")
                    .append("}}");
        }
        entries.append(",{'resource': {'resourceType': 'MedicationRequest', 'id': 'rx-bounds', 'status': 'active',"
                + " 'intent': 'order', 'dosageInstruction': [{'timing': {'repeat': {'boundsPeriod':"
                + " {'start': '2026-02-01'}}}}]}}");
        JsonNode bundle = json("{'resourceType': 'Bundle', 'type': 'searchset', 'entry': [" + entries + "]}");

        FhirJsonReader.BundleEntries read = limited.parseBundle(bundle, "prefetch.medications");

        assertThat(read.resources())
                .extracting(r -> r.getIdElement().getIdPart())
                .containsExactly("rx-0", "rx-3", "rx-bounds");
        assertThat(read.leftOut()).isEqualTo(3);
        // Draft orders are never cut: a Bundle of more than the limit is refused.
        ApiException error = rejection(() -> limited.parseBundleEntries(bundle, "context.draftOrders"));
        assertThat(error.details().get(0).expression()).isEqualTo("context.draftOrders.entry");
    }
}
