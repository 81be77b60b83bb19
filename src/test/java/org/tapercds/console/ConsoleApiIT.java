package org.tapercds.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.web.context.WebApplicationContext;
import tools.jackson.databind.json.JsonMapper;

/**
 * The console's JSON API through the whole application (security filters included): filters and
 * paging, actions with their audit row, problem details for bad input, and who may call what.
 */
@SpringBootTest(
        properties = {
            "taper.console.users[0].name=pat",
            "taper.console.users[0].password={noop}" + ConsoleTestConfiguration.PASSWORD,
            "taper.console.users[0].roles=PHARMACIST",
            "taper.console.users[1].name=ina",
            "taper.console.users[1].password={noop}" + ConsoleTestConfiguration.PASSWORD,
            "taper.console.users[1].roles=INFORMATICIST",
            "taper.console.users[2].name=root",
            "taper.console.users[2].password={noop}" + ConsoleTestConfiguration.PASSWORD,
            "taper.console.users[2].roles=ADMIN"
        })
@Import(ConsoleTestConfiguration.class)
class ConsoleApiIT {

    static final Instant T0 = Instant.parse("2026-03-10T09:00:00Z");

    private final MockMvcTester mvc;
    private final JdbcClient jdbc;
    private final ConsoleTestData data;

    ConsoleApiIT(@Autowired WebApplicationContext context, @Autowired JdbcClient jdbc) {
        this.mvc = MockMvcTester.from(context, builder -> builder.apply(SecurityMockMvcConfigurers.springSecurity())
                .build());
        this.jdbc = jdbc;
        this.data = new ConsoleTestData(jdbc);
    }

    @BeforeEach
    void emptyStore() {
        for (String table : new String[] {"review_action", "feedback", "audit_event", "alert"}) {
            jdbc.sql("delete from " + table).update();
        }
    }

    @Test
    void refusesAnAnonymousCallWithA401ProblemDetail() {
        MvcTestResult result = mvc.get().uri("/api/alerts").exchange();

        assertThat(result).hasStatus(401);
        assertThat(result.getResponse().getContentType()).startsWith("application/problem+json");
        assertThat(result).bodyJson().extractingPath("$.code").isEqualTo("login-required");
        assertThat(result.getResponse().getHeader("WWW-Authenticate")).startsWith("Basic");
    }

    @Test
    void listsTheAlertOfACdsHooksCallWithinASecond() throws Exception {
        String body = CdsHooksCalls.request("src/test/resources/requests/order-sign-clonazepam-halved.json");
        MvcTestResult call = mvc.post()
                .uri(CdsHooksCalls.ORDER_SIGN)
                .contentType(MediaType.APPLICATION_JSON)
                .content(body)
                .exchange();
        assertThat(call).hasStatusOk();
        String uuid = JsonMapper.builder()
                .build()
                .readTree(call.getResponse().getContentAsString())
                .at("/cards/0/uuid")
                .stringValue();

        await().atMost(Duration.ofSeconds(1)).untilAsserted(() -> {
            MvcTestResult listed = get("/api/alerts?patient=pat-example", "pat");
            assertThat(listed).bodyJson().extractingPath("$.items[0].id").isEqualTo(uuid);
            assertThat(listed).bodyJson().extractingPath("$.items[0].category").isEqualTo("taper-rate-exceeded");
            assertThat(listed).bodyJson().extractingPath("$.items[0].indicator").isEqualTo("critical");
            assertThat(listed).bodyJson().extractingPath("$.items[0].ruleId").isEqualTo("taper-rate-exceeded");
        });
    }

    @Test
    void refusesAWrongPasswordWith401() {
        assertThat(mvc.get().uri("/api/alerts").with(httpBasic("pat", "wrong")).exchange())
                .hasStatus(401);
    }

    @Test
    void listsAlertsNewestFirstFilteredAndPaged() {
        String older = data.alert("p1", "taper-rate-exceeded", "critical", T0);
        String newer = data.alert("p1", "taper-rate-exceeded", "critical", T0.plusSeconds(60));
        data.alert("p1", "alcohol-co-use", "warning", T0.plusSeconds(120));
        data.alert("p2", "taper-rate-exceeded", "critical", T0.plusSeconds(180));

        MvcTestResult page = mvc.get()
                .uri("/api/alerts?category=taper-rate-exceeded&patient=p1&indicator=critical&status=open"
                        + "&from=2026-03-10&to=2026-03-10&size=1&page=1")
                .with(httpBasic("pat", ConsoleTestConfiguration.PASSWORD))
                .exchange();

        assertThat(page).hasStatusOk();
        assertThat(page).bodyJson().extractingPath("$.total").isEqualTo(2);
        assertThat(page).bodyJson().extractingPath("$.totalPages").isEqualTo(2);
        assertThat(page).bodyJson().extractingPath("$.items[0].id").isEqualTo(older);
        assertThat(page).bodyJson().extractingPath("$.items[0].createdAt").isEqualTo("2026-03-10T09:00:00Z");
        assertThat(mvc.get()
                        .uri("/api/alerts?size=1")
                        .with(httpBasic("pat", ConsoleTestConfiguration.PASSWORD))
                        .exchange())
                .bodyJson()
                .extractingPath("$.items[0].patientId")
                .isEqualTo("p2");
        assertThat(mvc.get()
                        .uri("/api/alerts?category=taper-rate-exceeded&patient=p1&size=1")
                        .with(httpBasic("pat", ConsoleTestConfiguration.PASSWORD))
                        .exchange())
                .bodyJson()
                .extractingPath("$.items[0].id")
                .isEqualTo(newer);
    }

