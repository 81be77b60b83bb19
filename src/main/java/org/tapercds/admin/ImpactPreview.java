package org.tapercds.admin;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import org.tapercds.admin.ImpactReport.CardChange;
import org.tapercds.admin.ImpactReport.Count;
import org.tapercds.evaluation.scenarios.Scenario;
import org.tapercds.evaluation.scenarios.ScenarioFiles;
import org.tapercds.evaluation.scenarios.ScenarioRunner;
import org.tapercds.rules.RuleBase;

/**
 * The impact preview (SPEC §7): replays the scenario library, each scenario with its pinned {@code
 * now}, on a baseline and a candidate rule base through the scenario runner (the pipeline of a real
 * call), and reports the cards that appear, disappear or change indicator, first suggestion or plan.
 * The library is every scenario of the candidate's rules directory, and those of the baseline's
 * (when its files are at hand) that the candidate lacks or has with another request, service or
 * {@code now}; and, when given, recent live requests (each replayed with its own {@code now}, without
 * expectations: only what changes is reported). The candidate's failing expectations are listed too:
 * showing them is the point, they do not refuse the preview.
 */
public final class ImpactPreview {

    private final ScenarioFiles files;
    private final ScenarioRunner runner;

    public ImpactPreview(ScenarioFiles files, ScenarioRunner runner) {
        this.files = files;
        this.runner = runner;
    }

    /**
     * One of the two rule bases.
     *
     * @param source how the report names it (a directory, "in service")
     * @param rulesDir the directory holding its scenario files; null when they are not at hand (the
     *     rule base in service, whose files on disk are the candidate's)
     */
    public record Side(RuleBase ruleBase, String source, Path rulesDir) {}

    /** A finished preview: the report, and the runs behind it (for {@link ExpectationWriter}). */
    public static final class Preview {

        private final ImpactReport report;
        private final List<Comparison> comparisons;

        Preview(ImpactReport report, List<Comparison> comparisons) {
            this.report = report;
            this.comparisons = List.copyOf(comparisons);
        }

        public ImpactReport report() {
            return report;
        }

        List<Comparison> comparisons() {
            return comparisons;
        }
    }

    private record Entry(Scenario scenario, String from) {}

    /**
     * Runs the library on both rule bases and compares the cards.
     *
     * @throws org.tapercds.evaluation.scenarios.ScenarioException when a scenario file cannot be read
     */
    public Preview preview(Side baseline, Side candidate) {
        return preview(baseline, candidate, List.of());
    }

    /**
     * As {@link #preview(Side, Side)}, with recent live requests replayed beside the library.
     *
     * @param recent requests as scenarios without expectations (see {@link RecentRequests})
     */
    public Preview preview(Side baseline, Side candidate, List<Scenario> recent) {
        List<Entry> library = library(candidate.rulesDir(), baseline.rulesDir());
        recent.forEach(request -> library.add(new Entry(request, Comparison.RECENT)));
        List<Scenario> scenarios = library.stream().map(Entry::scenario).toList();
        List<ScenarioRunner.Result> before = runner.runAll(scenarios, baseline.ruleBase());
        List<ScenarioRunner.Result> after = runner.runAll(scenarios, candidate.ruleBase());
        List<Comparison> comparisons = new ArrayList<>();
        for (int i = 0; i < library.size(); i++) {
            comparisons.add(new Comparison(
                    library.get(i).scenario(),
                    library.get(i).from(),
                    Comparison.cards(before.get(i)),
                    Comparison.error(before.get(i)),
                    Comparison.cards(after.get(i)),
                    Comparison.error(after.get(i)),
                    after.get(i)));
        }
        List<ScenarioRunner.Result> candidateRuns = comparisons.stream()
                .filter(c -> c.from().equals(Comparison.CANDIDATE))
                .map(Comparison::candidateResult)
                .toList();
        return new Preview(
                report(baseline, candidate, comparisons, runner.coverageGaps(candidate.ruleBase(), candidateRuns)),
                comparisons);
    }

    /**
     * What {@code test} would find on the candidate's files as they are now (after {@code --accept}):
     * each failing scenario ({@code name: what differed}) and each coverage gap.
     */
    public List<String> problems(Path candidateRulesDir, RuleBase candidate) {
        List<ScenarioRunner.Result> results = runner.runAll(files.load(candidateRulesDir), candidate);
        List<String> problems = new ArrayList<>();
        results.stream()
                .filter(r -> !r.passed())
                .forEach(r -> problems.add(r.scenario().name() + ": " + r.message()));
        problems.addAll(runner.coverageGaps(candidate, results));
        return problems;
    }

