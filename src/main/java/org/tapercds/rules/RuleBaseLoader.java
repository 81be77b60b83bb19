package org.tapercds.rules;

import ca.uhn.fhir.context.FhirContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tapercds.evidence.AlcoholMeasure;
import org.tapercds.fhir.Codes;
import org.tapercds.fhir.ProfileValidator;
import org.tapercds.fhir.Terminology;
import org.tapercds.fhir.TerminologyException;
import org.tapercds.fhir.ValueSets;
import org.tapercds.system.CsvFormatException;
import org.tapercds.timeline.DrugKnowledge;
import org.tapercds.timeline.DrugKnowledgeException;

/**
 * Builds a {@link RuleBase} from the {@code rules/} directory on disk (not the classpath): every
 * {@code *.drl} below it compiled ({@link DrlCompiler}) and catalogued ({@link RuleCatalogue}), the
 * card wording ({@link CardWordingFiles}), {@code settings.properties}, the {@code knowledge/} table,
 * and the terminology of {@code fhir-profiles/}. DRL compiled before is taken from the {@link
 * CompiledRuleCache} (the jar's pre-compiled rules, the cache directory) instead of compiled again. Anything wrong is refused with file and line. The
 * checks that need an evaluation (card templates against their values, scenarios) are {@link
 * RuleBaseCheck}s, run by {@link ActiveRuleBase} before a rule base serves.
 */
public final class RuleBaseLoader {

    private static final Logger log = LoggerFactory.getLogger(RuleBaseLoader.class);

    /** A short-lived daemon thread per load for the FHIR side (loads are rare: start-up, reload). */
    private static final Executor FHIR_SIDE = task -> {
        Thread thread = new Thread(task, "rule-base-fhir-profiles");
        thread.setDaemon(true);
        thread.start();
    };

    private final Clock clock;
    private final FhirContext fhirContext;
    private final ValidationMode validationMode;
    private final CompiledRuleCache cache;

    /** A loader that uses the jar's pre-compiled rules but keeps nothing on disk (tests, tools). */
    public RuleBaseLoader(Clock clock, FhirContext fhirContext) {
        this(clock, fhirContext, ValidationMode.OFF);
    }

    /** A loader that uses the jar's pre-compiled rules but keeps nothing on disk (tests, tools). */
    public RuleBaseLoader(Clock clock, FhirContext fhirContext, ValidationMode validationMode) {
        this(clock, fhirContext, validationMode, CompiledRuleCache.classpathOnly());
    }

    RuleBaseLoader(Clock clock, FhirContext fhirContext, ValidationMode validationMode, CompiledRuleCache cache) {
        this.clock = clock;
        this.fhirContext = fhirContext;
        this.validationMode = validationMode;
        this.cache = cache;
    }

    public RuleBase load(Path rulesDir, Path profilesDir) {
        Path root = rulesDir.toAbsolutePath().normalize();
        if (!Files.isDirectory(root)) {
            throw new RuleBaseException(rulesDir + ": the rules directory does not exist");
        }
        List<Path> drlFiles = RuleFiles.withSuffix(root, ".drl");
        if (drlFiles.isEmpty()) {
            throw new RuleBaseException(rulesDir + ": no .drl files");
        }
        SettingsFile.Settings settings = SettingsFile.load(root);
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
        String version = RuleFiles.hash(List.of(root, profiles));
        long compileStart = System.nanoTime();
        DrlCompiler.Compiled compiled;
        try {
            compiled = DrlCompiler.compile(root, drlFiles, cache);
        } catch (RuleBaseException e) {
            join(fhirSide); // a broken profile is reported first, as the FHIR side would have it
            throw e;
        }
        long compileMillis = (System.nanoTime() - compileStart) / 1_000_000;
        Map<String, RuleInfo> catalogue = RuleCatalogue.of(compiled, root, settings.values());
        CardWording wording = CardWordingFiles.load(root, catalogue.values());
        FhirSide fhir = join(fhirSide);
        // RULES §7: an order coded with a value-set code the drug table lacks is unassessable, not left out.
        if (fhir.terminology().hasValueSet(ValueSets.BENZODIAZEPINES_AND_Z_DRUGS)) {
            knowledge = knowledge.admitting(fhir.terminology().members(ValueSets.BENZODIAZEPINES_AND_Z_DRUGS).stream()
                    .filter(c -> Codes.RXNORM.equals(c.system()))
                    .map(Terminology.Concept::code)
                    .toList());
        }
        log.info(
                "rules {} in {} ms; FHIR profiles read in {} ms alongside",
                compiled.origin(),
                compileMillis,
                fhir.millis());
        checkOverrideReasons(wording, fhir.terminology());
        return new RuleBase(
                version,
                clock.instant(),
                compiled.kieBase(),
                Map.copyOf(catalogue),
                settings.thresholds(),
                settings.values(),
                wording,
                knowledge,
                fhir.terminology(),
                alcoholMeasures,
                validationMode,
                fhir.validator());
    }

    /** A card's override reasons must be codes of the override-reason ValueSet. */
    private static void checkOverrideReasons(CardWording wording, Terminology terminology) {
        List<String> known = terminology.members(ValueSets.OVERRIDE_REASONS).stream()
                .map(Terminology.Concept::code)
                .toList();
        List<String> problems = new ArrayList<>();
        for (CardWording.Category category : wording.categories()) {
            for (String code : category.overrideReasons()) {
                if (!known.contains(code)) {
                    problems.add(category.file() + ": " + category.category() + ".overrideReasons: " + code
                            + " is not in the ValueSet " + ValueSets.OVERRIDE_REASONS);
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new RuleBaseException("the card wording is incomplete:\n" + String.join("\n", problems));
        }
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
}
