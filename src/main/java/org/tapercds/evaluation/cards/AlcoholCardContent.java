package org.tapercds.evaluation.cards;

import java.util.Comparator;
import java.util.List;
import org.tapercds.facts.AlcoholEvidence;
import org.tapercds.rules.Advisory;

/** Cards about alcohol use alongside a benzodiazepine ({@code alcohol-co-use}). */
final class AlcoholCardContent extends CardContent {

    /** Undated evidence (a condition without dates) counts as the oldest. */
    private static final Comparator<AlcoholEvidence> BY_DATE =
            Comparator.comparing(AlcoholEvidence::date, Comparator.nullsFirst(Comparator.naturalOrder()));

    AlcoholCardContent() {
        super("alcohol", View.class, List.of(), List.of(AlcoholEvidence.class));
    }

    /**
     * @param measure the leading result's measure
     * @param patientView the chart is open (the benzodiazepine is taken, not being prescribed)
     * @param opioidInUse an opioid co-prescription card is raised too (triple risk)
     * @param results the results (the most recent {@code cards.max-table-rows})
     * @param earlierResults results left out of {@code results}
     */
    public record View(
            String measure,
            boolean patientView,
            boolean opioidInUse,
            List<AlcoholEvidence> results,
            int earlierResults) {}

    @Override
    Object view(List<Advisory> advisories, CardContext context) {
        List<AlcoholEvidence> results =
                advisories.stream().map(a -> (AlcoholEvidence) a.evidence()).toList();
        return new View(
                results.get(0).measure(),
                context.timeline().scope().patientView(),
                context.opioidInUse(),
                context.recent(results, BY_DATE),
                context.leftOut(results));
    }

    @Override
    List<Card.Suggestion> suggestions(List<Advisory> advisories, CardContext context, Object view) {
        return List.of();
    }
}
