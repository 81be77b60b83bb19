package org.tapercds.rules;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.drools.compiler.compiler.io.memory.MemoryFileSystem;
import org.drools.compiler.kie.builder.impl.InternalKieModule;
import org.drools.compiler.kie.builder.impl.InternalKieModuleProvider;
import org.drools.compiler.kie.builder.impl.KieBuilderImpl;
import org.drools.model.codegen.ExecutableModelProject;
import org.drools.modelcompiler.CanonicalKieModule;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;
import org.kie.api.builder.model.KieModuleModel;

/**
 * Compiles the DRL files of a rules directory with Drools' executable model into one {@link
 * KieBase}; compile errors are reported with the DRL file and line. Compiled rules are kept in a
 * {@link CompiledRuleCache} by their {@link CompileKey}: DRL that did not change is loaded from
 * Drools' kjar there instead of being compiled again. What else a {@link Compiled} carries (the
 * headers, the sources, the resource paths) is read from the files every time.
 */
final class DrlCompiler {

    /**
     * Drools' repository of KieModules is one per JVM: a module is added while its KieBase is made,
     * then removed. One load at a time uses it (a reload beside a preview of the same rules would
     * otherwise remove each other's module).
     */
    private static final Object KIE_REPOSITORY = new Object();

    /** A block comment directly before {@code rule "name"}: the rule's When/Then header. */
    private static final Pattern HEADER =
            Pattern.compile("/\\*((?:(?!\\*/).)*)\\*/\\s*rule\\s+\"([^\"]+)\"", Pattern.DOTALL);

    private static final Pattern PACKAGE = Pattern.compile("(?m)^\\s*package\\s+([\\w.]+)\\s*;?");

    private DrlCompiler() {}

    /**
     * @param resourcePaths each DRL's path in the KieFileSystem → the file on disk
     * @param headers rule name → its When/Then header as written (template text)
     * @param sources every DRL file's text, to find where a rule is written
     * @param key the {@link CompileKey} of the DRL
     * @param origin how the KieBase was obtained: compiled, or taken from where in the cache
     */
    record Compiled(
            String key,
            KieBase kieBase,
            Map<String, Path> resourcePaths,
            Map<String, String> headers,
            List<DrlSource> sources,
            String origin) {

        /** Where {@code rule "name"} of a package is written: {@code file:line:column}. */
        String placeOf(Path root, String packageName, String ruleName) {
            return placeOf(root, packageName, ruleName, null);
        }

        /** Where {@code within} (e.g. {@code @id}) is written in a rule, else where the rule is. */
        String placeOf(Path root, String packageName, String ruleName, Pattern within) {
            for (DrlSource source : sources) {
                int[] rule = source.packageName().equals(packageName) ? source.rule(ruleName) : null;
                if (rule != null) {
                    int found = within == null ? -1 : source.find(within, rule[0], rule[1]);
                    DrlSource.Place place = source.place(found >= 0 ? found : rule[0]);
                    return source.name() + ":" + place.line() + ":" + place.column();
                }
            }
            return fileOf(root, packageName);
        }

        /** The DRL file (relative to the rules directory) of a rule package. */
        String fileOf(Path root, String packageName) {
            String packagePath = "src/main/resources/" + packageName.replace('.', '/') + "/";
            return resourcePaths.entrySet().stream()
                    .filter(e -> e.getKey().startsWith(packagePath))
                    .map(e -> RuleFiles.relative(root, e.getValue()))
                    .findFirst()
                    .orElse(packageName);
        }
    }

    /**
     * The DRL files as read, before anything is compiled.
     *
     * @param resources each DRL's path in the KieFileSystem → its text
     */
    record DrlFiles(
            Map<String, Path> resourcePaths,
            Map<String, String> resources,
            Map<String, String> headers,
            List<DrlSource> sources) {

        /** The key of the compiled rules in a {@link CompiledRuleCache}. */
        String key(ClassLoader classLoader) {
            return CompileKey.of(sources, classLoader);
        }
    }

