package org.tapercds.console;

import java.util.List;
import java.util.Objects;
import org.springframework.stereotype.Component;
import org.tapercds.rules.ActiveRuleBase;
import org.tapercds.rules.RuleInfo;

/** What the console's filters offer from the rule base in service. */
@Component
class ConsoleRules {

    private final ActiveRuleBase ruleBases;

    ConsoleRules(ActiveRuleBase ruleBases) {
        this.ruleBases = ruleBases;
    }

    /** The advisory categories of the rules in service, sorted. */
    List<String> categories() {
        return ruleBases.current().rules().stream()
                .map(RuleInfo::category)
                .filter(Objects::nonNull)
                .distinct()
                .sorted()
                .toList();
    }
}
