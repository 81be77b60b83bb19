package org.tapercds.fhir;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Reads the {@code prefetch} object: for each key, absent / null / {@code OperationOutcome} /
 * data (CDS Hooks 2.0 semantics, see {@link PrefetchData}). A key's data is a Bundle (its entries)
 * or a single resource; the resource types a key may hold are checked here. A Bundle's {@code next}
 * link is kept: the key is incomplete until the fallback has fetched the other pages.
 */
@Component
class PrefetchReader {

    private final FhirJsonReader fhir;

    PrefetchReader(FhirJsonReader fhir) {
        this.fhir = fhir;
    }

    /** @param prefetch the {@code prefetch} object, or null when the request has none */
    Map<PrefetchKey, PrefetchData> read(JsonNode prefetch) {
        Map<PrefetchKey, PrefetchData> result = new EnumMap<>(PrefetchKey.class);
        for (PrefetchKey key : PrefetchKey.values()) {
            result.put(key, readKey(prefetch, key));
        }
        return result;
    }

    private PrefetchData readKey(JsonNode prefetch, PrefetchKey key) {
        if (prefetch == null || !prefetch.has(key.key())) {
            return PrefetchData.ABSENT;
        }
        JsonNode value = prefetch.get(key.key());
        if (value.isNull()) {
            return PrefetchData.EMPTY;
        }
        String path = key.path();
        String type = FhirJsonReader.resourceType(value, path);
        if (type.equals("OperationOutcome")) {
            return PrefetchData.FAILED;
        }
        if (key == PrefetchKey.PATIENT) {
            IBaseResource patient = fhir.parse(value, path);
            if (!(patient instanceof Patient)) {
                throw FhirJsonReader.invalid(path, path + " must be a Patient resource");
            }
            return PrefetchData.present(List.of(patient));
        }
        if (type.equals("Bundle")) {
            FhirJsonReader.BundleEntries bundle = fhir.parseBundle(value, path);
            return PrefetchData.present(bundle.resources(), bundle.nextPage(), bundle.leftOut());
        }
        IBaseResource single = fhir.parse(value, path);
        if (!expectedTypeFor(key).isInstance(single)) {
            throw FhirJsonReader.invalid(
                    path,
                    path + " must be a Bundle or a " + expectedTypeFor(key).getSimpleName() + " resource");
        }
        return PrefetchData.present(List.of(single));
    }

    private static Class<? extends IBaseResource> expectedTypeFor(PrefetchKey key) {
        return switch (key) {
            case PATIENT -> Patient.class;
            case MEDICATIONS -> MedicationRequest.class;
            case OBSERVATIONS -> Observation.class;
            case CONDITIONS -> Condition.class;
        };
    }

    /** Resources of one type from a key's data; other types (e.g. search outcome entries) are skipped. */
    static <T extends IBaseResource> List<T> ofType(PrefetchData data, Class<T> type) {
        return data.resources().stream()
                .filter(type::isInstance)
                .map(type::cast)
                .toList();
    }

    /** {@code Medication} resources included with the medication requests ({@code _include}). */
    static List<Medication> medications(PrefetchData data) {
        return ofType(data, Medication.class);
    }
}
