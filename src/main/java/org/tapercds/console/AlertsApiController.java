package org.tapercds.console;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.security.Principal;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.tapercds.alerts.AlertPage;
import org.tapercds.alerts.AlertQueries;
import org.tapercds.alerts.StoredAction;
import org.tapercds.alerts.StoredAlert;

/**
 * The pharmacists' alerts as JSON, for scripts and the pages alike (docs/console.md). Roles:
 * PHARMACIST or ADMIN. Errors are problem details with stable codes.
 */
@RestController
@RequestMapping(path = "/api/alerts", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(
        name = "Alerts",
        description = "Stored alerts (one per card), their feedback and review actions; HTTP Basic with a console"
                + " user (PHARMACIST or ADMIN)")
class AlertsApiController {

    private final AlertQueries queries;
    private final AlertViews views;
    private final ReviewActionRequests actions;
    private final ReviewSettings settings;

    AlertsApiController(AlertQueries queries, AlertViews views, ReviewActionRequests actions, ReviewSettings settings) {
        this.queries = queries;
        this.views = views;
        this.actions = actions;
        this.settings = settings;
    }

    /** One alert in a list: everything but the evidence (read it with {@code GET /api/alerts/{id}}). */
    record AlertItem(
            String id,
            Instant createdAt,
            String status,
            String indicator,
            String category,
            String ruleId,
            String ruleVersion,
            String summary,
            String patientId,
            String encounterId,
            String draftOrderId,
            String serviceId,
            String hookInstance,
            boolean shown) {

        static AlertItem of(StoredAlert a) {
            return new AlertItem(
                    a.id(),
                    a.createdAt(),
                    a.status(),
                    a.indicator(),
                    a.category(),
                    a.ruleId(),
                    a.ruleVersion(),
                    a.summary(),
                    a.patientId(),
                    a.encounterId(),
                    a.draftOrderId(),
                    a.serviceId(),
                    a.hookInstance(),
                    a.shown());
        }
    }

    record AlertList(List<AlertItem> items, int page, int size, long total, int totalPages) {}

    /** @param action acknowledge, escalate or resolve */
    record ActionRequest(String action, String note) {}

    record ActionResult(StoredAction action, String status) {}

    @Operation(
            summary = "Alerts, newest first",
            description = "Filters: status (open, acknowledged, escalated, resolved), indicator (info, warning,"
                    + " critical), category, patient (id), from and to (ISO days, both included, in the console's"
                    + " zone); page from 0, size 1 to 200.")
    @ApiResponse(responseCode = "200", description = "One page of alerts")
    @ApiResponse(responseCode = "400", description = "A filter or paging value no alert can match (code invalid-field)")
    @GetMapping
    AlertList list(@ModelAttribute QueueQuery query) {
        AlertPage<StoredAlert> page = queries.alerts(
                query.filter(settings.timeZone()), query.pageOrFirst(), query.sizeOr(settings.pageSize()));
        return new AlertList(
                page.items().stream().map(AlertItem::of).toList(),
                page.page(),
                page.size(),
                page.total(),
                page.totalPages());
    }

    @Operation(summary = "One alert with its evidence, rule, the EHR's feedback and the review actions")
    @ApiResponse(responseCode = "200", description = "The alert")
    @ApiResponse(responseCode = "404", description = "No alert with this id (code not-found)")
    @GetMapping("/{id}")
    AlertDetail one(@Parameter(description = "The alert's id (the card's uuid)") @PathVariable String id) {
        return views.detail(id).orElseThrow(ReviewActionRequests::unknownAlert);
    }

    @Operation(
            summary = "Acknowledge, escalate or resolve an alert with a note",
            description = "Sets the alert's status and records the action in the audit trail (ids and outcome,"
                    + " not the note).")
    @ApiResponse(responseCode = "201", description = "The action recorded and the alert's new status")
    @ApiResponse(responseCode = "400", description = "Not one of the actions, or a note over 2000 characters")
    @ApiResponse(responseCode = "404", description = "No alert with this id (code not-found)")
    @PostMapping(path = "/{id}/actions", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    ActionResult act(@PathVariable String id, @RequestBody ActionRequest request, Principal user) {
        StoredAction action = actions.record(id, request.action(), request.note(), user.getName());
        return new ActionResult(action, ReviewActionRequests.statusAfter(action));
    }
}
