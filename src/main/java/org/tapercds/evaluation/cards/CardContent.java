package org.tapercds.evaluation.cards;

import java.util.Comparator;
import java.util.List;
import org.tapercds.rules.Advisory;

/**
 * The category-specific part of a card: the values its templates ({@code rules/<folder>/card.yaml})
 * are rendered with, and its suggestions, written from the advisories of one category (the most
 * severe first). No clinical sentence is written here: the wording is the templates'.
 */
interface CardContent {

    boolean handles(Object evidence);

    /** The type of {@link #view}: every name a template uses is checked against it at load. */
    Class<?> viewType();

    /** Templates this kind of card needs besides summary and detail (e.g. a suggestion's label). */
    default List<String> parts() {
        return List.of();
    }

    /** How equally severe advisories of one card are ordered (the first leads); stable by default. */
    default Comparator<Object> evidenceOrder() {
        return (a, b) -> 0;
    }

    /** The values the category's templates see (summary, detail, suggestion label and action). */
    Object view(List<Advisory> advisories, CardContext context);

    List<Card.Suggestion> suggestions(List<Advisory> advisories, CardContext context, Object view);
}
