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
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Parses FHIR JSON embedded in a CDS Hooks request with HAPI (the envelope was read as a JSON
 * tree; HAPI's parser reads each embedded resource from that tree, see {@link TreeJsonStructure}).
 * Errors name the request path and, for a Bundle, the failing entry: {@code
 * prefetch.medications.entry[3]}.
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
     * object with a resourceType; not {@code null}), at every level of nesting; HAPI does not check
     * this itself.
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
            if (resource != null) {
                String resourcePath = entryPath + ".resource";
                if ("Bundle".equals(resourceType(resource, resourcePath))) {
                    checkEntries(resource, resourcePath);
                }
            }
        }
    }

    /**
     * The resources of a Bundle's entries, in order (entries without a resource are skipped). The
     * Bundle's own elements (type, total, links, each entry's fullUrl, search, request, response)
     * are parsed first, as a Bundle whose entries have no resource; then each entry's resource on its
     * own, so an error names its entry: {@code prefetch.medications.entry[3]}. A resource takes its
     * entry's fullUrl as its id, as HAPI does when it parses a whole Bundle.
     *
     * <p>Not the whole Bundle in one parse: HAPI then also links every reference in every entry to
     * the entry it points to (by fullUrl and id), work nothing here reads, and which took a tenth of
     * the parse of a large request.
     */
    List<IBaseResource> parseBundleEntries(JsonNode value, String path) {
        if (!"Bundle".equals(resourceType(value, path))) {
            parse(value, path);
            throw invalid(path, path + " must be a Bundle");
        }
        checkEntries(value, path);
        Bundle shell = parseShell(value, path);
        JsonNode entries = value.get("entry");
        int count = entries == null || entries.isNull() ? 0 : entries.size();
        if (shell.getEntry().size() != count) {
            throw new IllegalStateException("HAPI read " + shell.getEntry().size() + " of " + count + " entries");
        }
        List<IBaseResource> resources = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            JsonNode resource = entries.get(i).get("resource");
            if (resource == null) {
                continue;
            }
            IBaseResource parsed = parse(resource, JsonFields.index(path + ".entry", i));
            String fullUrl = shell.getEntry().get(i).getFullUrl();
            if (fullUrl != null && !fullUrl.isBlank()) {
                String versionId = parsed.getIdElement().getVersionIdPart();
                parsed.setId(fullUrl);
                if (versionId != null
                        && !versionId.isBlank()
                        && !parsed.getIdElement().hasVersionIdPart()) {
                    parsed.setId(parsed.getIdElement().withVersion(versionId));
                }
            }
            resources.add(parsed);
        }
        return resources;
    }

    /** The Bundle without its entries' resources; when it fails, its entries one by one name the first failing one. */
    private Bundle parseShell(JsonNode bundle, String path) {
        try {
            return (Bundle) parse(withoutEntryResources(bundle), path);
        } catch (ApiException bundleError) {
            throw locateFailingEntry(withoutEntryResources(bundle), path).orElse(bundleError);
        }
    }

    /** A view of the Bundle sharing its nodes, its entries without {@code resource}. */
    private static JsonNode withoutEntryResources(JsonNode bundle) {
        JsonNode entries = bundle.get("entry");
        if (entries == null || !entries.isArray()) {
            return bundle;
        }
        ObjectNode shell = JsonNodeFactory.instance.objectNode();
        bundle.properties().forEach(property -> shell.set(property.getKey(), property.getValue()));
        ArrayNode shellEntries = shell.putArray("entry");
        for (JsonNode entry : entries) {
            ObjectNode shellEntry = shellEntries.addObject();
            entry.properties().forEach(property -> {
                if (!property.getKey().equals("resource")) {
                    shellEntry.set(property.getKey(), property.getValue());
                }
            });
        }
        return shell;
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
