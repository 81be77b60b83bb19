package org.tapercds.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The card wording of each rule folder is part of the rule base: refused at load when broken. */
class CardWordingFilesTests {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);

    private static RuleBase load(Path rules) {
        return RuleFolders.load(rules);
    }

    @Test
    void refusesACategoryWithoutItsCardTemplateNamingTheFile(@TempDir Path dir) throws IOException {
        RuleFolders.copyRules(dir);
        Files.delete(dir.resolve("alcohol/card.yaml"));

        assertThatThrownBy(() -> load(dir))
                .isInstanceOf(RuleBaseException.class)
                .hasMessageContaining("alcohol/card.yaml: no card wording for category alcohol-co-use")
                .hasMessageContaining("alcohol/alcohol-co-use.drl");
    }

    @Test
    void refusesACardWithoutItsDetailTemplate(@TempDir Path dir) throws IOException {
        RuleFolders.copyRules(dir);
        Files.writeString(
                dir.resolve("dose-quality/card.yaml"),
                """
                dose-unassessable:
                  summary: "Taper safety not checked"
                """);

        assertThatThrownBy(() -> load(dir))
                .isInstanceOf(RuleBaseException.class)
                .hasMessageContaining("dose-quality/card.yaml:2: dose-unassessable has no detail template");
    }

    @Test
    void refusesATemplateThatDoesNotCompileAtItsLine(@TempDir Path dir) throws IOException {
        RuleFolders.copyRules(dir);
        Files.writeString(
                dir.resolve("dose-quality/card.yaml"),
                """
                dose-unassessable:
                  summary: "Taper safety not checked"
                  detail: |
                    First line.
                    {{#orders}}
                    | {{medication}} |
                """);

        assertThatThrownBy(() -> load(dir))
                .isInstanceOf(RuleBaseException.class)
                .hasMessageContaining("dose-quality/card.yaml:")
                .hasMessageContaining("dose-unassessable.detail does not compile");
    }

    @Test
    void refusesUnescapedValuesAndPartials(@TempDir Path dir) throws IOException {
        RuleFolders.copyRules(dir);
        Files.writeString(
                dir.resolve("dose-quality/card.yaml"),
                """
                dose-unassessable:
                  summary: "Not checked: {{{medication}}}"
                  detail: "{{> other}}"
                """);

        assertThatThrownBy(() -> load(dir))
                .isInstanceOf(RuleBaseException.class)
                .hasMessageContaining("dose-quality/card.yaml:2: dose-unassessable.summary: line 1: the tag {{{")
                .hasMessageContaining("dose-quality/card.yaml:3: dose-unassessable.detail: line 1: the tag {{>");
    }

    @Test
    void refusesOverrideReasonsThatAreNotAListOfKnownCodes(@TempDir Path dir) throws IOException {
        RuleFolders.copyRules(dir);
        Path card = dir.resolve("dose-quality/card.yaml");
        Files.writeString(card, Files.readString(card) + "  overrideReasons: data-incorrect\n");

        assertThatThrownBy(() -> load(dir))
                .isInstanceOf(RuleBaseException.class)
                .hasMessageContaining("dose-unassessable.overrideReasons must be a list of codes");

        Files.writeString(
                card,
                Files.readString(card).replace("overrideReasons: data-incorrect", "overrideReasons: [data-incorect]"));
        assertThatThrownBy(() -> load(dir))
                .isInstanceOf(RuleBaseException.class)
                .hasMessageContaining(
                        "dose-quality/card.yaml: dose-unassessable.overrideReasons: data-incorect is not in"
                                + " the ValueSet");
    }

    @Test
    void refusesACardWithoutItsKindOrWithARepeatedKey(@TempDir Path dir) throws IOException {
        RuleFolders.copyRules(dir);
        Path card = dir.resolve("dose-quality/card.yaml");
        Files.writeString(card, Files.readString(card).replace("  card: unassessable\n", ""));

        assertThatThrownBy(() -> load(dir))
                .isInstanceOf(RuleBaseException.class)
                .hasMessageContaining("dose-quality/card.yaml:")
                .hasMessageContaining("dose-unassessable has no card: (the kind of card");

        Files.writeString(card, Files.readString(card) + "  summary: \"again\"\n");
        assertThatThrownBy(() -> load(dir))
                .isInstanceOf(RuleBaseException.class)
                .hasMessageContaining("dose-quality/card.yaml:")
                .hasMessageContaining("dose-unassessable.summary is written twice");
    }

    @Test
    void refusesAnUnescapedTagHiddenBehindAControlCharacter(@TempDir Path dir) throws IOException {
        RuleFolders.copyRules(dir);
        Path card = dir.resolve("dose-quality/card.yaml");
        Files.writeString(
                card, Files.readString(card).replace("summary: \"Taper", "summary: \"{{\\x1F&medication}} Taper"));

        assertThatThrownBy(() -> load(dir))
                .isInstanceOf(RuleBaseException.class)
                .hasMessageContaining("the tag {{&");
    }

    @Test
    void refusesWordingForACategoryNoRuleRaises(@TempDir Path dir) throws IOException {
        RuleFolders.copyRules(dir);
        Files.writeString(
                dir.resolve("dose-quality/card.yaml"),
                Files.readString(dir.resolve("dose-quality/card.yaml"))
                        + """
                        dose-unasessable:
                          summary: "typo"
                          detail: "typo"
                        """);

        assertThatThrownBy(() -> load(dir))
                .isInstanceOf(RuleBaseException.class)
                .hasMessageContaining("dose-quality/card.yaml: no rule raises category dose-unasessable");
    }

    @Test
    void refusesAHeaderThatNamesNoSetting(@TempDir Path dir) throws IOException {
        RuleFolders.copyRules(dir);
        Path drl = dir.resolve("taper-rate/taper-rate.drl");
        Files.writeString(
                drl, Files.readString(drl).replace("{{taper.window-days}} days", "{{taper.window-dayz}} days"));

        assertThatThrownBy(() -> load(dir))
                .isInstanceOf(RuleBaseException.class)
                .hasMessageContaining("taper-rate/taper-rate.drl:30:1: rule \"")
                .hasMessageContaining("the header names something that is not a setting");
    }

    @Test
    void rendersHeadersAndCitationsWithTheSettingsAsWritten(@TempDir Path dir) throws IOException {
        RuleFolders.copyRules(dir);
        Path settings = dir.resolve("settings.properties");
        Files.writeString(
                settings,
                Files.readString(settings)
                        .replace("taper.max-reduction-percent=25", "taper.max-reduction-percent=20.0"));

        RuleInfo rule = load(dir).rules().stream()
                .filter(r -> r.id().equals("taper-rate-exceeded"))
                .findFirst()
                .orElseThrow();

        assertThat(rule.citation()).contains("not exceed 20 % every 2 weeks").doesNotContain("{{");
        assertThat(rule.header()).contains("20 % below the highest").doesNotContain("25 %");
    }

    @Test
    void offersEverySettingByItsDottedName() {
        RuleBase ruleBase = load(Path.of("rules"));
        @SuppressWarnings("unchecked")
        Map<String, Object> taper =
                (Map<String, Object>) ruleBase.settingValues().get("taper");
        assertThat(taper).containsEntry("max-reduction-percent", "25").containsEntry("window-days", "14");
    }
}
