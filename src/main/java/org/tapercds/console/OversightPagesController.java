package org.tapercds.console;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RequestParam;
import org.tapercds.alerts.AlertQueries;
import org.tapercds.alerts.OverrideAnalytics;
import org.tapercds.security.ConsoleLoginOptions;
import tools.jackson.databind.json.JsonMapper;

/**
 * The informaticists' dashboard (alert-fatigue analytics), the admins' audit trail and the login
 * page.
 */
@Controller
class OversightPagesController {

    private final AlertQueries queries;
    private final ReviewSettings settings;
    private final Clock clock;
    private final JsonMapper json;
    private final ConsoleLoginOptions loginOptions;

    OversightPagesController(
            AlertQueries queries,
            ReviewSettings settings,
            Clock clock,
            JsonMapper json,
            ConsoleLoginOptions loginOptions) {
        this.queries = queries;
        this.settings = settings;
        this.clock = clock;
        this.json = json;
        this.loginOptions = loginOptions;
    }

    @ModelAttribute("fmt")
    ConsoleFormat format() {
        return new ConsoleFormat(settings.timeZone());
    }

    @GetMapping("/login")
    String login(Model model) {
        model.addAttribute("options", loginOptions);
        model.addAttribute("oidcPath", ConsoleLoginOptions.OIDC_LOGIN_PATH);
        return "login";
    }

    @GetMapping("/review/dashboard")
    String dashboard(
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            Model model) {
        OverrideAnalytics analytics = OversightApiController.analytics(queries, settings, clock, from, to);
        model.addAttribute("analytics", analytics);
        model.addAttribute("chart", json.writeValueAsString(weeklyChart(analytics)));
        return "dashboard";
    }

    @GetMapping("/review/audit")
    String audit(
            @RequestParam(required = false) String kind, @RequestParam(required = false) Integer page, Model model) {
        QueueQuery paging = new QueueQuery(null, null, null, null, null, null, page, null);
        model.addAttribute("events", queries.audit(kind, paging.pageOrFirst(), settings.pageSize()));
        model.addAttribute("kind", kind == null ? "" : kind);
        model.addAttribute("kinds", List.of("evaluation", "feedback", "review-action"));
        return "audit";
    }

    /**
     * The weekly chart's data: the weeks, and per category its shown alerts and override rate (in
     * percent, null in a week without alerts) per week.
     */
    static Map<String, Object> weeklyChart(OverrideAnalytics analytics) {
        TreeSet<LocalDate> weekSet = new TreeSet<>();
        analytics.weeklyPerCategory().forEach(w -> weekSet.add(w.week()));
        List<LocalDate> weeks = new ArrayList<>(weekSet);
        Map<String, Object[]> alerts = new LinkedHashMap<>();
        Map<String, Object[]> rates = new LinkedHashMap<>();
        for (OverrideAnalytics.WeeklyRate w : analytics.weeklyPerCategory()) {
            int index = weeks.indexOf(w.week());
            alerts.computeIfAbsent(w.key(), k -> new Object[weeks.size()])[index] = w.alerts();
            rates.computeIfAbsent(w.key(), k -> new Object[weeks.size()])[index] =
                    w.alerts() == 0 ? null : Math.round(w.rate() * 1000.0) / 10.0;
        }
        List<Map<String, Object>> categories = new ArrayList<>();
        alerts.forEach((category, counts) -> {
            Map<String, Object> series = new LinkedHashMap<>();
            series.put("name", category);
            series.put("alerts", counts);
            series.put("rate", rates.get(category));
            categories.add(series);
        });
        Map<String, Object> chart = new LinkedHashMap<>();
        chart.put("weeks", weeks.stream().map(LocalDate::toString).toList());
        chart.put("categories", categories);
        return chart;
    }
}