    static DrlFiles read(Path root, List<Path> drlFiles) {
        Map<String, Path> resourcePaths = new LinkedHashMap<>();
        Map<String, String> resources = new LinkedHashMap<>();
        Map<String, String> headers = new LinkedHashMap<>();
        List<DrlSource> sources = new ArrayList<>();
        for (Path drl : drlFiles) {
            String content = readFile(drl);
            Matcher header = HEADER.matcher(content);
            while (header.find()) {
                headers.put(header.group(2), cleanHeader(header.group(1)));
            }
            Matcher matcher = PACKAGE.matcher(content);
            if (!matcher.find()) {
                throw new RuleBaseException(RuleFiles.relative(root, drl) + ":1:1: the DRL has no package declaration");
            }
            String resourcePath = "src/main/resources/" + matcher.group(1).replace('.', '/') + "/" + drl.getFileName();
            resourcePaths.put(resourcePath, drl);
            resources.put(resourcePath, content);
            sources.add(DrlSource.of(RuleFiles.relative(root, drl), drl, matcher.group(1), content));
        }
        return new DrlFiles(
                Map.copyOf(resourcePaths),
                Collections.unmodifiableMap(resources),
                Map.copyOf(headers),
                List.copyOf(sources));
    }

    static Compiled compile(Path root, List<Path> drlFiles, CompiledRuleCache cache) {
        DrlFiles files = read(root, drlFiles);
        String key = files.key(cache.classLoader());
        ReleaseId releaseId = KieServices.Factory.get().newReleaseId("org.tapercds", "rules-" + key, "1.0.0");
        CompiledRuleCache.Found found = cache.kieBase(
                key, kjar -> load(kjar, releaseId), () -> build(files.resources(), files.sources(), releaseId));
        return new Compiled(
                key, found.kieBase(), files.resourcePaths(), files.headers(), files.sources(), found.origin());
    }

    /** Compiles the DRL: its KieBase and Drools' kjar of it (the executable model's classes). */
    private static CompiledRuleCache.Built build(
            Map<String, String> resources, List<DrlSource> sources, ReleaseId releaseId) {
        KieServices services = KieServices.Factory.get();
        KieFileSystem fileSystem = services.newKieFileSystem();
        fileSystem.generateAndWritePomXML(releaseId);
        resources.forEach(fileSystem::write);
        synchronized (KIE_REPOSITORY) {
            try {
                KieBuilder builder = services.newKieBuilder(fileSystem).buildAll(ExecutableModelProject.class);
                List<String> errors =
                        new DrlProblems(sources).describe(builder.getResults().getMessages(Message.Level.ERROR));
                if (!errors.isEmpty()) {
                    throw new RuleBaseException("the rules do not compile:\n" + String.join("\n", errors));
                }
                KieBase kieBase = services.newKieContainer(releaseId).getKieBase();
                return new CompiledRuleCache.Built(kieBase, ((InternalKieModule) builder.getKieModule()).getBytes());
            } finally {
                services.getRepository().removeKieModule(releaseId);
            }
        }
    }

    /**
     * The KieBase of a kjar {@link #build} made, without compiling: Drools reads the kjar into its
     * in-memory file system and recognises the executable model in it, as its KieBuilder does for
     * what it has just built. The kjar has no {@code kmodule.xml}, so it gets the same default module
     * (one default KieBase of every package) the KieBuilder gave it.
     */
    static KieBase load(byte[] kjar, ReleaseId releaseId) {
        KieServices services = KieServices.Factory.get();
        KieModuleModel model = services.newKieModuleModel();
        KieBuilderImpl.setDefaultsforEmptyKieModule(model);
        InternalKieModule module = InternalKieModuleProvider.get(releaseId, model, MemoryFileSystem.readFromJar(kjar));
        if (!(module instanceof CanonicalKieModule)) {
            throw new IllegalStateException("not a kjar of the executable model for " + releaseId);
        }
        synchronized (KIE_REPOSITORY) {
            services.getRepository().addKieModule(module);
            try {
                return services.newKieContainer(releaseId).getKieBase();
            } finally {
                services.getRepository().removeKieModule(releaseId);
            }
        }
    }

    private static String cleanHeader(String comment) {
        StringBuilder text = new StringBuilder();
        for (String line : comment.split("\\R")) {
            String stripped = line.strip();
            if (stripped.startsWith("*")) {
                stripped = stripped.substring(1);
                if (stripped.startsWith(" ")) {
                    stripped = stripped.substring(1);
                }
            }
            text.append(line.strip().startsWith("*") ? stripped : line.strip()).append('\n');
        }
        return text.toString().strip();
    }

    private static String readFile(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new RuleBaseException(file + ": cannot be read (" + e.getMessage() + ")");
        }
    }
}
