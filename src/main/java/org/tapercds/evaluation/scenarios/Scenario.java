package org.tapercds.evaluation.scenarios;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * A scenario file under {@code rules/<folder>/scenarios/}: a verbatim CDS Hooks request, a pinned
 * {@code now}, and the cards it must produce (see {@code rules/SCENARIOS.md}).
 *
 * @param name the file's path relative to the rules directory
 * @param cards every card expected, in order
 * @param absent categories that must not appear
 * @param rules ids of rules that must fire: raise an advisory or conclude a fact (optional; {@code
 *     expect.rules})
 * @param oneProposal every card with a suggestion offers the same first suggestion (label and
 *     resource), and at least two cards do ({@code expect.oneProposal})
 */
public record Scenario(
        Path file,
        String name,
        String description,
        Instant now,
        String service,
        JsonNode request,
        List<ExpectedCard> cards,
        List<String> absent,
        List<String> rules,
        boolean oneProposal) {

    /**
     * An expected card.
     *
     * @param suggestion text the first suggestion's label must contain (null: not checked)
     * @param noSuggestion the card must have no suggestion ({@code "suggestion": null} in the file)
     * @param plan text the second suggestion's label (the gradual plan) must contain (null: not checked)
     * @param noPlan the card must have no second suggestion ({@code "plan": null} in the file)
     * @param action text the first suggestion's action description must contain (null: not checked)
     */
    public record ExpectedCard(
            String category,
            String indicator,
            String suggestion,
            boolean noSuggestion,
            String plan,
            boolean noPlan,
            String action) {

        public ExpectedCard(String category, String indicator, String suggestion, boolean noSuggestion) {
            this(category, indicator, suggestion, noSuggestion, null, false, null);
        }
    }

    /** The rule folder this scenario belongs to ({@code taper-rate} for {@code taper-rate/scenarios/x.json}). */
    public String folder() {
        int slash = name.indexOf('/');
        return slash < 0 ? "" : name.substring(0, slash);
    }

    public boolean fires() {
        return file.getFileName().toString().startsWith("fires-");
    }

    public boolean silent() {
        return file.getFileName().toString().startsWith("silent-");
    }
}
