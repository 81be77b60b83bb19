package org.tapercds.hooks;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.tapercds.fhir.HookRequest;
import org.tapercds.fhir.HookRequestReader;
import org.tapercds.hooks.cards.CardsResponse;
import org.tapercds.system.ApiException;
import org.tapercds.system.ErrorCode;

/** CDS Hooks discovery and service calls. Errors are rendered by the system error handler. */
@RestController
@RequestMapping("/cds-services")
class CdsServicesController {

    static final String JSON_TYPES = "application/*+json";

    private final CdsServiceCatalog catalog;
    private final JsonBodyParser bodyParser;
    private final HookRequestReader requestReader;
    private final HookEvaluator evaluator;

    CdsServicesController(
            CdsServiceCatalog catalog,
            JsonBodyParser bodyParser,
            HookRequestReader requestReader,
            HookEvaluator evaluator) {
        this.catalog = catalog;
        this.bodyParser = bodyParser;
        this.requestReader = requestReader;
        this.evaluator = evaluator;
    }

    @GetMapping
    ResponseEntity<CdsService.Discovery> discovery() {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(catalog.discovery());
    }

    @PostMapping(
            path = "/{serviceId}",
            consumes = {MediaType.APPLICATION_JSON_VALUE, JSON_TYPES})
    ResponseEntity<CardsResponse> call(@PathVariable String serviceId, HttpServletRequest http) {
        CdsServiceCatalog.Definition service = find(catalog, serviceId);
        HookRequest request = requestReader.read(service.id(), service.hook(), bodyParser.parse(http));
        CallLogFilter.recordHookInstance(http, request.hookInstance());
        CardsResponse cards = evaluator.evaluate(request);
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(cards);
    }

    static CdsServiceCatalog.Definition find(CdsServiceCatalog catalog, String serviceId) {
        return catalog.find(serviceId)
                .orElseThrow(() -> new ApiException(
                        ErrorCode.UNKNOWN_SERVICE, "No such CDS service; see GET /cds-services", null));
    }
}
