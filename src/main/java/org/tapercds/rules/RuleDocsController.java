package org.tapercds.rules;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Comparator;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.util.HtmlUtils;

/**
 * Public documentation pages of the rules in service: a card's {@code source.url} points here, so a
 * clinician can read the rule's When/Then header, version and source. Contains no patient data.
 */
@RestController
@Tag(name = "Rules", description = "Documentation pages of the rules in service (HTML, no patient data)")
class RuleDocsController {

    private final ActiveRuleBase ruleBases;

    RuleDocsController(ActiveRuleBase ruleBases) {
        this.ruleBases = ruleBases;
    }

    @Operation(
            summary = "Index of the rules in service",
            description = "The rule base version (content hash) and a link to each rule's page.")
    @GetMapping(value = "/rules", produces = MediaType.TEXT_HTML_VALUE)
    String index() {
        RuleBase ruleBase = ruleBases.current();
        StringBuilder html = page("taper-cds rules")
                .append("<h1>taper-cds rules</h1><p>Rule base version <code>")
                .append(ruleBase.version())
                .append("</code></p><ul>");
        ruleBase.rules().stream().sorted(Comparator.comparing(RuleInfo::id)).forEach(rule -> html.append(
                        "<li><a href=\"rules/")
                .append(escape(rule.id()))
                .append("\">")
                .append(escape(rule.id()))
                .append("</a>: ")
                .append(escape(rule.name()))
                .append("</li>"));
        return html.append("</ul></body></html>").toString();
    }

    @Operation(
            summary = "One rule's page",
            description = "Name, id, version, advisory category, source, DRL file and the When/Then header"
                    + " clinicians review; the target of a card's source.url and rule link.")
    @ApiResponse(responseCode = "200", description = "The rule's page")
    @ApiResponse(responseCode = "404", description = "No rule with this id in the rule base in service")
    @GetMapping(value = "/rules/{id}", produces = MediaType.TEXT_HTML_VALUE)
    String rule(@Parameter(description = "The rule's @id, e.g. taper-rate-exceeded") @PathVariable String id) {
        RuleInfo rule = ruleBases.current().rules().stream()
                .filter(r -> r.id().equals(id))
                .findFirst()
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no rule with this id"));
        StringBuilder html = page(rule.id())
                .append("<h1>")
                .append(escape(rule.name()))
                .append("</h1><dl><dt>Id</dt><dd><code>")
                .append(escape(rule.id()))
                .append("</code></dd><dt>Version</dt><dd>")
                .append(escape(rule.version()))
                .append("</dd><dt>Advisory category</dt><dd>")
                .append(escape(rule.category()))
                .append("</dd><dt>Source</dt><dd>")
                .append(escape(rule.citation()));
        if (rule.link() != null) {
            html.append(" (<a href=\"")
                    .append(escape(rule.link()))
                    .append("\">")
                    .append(escape(rule.link()))
                    .append("</a>)");
        }
        return html.append("</dd><dt>File</dt><dd><code>rules/")
                .append(escape(rule.file()))
                .append("</code></dd></dl><pre>")
                .append(escape(rule.header()))
                .append("</pre></body></html>")
                .toString();
    }

    private static StringBuilder page(String title) {
        return new StringBuilder("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
                .append(escape(title))
                .append("</title></head><body>");
    }

    private static String escape(String text) {
        return text == null ? "" : HtmlUtils.htmlEscape(text);
    }
}
