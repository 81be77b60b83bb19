package org.tapercds.fhir;

import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.json.BaseJsonLikeArray;
import ca.uhn.fhir.parser.json.BaseJsonLikeObject;
import ca.uhn.fhir.parser.json.BaseJsonLikeValue;
import ca.uhn.fhir.parser.json.BaseJsonLikeWriter;
import ca.uhn.fhir.parser.json.JsonLikeStructure;
import java.io.Reader;
import java.io.Writer;
import java.math.BigDecimal;
import java.util.Iterator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Hands HAPI's JSON parser the request's own JSON tree (Jackson 3) instead of text: before, each
 * embedded resource was written back to a string and HAPI parsed that string again with its own
 * Jackson 2 (the largest cost of a call after HAPI's model building).
 *
 * <p>Values read as HAPI's own structure reads the text the tree would be written as: a
 * floating-point number is the decimal of its written form (as HAPI's big-decimal parsing did), a
 * non-finite one is a string (as the tree was written: {@code "Infinity"}), so HAPI's error
 * handler sees the same JSON types as before. Read-only: HAPI never writes through it.
 */
final class TreeJsonStructure implements JsonLikeStructure {

    private final JsonNode root;

    TreeJsonStructure(JsonNode root) {
        this.root = root;
    }

    @Override
    public JsonLikeStructure getInstance() {
        throw new UnsupportedOperationException("read-only");
    }

    @Override
    public void load(Reader reader) {
        throw new UnsupportedOperationException("read-only");
    }

    @Override
    public void load(Reader reader, boolean allowArray) {
        throw new UnsupportedOperationException("read-only");
    }

    @Override
    public BaseJsonLikeObject getRootObject() {
        if (!root.isObject()) {
            throw new DataFormatException("Content must be a valid JSON Object. It must start with '{'.");
        }
        return new TreeObject(root);
    }

    @Override
    public BaseJsonLikeWriter getJsonLikeWriter() {
        throw new UnsupportedOperationException("read-only");
    }

    @Override
    public BaseJsonLikeWriter getJsonLikeWriter(Writer writer) {
        throw new UnsupportedOperationException("read-only");
    }

    static BaseJsonLikeValue wrap(JsonNode node) {
        if (node == null) {
            return null;
        }
        // Type tests, not JsonNode's virtual isObject()/isArray(): this runs for every value HAPI reads.
        if (node instanceof ObjectNode) {
            return new TreeObject(node);
        }
        if (node instanceof ArrayNode) {
            return new TreeArray(node);
        }
        return new TreeScalar(node);
    }

    private static final class TreeObject extends BaseJsonLikeObject {
        private final JsonNode node;
        /** Whether a property name starts with '_' (FHIR's primitive extensions); null until asked. */
        private Boolean underscored;

        TreeObject(JsonNode node) {
            this.node = node;
        }

        @Override
        public Object getValue() {
            return null;
        }

        @Override
        public Iterator<String> keyIterator() {
            return node.propertyNames().iterator();
        }

        @Override
        public BaseJsonLikeValue get(String key) {
            // HAPI asks for "_name" after every "name" (a freshly built string each time); most
            // objects have no such property, and one pass over the names answers all those misses
            // without hashing.
            if (!key.isEmpty() && key.charAt(0) == '_' && !underscored()) {
                return null;
            }
            return wrap(node.get(key));
        }

        private boolean underscored() {
            if (underscored == null) {
                boolean any = false;
                for (String name : node.propertyNames()) {
                    if (!name.isEmpty() && name.charAt(0) == '_') {
                        any = true;
                        break;
                    }
                }
                underscored = any;
            }
            return underscored;
        }
    }

    private static final class TreeArray extends BaseJsonLikeArray {
        private final JsonNode node;

        TreeArray(JsonNode node) {
            this.node = node;
        }

        @Override
        public Object getValue() {
            return null;
        }

        @Override
        public int size() {
            return node.size();
        }

        @Override
        public BaseJsonLikeValue get(int index) {
            return wrap(node.get(index));
        }
    }

    private static final class TreeScalar extends BaseJsonLikeValue {
        private final JsonNode node;

        TreeScalar(JsonNode node) {
            this.node = node;
        }

        /** A finite floating-point number (written as a JSON number; non-finite ones were strings). */
        private boolean finiteFloat() {
            return node.isFloatingPointNumber() && Double.isFinite(node.doubleValue());
        }

        private boolean number() {
            return node.isNumber() && (!node.isFloatingPointNumber() || finiteFloat());
        }

        @Override
        public ValueType getJsonType() {
            return node.isNull() || node.isMissingNode() ? ValueType.NULL : ValueType.SCALAR;
        }

        @Override
        public ScalarType getDataType() {
            if (number()) {
                return ScalarType.NUMBER;
            }
            if (node.isString() || node.isNumber()) {
                return ScalarType.STRING;
            }
            if (node.isBoolean()) {
                return ScalarType.BOOLEAN;
            }
            return null;
        }

        @Override
        public Object getValue() {
            if (number()) {
                return getAsNumber();
            }
            if (node.isBoolean()) {
                return node.booleanValue();
            }
            return getAsString();
        }

        @Override
        public Number getAsNumber() {
            if (finiteFloat()) {
                return new BigDecimal(node.asString());
            }
            return node.isNumber() ? node.numberValue() : null;
        }

        @Override
        public String getAsString() {
            if (finiteFloat()) {
                return new BigDecimal(node.asString()).toPlainString();
            }
            return node.asString();
        }

        @Override
        public boolean getAsBoolean() {
            if (node.isBoolean()) {
                return node.booleanValue();
            }
            return super.getAsBoolean();
        }
    }
}
