package org.tapercds.admin;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.tapercds.system.ApiException;

/**
 * {@code POST /admin/rules/preview}: what the rule base on disk would change in the cards of the
 * scenario library if it were reloaded (SPEC §7). The intended workflow, with the file watch off
 * ({@code taper.rules.watch.enabled=false}): edit {@code rules/}, preview, then reload ({@code POST
 * /admin/rules/reload}). Nothing is written: accepting changed expectations is the command line's
 * {@code preview --accept}. For informaticists and admins (the {@code /admin/**} security rule).
 */
@RestController
@Tag(
        name = "Rule administration",
        description = "The rule base in service and its changes (INFORMATICIST or ADMIN); HTTP Basic with a"
                + " console user")
class RulePreviewController {

    /** Ten years: requests are kept for far less (taper.alerts.keep-requests); more is a typo. */
    static final int MAX_RECENT_DAYS = 3660;

    private final RulePreviews previews;

    RulePreviewController(RulePreviews previews) {
        this.previews = previews;
    }

    @Operation(
            summary = "Impact preview: the scenario library on the rule base on disk against the one in service",
            description = "Loads and checks the rules and profiles directories as a reload would (not their"
                    + " scenarios), replays every scenario file with its pinned now on both rule bases and reports"
                    + " the cards that appear, disappear or change indicator, first suggestion or plan: per"
                    + " category, per rule and per changed scenario, with totals; unchanged scenarios are counted."
                    + " Scenarios whose expectations fail on the candidate and coverage gaps are listed. Nothing"
                    + " is reloaded or written. Takes seconds (it compiles the candidate); one at a time.")
    @ApiResponse(
            responseCode = "200",
            description = "The report (also when nothing changes)",
            content = @Content(schema = @Schema(implementation = ImpactReport.class)))
    @ApiResponse(
            responseCode = "422",
            description = "The candidate is refused: it does not load or fails a check; each problem names its"
                    + " file and line",
            content = @Content(schema = @Schema(implementation = RulePreviews.Refused.class)))
    @ApiResponse(responseCode = "503", description = "Another preview is running (code overloaded)")
    @PostMapping(path = "/admin/rules/preview", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> preview(
            @Parameter(
                            description = "Also replay the live requests kept in the last this many days"
                                    + " (taper.alerts.keep-requests must be set; the newest " + RecentRequests.LIMIT
                                    + " at most); 0: only the"
                                    + " scenario library")
                    @RequestParam(defaultValue = "0")
                    int recentDays) {
        if (recentDays < 0 || recentDays > MAX_RECENT_DAYS) {
            throw ApiException.invalid("recentDays", "must be between 0 and " + MAX_RECENT_DAYS);
        }
        RulePreviews.Outcome outcome = previews.preview(recentDays);
        if (outcome instanceof RulePreviews.Previewed previewed) {
            return ResponseEntity.ok(previewed.report());
        }
        return ResponseEntity.status(HttpStatus.UNPROCESSABLE_CONTENT).body(outcome);
    }
}
