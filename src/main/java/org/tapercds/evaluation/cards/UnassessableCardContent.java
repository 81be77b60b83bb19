package org.tapercds.evaluation.cards;

import java.util.List;
import org.tapercds.facts.UnassessableDose;
import org.tapercds.rules.Advisory;

/** Cards about orders whose daily dose cannot be computed ({@code dose-unassessable}). */
final class UnassessableCardContent extends CardContent {

    UnassessableCardContent() {
        super("unassessable", View.class, List.of(), List.of(UnassessableDose.class));
    }

    /**
     * @param medication the leading order's medication, as the order names it
     * @param others how many more orders the card lists
     * @param orders the orders (the first {@code cards.max-table-rows})
     * @param moreOrders orders left out of {@code orders}
     */
    public record View(String medication, int others, List<UnassessableDose> orders, int moreOrders) {}

    @Override
    Object view(List<Advisory> advisories, CardContext context) {
        List<UnassessableDose> orders =
                advisories.stream().map(a -> (UnassessableDose) a.evidence()).toList();
        return new View(orders.get(0).medication(), orders.size() - 1, context.first(orders), context.leftOut(orders));
    }

    @Override
    List<Card.Suggestion> suggestions(List<Advisory> advisories, CardContext context, Object view) {
        return List.of();
    }
}