    @Test
    void refusesAFilterNoAlertCanMatchWith400() {
        MvcTestResult result = mvc.get()
                .uri("/api/alerts?status=deleted")
                .with(httpBasic("pat", ConsoleTestConfiguration.PASSWORD))
                .exchange();

        assertThat(result).hasStatus(400);
        assertThat(result).bodyJson().extractingPath("$.code").isEqualTo("invalid-field");
        assertThat(result).bodyJson().extractingPath("$.expression").isEqualTo("status");
        assertThat(mvc.get()
                        .uri("/api/alerts?size=1000")
                        .with(httpBasic("pat", ConsoleTestConfiguration.PASSWORD))
                        .exchange())
                .hasStatus(400);
    }

    @Test
    void showsOneAlertWithEvidenceRuleFeedbackAndActions() {
        String id = data.alert("p1", "taper-rate-exceeded", "critical", T0);
        data.feedback(id, "overridden", "benefits", "Benefits outweigh risks", "slow taper agreed", T0);

        MvcTestResult result = mvc.get()
                .uri("/api/alerts/" + id)
                .with(httpBasic("pat", ConsoleTestConfiguration.PASSWORD))
                .exchange();

        assertThat(result).hasStatusOk();
        assertThat(result)
                .bodyJson()
                .extractingPath("$.alert.evidence.dose[0].day")
                .isEqualTo("2026-01-01");
        assertThat(result).bodyJson().extractingPath("$.rule.page").isEqualTo("/rules/taper-rate-exceeded");
        assertThat(result)
                .bodyJson()
                .extractingPath("$.feedback[0].overrideCode")
                .isEqualTo("benefits");
        assertThat(result).bodyJson().extractingPath("$.feedback[0].comment").isEqualTo("slow taper agreed");
        assertThat(result).bodyJson().extractingPath("$.actions").asArray().isEmpty();
    }

    @Test
    void answersAnUnknownAlertWith404() {
        MvcTestResult result = mvc.get()
                .uri("/api/alerts/no-such-id")
                .with(httpBasic("pat", ConsoleTestConfiguration.PASSWORD))
                .exchange();

        assertThat(result).hasStatus(404);
        assertThat(result).bodyJson().extractingPath("$.code").isEqualTo("not-found");
        assertThat(action("no-such-id", "{\"action\":\"resolve\",\"note\":\"x\"}"))
                .hasStatus(404);
    }

    @Test
    void anActionChangesTheStatusAndWritesAnAuditRowWithoutTheNote() {
        String id = data.alert("p1", "taper-rate-exceeded", "critical", T0);

        MvcTestResult result = action(id, "{\"action\":\"acknowledge\",\"note\":\"spoke to Dr Who\"}");

        assertThat(result).hasStatus(201);
        assertThat(result).bodyJson().extractingPath("$.status").isEqualTo("acknowledged");
        assertThat(result).bodyJson().extractingPath("$.action.actor").isEqualTo("pat");
        assertThat(jdbc.sql("select status from alert where id = :id")
                        .param("id", id)
                        .query(String.class)
                        .single())
                .isEqualTo("acknowledged");
        assertThat(jdbc.sql("select actor, outcome, detail from audit_event where kind = 'review-action'"
                                + " and alert_id = :id")
                        .param("id", id)
                        .query((rs, n) -> rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getString(3))
                        .single())
                .startsWith("pat|acknowledged|")
                .doesNotContain("Dr Who");
        assertThat(mvc.get()
                        .uri("/api/alerts/" + id)
                        .with(httpBasic("pat", ConsoleTestConfiguration.PASSWORD))
                        .exchange())
                .bodyJson()
                .extractingPath("$.actions[0].note")
                .isEqualTo("spoke to Dr Who");
    }

