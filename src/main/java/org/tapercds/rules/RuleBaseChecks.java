package org.tapercds.rules;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Running the {@link RuleBaseCheck}s on a candidate rule base: the start-up load's, every reload's
 * and an impact preview's (which leaves the scenarios to the preview itself).
 */
public final class RuleBaseChecks {

    // Logged under ActiveRuleBase, whose start-up and reload lines these are.
    private static final Logger log = LoggerFactory.getLogger(ActiveRuleBase.class);

    private RuleBaseChecks() {}

    /**
     * Runs every check on a candidate; any problem refuses it with all the problems found, each
     * naming its file. The same checks guard the start-up load and every reload.
     */
    static void check(RuleBase candidate, List<RuleBaseCheck> checks) {
        List<String> problems = problems(candidate, checks);
        if (!problems.isEmpty()) {
            throw new RuleBaseException(
                    "the rule base " + candidate.version() + " is refused:\n" + String.join("\n", problems));
        }
    }

    /** Every problem every check finds in {@code candidate}, each prefixed by its check's name. */
    public static List<String> problems(RuleBase candidate, List<RuleBaseCheck> checks) {
        List<String> problems = new ArrayList<>();
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
        return problems;
    }
}
