package org.tapercds.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IJsonLikeParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
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

    /** Without a setting: the default of {@code taper.limits.max-entries-per-key}. */
    static final int MAX_ENTRIES_PER_KEY = 1000;

    private final FhirContext fhirContext;
    private final int maxEntries;

    FhirJsonReader(FhirContext fhirContext) {
        this(fhirContext, MAX_ENTRIES_PER_KEY);
    }

    /**
     * @param maxEntries the most entries of one prefetch Bundle that are read: beyond it, the most
     *     recent are kept ({@link RecentEntries}), so one call's work stays bounded
     */
    @Autowired
    FhirJsonReader(
            FhirContext fhirContext,
            @Value("${taper.limits.max-entries-per-key:" + MAX_ENTRIES_PER_KEY + "}") int maxEntries) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("taper.limits.max-entries-per-key must be at least 1");
        }
        this.fhirContext = fhirContext;
        this.maxEntries = maxEntries;
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
        return parseChecked(value, path);
    }

    /** HAPI's parse of a value whose shape {@link #parse} checked. */
    private IBaseResource parseChecked(JsonNode value, String path) {
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
     * object with a resourceType; not {@code null}), at every level of nesting, and there is no
     * {@code _entry}; HAPI does not check this itself.
     */
    private static void checkEntries(JsonNode bundle, String path) {
        if (bundle.has("_entry")) {
            // FHIR JSON has '_name' only for primitive elements; HAPI would read it as one more entry.
            throw invalid(path + "._entry", path + "._entry is not allowed: entry is not a primitive element");
        }
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
     * The resources of a Bundle's entries, in order (entries without a resource are skipped; an
     * empty resource is kept, for the rules to judge). The Bundle's own elements (type, total,
     * links, each entry's fullUrl, search, request, response) are parsed first, as a Bundle whose
     * entries have no resource; then each entry's resource on its own, so an error names its entry:
     * {@code prefetch.medications.entry[3]}. A resource takes its entry's fullUrl as its id, as HAPI
     * does when it parses a whole Bundle (HAPI's other id rule, a {@code urn:} request.url for a
     * resource without id or fullUrl, is for transactions and is not applied).
     *
     * <p>Not the whole Bundle in one parse: HAPI then also links every reference in every entry to
     * the entry it points to (by fullUrl and id), which nothing here reads; that took 7 % of the
     * parse of the large benchmark request, and the one-by-one parse allocates 5 % less.
     *
     * @param value a Bundle (the callers checked its resourceType)
     */
    List<IBaseResource> parseBundleEntries(JsonNode value, String path) {
        BundleEntries bundle = parseBundle(value, path);
        if (bundle.leftOut() > 0) {
            // Never a part of what is being signed: the draft orders are read whole or refused.
            throw invalid(path + ".entry", path + " has more than " + maxEntries + " entries");
        }
        return bundle.resources();
    }

    /**
     * A Bundle's entry resources ({@link #parseBundleEntries}) and the URL of its {@code next}
     * page, when its {@code link} has one (a searchset with more pages).
     */
    /**
     * @param leftOut entries not read (beyond the limit, the oldest)
     */
    record BundleEntries(List<IBaseResource> resources, Optional<String> nextPage, int leftOut) {}

    /** As {@link #parseBundleEntries}, keeping the Bundle's {@code next} link. */
    BundleEntries parseBundle(JsonNode value, String path) {
        checkEntries(value, path);
        JsonNode shell = withoutEntryResources(value);
        Bundle parsedShell;
        try {
            parsedShell = (Bundle) parseChecked(shell, path);
        } catch (ApiException bundleError) {
            throw locateFailingEntry(shell, path).orElse(bundleError);
        }
        JsonNode entries = value.get("entry");
        int count = entries == null || entries.isNull() ? 0 : entries.size();
        if (parsedShell.getEntry().size() != count) {
            throw invalid(path + ".entry", path + ".entry cannot be read entry by entry");
        }
        boolean[] read = recentEntries(entries, count, maxEntries);
        // Entries the body reader already left out (JsonBodyParser), and those left out here.
        int leftOut = value.path(RecentEntries.LEFT_OUT).asInt(0);
        List<IBaseResource> resources = new ArrayList<>(Math.min(count, maxEntries));
        for (int i = 0; i < count; i++) {
            if (!read[i]) {
                leftOut++;
                continue;
            }
            JsonNode resource = entries.get(i).get("resource");
            if (resource != null) {
                String entryPath = JsonFields.index(path + ".entry", i);
                IBaseResource parsed = parse(resource, entryPath);
                identify(parsed, parsedShell.getEntry().get(i).getFullUrl(), entryPath);
                resources.add(parsed);
            }
        }
        Bundle.BundleLinkComponent next = parsedShell.getLink(Bundle.LINK_NEXT);
        Optional<String> nextPage =
                next == null || next.getUrl() == null || next.getUrl().isBlank()
                        ? Optional.empty()
                        : Optional.of(next.getUrl());
        return new BundleEntries(resources, nextPage, leftOut);
    }

    /**
     * Which entries to read: all of them up to {@code limit}; beyond it, the {@code limit} most
     * recent ({@link RecentEntries}). Chosen on the JSON, before parsing, so a call with ten thousand
     * orders costs no more than one with {@code limit}.
     */
    static boolean[] recentEntries(JsonNode entries, int count, int limit) {
        boolean[] read = new boolean[count];
        if (count <= limit) {
            java.util.Arrays.fill(read, true);
            return read;
        }
        RecentEntries.Collector collector = new RecentEntries.Collector(limit);
        for (int i = 0; i < count; i++) {
            collector.add(entries.get(i));
        }
        java.util.Set<JsonNode> kept = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        collector.entries().forEach(kept::add);
        for (int i = 0; i < count; i++) {
            read[i] = kept.contains(entries.get(i));
        }
        return read;
    }

    /** The entry's fullUrl as the resource's id, keeping the resource's version (HAPI's rule). */
    private static void identify(IBaseResource resource, String fullUrl, String entryPath) {
        if (fullUrl == null || fullUrl.isBlank()) {
            return;
        }
        try {
            String versionId = resource.getIdElement().getVersionIdPart();
            resource.setId(fullUrl);
            if (versionId != null
                    && !versionId.isBlank()
                    && !resource.getIdElement().hasVersionIdPart()) {
                resource.setId(resource.getIdElement().withVersion(versionId));
            }
        } catch (RuntimeException e) {
            throw invalid(entryPath + ".fullUrl", entryPath + ".fullUrl cannot be a resource id");
        }
    }

    /**
     * The Bundle with its entries' {@code resource} left out, sharing the other nodes (HAPI only
     * reads them). {@code "entry": null} is left out too: HAPI would read it as one empty entry.
     */
    private static JsonNode withoutEntryResources(JsonNode bundle) {
        JsonNode entries = bundle.get("entry");
        ObjectNode shell = JsonNodeFactory.instance.objectNode();
        bundle.properties().forEach(property -> {
            if (!property.getKey().equals("entry") && !property.getKey().equals(RecentEntries.LEFT_OUT)) {
                shell.set(property.getKey(), property.getValue());
            }
        });
        if (entries == null || entries.isNull()) {
            return shell;
        }
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
                parseChecked(single, entryPath);
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
