package org.tapercds.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IJsonLikeParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.springframework.stereotype.Component;
import org.tapercds.system.ApiException;
import org.tapercds.system.ErrorCode;
import org.tapercds.system.JsonFields;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Parses FHIR JSON embedded in a CDS Hooks request with HAPI (the envelope was read as a JSON
 * tree; HAPI's parser reads each embedded resource from that tree, see {@link TreeJsonStructure}). Errors name the request path
 * and, for a Bundle, the failing entry: {@code prefetch.medications.entry[3]}.
 */
@Component
class FhirJsonReader {

    private final FhirContext fhirContext;

    FhirJsonReader(FhirContext fhirContext) {
        this.fhirContext = fhirContext;
    }

    /** The value's {@code resourceType}, after checking it is a JSON object with one. */
    static String resourceType(JsonNode value, String path) {
        if (!value.isObject()) {
            throw invalid(path, path + " must be a FHIR resource (a JSON object)");
        }
        JsonNode type = value.get("resourceType");
        if (type == null || !type.isString() || type.stringValue().isBlank()) {
            throw invalid(path, path + " has no resourceType");
        }
        return type.stringValue();
    }

    IBaseResource parse(JsonNode value, String path) {
        if ("Bundle".equals(resourceType(value, path))) {
            checkEntries(value, path);
        }
        try {
            return parser().parseResource(new TreeJsonStructure(value));
        } catch (EdgeParserErrorHandler.StructureError e) {
            throw invalid(path, path + " is not valid FHIR R4: " + e.getMessage());
        } catch (RuntimeException e) {
            // DataFormatException, and HAPI's own failures on shapes it does not expect (it threw a
            // NullPointerException for an entry whose resource was not an object): the input is at
            // fault, not the service. HAPI's messages can quote the content: do not pass them on.
            throw invalid(path, path + " is not a FHIR R4 resource HAPI can parse");
        }
    }

    /**
     * A Bundle's entries must be objects whose {@code resource}, when present, is a resource (an
     * object with a resourceType), at every level of nesting; HAPI does not check this itself.
     */
    private static void checkEntries(JsonNode bundle, String path) {
        JsonNode entries = bundle.get("entry");
        if (entries == null || entries.isNull()) {
            return;
        }
        if (!entries.isArray()) {
            throw invalid(path + ".entry", path + ".entry must be an array");
        }
        for (int i = 0; i < entries.size(); i++) {
            String entryPath = JsonFields.index(path + ".entry", i);
            JsonNode entry = entries.get(i);
            if (!entry.isObject()) {
                throw invalid(entryPath, entryPath + " must be a JSON object");
            }
            JsonNode resource = entry.get("resource");
            if (resource != null && !resource.isNull()) {
                String resourcePath = entryPath + ".resource";
                if ("Bundle".equals(resourceType(resource, resourcePath))) {
                    checkEntries(resource, resourcePath);
                }
            }
        }
    }

    /**
     * Parses a Bundle as a whole; when that fails, parses its entries one by one to name the first
     * failing one.
     *
     * @return the resources of the entries, in order (entries without a resource are skipped)
     */
    List<IBaseResource> parseBundleEntries(JsonNode value, String path) {
        if ("Bundle".equals(resourceType(value, path))) {
            checkEntries(value, path);
        }
        IBaseResource parsed;
        try {
            parsed = parse(value, path);
        } catch (ApiException bundleError) {
            throw locateFailingEntry(value, path).orElse(bundleError);
        }
        if (!(parsed instanceof Bundle bundle)) {
            throw invalid(path, path + " must be a Bundle");
        }
        List<IBaseResource> resources = new ArrayList<>(bundle.getEntry().size());
        for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
            if (entry.hasResource()) {
                resources.add(entry.getResource());
            }
        }
        return resources;
    }

    private Optional<ApiException> locateFailingEntry(JsonNode bundle, String path) {
        JsonNode entries = bundle.get("entry");
        if (entries == null || !entries.isArray()) {
            return Optional.empty();
        }
        for (int i = 0; i < entries.size(); i++) {
            String entryPath = JsonFields.index(path + ".entry", i);
            ObjectNode single = JsonNodeFactory.instance.objectNode();
            single.put("resourceType", "Bundle");
            single.putArray("entry").add(entries.get(i));
            try {
                parse(single, entryPath);
            } catch (ApiException entryError) {
                return Optional.of(entryError);
            }
        }
        return Optional.empty();
    }

    private IJsonLikeParser parser() {
        IJsonLikeParser parser = (IJsonLikeParser) fhirContext.newJsonParser();
        parser.setParserErrorHandler(new EdgeParserErrorHandler());
        return parser;
    }

    static ApiException invalid(String path, String message) {
        return new ApiException(ErrorCode.INVALID_FHIR_RESOURCE, message, path);
    }
}
