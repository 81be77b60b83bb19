package org.tapercds.evaluation.scenarios;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.tapercds.evaluation.Evaluation;
import org.tapercds.evaluation.EvaluationPipeline;
import org.tapercds.evaluation.Service;
import org.tapercds.evaluation.cards.Card;
import org.tapercds.rules.RuleBase;
import org.tapercds.rules.RuleBaseCheck;
import org.tapercds.system.ApiException;
import tools.jackson.databind.ObjectMapper;

/**
 * Runs scenario files through the same pipeline as a real call (envelope checks, HAPI parsing,
 * timeline, rules, cards) with the scenario's pinned day, on a given rule base. As a {@link
 * RuleBaseCheck} it refuses a rule base one of whose scenarios fails, or one of whose rules has no
 * scenario where it fires and none where it stays silent.
 */
public final class ScenarioRunner implements RuleBaseCheck {

    /** Far beyond any scenario's time (milliseconds): only a rule that keeps firing reaches it. */
    private static final Duration SCENARIO_TIMEOUT = Duration.ofSeconds(30);

    private final ScenarioFiles files;
    private final EvaluationPipeline pipeline;
    private final ObjectMapper json;
    private final Path rulesDir;

    public ScenarioRunner(ScenarioFiles files, EvaluationPipeline pipeline, ObjectMapper json, Path rulesDir) {
        this.files = files;
        this.pipeline = pipeline;
        this.json = json;
        this.rulesDir = rulesDir;
    }

    /**
     * The result of one scenario: passed, or what differed.
     *
     * @param evaluation the evaluation (null when the request was refused)
     */
    public record Result(Scenario scenario, boolean passed, String message, Evaluation evaluation) {

        /** Whether the rule with this id raised an advisory or concluded a fact in this scenario. */
        public boolean fired(String ruleId) {
            return evaluation != null && evaluation.rules().fired(ruleId);
        }
    }

    @Override
    public String name() {
        return "scenarios";
    }

    @Override
    public List<String> problems(RuleBase candidate) {
        List<Result> results;
        try {
            results = runAll(candidate);
        } catch (ScenarioException e) {
            return List.of(e.getMessage());
        }
        List<String> problems = new ArrayList<>();
        results.stream()
                .filter(r -> !r.passed())
                .forEach(r -> problems.add(r.scenario().name() + ": " + r.message()));
        problems.addAll(coverageGaps(candidate, results));
        return problems;
    }

    /**
     * Every scenario under the rules directory, run on {@code candidate} (for a report of each;
     * {@link #problems} for the check).
     *
     * @throws ScenarioException when a scenario file cannot be read
     */
    public List<Result> runAll(RuleBase candidate) {
        return runAll(files.load(rulesDir), candidate);
    }

    /** The rules without a fires-* scenario where they fire or a silent-* one where they do not. */
    public List<String> coverageGaps(RuleBase candidate, List<Result> results) {
        return ScenarioCoverage.gaps(candidate, results);
    }

