package org.tapercds.fhir;

import static org.tapercds.system.JsonFields.expectString;
import static org.tapercds.system.JsonFields.index;
import static org.tapercds.system.JsonFields.optionalObject;
import static org.tapercds.system.JsonFields.optionalString;
import static org.tapercds.system.JsonFields.requireArray;
import static org.tapercds.system.JsonFields.requireObject;
import static org.tapercds.system.JsonFields.requireString;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.springframework.stereotype.Component;
import org.tapercds.facts.Hook;
import org.tapercds.system.ApiException;
import org.tapercds.system.ErrorCode;
import tools.jackson.databind.JsonNode;

/**
 * Turns the JSON of a CDS Hooks call into a validated {@link HookRequest}: the envelope and
 * context are checked field by field (errors name the field path), the embedded FHIR is parsed by
 * HAPI, and missing prefetch data is offered to the {@link PrefetchFallback} before the call is
 * refused with 412 ({@link PrefetchCompletion}).
 */
@Component
public class HookRequestReader {

    /** FHIR id: {@code [A-Za-z0-9\-\.]{1,64}}. */
    private static final Pattern FHIR_ID = Pattern.compile("[A-Za-z0-9\\-.]{1,64}");

    private static final Pattern RELATIVE_REFERENCE = Pattern.compile("[A-Z][A-Za-z]{1,63}/[A-Za-z0-9\\-.]{1,64}");

    private final FhirJsonReader fhir;
    private final PrefetchReader prefetchReader;
    private final PrefetchCompletion completion;

    HookRequestReader(FhirJsonReader fhir, PrefetchReader prefetchReader, PrefetchCompletion completion) {
        this.fhir = fhir;
        this.prefetchReader = prefetchReader;
        this.completion = completion;
    }

    /**
     * @param serviceId the service called (already known to exist)
     * @param hook the service's hook
     * @param body the request body as a JSON tree
     */
    public HookRequest read(String serviceId, Hook hook, JsonNode body) {
        if (!body.isObject()) {
            throw new ApiException(ErrorCode.INVALID_JSON, "The request body must be a JSON object", null);
        }
        String hookName = requireString(body, "hook", "");
        if (!hookName.equals(hook.wireName())) {
            throw new ApiException(
                    ErrorCode.HOOK_MISMATCH, "hook must be '" + hook.wireName() + "' for service " + serviceId, "hook");
        }
        String hookInstance = requireString(body, "hookInstance", "");
        Optional<FhirServerAccess> server = fhirServer(body);

        JsonNode context = requireObject(body, "context", "");
        String patientId = patientId(requireString(context, "patientId", "context"));
        String userId = optionalString(context, "userId", "context").orElse(null);
        String encounterId = optionalString(context, "encounterId", "context").orElse(null);

        List<IBaseResource> draftResources = List.of();
        List<String> selections = List.of();
        if (hook.reviewsDrafts()) {
            JsonNode draftOrders = requireObject(context, "draftOrders", "context");
            if (!"Bundle".equals(FhirJsonReader.resourceType(draftOrders, "context.draftOrders"))) {
                throw ApiException.invalid("context.draftOrders", "must be a FHIR Bundle");
            }
            draftResources = fhir.parseBundleEntries(draftOrders, "context.draftOrders");
        }
        if (hook == Hook.ORDER_SELECT) {
            selections = selections(requireArray(context, "selections", "context"));
            requireSelectedDrafts(selections, draftResources);
        }

        JsonNode prefetch = optionalObject(body, "prefetch", "").orElse(null);
        Map<PrefetchKey, PrefetchData> data = completion.complete(prefetchReader.read(prefetch), patientId, server);

        PrefetchData medications = data.get(PrefetchKey.MEDICATIONS);
        List<Medication> medicationResources = new ArrayList<>(PrefetchReader.medications(medications));
        medicationResources.addAll(draftResources.stream()
                .filter(Medication.class::isInstance)
                .map(Medication.class::cast)
                .toList());

        HookRequest request = new HookRequest(
                serviceId,
                hook,
                hookInstance,
                patientId,
                userId,
                encounterId,
                draftResources.stream()
                        .filter(MedicationRequest.class::isInstance)
                        .map(MedicationRequest.class::cast)
                        .toList(),
                selections,
                PrefetchReader.ofType(data.get(PrefetchKey.PATIENT), Patient.class).stream()
                        .findFirst()
                        .orElse(null),
                PrefetchReader.ofType(medications, MedicationRequest.class),
                medicationResources,
                PrefetchReader.ofType(data.get(PrefetchKey.OBSERVATIONS), Observation.class),
                PrefetchReader.ofType(data.get(PrefetchKey.CONDITIONS), Condition.class),
                leftOut(data));
        PatientConsistency.check(request);
        return request;
    }

    /** The keys whose entries were not all read (over the per-key limit), with how many were left out. */
    private static Map<PrefetchKey, Integer> leftOut(Map<PrefetchKey, PrefetchData> data) {
        Map<PrefetchKey, Integer> leftOut = new EnumMap<>(PrefetchKey.class);
        data.forEach((key, value) -> {
            if (value.leftOut() > 0) {
                leftOut.put(key, value.leftOut());
            }
        });
        return leftOut;
    }

    /** {@code 123} and {@code Patient/123} both mean patient {@code 123}. */
    static String patientId(String raw) {
        String id = raw.startsWith("Patient/") ? raw.substring("Patient/".length()) : raw;
        if (!FHIR_ID.matcher(id).matches()) {
            throw ApiException.invalid("context.patientId", "must be a FHIR id or a Patient/<id> reference");
        }
        return id;
    }

    private static List<String> selections(JsonNode array) {
        if (array.isEmpty()) {
            throw ApiException.invalid("context.selections", "must name at least one selected order");
        }
        List<String> selections = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            String path = index("context.selections", i);
            String reference = expectString(array.get(i), path);
            if (!RELATIVE_REFERENCE.matcher(reference).matches()) {
                throw ApiException.invalid(path, "must be a reference like MedicationRequest/<id>");
            }
            selections.add(reference);
        }
        return selections;
    }

    /** Each selection must name an order of {@code context.draftOrders}: a dangling one would check nothing. */
    private static void requireSelectedDrafts(List<String> selections, List<IBaseResource> drafts) {
        Set<String> present = new HashSet<>();
        for (IBaseResource draft : drafts) {
            present.add(draft.fhirType() + "/" + draft.getIdElement().getIdPart());
        }
        for (int i = 0; i < selections.size(); i++) {
            if (!present.contains(selections.get(i))) {
                throw ApiException.invalid(index("context.selections", i), "names no order in context.draftOrders");
            }
        }
    }

    private static Optional<FhirServerAccess> fhirServer(JsonNode body) {
        Optional<String> url = optionalString(body, "fhirServer", "");
        // fhirAuthorization is checked for shape only; its token is kept out of every message and log.
        Optional<JsonNode> authorization = optionalObject(body, "fhirAuthorization", "");
        Optional<String> token = authorization.flatMap(a -> optionalString(a, "access_token", "fhirAuthorization"));
        if (url.isEmpty()) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(url.get());
            if (!uri.isAbsolute() || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
                throw ApiException.invalid("fhirServer", "must be an absolute http(s) URL");
            }
            return Optional.of(new FhirServerAccess(uri, token));
        } catch (URISyntaxException e) {
            throw ApiException.invalid("fhirServer", "must be an absolute http(s) URL");
        }
    }
}
