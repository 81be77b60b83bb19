package org.tapercds.rules;

/** A fact a rule concluded for other rules (e.g. the dependence level), and the rule. */
public record Conclusion(RuleInfo rule, Object fact) {}
