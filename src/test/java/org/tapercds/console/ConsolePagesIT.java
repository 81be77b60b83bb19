package org.tapercds.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.web.context.WebApplicationContext;

/** The console's pages through the whole application: login, roles, CSRF, escaping, headers. */
@SpringBootTest(
        properties = {
            "taper.console.users[0].name=pat",
            "taper.console.users[0].password={noop}" + ConsoleTestConfiguration.PASSWORD,
            "taper.console.users[0].roles=PHARMACIST"
        })
@Import(ConsoleTestConfiguration.class)
class ConsolePagesIT {

    static final Instant T0 = Instant.parse("2026-03-10T09:00:00Z");

    private final MockMvcTester mvc;
    private final JdbcClient jdbc;
    private final ConsoleTestData data;

    ConsolePagesIT(@Autowired WebApplicationContext context, @Autowired JdbcClient jdbc) {
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
    void sendsAnonymousUsersToTheLoginPageAndShowsThemNothingElse() {
        String id = data.alert("p1", "taper-rate-exceeded", "critical", T0);

        for (String page :
                new String[] {"/review", "/review/alerts/" + id, "/review/patients/p1", "/review/audit", "/"}) {
            MvcTestResult result = mvc.get().uri(page).exchange();
            assertThat(result).hasStatus(302);
            assertThat(result.getResponse().getRedirectedUrl()).endsWith("/login");
        }
        MvcTestResult login = mvc.get().uri("/login").exchange();
        assertThat(login).hasStatusOk();
        assertThat(login).bodyText().contains("name=\"_csrf\"").doesNotContain("p1");
    }

    @Test
    void logsInWithTheFormAndLandsOnTheQueue() {
        MvcTestResult result = mvc.post()
                .uri("/login")
                .with(csrf())
                .param("username", "pat")
                .param("password", ConsoleTestConfiguration.PASSWORD)
                .exchange();

        assertThat(result).hasStatus(302);
        assertThat(result.getResponse().getRedirectedUrl()).isEqualTo("/review/start");
        assertThat(mvc.post()
                        .uri("/login")
                        .param("username", "pat")
                        .param("password", ConsoleTestConfiguration.PASSWORD)
                        .exchange())
                .hasStatus(403);
    }

    @Test
    void refusesAFormPostWithoutTheCsrfToken() {
        String id = data.alert("p1", "taper-rate-exceeded", "critical", T0);

        MvcTestResult result = mvc.post()
                .uri("/review/alerts/" + id + "/actions")
                .with(user("pat").roles("PHARMACIST"))
                .param("action", "acknowledge")
                .exchange();

        assertThat(result).hasStatus(403);
        assertThat(status(id)).isEqualTo("open");
    }

    @Test
    void recordsAFormActionWithTheTokenAndReturnsToTheAlert() {
        String id = data.alert("p1", "taper-rate-exceeded", "critical", T0);

        MvcTestResult result = mvc.post()
                .uri("/review/alerts/" + id + "/actions")
                .with(user("pat").roles("PHARMACIST"))
                .with(csrf())
                .param("action", "resolve")
                .param("note", "done")
                .exchange();

        assertThat(result).hasStatus(302);
        assertThat(result.getResponse().getRedirectedUrl()).isEqualTo("/review/alerts/" + id);
        assertThat(status(id)).isEqualTo("resolved");
    }

    @Test
    void refusesAPharmacistTheAuditTrailAndAnInformaticistTheQueue() {
        MvcTestResult audit = mvc.get()
                .uri("/review/audit")
                .with(user("pat").roles("PHARMACIST"))
                .exchange();
        assertThat(audit).hasStatus(403);
        // MockMvc does not follow the forward to the page that explains it (the browser test reads it).
        assertThat(audit.getResponse().getForwardedUrl()).isEqualTo("/review/forbidden");
        assertThat(mvc.get()
                        .uri("/review")
                        .with(user("ina").roles("INFORMATICIST"))
                        .exchange())
                .hasStatus(403);
        assertThat(mvc.get()
                        .uri("/review/dashboard")
                        .with(user("ina").roles("INFORMATICIST"))
                        .exchange())
                .hasStatusOk();
        assertThat(mvc.get()
                        .uri("/review/audit")
                        .with(user("root").roles("ADMIN"))
                        .exchange())
                .hasStatusOk();
    }

    @Test
    void escapesStoredTextAndSendsASecurityPolicy() {
        String id = data.alert(
                "p<1>",
                "taper-rate-exceeded",
                "critical",
                "taper-rate-exceeded",
                "open",
                true,
                T0,
                "<script>alert(1)</script>");

        MvcTestResult queue =
                mvc.get().uri("/review").with(user("pat").roles("PHARMACIST")).exchange();
        MvcTestResult alert = mvc.get()
                .uri("/review/alerts/" + id)
                .with(user("pat").roles("PHARMACIST"))
                .exchange();

        for (MvcTestResult page : new MvcTestResult[] {queue, alert}) {
            assertThat(page).hasStatusOk();
            assertThat(page)
                    .bodyText()
                    .contains("&lt;script&gt;alert(1)&lt;/script&gt;")
                    .doesNotContain("<script>alert");
            assertThat(page).bodyText().doesNotContain("p<1>");
            assertThat(page.getResponse().getHeader("Content-Security-Policy")).contains("script-src 'self'");
        }
        assertThat(alert).bodyText().contains("data-chart=\"{&quot;recorded&quot;");
    }

    @Test
    void answersAnHtmxFilterWithTheResultsOnly() {
        data.alert("p1", "taper-rate-exceeded", "critical", T0);
        data.alert("p2", "alcohol-co-use", "warning", T0);

        MvcTestResult result = mvc.get()
                .uri("/review?category=alcohol-co-use")
                .header("HX-Request", "true")
                .with(user("pat").roles("PHARMACIST"))
                .exchange();

        assertThat(result).hasStatusOk();
        assertThat(result)
                .bodyText()
                .startsWith("<section id=\"results\"")
                .contains("p2")
                .doesNotContain("p1");
    }

    @Test
    void drawsTheDashboardThePatientPageAndTheAuditTrailFromStoredData() {
        String id = data.alert("p1", "taper-rate-exceeded", "critical", T0);
        data.feedback(id, "overridden", "benefits", "Benefits outweigh risks", "agreed with patient", T0);

        MvcTestResult dashboard = mvc.get()
                .uri("/review/dashboard?from=2026-03-01&to=2026-03-20")
                .with(user("ina").roles("INFORMATICIST"))
                .exchange();
        MvcTestResult patient = mvc.get()
                .uri("/review/patients/p1")
                .with(user("pat").roles("PHARMACIST"))
                .exchange();

        assertThat(dashboard).hasStatusOk();
        assertThat(dashboard).bodyText().contains("taper rate exceeded", "100 %", "Benefits outweigh risks");
        assertThat(dashboard).bodyText().contains("data-chart=\"{&quot;weeks&quot;:[&quot;2026-03-09&quot;]");
        assertThat(patient).hasStatusOk();
        assertThat(patient).bodyText().contains("agreed with patient", "id=\"taper-chart\"", "/review/alerts/" + id);
    }

    private String status(String id) {
        return jdbc.sql("select status from alert where id = :id")
                .param("id", id)
                .query(String.class)
                .single();
    }
}
