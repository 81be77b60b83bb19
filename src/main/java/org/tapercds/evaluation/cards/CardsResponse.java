package org.tapercds.evaluation.cards;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** The answer to a hook call: {@code {"cards": []}} when nothing applies. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record CardsResponse(
        @JsonInclude(JsonInclude.Include.ALWAYS) List<Card> cards, List<Card.Action> systemActions) {

    public static CardsResponse of(List<Card> cards) {
        return new CardsResponse(List.copyOf(cards), List.of());
    }
}
