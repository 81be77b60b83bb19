package org.tapercds.rules;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The rule base in service. Loaded and checked at start-up, compiled and then by every {@link
 * RuleBaseCheck} (card templates, scenarios): a broken rule base stops the start. {@link #reload}
 * builds a candidate from the same directories and runs the same checks; only a candidate that
 * passes all of them replaces the rule base in service, in one atomic step, otherwise the previous
 * one keeps serving. Each request takes one snapshot ({@link #current()}), so no request mixes two
 * rule bases.
 *
 * <p>The start-up load and its checks run on a thread of their own while the rest of the
 * application is wired (taking the pre-compiled rules, reading the profiles and evaluating every
 * scenario: 2–3 s on 2 cores); the rule base goes into service once they pass, at the latest when
 * all singletons exist (before warm-up and before the port opens), and a rule base that does not
 * load or fails a check fails the start there. Until then {@link #current()} waits for them.
 *
 * <p>Metrics: {@code taper.rules.reloads} counts loads by {@code result} (the start-up load and
 * every reload that swapped a rule base in count as a success, a refused reload as a failure; a
 * reload that found the files unchanged is not counted), and {@code taper.rules.info} is 1 for the
 * {@code version} in service.
 */
@Component
public class ActiveRuleBase implements SmartInitializingSingleton {

    static final String RELOADS = "taper.rules.reloads";
    static final String INFO = "taper.rules.info";
    static final String START_UP = "start-up";

    private static final Logger log = LoggerFactory.getLogger(ActiveRuleBase.class);

    private final AtomicReference<InService> inService = new AtomicReference<>();
    private final AtomicReference<RuleReload> lastReload = new AtomicReference<>();
    private final Object reloads = new Object();
    private final RuleBaseLoader loader;
    private final List<RuleBaseCheck> checks;
    private final Path rulesDir;
    private final Path profilesDir;
    private final Clock clock;
    private final long startNanos;
    /** The start-up rule base, loaded and checked (or the reason it is refused). */
    private final CompletableFuture<RuleBase> starting;
    /** How long the start-up rule base's checks took (set before {@link #starting} completes). */
    private volatile Duration startUpChecks = Duration.ZERO;

    private final Counter loadSuccesses;
    private final Counter loadFailures;
    private final MultiGauge info;

    /**
     * The rule base in service with what {@code GET /admin/rules} shows beside it.
     *
     * @param scenarios the scenario files of each folder of the files it was built from
     */
    public record InService(RuleBase ruleBase, List<ScenarioCount> scenarios) {}

    @Autowired
    public ActiveRuleBase(
            RuleBaseLoader loader,
            List<RuleBaseCheck> checks,
            RulesProperties properties,
            Clock clock,
            MeterRegistry registry) {
        this(loader, checks, properties.rulesDir(), properties.profilesDir(), clock, registry);
    }

    ActiveRuleBase(
            RuleBaseLoader loader,
            List<RuleBaseCheck> checks,
            Path rulesDir,
            Path profilesDir,
            Clock clock,
            MeterRegistry registry) {
        this.loader = loader;
        this.checks = List.copyOf(checks);
        this.rulesDir = rulesDir;
        this.profilesDir = profilesDir;
        this.clock = clock;
        this.loadSuccesses = reloads(registry, "success");
        this.loadFailures = reloads(registry, "failure");
        this.info = MultiGauge.builder(INFO)
                .description("1 for the version (content hash) of the rule base in service")
                .register(registry);
        this.startNanos = System.nanoTime();
        // Loaded and checked on a thread of its own while the rest of the application is wired.
        // A thread made here carries this thread's class loader (the application's, also in the jar).
        this.starting = CompletableFuture.supplyAsync(
                () -> {
                    RuleBase loaded = loader.load(rulesDir, profilesDir);
                    log.info(
                            "rule base {} loaded from {} and {}: {} rules; checking it",
                            loaded.version(),
                            rulesDir,
                            profilesDir,
                            loaded.catalogue().size());
                    long checking = System.nanoTime();
                    RuleBaseChecks.check(loaded, this.checks);
                    startUpChecks = Duration.ofNanos(System.nanoTime() - checking);
                    return loaded;
                },
                task -> {
                    Thread thread = new Thread(task, "rule-base-start");
                    thread.setDaemon(true);
                    thread.start();
                });
    }

    /** Puts the start-up rule base in service once its checks passed; a failed check fails the start. */
    @Override
    public void afterSingletonsInstantiated() {
        current();
    }

    /** The rule base in service: take it once per request and use that snapshot throughout. */
    public RuleBase current() {
        InService serving = inService.get();
        return serving != null ? serving.ruleBase() : afterStartChecks();
    }

    /** The rule base in service with the scenario counts of its files (waits for the start-up checks). */
    public InService inService() {
        current();
        return inService.get();
    }

    /**
     * How long the start-up rule base's checks took (waits for them). The scenario check runs every
     * request of the library through the evaluation pipeline, so the warm-up counts this time.
     */
    public Duration startUpChecks() {
        current();
        return startUpChecks;
    }

    /** The last attempt to put a rule base in service: the start-up load until the first reload. */
    public RuleReload lastReload() {
        current();
        return lastReload.get();
    }

    private synchronized RuleBase afterStartChecks() {
        if (inService.get() == null) {
            RuleBase loaded;
            try {
                loaded = starting.join();
            } catch (CompletionException e) {
                if (e.getCause() instanceof RuntimeException cause) {
                    throw cause;
                }
                throw e;
            }
            log.info("rule base {} passed its checks and is in service", loaded.version());
            // Recorded first: whoever sees a rule base in service also finds its attempt.
            lastReload.set(new Attempt(START_UP, loaded.loadedAt(), startNanos)
                    .end(RuleReload.Result.LOADED, loaded.version(), loaded.version(), List.of()));
            install(loaded, ScenarioCount.inFolders(rulesDir.toAbsolutePath().normalize()));
        }
        return inService.get().ruleBase();
    }

    /** Whether a checked rule base is in service (readiness). */
    public boolean isLoaded() {
        return inService.get() != null;
    }

    /**
     * Builds a candidate from the rules and profiles directories, runs every check on it and puts it
     * in service only when all pass; otherwise the rule base in service stays and the refusal is
     * recorded with its problems. Files whose content hash is the version in service are not built
     * again. One reload at a time: a call while another runs waits for it, then runs on the files
     * as they are then (usually finding them unchanged). Requests are served throughout.
     *
     * @param trigger what asks for it ({@code watch}, {@code endpoint}), recorded and logged
     */
    public RuleReload reload(String trigger) {
        current();
        synchronized (reloads) {
            Attempt attempt = new Attempt(trigger, clock.instant(), System.nanoTime());
            String serving = inService.get().ruleBase().version();
            RuleBase candidate;
            List<ScenarioCount> scenarios;
            try {
                Path rules = rulesDir.toAbsolutePath().normalize();
                if (RuleFiles.hash(List.of(rules, profilesDir.toAbsolutePath().normalize()))
                        .equals(serving)) {
                    log.info("rule base reload ({}): the files are those of {} in service", trigger, serving);
                    return record(attempt.end(RuleReload.Result.UNCHANGED, serving, serving, List.of()));
                }
                candidate = loader.load(rulesDir, profilesDir);
                scenarios = ScenarioCount.inFolders(rules);
            } catch (RuleBaseException e) {
                return refuse(attempt, null, RuleReload.problemsOf(e.getMessage()));
            } catch (RuntimeException e) {
                // Not a problem of the files the loader knows how to name: its class only, no message.
                return refuse(
                        attempt,
                        null,
                        List.of("the rule base could not be built ("
                                + e.getClass().getName() + ")"));
            }
            log.info(
                    "rule base {} loaded for a reload ({}): {} rules; checking it",
                    candidate.version(),
                    trigger,
                    candidate.catalogue().size());
            List<String> problems;
            try {
                problems = RuleBaseChecks.problems(candidate, checks);
            } catch (RuntimeException e) {
                problems = List.of("a check failed (" + e.getClass().getName() + ")");
            }
            if (!problems.isEmpty()) {
                return refuse(attempt, candidate.version(), RuleReload.located(problems, rulesDir.toAbsolutePath()));
            }
            install(candidate, scenarios);
            log.info("rule base {} passed its checks and replaces {} ({})", candidate.version(), serving, trigger);
            return record(attempt.end(RuleReload.Result.LOADED, candidate.version(), candidate.version(), List.of()));
        }
    }

    /** One attempt under way: what asked for it, when, and since when it runs (nanoTime). */
    private record Attempt(String trigger, Instant at, long start) {

        RuleReload end(RuleReload.Result result, String candidate, String inService, List<String> problems) {
            long millis = (System.nanoTime() - start) / 1_000_000;
            return new RuleReload(result, trigger, at, millis, candidate, inService, problems);
        }
    }

    private RuleReload refuse(Attempt attempt, String candidate, List<String> problems) {
        loadFailures.increment();
        String serving = inService.get().ruleBase().version();
        log.warn(
                "rule base {} refused ({}); {} keeps serving. {} problems:\n{}",
                candidate == null ? "(not built)" : candidate,
                attempt.trigger(),
                serving,
                problems.size(),
                String.join("\n", problems));
        return record(attempt.end(RuleReload.Result.REFUSED, candidate, serving, problems));
    }

    private RuleReload record(RuleReload reload) {
        lastReload.set(reload);
        return reload;
    }

    /** Puts a checked rule base in service in one atomic step and records it. */
    private void install(RuleBase ruleBase, List<ScenarioCount> scenarios) {
        inService.set(new InService(ruleBase, scenarios));
        info.register(List.of(MultiGauge.Row.of(Tags.of("version", ruleBase.version()), 1)), true);
        loadSuccesses.increment();
    }

    private static Counter reloads(MeterRegistry registry, String result) {
        return Counter.builder(RELOADS)
                .description("Rule base loads (start-up and reloads) by result")
                .tag("result", result)
                .register(registry);
    }
}
