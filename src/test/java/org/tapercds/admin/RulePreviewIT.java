package org.tapercds.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.http.MediaType;
import org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.util.FileSystemUtils;
import org.springframework.web.context.WebApplicationContext;
import org.tapercds.alerts.KeptRequests;
import org.tapercds.rules.RuleFolders;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code POST /admin/rules/preview} through the whole application: the service starts on a copy of
 * the shipped rules; an informaticist edits the copy on disk (the file watch off) and previews it
 * against the rule base in service, as JSON.
 */
@SpringBootTest(
        properties = {
            "taper.console.users[0].name=ina",
            "taper.console.users[0].password={noop}" + RulePreviewIT.PASSWORD,
            "taper.console.users[0].roles=INFORMATICIST",
            "taper.rules.watch.enabled=false",
            "taper.alerts.keep-requests=14d"
        })
class RulePreviewIT {

    static final String PASSWORD = "test-password";

    /** The scenarios' day: a live call made now is the scenario's request on its own day. */
    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

    @TestConfiguration(proxyBeanMethods = false)
    static class FixedClock {
        @Bean
        @Primary
        Clock fixedClock() {
            return Clock.fixed(NOW, ZoneOffset.UTC);
        }
    }

    @Autowired
    KeptRequests kept;

    private static final String SETTINGS = "settings.properties";
    private static final String DRL = "taper-rate/taper-rate.drl";

    private static Path rules;

    private final MockMvcTester mvc;

    RulePreviewIT(@Autowired WebApplicationContext context) {
        this.mvc = MockMvcTester.from(context, builder -> builder.apply(SecurityMockMvcConfigurers.springSecurity())
                .build());
    }

    @DynamicPropertySource
    static void rulesCopy(DynamicPropertyRegistry registry) throws IOException {
        rules = Files.createTempDirectory("taper-preview-rules");
        RuleFolders.copyTree(Path.of("rules"), rules.resolve("rules"));
        registry.add("taper.rules-dir", () -> rules.resolve("rules").toString());
    }

    @AfterAll
    static void deleteCopy() throws IOException {
        FileSystemUtils.deleteRecursively(rules);
    }

