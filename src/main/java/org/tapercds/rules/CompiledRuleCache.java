package org.tapercds.rules;

import java.io.IOException;
import java.io.InputStream;
import java.lang.ref.WeakReference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.kie.api.KieBase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tapercds.system.Sha256;

/**
 * Compiled rules by their {@link CompileKey}, so DRL that did not change is not compiled again: a
 * start with unchanged rules, a reload of a changed threshold, a command-line run.
 *
 * <p>An entry is Drools' own kjar (the bytes of the built {@code InternalKieModule}: the executable
 * model's generated classes) as {@code <key>.kjar}, beside {@code <key>.sha256}, the SHA-256 of
 * those bytes. It is looked for first among the entries the build pre-compiled into the jar
 * ({@value #FOLDER} on the class path, written by {@link RulePrecompiler}), then in the cache
 * directory ({@code taper.rules.cache-dir}), where whatever had to be compiled is stored (the
 * {@value #KEPT} newest entries are kept). An entry whose digest does not match, or that Drools
 * cannot load, is deleted and the rules are compiled. A directory that cannot be written is
 * logged once and the rules are then compiled at each load: the cache never stops a start.
 *
 * <p>Before any of these, a KieBase of the same key still in memory (the one in service, while a
 * reload builds its candidate) is used as it is: a reload whose DRL did not change (a threshold, a
 * drug, card wording, a value set: the usual reload) then loads no classes. It is faster (0.72–0.75 s
 * against 1.16–1.29 s under load) and does not add a second copy of the rules' classes to the
 * metaspace at each reload. The KieBase is shared, never changed: every call makes its own
 * session, and each rule base reads its own settings.
 */
final class CompiledRuleCache {

    /** Where pre-compiled entries are on the class path (in the jar). */
    static final String FOLDER = "META-INF/rule-cache/";

    static final int KEPT = 10;
    static final String KJAR = ".kjar";
    static final String DIGEST = ".sha256";

    private static final Logger log = LoggerFactory.getLogger(CompiledRuleCache.class);

    /** Rules compiled: the KieBase to use and the kjar to keep. */
    record Built(KieBase kieBase, byte[] kjar) {}

    /** The rules, and where they came from (for the log). */
    record Found(KieBase kieBase, String origin) {}

    private final Path dir;
    private final boolean packaged;
    private final ClassLoader classLoader;
    private final AtomicInteger builds = new AtomicInteger();
    private final AtomicBoolean warned = new AtomicBoolean();
    /** KieBases this cache gave out, by key, for as long as something (a rule base) holds them. */
    private final Map<String, WeakReference<KieBase>> inMemory = new ConcurrentHashMap<>();

    private CompiledRuleCache(Path dir, boolean packaged) {
        this.dir = dir;
        this.packaged = packaged;
        this.classLoader = CompiledRuleCache.class.getClassLoader();
    }

    /** Only the jar's pre-compiled entries; nothing is stored. */
    static CompiledRuleCache classpathOnly() {
        return new CompiledRuleCache(null, true);
    }

    /** The jar's pre-compiled entries, then {@code dir}, where what is compiled is kept. */
    static CompiledRuleCache in(Path dir) {
        return new CompiledRuleCache(dir, true);
    }

    /** No cache: the rules are compiled at every load. */
    static CompiledRuleCache none() {
        return new CompiledRuleCache(null, false);
    }

    ClassLoader classLoader() {
        return classLoader;
    }

    /** How many times this cache had the rules compiled (each miss). */
    int builds() {
        return builds.get();
    }

    /**
     * The rules of {@code key}: loaded from an entry with {@code load}, or else compiled with {@code
     * build} (which throws a {@link RuleBaseException} for DRL that does not compile; nothing is
     * stored then) and stored.
     */
    Found kieBase(String key, Function<byte[], KieBase> load, Supplier<Built> build) {
        WeakReference<KieBase> held = inMemory.get(key);
        KieBase live = held == null ? null : held.get();
        if (live != null) {
            return new Found(live, "taken from the rule base in memory (the same DRL)");
        }
        Found found = find(key, load, build);
        inMemory.values().removeIf(reference -> reference.get() == null);
        inMemory.put(key, new WeakReference<>(found.kieBase()));
        return found;
    }

