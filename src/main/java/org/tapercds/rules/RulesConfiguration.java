package org.tapercds.rules;

import ca.uhn.fhir.context.FhirContext;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wiring of the rule base. */
@Configuration(proxyBeanMethods = false)
class RulesConfiguration {

    @Bean
    RuleBaseLoader ruleBaseLoader(Clock clock, FhirContext fhirContext, RulesProperties properties) {
        return new RuleBaseLoader(
                clock,
                fhirContext,
                properties.validation().mode(),
                CompiledRuleCache.in(properties.rules().cacheDir()));
    }
}
