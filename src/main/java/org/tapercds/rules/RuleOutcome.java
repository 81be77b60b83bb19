package org.tapercds.rules;

import java.util.List;

/** What the rules did with one evaluation's facts: the advisories raised and the facts concluded. */
public record RuleOutcome(List<Advisory> advisories, List<Conclusion> conclusions) {

    /** Whether the rule with this id raised an advisory or concluded a fact. */
    public boolean fired(String ruleId) {
        return advisories.stream().anyMatch(a -> a.rule().id().equals(ruleId))
                || conclusions.stream().anyMatch(c -> c.rule().id().equals(ruleId));
    }

    /** The facts the rules concluded, of a type. */
    public <T> List<T> concluded(Class<T> type) {
        return conclusions.stream()
                .map(Conclusion::fact)
                .filter(type::isInstance)
                .map(type::cast)
                .toList();
    }
}
