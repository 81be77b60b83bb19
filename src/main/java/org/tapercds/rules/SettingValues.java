package org.tapercds.rules;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;

/**
 * Every setting of {@code settings.properties} as a tree for templates: {@code
 * taper.max-reduction-percent=25} is reached as {@code {{taper.max-reduction-percent}}}. Numbers
 * are written as plain decimals without trailing zeros (25, 0.5), whatever the file's spelling.
 */
final class SettingValues {

    private SettingValues() {}

    static Map<String, Object> of(String fileName, Properties properties) {
        Map<String, Object> root = new LinkedHashMap<>();
        for (String key : new TreeSet<>(properties.stringPropertyNames())) {
            String[] parts = key.split("\\.");
            Map<String, Object> node = root;
            for (int i = 0; i < parts.length - 1; i++) {
                Object child = node.computeIfAbsent(parts[i], k -> new LinkedHashMap<String, Object>());
                if (!(child instanceof Map<?, ?>)) {
                    throw clash(fileName, key);
                }
                @SuppressWarnings("unchecked")
                Map<String, Object> next = (Map<String, Object>) child;
                node = next;
            }
            if (node.containsKey(parts[parts.length - 1])) {
                throw clash(fileName, key);
            }
            node.put(
                    parts[parts.length - 1], display(properties.getProperty(key).trim()));
        }
        return freeze(root);
    }

    private static RuleBaseException clash(String fileName, String key) {
        return new RuleBaseException(
                fileName + ": " + key + " is both a setting and the start of another setting's name");
    }

    private static String display(String value) {
        try {
            return new BigDecimal(value).stripTrailingZeros().toPlainString();
        } catch (NumberFormatException notANumber) {
            return value;
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> freeze(Map<String, Object> node) {
        Map<String, Object> copy = new LinkedHashMap<>();
        node.forEach((k, v) -> copy.put(k, v instanceof Map<?, ?> m ? freeze((Map<String, Object>) m) : v));
        return java.util.Collections.unmodifiableMap(copy);
    }
}
