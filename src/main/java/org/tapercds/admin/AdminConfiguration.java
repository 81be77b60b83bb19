package org.tapercds.admin;

import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.tapercds.rules.ActiveRuleBase;
import org.tapercds.rules.RulesProperties;

/** Wiring of the rule administration: the file watch that reloads the rule base. */
@Configuration(proxyBeanMethods = false)
class AdminConfiguration {

    @Bean
    @ConditionalOnProperty(name = "taper.rules.watch.enabled", havingValue = "true", matchIfMissing = true)
    RuleFileWatcher ruleFileWatcher(RulesProperties rules, RuleWatchProperties watch, ActiveRuleBase ruleBases) {
        return new RuleFileWatcher(
                List.of(rules.rulesDir(), rules.profilesDir()), watch.debounce(), () -> ruleBases.reload("watch"));
    }
}
