package org.tapercds.evaluation.cards;

import java.util.List;
import org.tapercds.rules.Advisory;
import org.tapercds.rules.RuleInfo;

/**
 * A card and the advisories of its category it was written from, the leading one (the card's
 * source and indicator) first.
 *
 * @param advisories never empty
 */
public record IssuedCard(Card card, List<Advisory> advisories) {

    public Advisory lead() {
        return advisories.get(0);
    }

    /** The rule whose page is the card's source and whose indicator the card has. */
    public RuleInfo rule() {
        return lead().rule();
    }
}
