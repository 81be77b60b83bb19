package org.tapercds.hooks;

import ca.uhn.fhir.context.FhirContext;
import java.time.Clock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.tapercds.hooks.cards.CardAssembler;
import org.tapercds.rules.ActiveRuleBase;

/** Wiring of the evaluation: rule base, card assembly, clock. */
@Configuration(proxyBeanMethods = false)
class EvaluationConfiguration {

    @Bean
    CardAssembler cardAssembler(FhirContext fhirContext, @Value("${taper.public-base-url}") String publicBaseUrl) {
        return new CardAssembler(fhirContext, publicBaseUrl);
    }

    @Bean
    TaperHookEvaluator taperHookEvaluator(ActiveRuleBase ruleBases, CardAssembler cardAssembler, Clock clock) {
        return new TaperHookEvaluator(ruleBases, cardAssembler, clock);
    }
}
