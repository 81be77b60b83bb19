package org.tapercds.admin;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.tapercds.rules.ActiveRuleBase;
import org.tapercds.rules.RuleBase;
import org.tapercds.rules.RuleInfo;
import org.tapercds.rules.RuleReload;
import org.tapercds.rules.ScenarioCount;

/**
 * The rule base in service and its reload, for informaticists (roles INFORMATICIST or ADMIN; HTTP
 * Basic with a console user, or the console's login session): what is loaded, from which files,
 * with which scenarios, and how the last attempt to load a change ended.
 */
@RestController
@Tag(
        name = "Rule administration",
        description =
                "The rule base in service and its reload (INFORMATICIST or ADMIN); HTTP Basic with a" + " console user")
class RuleAdminController {

    private final ActiveRuleBase ruleBases;

    RuleAdminController(ActiveRuleBase ruleBases) {
        this.ruleBases = ruleBases;
    }

    /**
     * @param version content hash of the files the rule base was built from
     * @param scenarios scenario files per rule folder ({@code fires-*}, {@code silent-*})
     * @param lastReload the last attempt to put a rule base in service (the start-up load at first)
     */
    record RuleBaseView(
            String version,
            Instant loadedAt,
            List<RuleView> rules,
            List<ScenarioCount> scenarios,
            ReloadView lastReload) {}

    /** A rule's metadata as its DRL declares it; {@code category} is null for a rule that only concludes. */
    record RuleView(
            String id, String version, String category, String citation, String link, String name, String file) {}

    /**
     * @param result {@code loaded}, {@code unchanged} or {@code refused}
     * @param trigger {@code start-up}, {@code watch} or {@code endpoint}
     * @param candidate version of the files read (null when they could not be read)
     * @param inService version serving after the attempt
     * @param problems why it was refused, each naming its file (and line)
     */
    record ReloadView(
            String result,
            String trigger,
            Instant attemptedAt,
            long millis,
            String candidate,
            String inService,
            List<String> problems) {

        static ReloadView of(RuleReload reload) {
            return new ReloadView(
                    reload.result().name().toLowerCase(Locale.ROOT),
                    reload.trigger(),
                    reload.attemptedAt(),
                    reload.millis(),
                    reload.candidate(),
                    reload.inService(),
                    reload.problems());
        }
    }

    @Operation(
            summary = "The rule base in service",
            description = "Its version (content hash of rules/ and fhir-profiles/), load time, each rule's"
                    + " metadata, the scenario files of each rule folder, and the last load or reload attempt"
                    + " with its problems.")
    @ApiResponse(responseCode = "200", description = "The rule base in service")
    @ApiResponse(responseCode = "401", description = "Not logged in (code login-required)")
    @ApiResponse(responseCode = "403", description = "Neither INFORMATICIST nor ADMIN (code forbidden)")
    @GetMapping(path = "/admin/rules", produces = MediaType.APPLICATION_JSON_VALUE)
    RuleBaseView rules() {
        ActiveRuleBase.InService inService = ruleBases.inService();
        RuleBase ruleBase = inService.ruleBase();
        List<RuleView> rules = ruleBase.rules().stream()
                .sorted(Comparator.comparing(RuleInfo::id))
                .map(r -> new RuleView(r.id(), r.version(), r.category(), r.citation(), r.link(), r.name(), r.file()))
                .toList();
        return new RuleBaseView(
                ruleBase.version(),
                ruleBase.loadedAt(),
                rules,
                inService.scenarios(),
                ReloadView.of(ruleBases.lastReload()));
    }

    @Operation(
            summary = "Reload rules/ and fhir-profiles/ now",
            description = "Builds the rule base from the files, runs every check on it (compile, metadata, value"
                    + " sets, knowledge, card templates, prefetch templates, every scenario) and puts it in service"
                    + " only when all pass; otherwise the rule base in service stays. Answers when done (seconds:"
                    + " the scenarios run). One reload at a time: a call during another waits for it. Files that"
                    + " are those of the rule base in service are not built again (result unchanged).")
    @ApiResponse(responseCode = "200", description = "Loaded (result loaded) or nothing to load (result unchanged)")
    @ApiResponse(
            responseCode = "422",
            description = "Refused (result refused): the problems name file and line; the rule base in service"
                    + " is unchanged")
    @ApiResponse(responseCode = "401", description = "Not logged in (code login-required)")
    @ApiResponse(responseCode = "403", description = "Neither INFORMATICIST nor ADMIN (code forbidden)")
    @PostMapping(path = "/admin/rules/reload", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<ReloadView> reload() {
        RuleReload reload = ruleBases.reload("endpoint");
        return ResponseEntity.status(reload.refused() ? HttpStatus.UNPROCESSABLE_CONTENT : HttpStatus.OK)
                .body(ReloadView.of(reload));
    }
}
