package org.tapercds.evaluation.cards;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tapercds.rules.Templates;

/**
 * Checks, without rendering, that every name a card template uses is a value of the card's view
 * (a record component or public method, within the sections that open it) or a setting: so a
 * misspelled name is refused when the rule base loads, not rendered empty at call time.
 */
final class TemplateNames {

    private static final Pattern TAG =
            Pattern.compile("\\{\\{[\\x00-\\x20]*([#^/!]?)[\\x00-\\x20]*([^}]*?)[\\x00-\\x20]*}}");
    private static final List<String> SPECIAL = List.of(".", "this", "-first", "-last", "-index");

    private TemplateNames() {}

    /**
     * A name that resolves nowhere (or, inserted as a value, is a group of values rather than text, a
     * number or a date), and the line of the template (from 1) where it stands.
     */
    record Unresolved(String name, int line, String problem) {}

    /** The names in {@code template} that resolve neither in {@code viewType} nor in the settings. */
    static List<Unresolved> unresolved(String template, Class<?> viewType, Map<String, Object> settings) {
        List<Unresolved> unresolved = new ArrayList<>();
        Deque<Object> scopes = new ArrayDeque<>();
        scopes.push(settings);
        scopes.push(viewType);
        Matcher tag = TAG.matcher(template);
        while (tag.find()) {
            String kind = tag.group(1);
            String name = tag.group(2);
            switch (kind) {
                case "!" -> {}
                case "/" -> {
                    if (scopes.size() > 2) {
                        scopes.pop();
                    }
                }
                default -> {
                    Object resolved = SPECIAL.contains(name) ? LEAF : resolve(name, scopes);
                    if (resolved == null) {
                        unresolved.add(new Unresolved(
                                name,
                                Templates.lineOf(template, tag.start()),
                                "is neither a value of this card nor a setting"));
                        resolved = LEAF;
                    } else if (kind.isEmpty() && !printable(resolved)) {
                        unresolved.add(new Unresolved(
                                name,
                                Templates.lineOf(template, tag.start()),
                                "is a group of values, not one to print: open it as a section, {{#" + name + "}}"));
                    }
                    if (!kind.isEmpty()) {
                        scopes.push(kind.equals("#") ? element(resolved) : LEAF);
                    }
                }
            }
        }
        return unresolved;
    }

    /** Whether {{name}} may print it: text, a number, a boolean, a date, or a setting's value. */
    private static boolean printable(Object resolved) {
        if (resolved == LEAF || resolved instanceof String) {
            return true;
        }
        Class<?> type = raw(resolved);
        return type != null && isLeaf(type) && !Collection.class.isAssignableFrom(type);
    }

    /** A scope with no names of its own (a boolean, number, text or date section). */
    private static final Object LEAF = new Object();

    private static Object resolve(String name, Deque<Object> scopes) {
        String[] parts = name.split("\\.");
        for (Object scope : scopes) {
            Object found = member(scope, parts[0]);
            for (int i = 1; found != null && i < parts.length; i++) {
                found = member(found, parts[i]);
            }
            if (found != null) {
                return found;
            }
            if (member(scope, parts[0]) != null) {
                return null;
            }
        }
        return null;
    }

    /** The type (or settings node) of {@code name} in a scope; null when it has no such member. */
    private static Object member(Object scope, String name) {
        if (scope instanceof Map<?, ?> map) {
            return map.get(name);
        }
        Class<?> type = raw(scope);
        if (type == null || isLeaf(type)) {
            return null;
        }
        if (type.isRecord()) {
            for (RecordComponent component : type.getRecordComponents()) {
                if (component.getName().equals(name)) {
                    return component.getGenericType();
                }
            }
        }
        for (Method method : type.getMethods()) {
            if (method.getName().equals(name)
                    && method.getParameterCount() == 0
                    && !Modifier.isStatic(method.getModifiers())
                    && method.getReturnType() != void.class
                    && method.getDeclaringClass() != Object.class
                    && method.getDeclaringClass() != Record.class) {
                return method.getGenericReturnType();
            }
        }
        return null;
    }

    /** What a {@code {{#name}}} section over this value makes the scope: a list's element, else itself. */
    private static Object element(Object value) {
        if (value instanceof Map<?, ?>) {
            return value;
        }
        if (value instanceof ParameterizedType parameterized
                && parameterized.getRawType() instanceof Class<?> raw
                && Collection.class.isAssignableFrom(raw)) {
            return parameterized.getActualTypeArguments()[0];
        }
        Class<?> type = raw(value);
        return type == null || isLeaf(type) ? LEAF : type;
    }

    private static Class<?> raw(Object scope) {
        if (scope instanceof Class<?> type) {
            return type;
        }
        if (scope instanceof ParameterizedType parameterized && parameterized.getRawType() instanceof Class<?> raw) {
            return raw;
        }
        return scope instanceof Type ? Object.class : null;
    }

    private static boolean isLeaf(Class<?> type) {
        return type.isPrimitive()
                || type == String.class
                || Number.class.isAssignableFrom(type)
                || type == Boolean.class
                || type.getName().startsWith("java.time.")
                || Collection.class.isAssignableFrom(type);
    }
}
