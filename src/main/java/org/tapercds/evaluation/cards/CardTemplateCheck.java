package org.tapercds.evaluation.cards;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.tapercds.rules.CardWording;
import org.tapercds.rules.RuleBase;
import org.tapercds.rules.RuleBaseCheck;

/**
 * Refuses card wording whose templates use a name the card does not offer: each category's
 * templates must all fit the view of one kind of card (a reduction, an unassessable dose, alcohol,
 * withdrawal, an opioid), and a card that can suggest something needs the templates for it.
 */
public final class CardTemplateCheck implements RuleBaseCheck {

    @Override
    public String name() {
        return "card templates";
    }

    @Override
    public List<String> problems(RuleBase candidate) {
        List<String> problems = new ArrayList<>();
        for (CardWording.Category category : candidate.cardWording().categories()) {
            problems.addAll(CardAssembler.CONTENTS.stream()
                    .map(content -> problems(category, content, candidate))
                    .min(Comparator.comparingInt(List::size))
                    .orElse(List.of()));
        }
        return problems;
    }

    /** What is wrong with a category's wording if its cards are of this kind. */
    private static List<String> problems(CardWording.Category category, CardContent content, RuleBase ruleBase) {
        List<String> problems = new ArrayList<>();
        for (CardWording.Part part : category.parts().values()) {
            for (TemplateNames.Unresolved name :
                    TemplateNames.unresolved(part.source(), content.viewType(), ruleBase.settingValues())) {
                problems.add(part.file() + ":" + (part.line() + name.line() - 1) + " (" + category.category() + "."
                        + part.name() + "): {{" + name.name() + "}} is neither a value of this card nor a setting");
            }
        }
        for (CardWording.Part part : category.parts().values()) {
            if (!List.of("summary", "detail").contains(part.name())
                    && !content.parts().contains(part.name())) {
                problems.add(
                        part.where() + ": this card has no " + part.name() + " (its templates: summary," + " detail"
                                + content.parts().stream().map(p -> ", " + p).reduce("", String::concat) + ")");
            }
        }
        for (String required : content.parts()) {
            if (category.part(required).isEmpty()) {
                problems.add(category.file() + ": " + category.category() + " has no " + required
                        + " template, which this card needs");
            }
        }
        return problems;
    }
}
