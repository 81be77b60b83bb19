package org.tapercds.hooks;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.tapercds.evaluation.Evaluation;
import org.tapercds.evaluation.Evaluator;
import org.tapercds.security.EhrCaller;
import org.tapercds.system.ApiException;
import org.tapercds.system.ErrorCode;
import org.tapercds.system.RequestBodyReader;
import tools.jackson.databind.ObjectMapper;

/** CDS Hooks discovery and service calls. Errors are rendered by the system error handler. */
@RestController
@RequestMapping("/cds-services")
class CdsServicesController {

    static final String JSON_TYPES = "application/*+json";
    /** The one caller when EHR authentication is off (no issuer is empty). */
    static final String UNAUTHENTICATED = "";

    private final CdsServiceCatalog catalog;
    private final RequestBodyReader bodyReader;
    private final JsonBodyParser bodyParser;
    private final Evaluator evaluator;
    private final HookMetrics metrics;
    private final EvaluationGate gate;
    private final ObjectMapper json;

    CdsServicesController(
            CdsServiceCatalog catalog,
            RequestBodyReader bodyReader,
            JsonBodyParser bodyParser,
            Evaluator evaluator,
            HookMetrics metrics,
            EvaluationGate gate,
            ObjectMapper json) {
        this.catalog = catalog;
        this.bodyReader = bodyReader;
        this.bodyParser = bodyParser;
        this.evaluator = evaluator;
        this.metrics = metrics;
        this.gate = gate;
        this.json = json;
    }

    @GetMapping
    ResponseEntity<CdsService.Discovery> discovery() {
        EhrCaller.confirmFirstUse();
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(catalog.discovery());
    }

    @PostMapping(
            path = "/{serviceId}",
            consumes = {MediaType.APPLICATION_JSON_VALUE, JSON_TYPES})
    ResponseEntity<byte[]> call(@PathVariable String serviceId, HttpServletRequest http) {
        // An unknown id is refused before timing, so a metric's service tag is always a catalogue id.
        CdsServiceCatalog.Definition service = find(catalog, serviceId);
        long start = System.nanoTime();
        String outcome = HookMetrics.SUCCESS;
        try {
            // Reading the body is I/O and stays outside the slot; the rest is CPU only.
            Evaluation evaluation = gate.run(
                    callerKey(EhrCaller.current()),
                    http.getContentLengthLong(),
                    () -> bodyReader.read(http),
                    body -> evaluator.evaluate(
                            service.service(),
                            bodyParser.parse(body),
                            request -> CallLogFilter.recordHookInstance(http, request.hookInstance()),
                            // The token's replay check ran beside the request's reading and evaluation
                            // (ADR 0015): a replay is refused here, before anything is stored or answered.
                            EhrCaller::confirmFirstUse));
            // Serialised here so the answer's length is known: it goes out with a Content-Length in
            // one write. Left to the Jackson message converter it streamed out chunked, the last
            // chunk a second write.
            byte[] answer = json.writeValueAsBytes(evaluation.response());
            metrics.recordCards(evaluation.cards());
            return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(answer);
        } catch (RuntimeException e) {
            outcome = HookMetrics.outcome(e);
            throw e;
        } finally {
            metrics.recordCall(service.id(), outcome, System.nanoTime() - start);
        }
    }

    /**
     * Whose share of the evaluation slots a call takes (ADR 0013): the verified EHR, its issuer and,
     * when the token names one, its tenant. With EHR authentication off (loopback only) there is no
     * caller, and every call is the same one: the gate is then first come first served.
     */
    static String callerKey(Optional<EhrCaller> caller) {
        return caller.map(c -> c.tenant().map(t -> c.issuer() + " " + t).orElse(c.issuer()))
                .orElse(UNAUTHENTICATED);
    }

    static CdsServiceCatalog.Definition find(CdsServiceCatalog catalog, String serviceId) {
        return catalog.find(serviceId)
                .orElseThrow(() -> new ApiException(
                        ErrorCode.UNKNOWN_SERVICE, "No such CDS service; see GET /cds-services", null));
    }
}
