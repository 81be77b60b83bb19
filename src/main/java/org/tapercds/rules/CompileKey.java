package org.tapercds.rules;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.drools.base.util.Drools;
import org.tapercds.system.Sha256;

/**
 * The key of a compiled rule base in the {@link CompiledRuleCache}: a SHA-256 over everything the
 * Drools executable model compiles the DRL against, and nothing else.
 *
 * <ul>
 *   <li>every DRL file: its path relative to the rules directory and its text (so a checkout, a
 *       copy elsewhere and a ConfigMap volume of the same files give the same key);
 *   <li>the Drools version (the generated classes call into it);
 *   <li>the bytes of every application class the DRL names (imports, globals, qualified names, and
 *       simple names of a wildcard-imported package) and of every application class
 *       reachable from their public signatures: the generated classes link against their fields,
 *       accessors and constructors, so a changed fact record must not meet a kjar built before it.
 * </ul>
 *
 * <p>{@code settings.properties}, the card wording, the knowledge tables, the scenarios and {@code
 * fhir-profiles/} are not compiled into the rules (the settings reach them as a global at run time),
 * so changing them reuses the compiled rules; they are part of the rule base version instead.
 */
final class CompileKey {

    /** Raised when what this key covers or how the cache stores an entry changes. */
    private static final String FORMAT = "taper-cds compiled rules 1";

    private static final String APPLICATION = "org.tapercds.";
    private static final Pattern QUALIFIED = Pattern.compile("\\b(?:[a-z_][\\w]*\\.)+[A-Z]\\w*");
    private static final Pattern WILDCARD = Pattern.compile("(?m)^\\s*import\\s+([\\w.]+)\\.\\*");
    private static final Pattern SIMPLE = Pattern.compile("\\b[A-Z]\\w*");

    private CompileKey() {}

    /** The key of these DRL sources (24 hex digits), with the classes of {@code loader}. */
    static String of(List<DrlSource> sources, ClassLoader loader) {
        MessageDigest digest = Sha256.digest();
        update(digest, FORMAT);
        update(digest, "drools " + Drools.getFullVersion());
        for (DrlSource source : sources) {
            update(digest, "drl " + source.name());
            update(digest, source.text());
        }
        for (var named : classBytes(classesSeenBy(sources, loader), loader).entrySet()) {
            update(digest, "class " + named.getKey());
            digest.update(named.getValue());
            digest.update((byte) 0);
        }
        return HexFormat.of().formatHex(digest.digest()).substring(0, 24);
    }

    /** The application classes the DRL names, and those reachable from their public signatures. */
    static Set<Class<?>> classesSeenBy(List<DrlSource> sources, ClassLoader loader) {
        Deque<Class<?>> pending = new ArrayDeque<>();
        for (DrlSource source : sources) {
            Matcher qualified = QUALIFIED.matcher(source.code());
            while (qualified.find()) {
                load(qualified.group(), loader).ifPresent(pending::add);
            }
            // Simple names only of wildcard imports: a failed class lookup costs milliseconds, and the
            // DRL's own package (org.tapercds.rules.<folder>) holds no Java classes.
            Set<String> packages = new TreeSet<>();
            Matcher wildcard = WILDCARD.matcher(source.code());
            while (wildcard.find()) {
                packages.add(wildcard.group(1));
            }
            Set<String> simpleNames = new TreeSet<>();
            Matcher simple = SIMPLE.matcher(packages.isEmpty() ? "" : source.code());
            while (simple.find()) {
                simpleNames.add(simple.group());
            }
            for (String packageName : packages) {
                if (packageName.startsWith(APPLICATION)) {
                    simpleNames.forEach(
                            name -> load(packageName + "." + name, loader).ifPresent(pending::add));
                }
            }
        }
        Set<Class<?>> seen = new java.util.LinkedHashSet<>();
        while (!pending.isEmpty()) {
            Class<?> type = pending.pop();
            if (type.getName().startsWith(APPLICATION) && seen.add(type)) {
                try {
                    pending.addAll(typesOf(type));
                } catch (LinkageError e) {
                    // Its bytes are still keyed; the compiler will report what it cannot link.
                }
            }
        }
        return seen;
    }

    private static List<Class<?>> typesOf(Class<?> type) {
        List<Type> types = new java.util.ArrayList<>();
        types.add(type.getGenericSuperclass());
        types.addAll(List.of(type.getGenericInterfaces()));
        types.addAll(List.of(type.getDeclaredClasses()));
        if (type.isRecord()) {
            for (RecordComponent component : type.getRecordComponents()) {
                types.add(component.getGenericType());
            }
        }
        for (Field field : type.getFields()) {
            types.add(field.getGenericType());
        }
        for (Method method : type.getMethods()) {
            types.add(method.getGenericReturnType());
            types.addAll(parameters(method));
        }
        for (Constructor<?> constructor : type.getConstructors()) {
            types.addAll(parameters(constructor));
        }
        List<Class<?>> classes = new java.util.ArrayList<>();
        types.forEach(t -> collect(t, classes));
        return classes;
    }

    private static List<Type> parameters(Executable executable) {
        return List.of(executable.getGenericParameterTypes());
    }

    private static void collect(Type type, List<Class<?>> into) {
        if (type instanceof Class<?> c) {
            into.add(c.isArray() ? c.getComponentType() : c);
        } else if (type instanceof ParameterizedType p) {
            collect(p.getRawType(), into);
            for (Type argument : p.getActualTypeArguments()) {
                collect(argument, into);
            }
        } else if (type instanceof GenericArrayType a) {
            collect(a.getGenericComponentType(), into);
        } else if (type instanceof WildcardType w) {
            List.of(w.getUpperBounds()).forEach(b -> collect(b, into));
            List.of(w.getLowerBounds()).forEach(b -> collect(b, into));
        } // a type variable's bounds are types of its declaration, seen there (E extends Enum<E> would loop)
    }

    private static java.util.Optional<Class<?>> load(String name, ClassLoader loader) {
        try {
            return java.util.Optional.of(Class.forName(name, false, loader));
        } catch (ClassNotFoundException | LinkageError e) {
            return java.util.Optional.empty();
        }
    }

    private static TreeMap<String, byte[]> classBytes(Set<Class<?>> classes, ClassLoader loader) {
        TreeMap<String, byte[]> bytes = new TreeMap<>();
        for (Class<?> type : classes) {
            String resource = type.getName().replace('.', '/') + ".class";
            try (InputStream in = loader.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new RuleBaseException(resource + ": cannot be read to key the compiled rules");
                }
                bytes.put(type.getName(), in.readAllBytes());
            } catch (IOException e) {
                throw new RuleBaseException(resource + ": cannot be read to key the compiled rules ("
                        + e.getClass().getSimpleName() + ")");
            }
        }
        return bytes;
    }

    private static void update(MessageDigest digest, String text) {
        digest.update(text.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
    }
}
