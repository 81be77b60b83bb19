package org.tapercds.hooks;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Component;
import org.tapercds.system.ApiException;
import org.tapercds.system.ErrorCode;
import org.tapercds.system.RequestBodyReader;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.ObjectReader;

/**
 * Reads a CDS Hooks request body (size-limited) into a JSON tree. Strict: duplicate keys and
 * trailing content are errors, so the service never guesses which of two values was meant.
 */
@Component
class JsonBodyParser {

    private final RequestBodyReader bodyReader;
    private final ObjectReader reader;

    JsonBodyParser(RequestBodyReader bodyReader, ObjectMapper objectMapper) {
        this.bodyReader = bodyReader;
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
        try {
            tree = reader.readTree(body);
        } catch (JacksonException e) {
            throw new ApiException(ErrorCode.INVALID_JSON, "The body is not valid JSON" + where(e), null);
        }
        if (tree == null || tree.isMissingNode()) {
            throw new ApiException(ErrorCode.INVALID_JSON, "The request body is empty", null);
        }
        return tree;
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