    /** Each test starts from the rules in service. */
    @BeforeEach
    void restoreTheShippedFiles() throws IOException {
        for (String file : List.of(SETTINGS, DRL)) {
            Files.copy(
                    Path.of("rules").resolve(file),
                    rules.resolve("rules").resolve(file),
                    StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void change(String file, String written, String instead) throws IOException {
        Path changed = rules.resolve("rules").resolve(file);
        String text = Files.readString(changed);
        assertThat(text).contains(written);
        Files.writeString(changed, text.replace(written, instead));
    }

    private MvcTestResult preview() {
        return preview("/admin/rules/preview");
    }

    private MvcTestResult preview(String uri) {
        return mvc.post().uri(uri).with(httpBasic("ina", PASSWORD)).exchange();
    }

    private static JsonNode json(MvcTestResult result) throws Exception {
        return JsonMapper.builder()
                .build()
                .readTree(new String(result.getResponse().getContentAsByteArray(), StandardCharsets.UTF_8));
    }

    private static JsonNode changedScenario(JsonNode report, String name) {
        for (JsonNode scenario : report.get("changed")) {
            if (scenario.get("scenario").asString().equals(name)) {
                return scenario;
            }
        }
        throw new AssertionError(name + " is not among the changed scenarios: " + report.get("changed"));
    }

    @Test
    void previewsALowerTaperRateLimitOnDiskAgainstTheRuleBaseInService() throws Exception {
        change(SETTINGS, "taper.max-reduction-percent=25", "taper.max-reduction-percent=20");

        MvcTestResult result = preview();

        assertThat(result).hasStatusOk();
        JsonNode report = json(result);
        assertThat(report.at("/baseline/source").asString()).isEqualTo("in service");
        assertThat(report.at("/candidate/version").asString())
                .isNotEqualTo(report.at("/baseline/version").asString());
        JsonNode exactly25 = changedScenario(report, "taper-rate/scenarios/silent-diazepam-25-percent-exactly.json");
        assertThat(exactly25.get("from").asString()).isEqualTo("candidate");
        assertThat(exactly25.get("day").asString()).isEqualTo("2026-11-22");
        assertThat(exactly25.at("/cards/0/category").asString()).isEqualTo("taper-rate-exceeded");
        assertThat(exactly25.at("/cards/0/change").asString()).isEqualTo("appears");
        assertThat(exactly25.at("/cards/0/after/indicator").asString()).isEqualTo("warning");
        assertThat(exactly25.at("/cards/0").has("before")).isFalse();
        JsonNode cut30 = changedScenario(report, "taper-rate/scenarios/fires-diazepam-40-to-28-warning.json");
        assertThat(cut30.at("/cards/0/before/suggestion").asString()).contains("30 mg/day");
        assertThat(cut30.at("/cards/0/after/suggestion").asString()).contains("32 mg/day");
        int changed = report.at("/totals/changed").asInt();
        assertThat(changed).isEqualTo(report.get("changed").size());
        assertThat(report.at("/totals/unchanged").asInt() + changed)
                .isEqualTo(report.at("/totals/scenarios").asInt());
        List<String> categories = new ArrayList<>();
        report.get("categories").forEach(c -> categories.add(c.get("name").asString()));
        assertThat(categories).contains("taper-rate-exceeded").doesNotContain("alcohol-co-use");
        assertThat(report.at("/totals/failing").asInt()).isPositive();
    }

    @Test
    void replaysTheLiveRequestsKeptInTheLastDaysWhenAsked() throws Exception {
        // A live call shaped as the scenario of a cut of exactly 25 %: no card under the rules in service.
        JsonNode scenario = JsonMapper.builder()
                .build()
                .readTree(Files.readString(
                        Path.of("rules/taper-rate/scenarios/silent-diazepam-25-percent-exactly.json")));
        ObjectNode request = (ObjectNode) scenario.get("request");
        request.put("hookInstance", "kept-25-percent");
        MvcTestResult call = mvc.post()
                .uri("/cds-services/benzo-taper-order-sign")
                .contentType(MediaType.APPLICATION_JSON)
                .content(request.toString())
                .exchange();
        assertThat(call).hasStatusOk();
        assertThat(call.getResponse().getContentAsString()).doesNotContain("taper-rate-exceeded");
        await().atMost(Duration.ofSeconds(5)).until(() -> kept.since(NOW, 100).stream()
                .anyMatch(k -> k.hookInstance().equals("kept-25-percent")));
        change(SETTINGS, "taper.max-reduction-percent=25", "taper.max-reduction-percent=20");

        JsonNode withRecent = json(preview("/admin/rules/preview?recentDays=14"));
        JsonNode withoutRecent = json(preview());

        JsonNode replayed = changedScenario(withRecent, "recent/kept-25-percent");
        assertThat(replayed.get("from").asString()).isEqualTo("recent request");
        assertThat(replayed.get("day").asString()).isEqualTo("2026-11-22");
        assertThat(replayed.at("/cards/0/category").asString()).isEqualTo("taper-rate-exceeded");
        assertThat(replayed.at("/cards/0/change").asString()).isEqualTo("appears");
        assertThat(withRecent.at("/totals/changed").asInt())
                .isEqualTo(withoutRecent.at("/totals/changed").asInt() + 1);
        assertThat(withRecent.at("/totals/failing").asInt())
                .isEqualTo(withoutRecent.at("/totals/failing").asInt());
        assertThat(withoutRecent.get("changed").toString()).doesNotContain("recent/");
        assertThat(preview("/admin/rules/preview?recentDays=-1"))
                .hasStatus(400)
                .bodyText()
                .contains("recentDays must be between 0 and 3660");
    }

    @Test
    void reportsNoChangeWhenTheFilesAreTheRulesInService() throws Exception {
        MvcTestResult result = preview();

        assertThat(result).hasStatusOk();
        JsonNode report = json(result);
        assertThat(report.at("/candidate/version").asString())
                .isEqualTo(report.at("/baseline/version").asString());
        assertThat(report.at("/totals/changed").asInt()).isZero();
        assertThat(report.at("/totals/scenarios").asInt()).isPositive();
        assertThat(report.get("changed")).isEmpty();
        assertThat(report.get("failing")).isEmpty();
    }

    @Test
    void refusesACandidateThatDoesNotCompileNamingItsFileAndLine() throws Exception {
        change(DRL, "Dependence( likely )", "Dependence( likely ");

        MvcTestResult result = preview();

        assertThat(result).hasStatus(422);
        String body = result.getResponse().getContentAsString();
        JsonNode refused = json(result);
        assertThat(refused.get("outcome").asString()).isEqualTo("refused");
        assertThat(refused.get("problems").get(0).asString()).startsWith(DRL + ":");
        assertThat(body).doesNotContain("Exception", "\tat ");
    }
}