    private List<Entry> library(Path candidateRulesDir, Path baselineRulesDir) {
        List<Entry> library = new ArrayList<>();
        List<Scenario> candidate = files.load(candidateRulesDir);
        candidate.forEach(s -> library.add(new Entry(s, Comparison.CANDIDATE)));
        if (baselineRulesDir != null) {
            for (Scenario scenario : files.load(baselineRulesDir)) {
                boolean same =
                        candidate.stream().anyMatch(c -> c.name().equals(scenario.name()) && sameInput(c, scenario));
                if (!same) {
                    library.add(new Entry(scenario, Comparison.BASELINE));
                }
            }
        }
        return library;
    }

    private static boolean sameInput(Scenario a, Scenario b) {
        return a.service().equals(b.service())
                && a.now().equals(b.now())
                && a.request().equals(b.request());
    }

    private static ImpactReport report(
            Side baseline, Side candidate, List<Comparison> comparisons, List<String> coverageGaps) {
        Map<String, Counter> categories = new TreeMap<>();
        Map<String, Counter> rules = new TreeMap<>();
        Counter total = new Counter("total");
        List<ImpactReport.ScenarioImpact> changed = new ArrayList<>();
        List<ImpactReport.Failure> failing = new ArrayList<>();
        for (Comparison comparison : comparisons) {
            boolean isChanged = comparison.changed();
            String key = comparison.from() + ":" + comparison.scenario().name();
            if (isChanged) {
                List<CardChange> changes = comparison.changes();
                for (CardChange change : changes) {
                    count(categories, change.category(), change, key);
                    count(rules, change.rule(), change, key);
                    total.add(change, key);
                }
                changed.add(new ImpactReport.ScenarioImpact(
                        comparison.scenario().name(),
                        comparison.from(),
                        comparison.scenario().description(),
                        LocalDate.ofInstant(comparison.scenario().now(), ZoneOffset.UTC),
                        changes,
                        comparison.errorBefore(),
                        comparison.errorAfter(),
                        notes(comparison.scenario(), changes)));
            }
            if (comparison.from().equals(Comparison.CANDIDATE)
                    && !comparison.candidateResult().passed()) {
                failing.add(new ImpactReport.Failure(
                        comparison.scenario().name(),
                        comparison.candidateResult().message(),
                        isChanged));
            }
        }
        ImpactReport.Totals totals = new ImpactReport.Totals(
                comparisons.size(),
                changed.size(),
                comparisons.size() - changed.size(),
                total.appearing,
                total.disappearing,
                total.indicatorChanges,
                total.suggestionChanges,
                total.planChanges,
                failing.size());
        Function<Map<String, Counter>, List<Count>> rows =
                counters -> counters.values().stream().map(Counter::count).toList();
        return new ImpactReport(
                new ImpactReport.Side(baseline.ruleBase().version(), baseline.source()),
                new ImpactReport.Side(candidate.ruleBase().version(), candidate.source()),
                totals,
                rows.apply(categories),
                rows.apply(rules),
                changed,
                failing,
                coverageGaps);
    }

    /** A silent-* scenario whose absent category now appears: the folder may lose its silent case. */
    private static List<String> notes(Scenario scenario, List<CardChange> changes) {
        List<String> notes = new ArrayList<>();
        if (scenario.silent()) {
            changes.stream()
                    .filter(c -> c.change().equals(CardChange.APPEARS)
                            && scenario.absent().contains(c.category()))
                    .forEach(c -> notes.add("a silent-* scenario in which " + c.category()
                            + " now appears: after accepting, rename it fires-* (or change its request)"));
        }
        return notes.isEmpty() ? null : notes;
    }

    private static void count(Map<String, Counter> counters, String name, CardChange change, String scenario) {
        counters.computeIfAbsent(Objects.requireNonNullElse(name, "?"), Counter::new)
                .add(change, scenario);
    }

    /** The changes of one category, one rule or all. */
    private static final class Counter {

        private final String name;
        private final Set<String> scenarios = new HashSet<>();
        private int appearing;
        private int disappearing;
        private int indicatorChanges;
        private int suggestionChanges;
        private int planChanges;

        Counter(String name) {
            this.name = name;
        }

        void add(CardChange change, String scenario) {
            scenarios.add(scenario);
            switch (change.change()) {
                case CardChange.APPEARS -> appearing++;
                case CardChange.DISAPPEARS -> disappearing++;
                default -> {
                    indicatorChanges += change.indicatorChanges() ? 1 : 0;
                    suggestionChanges += change.suggestionChanges() ? 1 : 0;
                    planChanges += change.planChanges() ? 1 : 0;
                }
            }
        }

        Count count() {
            return new Count(
                    name, scenarios.size(), appearing, disappearing, indicatorChanges, suggestionChanges, planChanges);
        }
    }
}
