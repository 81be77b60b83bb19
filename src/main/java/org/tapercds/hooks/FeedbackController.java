package org.tapercds.hooks;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** CDS Hooks 2.0 feedback: validated, handed to the {@link FeedbackSink}, answered with {@code {}}. */
@RestController
class FeedbackController {

    private final CdsServiceCatalog catalog;
    private final JsonBodyParser bodyParser;
    private final FeedbackReader reader;
    private final FeedbackSink sink;

    FeedbackController(
            CdsServiceCatalog catalog,
            JsonBodyParser bodyParser,
            FeedbackReader reader,
            ObjectProvider<FeedbackSink> sink) {
        this.catalog = catalog;
        this.bodyParser = bodyParser;
        this.reader = reader;
        this.sink = sink.getIfAvailable(FeedbackSink.Counting::new);
    }

    @PostMapping(
            path = "/cds-services/{serviceId}/feedback",
            consumes = {MediaType.APPLICATION_JSON_VALUE, CdsServicesController.JSON_TYPES})
    ResponseEntity<Map<String, Object>> feedback(@PathVariable String serviceId, HttpServletRequest http) {
        CdsServiceCatalog.Definition service = CdsServicesController.find(catalog, serviceId);
        List<FeedbackRecord> records = reader.read(service.id(), bodyParser.parse(http));
        sink.accept(records);
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(Map.of());
    }
}
