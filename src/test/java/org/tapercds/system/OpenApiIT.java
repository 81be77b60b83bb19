package org.tapercds.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.web.context.WebApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The OpenAPI description covers the service's own REST endpoints (rule pages, console API, rule
 * administration) and nothing of CDS Hooks (which discovery describes) or the actuator.
 */
@SpringBootTest
class OpenApiIT {

    @Autowired
    WebApplicationContext context;

    @Test
    void describesTheRulePagesTheConsoleApiAndTheRuleAdministrationButNeitherCdsHooksNorTheActuator() {
        MvcTestResult result =
                MockMvcTester.from(context).get().uri("/v3/api-docs").exchange();

        assertThat(result).hasStatusOk();
        JsonNode api = JsonMapper.builder()
                .build()
                .readTree(new String(result.getResponse().getContentAsByteArray(), StandardCharsets.UTF_8));
        assertThat(api.get("openapi").asString()).startsWith("3.");
        assertThat(api.get("info").get("title").asString()).isEqualTo("taper-cds REST API");
        List<String> paths = new ArrayList<>(api.get("paths").propertyNames());
        assertThat(paths)
                .contains(
                        "/rules",
                        "/rules/{id}",
                        "/api/alerts",
                        "/api/alerts/{id}",
                        "/api/alerts/{id}/actions",
                        "/admin/rules",
                        "/admin/rules/reload",
                        "/admin/rules/preview")
                .allMatch(p -> p.startsWith("/rules") || p.startsWith("/api/") || p.startsWith("/admin/"));
        assertThat(paths).noneMatch(p -> p.startsWith("/cds-services") || p.startsWith("/actuator"));
        JsonNode rulePage = api.get("paths").get("/rules/{id}").get("get");
        assertThat(rulePage.get("parameters").get(0).get("name").asString()).isEqualTo("id");
        assertThat(rulePage.get("responses").has("404")).isTrue();
        JsonNode reload = api.get("paths").get("/admin/rules/reload").get("post");
        assertThat(reload.get("responses").propertyNames()).contains("200", "422", "401", "403");
    }
}
