package org.tapercds.console;

import java.util.Optional;
import org.springframework.stereotype.Component;
import org.tapercds.alerts.AlertQueries;
import org.tapercds.alerts.StoredAlert;
import org.tapercds.rules.ActiveRuleBase;
import org.tapercds.rules.RuleInfo;

/** Puts an alert together with its rule, feedback and actions, for the page and the API alike. */
@Component
class AlertViews {

    private final AlertQueries queries;
    private final ActiveRuleBase ruleBases;

    AlertViews(AlertQueries queries, ActiveRuleBase ruleBases) {
        this.queries = queries;
        this.ruleBases = ruleBases;
    }

    Optional<AlertDetail> detail(String id) {
        return queries.alert(id)
                .map(alert -> new AlertDetail(alert, rule(alert), queries.feedbackFor(id), queries.actionsFor(id)));
    }

    AlertDetail.RuleSummary rule(StoredAlert alert) {
        return ruleBases.current().rules().stream()
                .filter(r -> r.id().equals(alert.ruleId()))
                .findFirst()
                .map(r -> summary(r, alert.ruleVersion()))
                .orElse(null);
    }

    /** Only http(s) links become links on the page (a rule file is not a place for script URLs). */
    static String webLink(String link) {
        return link != null && (link.startsWith("https://") || link.startsWith("http://")) ? link : null;
    }

    private static AlertDetail.RuleSummary summary(RuleInfo rule, String alertVersion) {
        return new AlertDetail.RuleSummary(
                rule.id(),
                rule.name(),
                rule.version(),
                "/rules/" + rule.id(),
                webLink(rule.link()),
                rule.citation(),
                rule.version().equals(alertVersion));
    }
}
