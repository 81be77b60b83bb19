package org.tapercds.evaluation;

import ca.uhn.fhir.context.FhirContext;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.tapercds.evaluation.cards.CardAssembler;
import org.tapercds.evaluation.cards.CardTemplateCheck;
import org.tapercds.fhir.HookRequestReader;

/**
 * Wiring of the evaluation: card assembly, the pipeline, and the card-template rule-base check
 * (the scenario check is wired in {@code evaluation.scenarios}).
 */
@Configuration(proxyBeanMethods = false)
class EvaluationConfiguration {

    @Bean
    CardAssembler cardAssembler(
            FhirContext fhirContext,
            @Value("${taper.public-base-url}") String publicBaseUrl,
            @Value("${taper.console.smart-launch-url:}") String smartLaunchUrl) {
        return new CardAssembler(fhirContext, publicBaseUrl, smartLaunchUrl);
    }

    @Bean
    EvaluationPipeline evaluationPipeline(HookRequestReader reader, CardAssembler cardAssembler) {
        return new EvaluationPipeline(reader, cardAssembler);
    }

    /** The first rule-base check: card templates against their values (scenarios come after it). */
    @Bean
    @Order(1)
    CardTemplateCheck cardTemplateCheck() {
        return new CardTemplateCheck();
    }
}