    private Found find(String key, Function<byte[], KieBase> load, Supplier<Built> build) {
        byte[] inJar = packaged ? verified(read(key + KJAR), read(key + DIGEST)) : null;
        if (inJar != null) {
            KieBase kieBase = loaded(inJar, load, "the jar's " + FOLDER + key + KJAR);
            if (kieBase != null) {
                return new Found(kieBase, "taken from the jar's pre-compiled rules");
            }
        }
        if (dir != null) {
            Path kjar = dir.resolve(key + KJAR);
            byte[] stored = read(kjar);
            if (stored != null) {
                KieBase kieBase = null;
                if (verified(stored, read(dir.resolve(key + DIGEST))) == null) {
                    log.warn("rule cache entry {} does not match its digest; compiling the rules", kjar);
                } else {
                    kieBase = loaded(stored, load, kjar.toString());
                }
                if (kieBase != null) {
                    return new Found(kieBase, "taken from the rule cache " + dir);
                }
                discard(key);
            }
        }
        builds.incrementAndGet();
        Built built = build.get();
        store(key, built.kjar());
        return new Found(built.kieBase(), "compiled");
    }

    private static KieBase loaded(byte[] kjar, Function<byte[], KieBase> load, String where) {
        try {
            return load.apply(kjar);
        } catch (RuntimeException | LinkageError e) {
            log.warn(
                    "rule cache entry {} cannot be loaded ({}); compiling the rules",
                    where,
                    e.getClass().getName());
            return null;
        }
    }

    /** Whether the directory holds an entry of {@code key} whose digest matches (not loaded). */
    boolean holds(String key) {
        return dir != null && verified(read(dir.resolve(key + KJAR)), read(dir.resolve(key + DIGEST))) != null;
    }

    /** Stores an entry in the directory (the digest last: an entry without it is not used). */
    void store(String key, byte[] kjar) {
        if (dir == null) {
            return;
        }
        try {
            Files.createDirectories(dir);
            write(dir.resolve(key + KJAR), kjar);
            write(dir.resolve(key + DIGEST), (Sha256.hex(kjar) + "\n").getBytes(StandardCharsets.US_ASCII));
            prune(key);
        } catch (IOException | RuntimeException e) {
            if (warned.compareAndSet(false, true)) {
                log.warn(
                        "the rule cache directory {} cannot be written ({}): the rules are compiled at each load",
                        dir,
                        e.getClass().getName());
            }
        }
    }

    private static void write(Path target, byte[] bytes) throws IOException {
        Path temporary = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
        try {
            Files.write(temporary, bytes);
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** Keeps the {@value #KEPT} newest entries. */
    private void prune(String kept) throws IOException {
        List<Path> entries;
        try (Stream<Path> files = Files.list(dir)) {
            entries = files.filter(f -> f.getFileName().toString().endsWith(KJAR))
                    .filter(f -> !f.getFileName().toString().equals(kept + KJAR))
                    .sorted(Comparator.comparing(CompiledRuleCache::modified).reversed())
                    .toList();
        }
        for (Path old : entries.subList(Math.min(entries.size(), KEPT - 1), entries.size())) {
            String name = old.getFileName().toString();
            discard(name.substring(0, name.length() - KJAR.length()));
        }
    }

    private void discard(String key) {
        for (String suffix : List.of(KJAR, DIGEST)) {
            try {
                Files.deleteIfExists(dir.resolve(key + suffix));
            } catch (IOException e) {
                // A read-only directory: the entry stays unused.
            }
        }
    }

    private static FileTime modified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }

    /** The entry's bytes when its digest matches, else null. */
    private static byte[] verified(byte[] kjar, byte[] digest) {
        if (kjar == null || digest == null) {
            return null;
        }
        return new String(digest, StandardCharsets.US_ASCII).strip().equals(Sha256.hex(kjar)) ? kjar : null;
    }

    private byte[] read(String name) {
        try (InputStream in = classLoader.getResourceAsStream(FOLDER + name)) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            return null;
        }
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) { // NoSuchFileException among them: no entry
            return null;
        }
    }
}
