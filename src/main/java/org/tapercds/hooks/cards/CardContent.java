package org.tapercds.hooks.cards;

import java.util.Comparator;
import java.util.List;
import org.tapercds.rules.Advisory;

/**
 * The category-specific part of a card: summary, Markdown detail and suggestions, written from the
 * advisories of one category (the most severe first).
 */
interface CardContent {

    boolean handles(Object evidence);

    /** How equally severe advisories of one card are ordered (the first leads); stable by default. */
    default Comparator<Object> evidenceOrder() {
        return (a, b) -> 0;
    }

    String summary(List<Advisory> advisories, CardContext context);

    String detail(List<Advisory> advisories, CardContext context);

    List<Card.Suggestion> suggestions(List<Advisory> advisories, CardContext context);
}
