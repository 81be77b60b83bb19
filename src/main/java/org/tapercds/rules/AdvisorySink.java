package org.tapercds.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.kie.api.definition.rule.Rule;
import org.tapercds.facts.Indicator;

/**
 * The DRL global {@code advisories}: the rules' only output. A rule either raises an advisory
 * (which becomes a card) or concludes a fact other rules use (e.g. the dependence level, which it
 * also inserts). One instance per evaluation.
 */
public final class AdvisorySink {

    private final Map<String, RuleInfo> catalogue;
    private final List<Advisory> raised = new ArrayList<>();
    private final List<Conclusion> concluded = new ArrayList<>();

    AdvisorySink(Map<String, RuleInfo> catalogue) {
        this.catalogue = catalogue;
    }

    /** Called from a rule's consequence: {@code advisories.raise(drools.getRule(), Indicator.WARNING, $fact)}. */
    public void raise(Rule rule, Indicator indicator, Object evidence) {
        RuleInfo info = info(rule);
        if (info.category() == null) {
            throw new IllegalStateException("rule " + info.id() + " has no @category and cannot raise an advisory");
        }
        raised.add(new Advisory(info, indicator, evidence));
    }

    /**
     * Called from a rule's consequence with the fact it concludes (and inserts): {@code Dependence d = new
     * Dependence(...); insert(d); advisories.conclude(drools.getRule(), d);}.
     */
    public void conclude(Rule rule, Object fact) {
        concluded.add(new Conclusion(info(rule), fact));
    }

    private RuleInfo info(Rule rule) {
        RuleInfo info = catalogue.get(rule.getPackageName() + "." + rule.getName());
        if (info == null) {
            throw new IllegalStateException("rule without catalogue entry: " + rule.getName());
        }
        return info;
    }

    RuleOutcome outcome() {
        return new RuleOutcome(List.copyOf(raised), List.copyOf(concluded));
    }
}
