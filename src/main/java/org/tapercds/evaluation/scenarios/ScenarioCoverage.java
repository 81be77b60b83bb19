package org.tapercds.evaluation.scenarios;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.tapercds.rules.RuleBase;
import org.tapercds.rules.RuleInfo;

/**
 * Every rule, by {@code @id}, needs a {@code fires-*} scenario in its folder in which it fires
 * (raises an advisory or concludes a fact) and a {@code silent-*} scenario in its folder in which
 * it does not (judged by running them, not by what the files expect).
 */
final class ScenarioCoverage {

    private ScenarioCoverage() {}

    static List<String> gaps(RuleBase ruleBase, List<ScenarioRunner.Result> results) {
        List<String> gaps = new ArrayList<>();
        ruleBase.rules().stream().sorted(Comparator.comparing(RuleInfo::id)).forEach(rule -> {
            List<ScenarioRunner.Result> own = results.stream()
                    .filter(r -> r.scenario().folder().equals(rule.folder()))
                    .toList();
            if (own.stream().noneMatch(r -> r.scenario().fires() && r.fired(rule.id()))) {
                gaps.add(rule.file() + ": rule " + rule.id() + " has no fires-* scenario in " + rule.folder()
                        + "/scenarios where it fires");
            }
            if (own.stream().noneMatch(r -> r.scenario().silent() && r.evaluation() != null && !r.fired(rule.id()))) {
                gaps.add(rule.file() + ": rule " + rule.id() + " has no silent-* scenario in " + rule.folder()
                        + "/scenarios where it stays silent");
            }
        });
        return gaps;
    }
}
