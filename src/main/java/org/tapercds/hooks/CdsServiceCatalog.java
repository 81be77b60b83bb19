package org.tapercds.hooks;

import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.tapercds.evaluation.Service;
import org.tapercds.facts.Hook;

/** The three services, their hooks and their discovery text, in the fixed discovery order. */
@Component
class CdsServiceCatalog {

    static final String ORDER_SIGN = Service.ORDER_SIGN.id();
    static final String ORDER_SELECT = Service.ORDER_SELECT.id();
    static final String PATIENT_VIEW = Service.PATIENT_VIEW.id();

    private static final String USAGE = "Needs the prefetch keys patient, medications, observations and conditions;"
            + " a call without them is answered 412 Precondition Failed.";

    record Definition(Service service, String title, String description) {

        String id() {
            return service.id();
        }

        Hook hook() {
            return service.hook();
        }
    }

    private static final List<Definition> DEFINITIONS = List.of(
            new Definition(
                    Service.ORDER_SIGN,
                    "Benzodiazepine taper safety check",
                    "Checks benzodiazepine and Z-drug orders being signed for unsafe dose-reduction rates, abrupt"
                            + " discontinuation, alcohol co-use, withdrawal and concurrent opioids."),
            new Definition(
                    Service.ORDER_SELECT,
                    "Benzodiazepine taper safety check (order selection)",
                    "Runs the taper safety checks on the benzodiazepine and Z-drug orders just selected."),
            new Definition(
                    Service.PATIENT_VIEW,
                    "Benzodiazepine regimen review",
                    "Reviews the current benzodiazepine regimen when the chart opens: recent abrupt stop, alcohol"
                            + " co-use, withdrawal trend and concurrent opioids."));

    private final CdsService.Discovery discovery;

    CdsServiceCatalog(PrefetchTemplates prefetchTemplates) {
        this.discovery = new CdsService.Discovery(DEFINITIONS.stream()
                .map(d -> new CdsService(
                        d.hook().wireName(), d.title(), d.description(), d.id(), prefetchTemplates.templates(), USAGE))
                .toList());
    }

    CdsService.Discovery discovery() {
        return discovery;
    }

    Optional<Definition> find(String serviceId) {
        return DEFINITIONS.stream().filter(d -> d.id().equals(serviceId)).findFirst();
    }
}
