package org.tapercds.rules;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.drools.model.codegen.ExecutableModelProject;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;
import org.kie.api.runtime.KieContainer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tapercds.evidence.AlcoholMeasure;
import org.tapercds.facts.TaperSettings;
import org.tapercds.fhir.ProfileValidator;
import org.tapercds.fhir.Terminology;
import org.tapercds.fhir.TerminologyException;
import org.tapercds.system.CsvFormatException;
import org.tapercds.system.MountedFiles;
import org.tapercds.timeline.DrugKnowledge;
import org.tapercds.timeline.DrugKnowledgeException;

/**
 * Builds a {@link RuleBase} from the {@code rules/} directory on disk (not the classpath): every
 * {@code *.drl} below it compiled with Drools' executable model, {@code settings.properties} and the
 * {@code knowledge/} table. Anything wrong is refused with file and line.
 */
public final class RuleBaseLoader {

    private static final Logger log = LoggerFactory.getLogger(RuleBaseLoader.class);

    /** A short-lived daemon thread per load for the FHIR side (loads are rare: start-up, reload). */
    private static final Executor FHIR_SIDE = task -> {
        Thread thread = new Thread(task, "rule-base-fhir-profiles");
        thread.setDaemon(true);
        thread.start();
    };

    /** A block comment directly before {@code rule "name"}: the rule's When/Then header. */
    private static final Pattern HEADER =
            Pattern.compile("/\\*((?:(?!\\*/).)*)\\*/\\s*rule\\s+\"([^\"]+)\"", Pattern.DOTALL);

    private static final Pattern PACKAGE = Pattern.compile("(?m)^\\s*package\\s+([\\w.]+)\\s*;?");
    private static final List<String> REQUIRED_METADATA = List.of("id", "version", "category", "citation");

    private final Clock clock;
    private final FhirContext fhirContext;
    private final ValidationMode validationMode;

    public RuleBaseLoader(Clock clock, FhirContext fhirContext) {
        this(clock, fhirContext, ValidationMode.OFF);
    }

    public RuleBaseLoader(Clock clock, FhirContext fhirContext, ValidationMode validationMode) {
        this.clock = clock;
        this.fhirContext = fhirContext;
        this.validationMode = validationMode;
    }

    public RuleBase load(Path rulesDir, Path profilesDir) {
        Path root = rulesDir.toAbsolutePath().normalize();
        if (!Files.isDirectory(root)) {
            throw new RuleBaseException(rulesDir + ": the rules directory does not exist");
        }
        List<Path> drlFiles = files(root, ".drl");
        if (drlFiles.isEmpty()) {
            throw new RuleBaseException(rulesDir + ": no .drl files");
        }
        TaperSettings settings = SettingsFile.read(root);
        DrugKnowledge knowledge;
        List<AlcoholMeasure> alcoholMeasures;
        try {
            knowledge = DrugKnowledge.load(root.resolve("knowledge"));
            alcoholMeasures = AlcoholMeasure.load(root);
        } catch (DrugKnowledgeException | CsvFormatException e) {
            throw new RuleBaseException(e.getMessage());
        }
        // HAPI reading the ValueSets (and building the validator) and Drools compiling the DRL are
        // independent and each takes seconds: the FHIR side runs on another thread meanwhile.
        Path profiles = profilesDir.toAbsolutePath().normalize();
        // If the DRL side throws first, the FHIR side's result (or failure) is dropped unread.
        CompletableFuture<FhirSide> fhirSide =
                CompletableFuture.supplyAsync(() -> fhirSide(profiles, alcoholMeasures), FHIR_SIDE);
        String version = hash(List.of(root, profilesDir.toAbsolutePath().normalize()));
        KieServices services = KieServices.Factory.get();
        KieFileSystem fileSystem = services.newKieFileSystem();
        ReleaseId releaseId = services.newReleaseId("org.tapercds", "rules-" + version, "1.0.0");
        fileSystem.generateAndWritePomXML(releaseId);
        Map<String, Path> resourcePaths = new LinkedHashMap<>();
        Map<String, String> headers = new LinkedHashMap<>();
        for (Path drl : drlFiles) {
            String content = read(drl);
            Matcher header = HEADER.matcher(content);
            while (header.find()) {
                headers.put(header.group(2), cleanHeader(header.group(1)));
            }
            Matcher matcher = PACKAGE.matcher(content);
            if (!matcher.find()) {
                throw new RuleBaseException(relative(root, drl) + ":1: the DRL has no package declaration");
            }
            String resourcePath = "src/main/resources/" + matcher.group(1).replace('.', '/') + "/" + drl.getFileName();
            resourcePaths.put(resourcePath, drl);
            fileSystem.write(resourcePath, content);
        }
        long compileStart = System.nanoTime();
        KieBuilder builder = services.newKieBuilder(fileSystem).buildAll(ExecutableModelProject.class);
        long compileMillis = (System.nanoTime() - compileStart) / 1_000_000;
        FhirSide fhir = join(fhirSide);
        log.info("rules compiled in {} ms; FHIR profiles read in {} ms alongside", compileMillis, fhir.millis());
        List<String> errors = new ArrayList<>();
        for (Message message : builder.getResults().getMessages(Message.Level.ERROR)) {
            Path source = sourceOf(message.getPath(), resourcePaths);
            String where = source == null ? String.valueOf(message.getPath()) : relative(root, source);
            errors.add(where + ":" + Math.max(message.getLine(), 1) + ": "
                    + message.getText().strip());
        }
        if (!errors.isEmpty()) {
            throw new RuleBaseException("the rules do not compile:\n" + String.join("\n", errors));
        }
        KieContainer container = services.newKieContainer(releaseId);
        KieBase kieBase = container.getKieBase();
        services.getRepository().removeKieModule(releaseId);
        Map<String, RuleInfo> catalogue = catalogue(kieBase, root, resourcePaths, headers);
        return new RuleBase(
                version,
                clock.instant(),
                kieBase,
                Map.copyOf(catalogue),
                settings,
                knowledge,
                fhir.terminology(),
                alcoholMeasures,
                validationMode,
                fhir.validator());
    }

