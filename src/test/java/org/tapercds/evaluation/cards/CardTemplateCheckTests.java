package org.tapercds.evaluation.cards;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tapercds.rules.RuleBase;
import org.tapercds.rules.RuleFolders;

/** A name a card template uses must be a value of its card or a setting, checked before serving. */
class CardTemplateCheckTests {

    private static RuleBase load(Path rules) {
        return RuleFolders.load(rules);
    }

    @Test
    void acceptsTheProjectsCardWording() {
        assertThat(new CardTemplateCheck().problems(load(Path.of("rules")))).isEmpty();
    }

    @Test
    void refusesAMisspelledValueOrSettingNamingFileAndLine(@TempDir Path dir) throws IOException {
        RuleFolders.copyRules(dir);
        Path card = dir.resolve("taper-rate/card.yaml");
        Files.writeString(
                card,
                Files.readString(card)
                        .replace(
                                "{{previousMgDe}} to {{currentMgDe}} mg DE/day); limit",
                                "{{previousMgDe}} to {{curentMgDe}} mg DE/day); limit")
                        .replace("{{taper.tail-allowance-mg-de}}", "{{taper.tail-allowance}}")
                        .replace("{{#proposal}}\n    {{#safer}}", "{{#proposal}}{{mgPerDayy}}\n    {{#safer}}"));

        assertThat(new CardTemplateCheck().problems(load(dir)))
                .containsExactlyInAnyOrder(
                        "taper-rate/card.yaml:11 (taper-rate-exceeded.summary): {{curentMgDe}} is neither a value of"
                                + " this card nor a setting",
                        "taper-rate/card.yaml:13 (taper-rate-exceeded.detail): {{taper.tail-allowance}} is neither a"
                                + " value of this card nor a setting",
                        "taper-rate/card.yaml:38 (taper-rate-exceeded.detail): {{mgPerDayy}} is neither a value of"
                                + " this card nor a setting");
    }

    @Test
    void refusesACardThatCanSuggestWithoutItsSuggestionTemplates(@TempDir Path dir) throws IOException {
        RuleFolders.copyRules(dir);
        Path card = dir.resolve("opioid/card.yaml");
        String text = Files.readString(card);
        Files.writeString(card, text.substring(0, text.indexOf("  suggestion:")));

        assertThat(new CardTemplateCheck().problems(load(dir)))
                .contains("opioid/card.yaml: opioid-co-prescription has no suggestion template, which this card needs")
                .contains("opioid/card.yaml: opioid-co-prescription has no dosage template, which this card needs");
    }

    @Test
    void refusesATemplateNameTheCardDoesNotUse(@TempDir Path dir) throws IOException {
        RuleFolders.copyRules(dir);
        Path card = dir.resolve("alcohol/card.yaml");
        Files.writeString(card, Files.readString(card) + "  sugestion: \"Discuss alcohol\"\n");

        assertThat(new CardTemplateCheck().problems(load(dir)))
                .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
                .contains("alcohol/card.yaml:")
                .contains("this card has no sugestion (its templates: summary, detail)");
    }

    @Test
    void checksTemplatesAgainstTheKindOfCardTheyName(@TempDir Path dir) throws IOException {
        RuleFolders.copyRules(dir);
        Path alcohol = dir.resolve("alcohol/card.yaml");
        Files.writeString(alcohol, Files.readString(alcohol).replace("card: alcohol", "card: unassesable"));
        Path withdrawal = dir.resolve("withdrawal/card.yaml");
        Files.writeString(
                withdrawal,
                Files.readString(withdrawal)
                        .replace("card: withdrawal\n  summary: \"Severe", "card: alcohol\n  summary: \"Severe"));

        List<String> problems = new CardTemplateCheck().problems(load(dir));

        assertThat(problems)
                .contains("alcohol/card.yaml: alcohol-co-use: card: unassesable is not a kind of card (reduction,"
                        + " unassessable, alcohol, withdrawal, opioid)")
                .anyMatch(p ->
                        p.startsWith("withdrawal/card.yaml:") && p.contains("(withdrawal-severe.summary): {{lead}}"));
    }

    @Test
    void refusesPrintingAGroupOfValues() {
        assertThat(TemplateNames.unresolved(
                        "{{proposal}} {{taper}} {{#proposal}}{{mgPerDay}}{{/proposal}}",
                        ReductionCardContent.View.class,
                        java.util.Map.of("taper", java.util.Map.of("window-days", "14"))))
                .extracting(TemplateNames.Unresolved::name)
                .containsExactly("proposal", "taper");
    }

    @Test
    void valuesOfASectionAreOnlyKnownInsideIt() {
        assertThat(TemplateNames.unresolved(
                        "{{#proposal}}{{mgPerDay}}{{/proposal}} {{mgPerDay}}",
                        ReductionCardContent.View.class,
                        java.util.Map.of()))
                .extracting(TemplateNames.Unresolved::name)
                .containsExactly("mgPerDay");
        assertThat(TemplateNames.unresolved(
                        "{{#steps}}{{#drugs}}{{^-first}}+{{/-first}}{{ingredient}} {{day}}{{/drugs}}{{/steps}}",
                        ReductionCardContent.View.class,
                        java.util.Map.of()))
                .isEmpty();
    }
}
