package org.tapercds.system;

import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Typed access to a JSON tree that answers wrong or missing input with an {@link ApiException}
 * naming the field path. Messages name paths and expectations only, never the values received.
 */
public final class JsonFields {

    private JsonFields() {}

    /** Joins a parent path and a child name: {@code ("context", "patientId")} → {@code context.patientId}. */
    public static String path(String parent, String child) {
        return parent == null || parent.isEmpty() ? child : parent + "." + child;
    }

    public static String index(String arrayPath, int index) {
        return arrayPath + "[" + index + "]";
    }

    /** True when the property is absent or JSON {@code null}. */
    public static boolean isAbsent(JsonNode object, String name) {
        JsonNode value = object.get(name);
        return value == null || value.isNull() || value.isMissingNode();
    }

    public static JsonNode requireObject(JsonNode object, String name, String parent) {
        String path = path(parent, name);
        if (isAbsent(object, name)) {
            throw ApiException.missing(path);
        }
        return expectObject(object.get(name), path);
    }

    public static Optional<JsonNode> optionalObject(JsonNode object, String name, String parent) {
        if (isAbsent(object, name)) {
            return Optional.empty();
        }
        return Optional.of(expectObject(object.get(name), path(parent, name)));
    }

    public static JsonNode expectObject(JsonNode value, String path) {
        if (!value.isObject()) {
            throw ApiException.invalid(path, "must be a JSON object");
        }
        return value;
    }

    public static JsonNode requireArray(JsonNode object, String name, String parent) {
        String path = path(parent, name);
        if (isAbsent(object, name)) {
            throw ApiException.missing(path);
        }
        return expectArray(object.get(name), path);
    }

    public static Optional<JsonNode> optionalArray(JsonNode object, String name, String parent) {
        if (isAbsent(object, name)) {
            return Optional.empty();
        }
        return Optional.of(expectArray(object.get(name), path(parent, name)));
    }

    public static JsonNode expectArray(JsonNode value, String path) {
        if (!value.isArray()) {
            throw ApiException.invalid(path, "must be a JSON array");
        }
        return value;
    }

    /** A required, non-blank string. */
    public static String requireString(JsonNode object, String name, String parent) {
        String path = path(parent, name);
        if (isAbsent(object, name)) {
            throw ApiException.missing(path);
        }
        return expectString(object.get(name), path);
    }

    /** An optional string; when present it must be a non-blank string. */
    public static Optional<String> optionalString(JsonNode object, String name, String parent) {
        if (isAbsent(object, name)) {
            return Optional.empty();
        }
        return Optional.of(expectString(object.get(name), path(parent, name)));
    }

    public static String expectString(JsonNode value, String path) {
        if (!value.isString()) {
            throw ApiException.invalid(path, "must be a string");
        }
        String text = value.stringValue();
        if (text.isBlank()) {
            throw ApiException.invalid(path, "must not be blank");
        }
        return text;
    }
}