    /** What {@code fhir-profiles/} gives a rule base; the validator only when validation is on. */
    private record FhirSide(Terminology terminology, ProfileValidator validator, long millis) {}

    private FhirSide fhirSide(Path profiles, List<AlcoholMeasure> alcoholMeasures) {
        long start = System.nanoTime();
        Terminology terminology;
        try {
            terminology = Terminology.load(profiles, fhirContext);
        } catch (TerminologyException e) {
            throw new RuleBaseException(e.getMessage());
        }
        for (AlcoholMeasure measure : alcoholMeasures) {
            if (!terminology.hasValueSet(measure.valueSet())) {
                throw new RuleBaseException(AlcoholMeasure.FILE + ": measure " + measure.measure() + " names ValueSet "
                        + measure.valueSet() + ", which is not defined in fhir-profiles");
            }
        }
        ProfileValidator validator = null;
        if (validationMode != ValidationMode.OFF) {
            try {
                validator = ProfileValidator.load(profiles, fhirContext);
            } catch (TerminologyException e) {
                throw new RuleBaseException(e.getMessage());
            }
        }
        return new FhirSide(terminology, validator, (System.nanoTime() - start) / 1_000_000);
    }

    /** The FHIR side's result, or its failure as thrown there (a broken profile is reported first). */
    private static FhirSide join(CompletableFuture<FhirSide> fhirSide) {
        try {
            return fhirSide.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error cause) {
                throw cause;
            }
            throw e;
        }
    }

    private static Map<String, RuleInfo> catalogue(
            KieBase kieBase, Path root, Map<String, Path> resourcePaths, Map<String, String> headers) {
        Map<String, RuleInfo> catalogue = new LinkedHashMap<>();
        Map<String, String> ids = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (KiePackage kiePackage : kieBase.getKiePackages()) {
            for (Rule rule : kiePackage.getRules()) {
                Map<String, Object> meta = rule.getMetaData();
                String file = fileOf(rule, root, resourcePaths);
                for (String key : REQUIRED_METADATA) {
                    if (metadata(meta, key) == null) {
                        problems.add(file + ": rule \"" + rule.getName() + "\" has no @" + key);
                    }
                }
                String header = headers.get(rule.getName());
                if (header == null || !header.contains("When:") || !header.contains("Then:")) {
                    problems.add(file + ": rule \"" + rule.getName()
                            + "\" needs a /* ... When: ... Then: ... */ header directly before it");
                }
                String id = metadata(meta, "id");
                String previous = id == null ? null : ids.put(id, rule.getName());
                if (previous != null) {
                    problems.add(
                            file + ": rule \"" + rule.getName() + "\" repeats @id " + id + " of \"" + previous + "\"");
                }
                catalogue.put(
                        rule.getPackageName() + "." + rule.getName(),
                        new RuleInfo(
                                id,
                                metadata(meta, "version"),
                                metadata(meta, "category"),
                                metadata(meta, "citation"),
                                metadata(meta, "link"),
                                rule.getName(),
                                file,
                                header));
            }
        }
        if (!problems.isEmpty()) {
            throw new RuleBaseException("rule metadata is incomplete:\n" + String.join("\n", problems));
        }
        return catalogue;
    }

    private static Path sourceOf(String messagePath, Map<String, Path> resourcePaths) {
        if (messagePath == null) {
            return null;
        }
        return resourcePaths.entrySet().stream()
                .filter(e -> e.getKey().endsWith(messagePath) || messagePath.endsWith(e.getKey()))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElse(null);
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

    /** Metadata as written: {@code @id("x")} arrives as {@code "x"} with its quotes. */
    private static String metadata(Map<String, Object> meta, String key) {
        Object value = meta.get(key);
        if (value == null) {
            return null;
        }
        String text = value.toString().strip();
        if (text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"")) {
            text = text.substring(1, text.length() - 1);
        }
        return text.isBlank() ? null : text;
    }

    private static String fileOf(Rule rule, Path root, Map<String, Path> resourcePaths) {
        String packagePath = rule.getPackageName().replace('.', '/');
        return resourcePaths.entrySet().stream()
                .filter(e -> e.getKey().startsWith("src/main/resources/" + packagePath + "/"))
                .map(e -> relative(root, e.getValue()))
                .findFirst()
                .orElse(rule.getPackageName());
    }

    private static List<Path> files(Path root, String suffix) {
        try {
            return MountedFiles.list(root).stream()
                    .filter(p -> p.toString().endsWith(suffix))
                    .toList();
        } catch (IOException e) {
            throw new RuleBaseException(root + ": cannot be listed (" + e.getMessage() + ")");
        }
    }

    /** SHA-256 over every file's relative path and content: the version shown by the admin API. */
    private static String hash(List<Path> roots) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (Path root : roots) {
                for (Path file : MountedFiles.list(root)) {
                    digest.update(relative(root, file).getBytes(StandardCharsets.UTF_8));
                    digest.update(Files.readAllBytes(file));
                }
            }
            return HexFormat.of().formatHex(digest.digest()).substring(0, 12);
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new RuleBaseException("the rule files cannot be read (" + e.getMessage() + ")");
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new RuleBaseException(file + ": cannot be read (" + e.getMessage() + ")");
        }
    }

    private static String relative(Path root, Path file) {
        return root.relativize(file).toString().replace('\\', '/');
    }
}
