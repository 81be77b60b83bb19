package org.tapercds.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The /rules pages show the live settings in each rule's header and source. */
class RuleDocsControllerTests {

    @Test
    void aRulePageShowsTheThresholdOfSettingsProperties(@TempDir Path dir) throws IOException {
        RuleFolders.copyRules(dir);
        Path settings = dir.resolve("settings.properties");
        Files.writeString(
                settings,
                Files.readString(settings).replace("taper.max-reduction-percent=25", "taper.max-reduction-percent=20"));
        RuleBase ruleBase = RuleFolders.load(dir);
        ActiveRuleBase active = mock(ActiveRuleBase.class);
        when(active.current()).thenReturn(ruleBase);

        String page = new RuleDocsController(active).rule("taper-rate-exceeded");

        assertThat(page)
                .contains("20 % below the highest D of the 14 days")
                .contains("20 % exactly passes")
                .contains("Rec 6: reductions should typically not exceed 20 % every 2 weeks")
                .doesNotContain("25 %")
                .doesNotContain("{{");
    }
}
