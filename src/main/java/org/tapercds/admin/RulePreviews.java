package org.tapercds.admin;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.tapercds.alerts.KeptRequests;
import org.tapercds.evaluation.scenarios.ScenarioException;
import org.tapercds.evaluation.scenarios.ScenarioFiles;
import org.tapercds.evaluation.scenarios.ScenarioRunner;
import org.tapercds.rules.ActiveRuleBase;
import org.tapercds.rules.RuleBase;
import org.tapercds.rules.RuleBaseCheck;
import org.tapercds.rules.RuleBaseChecks;
import org.tapercds.rules.RuleBaseException;
import org.tapercds.rules.RuleBaseLoader;
import org.tapercds.rules.RulesProperties;
import org.tapercds.system.ApiException;
import org.tapercds.system.ErrorCode;
import tools.jackson.databind.ObjectMapper;

/**
 * The service's impact preview: the rule base on disk in {@code taper.rules-dir} and {@code
 * taper.profiles-dir} (the candidate, e.g. an informaticist's edit not yet reloaded) against the
 * rule base in service. The candidate is loaded and checked as a reload would, except for its
 * scenarios, whose failures the report shows instead; the live requests kept in the last days
 * ({@code taper.alerts.keep-requests}) are replayed too when asked. One preview at a time: each compiles a rule
 * base (seconds of CPU), so a second one meanwhile is refused as {@code overloaded}.
 */
@Component
class RulePreviews {

    private final RuleBaseLoader loader;
    private final ObjectProvider<RuleBaseCheck> checks;
    private final RulesProperties properties;
    private final ActiveRuleBase active;
    private final ImpactPreview preview;
    private final RecentRequests recent;
    private final ReentrantLock running = new ReentrantLock();

    RulePreviews(
            RuleBaseLoader loader,
            ObjectProvider<RuleBaseCheck> checks,
            RulesProperties properties,
            ActiveRuleBase active,
            ScenarioFiles files,
            ScenarioRunner runner,
            KeptRequests kept,
            ObjectMapper json,
            Clock clock) {
        this.loader = loader;
        this.checks = checks;
        this.properties = properties;
        this.active = active;
        this.preview = new ImpactPreview(files, runner);
        this.recent = new RecentRequests(kept, json, clock);
    }

    /**
     * The answer of a preview: the report, or the problems (each naming its file and line) for which
     * the candidate is refused.
     */
    sealed interface Outcome permits Previewed, Refused {}

    record Previewed(ImpactReport report) implements Outcome {}

    /**
     * @param outcome always {@code refused}
     * @param candidate the rules directory of the candidate
     */
    record Refused(String outcome, String candidate, List<String> problems) implements Outcome {}

    /** @param recentDays replay the live requests kept in the last this many days too (0: none) */
    Outcome preview(int recentDays) {
        if (!running.tryLock()) {
            throw new ApiException(
                    ErrorCode.OVERLOADED, "a preview is already running; retry when it has finished", null);
        }
        try {
            Path rulesDir = properties.rulesDir();
            RuleBase candidate;
            try {
                candidate = loader.load(rulesDir, properties.profilesDir());
            } catch (RuleBaseException e) {
                return refused(e.getMessage());
            }
            List<String> problems = RuleBaseChecks.problems(
                    candidate,
                    checks.orderedStream()
                            .filter(check -> !(check instanceof ScenarioRunner))
                            .toList());
            if (!problems.isEmpty()) {
                return refused(String.join("\n", problems));
            }
            return new Previewed(preview.preview(
                            new ImpactPreview.Side(active.current(), "in service", null),
                            new ImpactPreview.Side(candidate, rulesDir + " on disk", rulesDir),
                            recent.lastDays(recentDays))
                    .report());
        } catch (ScenarioException e) {
            return refused(e.getMessage());
        } finally {
            running.unlock();
        }
    }

    /** One problem a line; headings such as "the rules do not compile:" left out. */
    private Refused refused(String message) {
        List<String> problems = Arrays.stream(message.split("\\R"))
                .filter(line -> !line.isBlank() && !line.endsWith(":"))
                .toList();
        return new Refused("refused", properties.rulesDir().toString(), problems);
    }
}
