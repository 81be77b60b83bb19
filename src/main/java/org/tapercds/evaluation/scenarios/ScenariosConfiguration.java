package org.tapercds.evaluation.scenarios;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.tapercds.evaluation.EvaluationPipeline;
import org.tapercds.rules.RulesProperties;
import tools.jackson.databind.ObjectMapper;

/** Wiring of the scenario check: the rule base in service must pass every scenario under rules/. */
@Configuration(proxyBeanMethods = false)
class ScenariosConfiguration {

    @Bean
    ScenarioFiles scenarioFiles(ObjectMapper json) {
        return new ScenarioFiles(json);
    }

    /** Runs after the card-template check: a scenario renders cards. */
    @Bean
    @Order(2)
    ScenarioRunner scenarioRunner(
            ScenarioFiles files, EvaluationPipeline pipeline, ObjectMapper json, RulesProperties properties) {
        return new ScenarioRunner(files, pipeline, json, properties.rulesDir());
    }
}
