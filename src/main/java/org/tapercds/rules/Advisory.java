package org.tapercds.rules;

import org.tapercds.facts.Indicator;

/** What a rule raised: its metadata, the indicator, and the fact that is the evidence. */
public record Advisory(RuleInfo rule, Indicator indicator, Object evidence) {

    public String category() {
        return rule.category();
    }
}