    /**
     * Runs the scenarios on one thread per core (the pipeline is stateless, as for concurrent calls):
     * the check runs before the service opens its port. The threads are made here, so they inherit
     * this thread's class loader (the application's, also in the packaged jar). Results keep the
     * given order. Public for the impact preview, which runs one scenario library on two rule bases.
     */
    public List<Result> runAll(List<Scenario> scenarios, RuleBase candidate) {
        ExecutorService threads = Executors.newFixedThreadPool(
                Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), scenarios.size())), task -> {
                    Thread thread = new Thread(task, "scenario-check");
                    thread.setDaemon(true); // a rule that never stops must not keep the JVM alive
                    return thread;
                });
        try {
            List<Future<Result>> running = new ArrayList<>();
            for (Scenario scenario : scenarios) {
                running.add(threads.submit(() -> run(scenario, candidate)));
            }
            List<Result> results = new ArrayList<>();
            for (int i = 0; i < running.size(); i++) {
                results.add(result(scenarios.get(i), running.get(i)));
            }
            return results;
        } finally {
            threads.shutdownNow();
        }
    }

    private static Result result(Scenario scenario, Future<Result> running) {
        try {
            return running.get(SCENARIO_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            running.cancel(true);
            return new Result(
                    scenario,
                    false,
                    "no answer within " + SCENARIO_TIMEOUT.toSeconds() + " s (a rule that keeps firing?)",
                    null);
        } catch (ExecutionException e) {
            return new Result(scenario, false, "the evaluation failed: " + e.getCause(), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(scenario, false, "interrupted", null);
        }
    }

    /** Runs one scenario on a rule base. */
    public Result run(Scenario scenario, RuleBase ruleBase) {
        Optional<Service> service = Service.find(scenario.service());
        if (service.isEmpty()) {
            return new Result(scenario, false, "unknown service " + scenario.service(), null);
        }
        Evaluation evaluation;
        try {
            evaluation = pipeline.evaluate(
                    pipeline.read(service.get(), scenario.request()),
                    ruleBase,
                    LocalDate.ofInstant(scenario.now(), ZoneOffset.UTC));
        } catch (ApiException e) {
            return new Result(scenario, false, "the request was refused: " + e.getMessage(), null);
        } catch (RuntimeException e) {
            // E.g. a rule raising evidence no card is written for: one problem among all the others.
            return new Result(scenario, false, "the evaluation failed: " + e, null);
        }
        List<Card> cards = evaluation.wireCards();
        List<String> problems = new ArrayList<>();
        String serialized = json.writeValueAsString(cards);
        if (serialized.contains(":null")) {
            problems.add("a card contains null: " + serialized);
        }
        List<String> actual = cards.stream()
                .map(c -> c.source().topic().code() + "/" + c.indicator())
                .toList();
        List<String> expected = scenario.cards().stream()
                .map(c -> c.category() + "/" + c.indicator())
                .toList();
        if (!actual.equals(expected)) {
            problems.add("expected cards " + expected + " but got " + actual);
        } else {
            for (int i = 0; i < cards.size(); i++) {
                check(scenario.cards().get(i), cards.get(i), problems);
            }
        }
        for (String category : scenario.absent()) {
            if (cards.stream().anyMatch(c -> c.source().topic().code().equals(category))) {
                problems.add("expected no " + category + " card");
            }
        }
        if (scenario.oneProposal()) {
            checkOneProposal(cards, problems);
        }
        for (String rule : scenario.rules()) {
            if (!evaluation.rules().fired(rule)) {
                problems.add("expected rule " + rule + " to raise an advisory or conclude a fact; it did not");
            }
        }
        return new Result(scenario, problems.isEmpty(), String.join("; ", problems), evaluation);
    }

    private static void check(Scenario.ExpectedCard expected, Card card, List<String> problems) {
        List<Card.Suggestion> suggestions = card.suggestions() == null ? List.of() : card.suggestions();
        if (expected.noSuggestion()) {
            if (!suggestions.isEmpty()) {
                problems.add(expected.category() + ": expected no suggestion but got "
                        + suggestions.get(0).label());
            }
        } else if (expected.suggestion() != null
                && (suggestions.isEmpty() || !suggestions.get(0).label().contains(expected.suggestion()))) {
            problems.add(expected.category() + ": expected a suggestion containing \"" + expected.suggestion()
                    + "\" but got "
                    + (suggestions.isEmpty()
                            ? "none"
                            : "\"" + suggestions.get(0).label() + "\""));
        }
        if (expected.action() != null
                && (suggestions.isEmpty()
                        || !suggestions.get(0).actions().get(0).description().contains(expected.action()))) {
            problems.add(expected.category() + ": expected the first suggestion's action to contain \""
                    + expected.action() + "\" but got "
                    + (suggestions.isEmpty()
                            ? "none"
                            : "\"" + suggestions.get(0).actions().get(0).description() + "\""));
        }
        if (expected.noPlan()) {
            if (suggestions.size() > 1) {
                problems.add(expected.category() + ": expected no second suggestion (plan) but got "
                        + suggestions.get(1).label());
            }
        } else if (expected.plan() != null
                && (suggestions.size() < 2 || !suggestions.get(1).label().contains(expected.plan()))) {
            problems.add(expected.category() + ": expected a second suggestion (plan) containing \""
                    + expected.plan() + "\" but got "
                    + (suggestions.size() < 2
                            ? "none"
                            : "\"" + suggestions.get(1).label() + "\""));
        }
    }

    /** expect.oneProposal: every card with a suggestion offers the same first one (label and resource). */
    private static void checkOneProposal(List<Card> cards, List<String> problems) {
        List<Card> offering = cards.stream()
                .filter(c -> c.suggestions() != null && !c.suggestions().isEmpty())
                .toList();
        if (offering.size() < 2) {
            problems.add("expected at least two cards offering the one proposal, got " + offering.size());
            return;
        }
        Card.Suggestion first = offering.get(0).suggestions().get(0);
        for (Card card : offering.subList(1, offering.size())) {
            Card.Suggestion other = card.suggestions().get(0);
            if (!first.label().equals(other.label()) || !resources(first).equals(resources(other))) {
                problems.add("expected the same first suggestion on every card, but "
                        + card.source().topic().code() + " offers \"" + other.label() + "\" and "
                        + offering.get(0).source().topic().code() + " \"" + first.label() + "\"");
            }
        }
    }

    private static List<String> resources(Card.Suggestion suggestion) {
        return suggestion.actions().stream()
                .map(a -> a.type() + " " + a.resource())
                .toList();
    }
}
