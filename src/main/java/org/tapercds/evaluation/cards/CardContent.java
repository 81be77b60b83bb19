package org.tapercds.evaluation.cards;

import java.util.Comparator;
import java.util.List;
import org.tapercds.rules.Advisory;

/**
 * The category-specific part of a card: the values its templates ({@code rules/<folder>/card.yaml})
 * are rendered with, and its suggestions, written from the advisories of one category (the most
 * severe first). No clinical sentence is written here: the wording is the templates'.
 */
abstract class CardContent {

    private final String kind;
    private final Class<?> viewType;
    private final List<String> parts;
    private final List<Class<?>> evidence;

    /**
     * @param kind the name a {@code card.yaml} gives this kind of card ({@code card: reduction})
     * @param viewType the type of {@link #view}: every name a template uses is checked against it
     * @param parts templates this kind of card needs besides summary and detail
     * @param evidence the facts, raised by rules, this card is written from
     */
    CardContent(String kind, Class<?> viewType, List<String> parts, List<Class<?>> evidence) {
        this.kind = kind;
        this.viewType = viewType;
        this.parts = parts;
        this.evidence = evidence;
    }

    final boolean handles(Object raised) {
        for (Class<?> type : evidence) {
            if (type.isInstance(raised)) {
                return true;
            }
        }
        return false;
    }

    final String kind() {
        return kind;
    }

    final Class<?> viewType() {
        return viewType;
    }

    final List<String> parts() {
        return parts;
    }

    /** How equally severe advisories of one card are ordered (the first leads); stable by default. */
    Comparator<Object> evidenceOrder() {
        return (a, b) -> 0;
    }

    /** The values the category's templates see (summary, detail, suggestion label and action). */
    abstract Object view(List<Advisory> advisories, CardContext context);

    abstract List<Card.Suggestion> suggestions(List<Advisory> advisories, CardContext context, Object view);
}
