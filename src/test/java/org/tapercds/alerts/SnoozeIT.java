package org.tapercds.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.tapercds.alerts.ExampleCalls.TAPER_RATE;
import static org.tapercds.alerts.ExampleCalls.card;
import static org.tapercds.alerts.ExampleCalls.request;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.web.context.WebApplicationContext;
import org.tapercds.testing.MutableClock;
import tools.jackson.databind.JsonNode;

/**
 * SPEC §3: after an {@code overridden} card, the same category for that patient is withheld from
 * the EHR for {@code taper.snooze.days} (90) unless it gets more severe, and the withheld card is
 * still stored (shown = false) for the pharmacists. Live calls through the real evaluator; the
 * clock is moved, never waited for.
 */
@SpringBootTest
class SnoozeIT {

    static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

    @TestConfiguration(proxyBeanMethods = false)
    static class MovableClock {
        @Bean
        @Primary
        MutableClock movableClock() {
            return new MutableClock(NOW);
        }
    }

    @Autowired
    MutableClock clock;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    SnoozeIndex index;

    private ExampleCalls hooks;

    @BeforeEach
    void start(@Autowired WebApplicationContext context) {
        clock.set(NOW);
        hooks = new ExampleCalls(MockMvcTester.from(context));
    }

    private static String patient() {
        return "pat-" + UUID.randomUUID();
    }

    private static String instance() {
        return UUID.randomUUID().toString();
    }

    private JsonNode call(String patient, int draftMg) {
        return hooks.call(request(patient, instance(), draftMg, 0));
    }

    private String overrideTaperRateCard(String patient, int draftMg, String expectedIndicator) {
        JsonNode card = card(call(patient, draftMg), TAPER_RATE).orElseThrow();
        assertThat(card.get("indicator").stringValue()).isEqualTo(expectedIndicator);
        String uuid = card.get("uuid").stringValue();
        hooks.feedback(ExampleCalls.overridden(uuid));
        return uuid;
    }

    @Test
    void withholdsAnOverriddenCategoryFromTheNextIdenticalCallAndStoresTheWithheldAlert() {
        String patient = patient();
        overrideTaperRateCard(patient, 10, "critical");
        String next = instance();

        JsonNode answer = hooks.call(request(patient, next, 10, 0));

        assertThat(card(answer, TAPER_RATE)).isEmpty();
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(
                        jdbc.sql("select shown from alert where hook_instance = ? and category = ?")
                                .params(next, TAPER_RATE)
                                .query(Boolean.class)
                                .list())
                .containsExactly(false));
    }

    @Test
    void showsTheCategoryWhenItGetsMoreSevereThanTheOverriddenCard() {
        String patient = patient();
        overrideTaperRateCard(patient, 14, "warning");

        assertThat(card(call(patient, 14), TAPER_RATE)).isEmpty();
        assertThat(card(call(patient, 10), TAPER_RATE))
                .hasValueSatisfying(
                        card -> assertThat(card.get("indicator").stringValue()).isEqualTo("critical"));
    }

    @Test
    void showsTheCategoryAgainOnceTheSnoozeDaysHavePassed() {
        String patient = patient();
        overrideTaperRateCard(patient, 10, "critical");

        clock.advance(Duration.ofDays(89));
        assertThat(card(hooks.call(request(patient, instance(), 10, 89)), TAPER_RATE))
                .isEmpty();
        clock.advance(Duration.ofDays(2));
        assertThat(card(hooks.call(request(patient, instance(), 10, 91)), TAPER_RATE))
                .isPresent();
    }

    @Test
    void leavesOtherPatientsUnaffected() {
        overrideTaperRateCard(patient(), 10, "critical");

        assertThat(card(call(patient(), 10), TAPER_RATE)).isPresent();
    }

    @Test
    void acceptedFeedbackDoesNotSnooze() {
        String patient = patient();
        String uuid =
                card(call(patient, 10), TAPER_RATE).orElseThrow().get("uuid").stringValue();

        hooks.feedback(ExampleCalls.accepted(uuid));

        assertThat(card(call(patient, 10), TAPER_RATE)).isPresent();
    }

    @Test
    void writesTheSnoozeToTheTableForTheOtherReplicas() {
        String patient = patient();
        String uuid = overrideTaperRateCard(patient, 10, "critical");

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(
                        jdbc.sql("select indicator, until from snooze where patient_id = ? and category = ?")
                                .params(patient, TAPER_RATE)
                                .query((rs, n) -> rs.getString("indicator") + " "
                                        + rs.getObject("until", java.time.OffsetDateTime.class)
                                                .toInstant())
                                .list())
                .containsExactly("critical " + NOW.plus(Duration.ofDays(90))));
        assertThat(jdbc.sql("select count(*) from audit_event where kind = 'feedback' and alert_id = ?")
                        .param(uuid)
                        .query(Long.class)
                        .single())
                .isEqualTo(1L);
    }

    @Test
    void appliesASnoozeMadeOnAnotherReplicaOnceTheIndexRefreshes() {
        String patient = patient();
        jdbc.sql("insert into snooze (patient_id, category, indicator, feedback_id, created_at, until)"
                        + " values (?, ?, 'critical', ?, ?, ?)")
                .params(
                        patient,
                        TAPER_RATE,
                        UUID.randomUUID().toString(),
                        AlertStore.utc(NOW),
                        AlertStore.utc(NOW.plus(Duration.ofDays(90))))
                .update();
        assertThat(card(call(patient, 10), TAPER_RATE)).isPresent();

        assertThat(index.refresh()).isTrue();

        assertThat(card(call(patient, 10), TAPER_RATE)).isEmpty();
    }

    @Test
    void snoozesACardIssuedByAnotherReplicaFromItsStoredAlert() {
        String patient = patient();
        String uuid = UUID.randomUUID().toString();
        jdbc.sql("insert into alert (id, hook_instance, service_id, patient_id, category, indicator, rule_id,"
                        + " rule_version, rule_base_version, summary, evidence, shown, status, created_at)"
                        + " values (?, ?, ?, ?, ?, 'critical', 'r', '1', 'v', 's', '{}', true, 'open', ?)")
                .params(uuid, instance(), ExampleCalls.SERVICE, patient, TAPER_RATE, AlertStore.utc(NOW))
                .update();

        hooks.feedback(ExampleCalls.overridden(uuid));

        assertThat(index.snoozed(patient)).containsOnlyKeys(TAPER_RATE);
        assertThat(card(call(patient, 10), TAPER_RATE)).isEmpty();
    }
}
