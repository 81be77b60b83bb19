package org.tapercds.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.web.context.WebApplicationContext;

/** taper.validation.mode=warn evaluates non-conforming resources anyway. */
@SpringBootTest(properties = "taper.validation.mode=warn")
class ProfileValidationWarnIT {

    @Autowired
    WebApplicationContext context;

    @Test
    void evaluatesANonConformingOrderAndReportsItsDoseAsUnassessable() {
        String body = EdgeClient.body(
                new EdgeClient(context).call("benzo-taper-order-sign", ProfileValidationEnforceIT.draftWithoutDose()));

        assertThat(body).contains("dose-unassessable");
    }
}