    @Test
    void refusesAnUnknownActionWithA400ProblemDetailAndChangesNothing() {
        String id = data.alert("p1", "taper-rate-exceeded", "critical", T0);

        MvcTestResult result = action(id, "{\"action\":\"delete\",\"note\":\"x\"}");

        assertThat(result).hasStatus(400);
        assertThat(result.getResponse().getContentType()).startsWith("application/problem+json");
        assertThat(result).bodyJson().extractingPath("$.code").isEqualTo("invalid-field");
        assertThat(result).bodyJson().extractingPath("$.expression").isEqualTo("action");
        assertThat(action(id, "not json")).hasStatus(400);
        assertThat(action(id, "{\"action\":\"resolve\",\"note\":\"" + "x".repeat(2001) + "\"}"))
                .hasStatus(400);
        assertThat(jdbc.sql("select count(*) from review_action")
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void aSessionUserMustSendTheCsrfTokenToAct() {
        String id = data.alert("p1", "taper-rate-exceeded", "critical", T0);

        MvcTestResult result = mvc.post()
                .uri("/api/alerts/" + id + "/actions")
                .with(user("pat").roles("PHARMACIST"))
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"action\":\"resolve\"}")
                .exchange();

        assertThat(result).hasStatus(403);
        assertThat(jdbc.sql("select status from alert").query(String.class).single())
                .isEqualTo("open");
    }

    @Test
    void givesEachRoleOnlyItsOwnJob() {
        assertThat(get("/api/alerts", "ina")).hasStatus(403);
        assertThat(get("/api/alerts", "ina"))
                .bodyJson()
                .extractingPath("$.code")
                .isEqualTo("forbidden");
        assertThat(get("/api/analytics/overrides", "pat")).hasStatus(403);
        assertThat(get("/api/audit", "pat")).hasStatus(403);
        assertThat(get("/api/audit", "ina")).hasStatus(403);
        assertThat(get("/api/analytics/overrides", "ina")).hasStatusOk();
        assertThat(get("/api/alerts", "root")).hasStatusOk();
        assertThat(get("/api/analytics/overrides", "root")).hasStatusOk();
        assertThat(get("/api/audit", "root")).hasStatusOk();
    }

    @Test
    void countsOverridesPerRuleAndCategoryWithTheCommonestReasons() {
        String a = data.alert("p1", "taper-rate-exceeded", "critical", T0);
        data.alert("p2", "taper-rate-exceeded", "critical", T0);
        data.feedback(a, "overridden", "benefits", "Benefits outweigh risks", null, T0);

        MvcTestResult result = get("/api/analytics/overrides?from=2026-03-01&to=2026-03-20", "ina");

        assertThat(result).hasStatusOk();
        assertThat(result).bodyJson().extractingPath("$.perCategory[0].key").isEqualTo("taper-rate-exceeded");
        assertThat(result).bodyJson().extractingPath("$.perCategory[0].alerts").isEqualTo(2);
        assertThat(result).bodyJson().extractingPath("$.perRule[0].overridden").isEqualTo(1);
        assertThat(result).bodyJson().extractingPath("$.reasons[0].display").isEqualTo("Benefits outweigh risks");
        assertThat(result)
                .bodyJson()
                .extractingPath("$.weeklyPerCategory[0].week")
                .isEqualTo("2026-03-09");
    }

    @Test
    void listsTheAuditTrailForAdmins() {
        String id = data.alert("p1", "taper-rate-exceeded", "critical", T0);
        assertThat(action(id, "{\"action\":\"escalate\"}")).hasStatus(201);

        MvcTestResult result = get("/api/audit?kind=review-action", "root");

        assertThat(result).bodyJson().extractingPath("$.total").isEqualTo(1);
        assertThat(result).bodyJson().extractingPath("$.items[0].alertId").isEqualTo(id);
        assertThat(result).bodyJson().extractingPath("$.items[0].outcome").isEqualTo("escalated");
    }

    @Test
    void describesTheApiInOpenApi() {
        MvcTestResult result = mvc.get().uri("/v3/api-docs").exchange();

        assertThat(result).hasStatusOk();
        assertThat(result)
                .bodyJson()
                .extractingPath("$.paths['/api/alerts'].get")
                .isNotNull();
        assertThat(result)
                .bodyJson()
                .extractingPath("$.paths['/api/alerts/{id}/actions'].post")
                .isNotNull();
        assertThat(result)
                .bodyJson()
                .extractingPath("$.paths['/api/analytics/overrides'].get")
                .isNotNull();
    }

    private MvcTestResult get(String uri, String userName) {
        return mvc.get()
                .uri(uri)
                .with(httpBasic(userName, ConsoleTestConfiguration.PASSWORD))
                .exchange();
    }

    private MvcTestResult action(String id, String body) {
        return mvc.post()
                .uri("/api/alerts/" + id + "/actions")
                .with(httpBasic("pat", ConsoleTestConfiguration.PASSWORD))
                .contentType(MediaType.APPLICATION_JSON)
                .content(body)
                .exchange();
    }
}
