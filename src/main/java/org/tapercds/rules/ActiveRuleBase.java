package org.tapercds.rules;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.nio.file.Path;
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
 * RuleBaseCheck} (card templates, scenarios): a broken rule base stops the start; each request
 * takes one snapshot, so a reload can swap in a new one atomically.
 *
 * <p>The start-up checks run on a thread of their own while the rest of the application is
 * wired (they evaluate every scenario: about a second); the rule base goes into service once they
 * pass, at the latest when all singletons exist (before warm-up and before the port opens), and
 * a failed check fails the start there. Until then {@link #current()} waits for them.
 *
 * <p>Metrics: {@code taper.rules.reloads} counts loads by {@code result} (the start-up load counts
 * as one success; a failed reload, when reload exists, counts as a failure and leaves the old rule
 * base in service), and {@code taper.rules.info} is 1 for the {@code version} in service.
 */
@Component
public class ActiveRuleBase implements SmartInitializingSingleton {

    static final String RELOADS = "taper.rules.reloads";
    static final String INFO = "taper.rules.info";

    private static final Logger log = LoggerFactory.getLogger(ActiveRuleBase.class);

    private final AtomicReference<RuleBase> current = new AtomicReference<>();
    private final RuleBase starting;
    private final CompletableFuture<Void> startChecks;
    private final Counter loadSuccesses;
    private final Counter loadFailures;
    private final MultiGauge info;

    @Autowired
    public ActiveRuleBase(
            RuleBaseLoader loader, List<RuleBaseCheck> checks, RulesProperties properties, MeterRegistry registry) {
        this(loader, checks, properties.rulesDir(), properties.profilesDir(), registry);
    }

    ActiveRuleBase(
            RuleBaseLoader loader,
            List<RuleBaseCheck> checks,
            Path rulesDir,
            Path profilesDir,
            MeterRegistry registry) {
        this.loadSuccesses = reloads(registry, "success");
        this.loadFailures = reloads(registry, "failure");
        this.info = MultiGauge.builder(INFO)
                .description("1 for the version (content hash) of the rule base in service")
                .register(registry);
        RuleBase loaded = loader.load(rulesDir, profilesDir);
        log.info(
                "rule base {} loaded from {} and {}: {} rules; checking it",
                loaded.version(),
                rulesDir,
                profilesDir,
                loaded.catalogue().size());
        this.starting = loaded;
        // A thread made here carries this thread's class loader (the application's, also in the jar).
        this.startChecks = CompletableFuture.runAsync(() -> check(loaded, checks), task -> {
            Thread thread = new Thread(task, "rule-base-checks");
            thread.setDaemon(true);
            thread.start();
        });
    }

    /** Puts the start-up rule base in service once its checks passed; a failed check fails the start. */
    @Override
    public void afterSingletonsInstantiated() {
        current();
    }

    /**
     * The rule base being started, before its checks have passed: only for wiring that reads its
     * terminology at start-up (if the checks fail, the start fails anyway).
     */
    public RuleBase starting() {
        return starting;
    }

    /**
     * Runs every check on a candidate; any problem refuses it with all the problems found, each
     * naming its file. The same checks guard the start-up load and (later) every reload.
     */
    static void check(RuleBase candidate, List<RuleBaseCheck> checks) {
        List<String> problems = new java.util.ArrayList<>();
        for (RuleBaseCheck check : checks) {
            long start = System.nanoTime();
            List<String> found = check.problems(candidate);
            log.info(
                    "rule base {}: {} checked in {} ms, {} problems",
                    candidate.version(),
                    check.name(),
                    (System.nanoTime() - start) / 1_000_000,
                    found.size());
            found.forEach(problem -> problems.add(check.name() + ": " + problem));
        }
        if (!problems.isEmpty()) {
            throw new RuleBaseException(
                    "the rule base " + candidate.version() + " is refused:\n" + String.join("\n", problems));
        }
    }

    public RuleBase current() {
        RuleBase inService = current.get();
        return inService != null ? inService : afterStartChecks();
    }

    private synchronized RuleBase afterStartChecks() {
        if (current.get() == null) {
            try {
                startChecks.join();
            } catch (CompletionException e) {
                if (e.getCause() instanceof RuntimeException cause) {
                    throw cause;
                }
                throw e;
            }
            log.info("rule base {} passed its checks and is in service", starting.version());
            install(starting);
        }
        return current.get();
    }

    /** Whether a checked rule base is in service (readiness). */
    public boolean isLoaded() {
        return current.get() != null;
    }

    /** Puts a checked rule base in service in one atomic step and records it. */
    private void install(RuleBase ruleBase) {
        current.set(ruleBase);
        info.register(List.of(MultiGauge.Row.of(Tags.of("version", ruleBase.version()), 1)), true);
        loadSuccesses.increment();
    }

    /** For the reload (later issue): a rule base refused at reload; the old one keeps serving. */
    void recordRefusedReload() {
        loadFailures.increment();
    }

    private static Counter reloads(MeterRegistry registry, String result) {
        return Counter.builder(RELOADS)
                .description("Rule base loads (start-up and reloads) by result")
                .tag("result", result)
                .register(registry);
    }
}
