package org.tapercds.evaluation.cards;

import ca.uhn.fhir.context.FhirContext;
import java.util.Comparator;
import java.util.List;
import org.tapercds.facts.BenzodiazepineUse;
import org.tapercds.fhir.HookRequest;
import org.tapercds.rules.RuleBase;
import org.tapercds.rules.RuleOutcome;
import org.tapercds.timeline.PatientTimeline;

/**
 * Everything a card is written from: the call, the rule base it ran on, the patient's timeline,
 * the facts the rules saw, and everything they raised and concluded; and the proposals of the
 * call, computed once per draft for every card that offers them.
 */
record CardContext(
        HookRequest request,
        RuleBase ruleBase,
        PatientTimeline timeline,
        FhirContext fhirContext,
        List<Object> facts,
        RuleOutcome outcome,
        Proposals proposals) {

    CardContext(
            HookRequest request,
            RuleBase ruleBase,
            PatientTimeline timeline,
            FhirContext fhirContext,
            List<Object> facts,
            RuleOutcome outcome) {
        this(request, ruleBase, timeline, fhirContext, facts, outcome, new Proposals());
    }

    <T> List<T> facts(Class<T> type) {
        return facts.stream().filter(type::isInstance).map(type::cast).toList();
    }

    BenzodiazepineUse benzodiazepineUse() {
        return timeline.benzodiazepineUse();
    }

    /** Whether this call also raised opioid co-prescription (for the triple-risk wording). */
    boolean opioidInUse() {
        return outcome.advisories().stream().anyMatch(a -> "opioid-co-prescription".equals(a.category()));
    }

    /** Renders one template of a category's wording; empty when the category has no such part. */
    String render(String category, String part, Object view) {
        return ruleBase.cardWording()
                .of(category)
                .part(part)
                .map(p -> p.render(view, ruleBase.settingValues()))
                .orElse("");
    }

    /** The most recent {@code cards.max-table-rows} rows of a table whose rows are in time order. */
    <T> List<T> recent(List<T> rows) {
        int max = ruleBase.settings().maxTableRows();
        return rows.size() <= max ? rows : rows.subList(rows.size() - max, rows.size());
    }

    /**
     * The most recent {@code cards.max-table-rows} rows by {@code byTime} (earliest first), in the
     * table's own order.
     */
    <T> List<T> recent(List<T> rows, Comparator<? super T> byTime) {
        int max = ruleBase.settings().maxTableRows();
        if (rows.size() <= max) {
            return rows;
        }
        List<T> kept = rows.stream().sorted(byTime.reversed()).limit(max).toList();
        return rows.stream().filter(kept::contains).toList();
    }

    /** The first {@code cards.max-table-rows} rows of a table without dates. */
    <T> List<T> first(List<T> rows) {
        int max = ruleBase.settings().maxTableRows();
        return rows.size() <= max ? rows : rows.subList(0, max);
    }

    /** How many rows a table of {@code cards.max-table-rows} leaves out. */
    int leftOut(List<?> rows) {
        return Math.max(0, rows.size() - ruleBase.settings().maxTableRows());
    }
}
