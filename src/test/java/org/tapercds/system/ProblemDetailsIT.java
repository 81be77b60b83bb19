package org.tapercds.system;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.web.context.WebApplicationContext;
import org.tapercds.hooks.EdgeTestConfiguration;

/** Outside the CDS Hooks endpoints errors are RFC 9457 problem details with the same stable code. */
@SpringBootTest(properties = "taper.max-body-bytes=65536")
@Import(EdgeTestConfiguration.class)
class ProblemDetailsIT {

    private final MockMvcTester mvc;

    ProblemDetailsIT(@Autowired WebApplicationContext context) {
        this.mvc = MockMvcTester.from(context);
    }

    @Test
    void answersAnUnknownPathWithAProblemDetailCarryingTheStableCode() {
        MvcTestResult result = mvc.get().uri("/no-such-page").exchange();

        assertThat(result).hasStatus(404);
        assertThat(result.getResponse().getContentType()).startsWith("application/problem+json");
        assertThat(result).bodyJson().extractingPath("$.code").isEqualTo("not-found");
        assertThat(result).bodyJson().extractingPath("$.status").isEqualTo(404);
    }

    @Test
    void answersTheErrorPageItselfAsNotFoundNotStatus999() {
        MvcTestResult result = mvc.get().uri("/error").exchange();

        assertThat(result).hasStatus(404);
        assertThat(result).bodyJson().extractingPath("$.code").isEqualTo("not-found");
        assertThat(result).bodyJson().extractingPath("$.status").isEqualTo(404);
    }

    @Test
    void answersAContainerErrorForwardedToTheErrorPageWithItsStatus() {
        MvcTestResult result = mvc.get()
                .uri("/error")
                .requestAttr(jakarta.servlet.RequestDispatcher.ERROR_STATUS_CODE, 400)
                .exchange();

        assertThat(result).hasStatus(400);
        assertThat(result).bodyJson().extractingPath("$.code").isEqualTo("bad-request");
    }
}
