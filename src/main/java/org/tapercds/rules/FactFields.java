package org.tapercds.rules;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a DRL constraint can read from a fact type (its record components and other public no-argument
 * methods), to tell the author what was expected when a name is misspelled: "did you mean …".
 */
final class FactFields {

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_$][\\w$]*");
    private static final Set<String> OBJECT_METHODS = Set.of("toString", "hashCode", "getClass");

    private FactFields() {}

    /**
     * For an expression at {@code offset} inside a pattern {@code Type( … )}: the fact type's
     * fields, with the nearest to the expression's first name, unless that name is a field.
     */
    static String hint(DrlSource source, int offset, String written) {
        Matcher first = IDENTIFIER.matcher(written);
        if (!first.find() || written.startsWith("$")) {
            return "";
        }
        String name = first.group();
        Optional<String> typeName = patternType(source.code(), offset);
        if (typeName.isEmpty()) {
            return "";
        }
        Optional<Class<?>> type = resolve(source, typeName.get());
        if (type.isEmpty()) {
            return "";
        }
        List<String> fields = fields(type.get());
        if (fields.contains(name)) {
            return "";
        }
        return "; " + typeName.get() + " has no field " + name
                + nearest(name, fields).map(n -> ", did you mean " + n + "?").orElse("") + " (its fields: "
                + String.join(", ", fields) + ")";
    }

    static String methodHint(String className, String method) {
        try {
            List<String> methods = fields(Class.forName(className, false, FactFields.class.getClassLoader()));
            String simple = className.substring(className.lastIndexOf('.') + 1);
            return nearest(method, methods)
                            .map(n -> "; did you mean " + n + "()?")
                            .orElse("") + " (" + simple + " offers: " + String.join(", ", methods) + ")";
        } catch (ClassNotFoundException | LinkageError e) {
            return "";
        }
    }

    static String typeHint(DrlSource source, String written) {
        List<String> imported = new ArrayList<>();
        Matcher imports =
                Pattern.compile("(?m)^\\s*import\\s+([\\w.]+)\\.(\\w+)\\s*;").matcher(source.code());
        while (imports.find()) {
            imported.add(imports.group(2));
        }
        return nearest(written, imported)
                .map(n -> "; did you mean " + n + "? (imported: " + String.join(", ", imported) + ")")
                .orElse("; is it imported? (imported: " + String.join(", ", imported) + ")");
    }

    /** The type of the pattern whose parentheses enclose {@code offset}: {@code DoseReduction( … )}. */
    static Optional<String> patternType(String code, int offset) {
        int depth = 0;
        for (int i = offset - 1; i >= 0; i--) {
            char c = code.charAt(i);
            if (c == ')') {
                depth++;
            } else if (c == '(' && depth-- == 0) {
                int end = i;
                while (end > 0 && Character.isWhitespace(code.charAt(end - 1))) {
                    end--;
                }
                int start = end;
                while (start > 0
                        && (Character.isJavaIdentifierPart(code.charAt(start - 1)) || code.charAt(start - 1) == '.')) {
                    start--;
                }
                String type = code.substring(start, end);
                return type.isEmpty() || !Character.isUpperCase(type.charAt(type.lastIndexOf('.') + 1))
                        ? Optional.empty()
                        : Optional.of(type);
            }
        }
        return Optional.empty();
    }

    private static Optional<Class<?>> resolve(DrlSource source, String type) {
        List<String> candidates = new ArrayList<>();
        Matcher imports = Pattern.compile("(?m)^\\s*import\\s+([\\w.]+)\\s*;").matcher(source.code());
        while (imports.find()) {
            String imported = imports.group(1);
            if (imported.endsWith("." + type)) {
                candidates.add(imported);
            }
        }
        candidates.add(type);
        candidates.add(source.packageName() + "." + type);
        for (String candidate : candidates) {
            try {
                return Optional.of(Class.forName(candidate, false, FactFields.class.getClassLoader()));
            } catch (ClassNotFoundException | LinkageError e) {
                // not this one
            }
        }
        return Optional.empty();
    }

    /** Record components first, then bean properties and other public no-argument methods. */
    static List<String> fields(Class<?> type) {
        Set<String> fields = new LinkedHashSet<>();
        if (type.isRecord()) {
            for (RecordComponent component : type.getRecordComponents()) {
                fields.add(component.getName());
            }
        }
        List<Method> methods = new ArrayList<>(List.of(type.getMethods()));
        methods.sort(Comparator.comparing(Method::getName));
        for (Method method : methods) {
            if (method.getParameterCount() == 0
                    && method.getReturnType() != void.class
                    && !Modifier.isStatic(method.getModifiers())
                    && method.getDeclaringClass() != Object.class
                    && !OBJECT_METHODS.contains(method.getName())) {
                fields.add(property(method.getName()));
            }
        }
        return List.copyOf(fields);
    }

    private static String property(String method) {
        for (String prefix : List.of("get", "is")) {
            if (method.length() > prefix.length()
                    && method.startsWith(prefix)
                    && Character.isUpperCase(method.charAt(prefix.length()))) {
                String rest = method.substring(prefix.length());
                return Character.toLowerCase(rest.charAt(0)) + rest.substring(1);
            }
        }
        return method;
    }

    /** The closest name by edit distance, when it is close enough to be a slip of the keyboard. */
    static Optional<String> nearest(String written, List<String> names) {
        return names.stream()
                .filter(n -> distance(written.toLowerCase(), n.toLowerCase()) <= Math.max(2, written.length() / 3))
                .min(Comparator.comparingInt(n -> distance(written.toLowerCase(), n.toLowerCase())));
    }

    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
