package org.tapercds.evaluation.cards;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.tapercds.rules.CardWording;
import org.tapercds.rules.RuleBase;
import org.tapercds.rules.RuleBaseCheck;

/**
 * Refuses card wording whose templates use a name the card does not offer: each category names its
 * kind of card ({@code card: reduction}, {@code unassessable}, {@code alcohol}, {@code withdrawal},
 * {@code opioid}), its templates are checked against that kind's values, and a card that can
 * suggest something needs the templates for it. (That the category's rules raise evidence of that
 * kind is checked when the scenarios run: the assembler refuses a mismatch.)
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
            Optional<CardContent> content = CardAssembler.content(category.kind());
            if (content.isEmpty()) {
                problems.add(category.file() + ": " + category.category() + ": card: " + category.kind()
                        + " is not a kind of card (" + String.join(", ", CardAssembler.KINDS) + ")");
            } else {
                problems.addAll(problems(category, content.get(), candidate));
            }
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
                        + part.name() + "): {{" + name.name() + "}} " + name.problem());
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
