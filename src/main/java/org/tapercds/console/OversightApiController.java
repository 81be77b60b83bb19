package org.tapercds.console;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.tapercds.alerts.AlertPage;
import org.tapercds.alerts.AlertQueries;
import org.tapercds.alerts.OverrideAnalytics;
import org.tapercds.alerts.StoredAuditEvent;
import org.tapercds.system.ApiException;

/**
 * Alert-fatigue analytics (INFORMATICIST or ADMIN) and the audit trail (ADMIN) as JSON.
 */
@RestController
@Tag(
        name = "Oversight",
        description = "Override analytics (INFORMATICIST or ADMIN) and the audit trail (ADMIN); HTTP Basic with a"
                + " console user")
class OversightApiController {

    private final AlertQueries queries;
    private final ReviewSettings settings;
    private final Clock clock;

    OversightApiController(AlertQueries queries, ReviewSettings settings, Clock clock) {
        this.queries = queries;
        this.settings = settings;
        this.clock = clock;
    }

    @Operation(
            summary = "Alerts and overrides per rule and per category, in total and per week; the commonest"
                    + " override reasons",
            description = "from and to are ISO days in the console's zone, both included; by default the last"
                    + " taper.console.analytics-weeks weeks. rate = overridden / alerts shown; withheld counts the"
                    + " cards a snooze kept from the EHR.")
    @ApiResponse(responseCode = "200", description = "The analytics")
    @ApiResponse(responseCode = "400", description = "to before from (code invalid-field)")
    @GetMapping(path = "/api/analytics/overrides", produces = MediaType.APPLICATION_JSON_VALUE)
    OverrideAnalytics overrides(
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
        return analytics(queries, settings, clock, from, to);
    }

    @Operation(summary = "The audit trail, newest first: evaluations, feedback and review actions (ids and outcomes)")
    @ApiResponse(responseCode = "200", description = "One page of audit events")
    @GetMapping(path = "/api/audit", produces = MediaType.APPLICATION_JSON_VALUE)
    AlertPage<StoredAuditEvent> audit(
            @RequestParam(required = false) String kind,
            @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size) {
        QueueQuery paging = new QueueQuery(null, null, null, null, null, null, page, size);
        return queries.audit(kind, paging.pageOrFirst(), paging.sizeOr(settings.pageSize()));
    }

    static OverrideAnalytics analytics(
            AlertQueries queries, ReviewSettings settings, Clock clock, LocalDate from, LocalDate to) {
        LocalDate today = LocalDate.now(clock.withZone(settings.timeZone()));
        LocalDate last = to == null ? today : to;
        LocalDate first =
                from == null ? last.minusWeeks(settings.analyticsWeeks()).plusDays(1) : from;
        if (last.isBefore(first)) {
            throw ApiException.invalid("to", "must not be before from");
        }
        Instant start = first.atStartOfDay(settings.timeZone()).toInstant();
        Instant end = last.plusDays(1).atStartOfDay(settings.timeZone()).toInstant();
        return queries.overrides(start, end, settings.timeZone());
    }
}
