package org.tapercds.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.kie.api.definition.rule.Rule;
import org.tapercds.facts.Indicator;

/** The DRL global {@code advisories}: the rules' only output. One instance per evaluation. */
public final class AdvisorySink {

    private final Map<String, RuleInfo> catalogue;
    private final List<Advisory> raised = new ArrayList<>();

    AdvisorySink(Map<String, RuleInfo> catalogue) {
        this.catalogue = catalogue;
    }

    /** Called from a rule's consequence: {@code advisories.raise(drools.getRule(), Indicator.WARNING, $fact)}. */
    public void raise(Rule rule, Indicator indicator, Object evidence) {
        RuleInfo info = catalogue.get(rule.getPackageName() + "." + rule.getName());
        if (info == null) {
            throw new IllegalStateException("rule without catalogue entry: " + rule.getName());
        }
        raised.add(new Advisory(info, indicator, evidence));
    }

    List<Advisory> raised() {
        return List.copyOf(raised);
    }
}
