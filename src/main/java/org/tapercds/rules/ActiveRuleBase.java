package org.tapercds.rules;

import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The rule base in service. Loaded and checked at start-up (a broken rule base stops the start);
 * each request takes one snapshot, so a reload can swap in a new one atomically.
 */
@Component
public class ActiveRuleBase {

    private static final Logger log = LoggerFactory.getLogger(ActiveRuleBase.class);

    private final AtomicReference<RuleBase> current;

    public ActiveRuleBase(RuleBaseLoader loader, RulesProperties properties) {
        RuleBase loaded = loader.load(properties.rulesDir(), properties.profilesDir());
        log.info(
                "rule base {} loaded from {} and {}: {} rules",
                loaded.version(),
                properties.rulesDir(),
                properties.profilesDir(),
                loaded.catalogue().size());
        this.current = new AtomicReference<>(loaded);
    }

    public RuleBase current() {
        return current.get();
    }
}
