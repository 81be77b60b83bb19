package org.tapercds.hooks;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.tapercds.fhir.RecentEntries;
import org.tapercds.system.ApiException;
import org.tapercds.system.ErrorCode;
import org.tapercds.system.RequestBodyReader;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads a CDS Hooks request body (size-limited) into a JSON tree. Strict: duplicate keys and
 * trailing content are errors, so the service never guesses which of two values was meant.
 *
 * <p>The entries of a prefetch Bundle are read one at a time and only the most recent {@code
 * taper.limits.max-entries-per-key} are kept ({@link RecentEntries}; the Bundle then carries how many
 * were left out in {@link RecentEntries#LEFT_OUT}): a near-limit body of thousands of orders never
 * holds all of its tree in memory, which on a small heap cost full collections that stalled every
 * other call.
 */
@Component
class JsonBodyParser {

    private final RequestBodyReader bodyReader;
    private final ObjectReader reader;
    private final int maxEntries;

    JsonBodyParser(
            RequestBodyReader bodyReader,
            ObjectMapper objectMapper,
            @Value("${taper.limits.max-entries-per-key:1000}") int maxEntries) {
        this.bodyReader = bodyReader;
        this.maxEntries = maxEntries;
        this.reader = objectMapper
                .reader()
                // Duplicates are caught as the tree is built (an entry replaced), at every level:
                // cheaper than the token stream's STRICT_DUPLICATE_DETECTION, which keeps a set of
                // names per object.
                .with(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    JsonNode parse(HttpServletRequest request) {
        return parse(bodyReader.read(request));
    }

    /** Parses a body that was already read within the size limit. */
    JsonNode parse(byte[] body) {
        if (body.length == 0) {
            throw new ApiException(ErrorCode.INVALID_JSON, "The request body is empty", null);
        }
        JsonNode tree;
        try (JsonParser parser = reader.createParser(body)) {
            tree = parser.nextToken() == JsonToken.START_OBJECT ? request(parser) : parser.readValueAsTree();
            if (tree != null && parser.nextToken() != null) {
                throw new ApiException(
                        ErrorCode.INVALID_JSON, "The body is not valid JSON: content after the end", null);
            }
        } catch (JacksonException e) {
            throw new ApiException(ErrorCode.INVALID_JSON, "The body is not valid JSON" + where(e), null);
        }
        if (tree == null || tree.isMissingNode()) {
            throw new ApiException(ErrorCode.INVALID_JSON, "The request body is empty", null);
        }
        return tree;
    }

    /** The request object; its {@code prefetch} member read by {@link #prefetch}. */
    private ObjectNode request(JsonParser parser) {
        return object(parser, (name, node) -> name.equals("prefetch") ? prefetch(parser) : parser.readValueAsTree());
    }

    /** The {@code prefetch} object: each key's value read by {@link #resource}. */
    private JsonNode prefetch(JsonParser parser) {
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            return parser.readValueAsTree();
        }
        return object(parser, (name, node) -> resource(parser));
    }

    /** A key's value: an object whose {@code entry} array is read {@link #entries one at a time}. */
    private JsonNode resource(JsonParser parser) {
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            return parser.readValueAsTree();
        }
        return object(parser, (name, node) -> {
            if (!name.equals("entry") || parser.currentToken() != JsonToken.START_ARRAY) {
                return parser.readValueAsTree();
            }
            RecentEntries.Collector collector = new RecentEntries.Collector(maxEntries);
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                collector.add(parser.readValueAsTree());
            }
            if (collector.leftOut() > 0) {
                node.put(RecentEntries.LEFT_OUT, collector.leftOut());
            }
            return collector.entries();
        });
    }

    /** A member's value, read from the parser positioned at the value's first token. */
    private interface Member {
        JsonNode read(String name, ObjectNode object);
    }

    /**
     * An object whose START_OBJECT was just read, each member's value read by {@code member}; a
     * duplicate name, or the member the service reserves for itself, is refused.
     */
    private static ObjectNode object(JsonParser parser, Member member) {
        ObjectNode object = JsonNodeFactory.instance.objectNode();
        while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
            String name = parser.currentName();
            if (object.has(name) || name.equals(RecentEntries.LEFT_OUT)) {
                throw new ApiException(
                        ErrorCode.INVALID_JSON,
                        "The body is not valid JSON: member '"
                                + (name.equals(RecentEntries.LEFT_OUT) ? name : "(repeated)") + "' is not allowed",
                        null);
            }
            parser.nextToken();
            JsonNode value = member.read(name, object);
            object.set(name, value);
        }
        return object;
    }

    /** Line and column only: the parser's own message can quote the content. */
    private static String where(JacksonException e) {
        TokenStreamLocation location = e.getLocation();
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        return " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }
}
