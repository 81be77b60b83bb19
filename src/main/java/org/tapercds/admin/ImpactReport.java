package org.tapercds.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * What a candidate rule base would change in the cards of the scenario library, against a baseline
 * (the rule base in service, or a copy of its files): per scenario the cards that appear, disappear
 * or change indicator, first suggestion or plan; counts per category and per rule; totals; the
 * scenarios whose expectations fail on the candidate. Unchanged scenarios are counted, not listed.
 * The JSON answer of {@code POST /admin/rules/preview}; the command line prints it as text.
 *
 * @param categories one row per advisory category with a change, by name
 * @param rules one row per rule (the card's leading rule) with a change, by id
 * @param changed the scenarios whose cards change, in the library's order
 * @param failing the candidate's scenarios whose expectations fail on the candidate (whether or not
 *     their cards change)
 * @param coverageGaps the candidate's rules without a fires-* or silent-* scenario, as {@code test}
 *     reports them
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ImpactReport(
        Side baseline,
        Side candidate,
        Totals totals,
        List<Count> categories,
        List<Count> rules,
        List<ScenarioImpact> changed,
        List<Failure> failing,
        List<String> coverageGaps) {

    /**
     * One of the two rule bases compared.
     *
     * @param source where it comes from: a directory, or "in service"
     */
    public record Side(String version, String source) {}

    /**
     * @param scenarios scenarios replayed (each on both rule bases)
     * @param changed scenarios with at least one card change (or a request refused on one side only)
     * @param failing scenarios of the candidate whose expectations fail on it
     */
    public record Totals(
            int scenarios,
            int changed,
            int unchanged,
            int appearing,
            int disappearing,
            int indicatorChanges,
            int suggestionChanges,
            int planChanges,
            int failing) {}

    /**
     * The changes of one category or one rule.
     *
     * @param scenarios scenarios with at least one change of it
     */
    public record Count(
            String name,
            int scenarios,
            int appearing,
            int disappearing,
            int indicatorChanges,
            int suggestionChanges,
            int planChanges) {}

    /**
     * One scenario whose cards change.
     *
     * @param scenario the file, relative to the rules directory it comes from
     * @param from {@code candidate}, or {@code baseline} for a scenario the candidate lacks or has
     *     with another request
     * @param day the pinned day it was evaluated on (its {@code now}, UTC)
     * @param errorBefore why the baseline gave no cards (request refused, evaluation failed); null
     *     when it gave cards
     * @param errorAfter the same for the candidate
     * @param notes what to look at before accepting, e.g. a silent-* scenario in which its folder's
     *     card now appears
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ScenarioImpact(
            String scenario,
            String from,
            String description,
            LocalDate day,
            List<CardChange> cards,
            String errorBefore,
            String errorAfter,
            List<String> notes) {}

    /**
     * One card that appears, disappears or changes.
     *
     * @param rule the id of the rule leading the card (the candidate's, unless the card disappears)
     * @param change {@code appears}, {@code disappears} or {@code changes}
     * @param before the card on the baseline (null when it appears)
     * @param after the card on the candidate (null when it disappears)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CardChange(String category, String rule, String change, Shown before, Shown after) {

        public static final String APPEARS = "appears";
        public static final String DISAPPEARS = "disappears";
        public static final String CHANGES = "changes";

        public boolean indicatorChanges() {
            return before != null && after != null && !before.indicator().equals(after.indicator());
        }

        public boolean suggestionChanges() {
            return before != null && after != null && !Objects.equals(before.suggestion(), after.suggestion());
        }

        public boolean planChanges() {
            return before != null && after != null && !Objects.equals(before.plan(), after.plan());
        }
    }

    /**
     * What a card shows that the preview compares.
     *
     * @param suggestion the first suggestion's label (null: none)
     * @param plan the second suggestion's label, the gradual plan (null: none)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Shown(String indicator, String suggestion, String plan) {}

    /**
     * A scenario of the candidate whose expectations fail on the candidate.
     *
     * @param message what differed, as {@code test} reports it
     * @param changed whether its cards change (then {@code preview --accept} rewrites its expectations)
     */
    public record Failure(String scenario, String message, boolean changed) {}
}
