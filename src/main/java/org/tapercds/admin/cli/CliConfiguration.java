package org.tapercds.admin.cli;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.tapercds.evaluation.Evaluator;
import org.tapercds.rules.ActiveRuleBase;

/**
 * The Spring context of a command-line run: the rule-base loader, its checks and the evaluation
 * pipeline, as the service wires them, and nothing that serves: no web server, no database or
 * Flyway, no security, no rule base in service. Of {@code ./data} a run uses only the compiled-rule
 * cache ({@code taper.rules.cache-dir}): rules compiled by one run are reused by the next and by the
 * service. Only Jackson's auto-configuration is imported (the service's JSON), instead of excluding
 * a list.
 *
 * <p>Deliberately not a {@code @Configuration}: the service's component scan covers this package
 * and must not pick it up.
 */
@ImportAutoConfiguration(JacksonAutoConfiguration.class)
@ComponentScan(
        basePackages = {"org.tapercds.system", "org.tapercds.fhir", "org.tapercds.rules", "org.tapercds.evaluation"},
        useDefaultFilters = true,
        excludeFilters = {
            // As @SpringBootApplication does: leaves out what tests register (their own configurations).
            @ComponentScan.Filter(type = FilterType.CUSTOM, classes = TypeExcludeFilter.class),
            @ComponentScan.Filter(
                    type = FilterType.ANNOTATION,
                    classes = {Controller.class, ControllerAdvice.class}),
            @ComponentScan.Filter(
                    type = FilterType.ASSIGNABLE_TYPE,
                    classes = {ActiveRuleBase.class, Evaluator.class}),
            @ComponentScan.Filter(
                    type = FilterType.REGEX,
                    pattern = {"org\\.tapercds\\.rules\\.RuleBaseHealthIndicator", "org\\.tapercds\\.system\\.OpenApi.*"
                    })
        })
@ConfigurationPropertiesScan(basePackages = {"org.tapercds.system", "org.tapercds.fhir", "org.tapercds.rules"})
class CliConfiguration {

    /** The prefetch fallback counts its fetches; a command run has no one to read them. */
    @Bean
    MeterRegistry meterRegistry() {
        return new SimpleMeterRegistry();
    }
}
