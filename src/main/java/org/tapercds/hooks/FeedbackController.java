package org.tapercds.hooks;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.tapercds.alerts.Feedback;
import org.tapercds.alerts.FeedbackService;
import org.tapercds.security.EhrCaller;

/**
 * CDS Hooks 2.0 feedback: validated, handed to the {@link FeedbackService} (which stores it off the
 * call's path and applies an override's snooze at once), answered with {@code {}}.
 */
@RestController
class FeedbackController {

    private final CdsServiceCatalog catalog;
    private final JsonBodyParser bodyParser;
    private final FeedbackReader reader;
    private final FeedbackService feedback;

    FeedbackController(
            CdsServiceCatalog catalog, JsonBodyParser bodyParser, FeedbackReader reader, FeedbackService feedback) {
        this.catalog = catalog;
        this.bodyParser = bodyParser;
        this.reader = reader;
        this.feedback = feedback;
    }

    @PostMapping(
            path = "/cds-services/{serviceId}/feedback",
            consumes = {MediaType.APPLICATION_JSON_VALUE, CdsServicesController.JSON_TYPES})
    ResponseEntity<Map<String, Object>> feedback(@PathVariable String serviceId, HttpServletRequest http) {
        EhrCaller.confirmFirstUse();
        CdsServiceCatalog.Definition service = CdsServicesController.find(catalog, serviceId);
        List<Feedback> items = reader.read(service.id(), bodyParser.parse(http));
        feedback.receive(items);
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(Map.of());
    }
}
