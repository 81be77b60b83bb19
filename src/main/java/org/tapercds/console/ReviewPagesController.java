package org.tapercds.console;

import jakarta.servlet.http.HttpServletResponse;
import java.security.Principal;
import java.time.LocalDate;
import java.util.List;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.tapercds.alerts.AlertPage;
import org.tapercds.alerts.AlertQueries;
import org.tapercds.alerts.StoredAlert;
import org.tapercds.security.ConsoleRole;
import org.tapercds.system.ApiException;
import org.tapercds.system.ErrorCode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The pharmacists' pages: the queue (filtered in place by htmx, which asks for the results
 * fragment only), an alert with its chart and actions, and a patient's taper page.
 */
@Controller
class ReviewPagesController {

    /** How many of a patient's alerts the patient page lists. */
    static final int PATIENT_ALERTS = 200;

    private final AlertQueries queries;
    private final AlertViews views;
    private final ReviewActionRequests actions;
    private final ReviewSettings settings;
    private final ConsoleRules rules;
    private final JsonMapper json;

    ReviewPagesController(
            AlertQueries queries,
            AlertViews views,
            ReviewActionRequests actions,
            ReviewSettings settings,
            ConsoleRules rules,
            JsonMapper json) {
        this.queries = queries;
        this.views = views;
        this.actions = actions;
        this.settings = settings;
        this.rules = rules;
        this.json = json;
    }

    @ModelAttribute("fmt")
    ConsoleFormat format() {
        return new ConsoleFormat(settings.timeZone());
    }

    @GetMapping("/")
    String root() {
        return "redirect:/review/start";
    }

    /** Where a login lands: the queue for reviewers, the dashboard for informaticists. */
    @GetMapping("/review/start")
    String start(Authentication user) {
        if (has(user, ConsoleRole.PHARMACIST) || has(user, ConsoleRole.ADMIN)) {
            return "redirect:/review";
        }
        return has(user, ConsoleRole.INFORMATICIST) ? "redirect:/review/dashboard" : "redirect:/review/forbidden";
    }

    @GetMapping("/review/forbidden")
    String forbidden(HttpServletResponse response) {
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        return "forbidden";
    }

    @GetMapping("/review")
    String queue(
            @ModelAttribute("query") QueueQuery query,
            @RequestHeader(name = "HX-Request", required = false) String htmx,
            Model model) {
        AlertPage<StoredAlert> page = queries.alerts(
                query.filter(settings.timeZone()), query.pageOrFirst(), query.sizeOr(settings.pageSize()));
        model.addAttribute("alerts", page);
        model.addAttribute("statuses", QueueQuery.STATUSES);
        model.addAttribute("indicators", QueueQuery.INDICATORS);
        model.addAttribute("categories", rules.categories());
        return htmx != null ? "queue :: results" : "queue";
    }

    @GetMapping("/review/alerts/{id}")
    String alert(@PathVariable String id, Model model) {
        AlertDetail detail = views.detail(id).orElseThrow(ReviewActionRequests::unknownAlert);
        model.addAttribute("detail", detail);
        model.addAttribute("a", detail.alert());
        model.addAttribute("chart", chartJson(detail.alert()));
        model.addAttribute("maxNote", org.tapercds.alerts.ReviewActions.MAX_NOTE_LENGTH);
        return "alert";
    }

    @PostMapping("/review/alerts/{id}/actions")
    String act(
            @PathVariable String id,
            @RequestParam String action,
            @RequestParam(required = false) String note,
            Principal user,
            RedirectAttributes redirect) {
        try {
            actions.record(id, action, note, user.getName());
            redirect.addFlashAttribute("done", action);
        } catch (ApiException e) {
            if (e.code() == ErrorCode.NOT_FOUND) {
                throw e;
            }
            redirect.addFlashAttribute("problem", e.getMessage());
        }
        redirect.addAttribute("id", id);
        return "redirect:/review/alerts/{id}";
    }

    @GetMapping("/review/patients/{patientId}")
    String patient(@PathVariable String patientId, Model model) {
        List<StoredAlert> alerts = queries.alertsOfPatient(patientId, PATIENT_ALERTS);
        model.addAttribute("patientId", patientId);
        model.addAttribute("alerts", alerts);
        model.addAttribute("feedback", queries.feedbackForPatient(patientId));
        StoredAlert newest =
                alerts.stream().filter(a -> a.evidence() != null).findFirst().orElse(null);
        model.addAttribute("chartAlert", newest);
        model.addAttribute("chart", newest == null ? null : chartJson(newest));
        return "patient";
    }

    private String chartJson(StoredAlert alert) {
        if (alert.evidence() == null) {
            return null;
        }
        LocalDate day = alert.createdAt().atZone(settings.timeZone()).toLocalDate();
        return json.writeValueAsString(ChartData.of(alert.evidence(), day));
    }

    private static boolean has(Authentication user, ConsoleRole role) {
        return user.getAuthorities().stream().anyMatch(a -> a.getAuthority().equals(role.authority()));
    }
}
