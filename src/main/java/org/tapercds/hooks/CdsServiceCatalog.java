package org.tapercds.hooks;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.stereotype.Component;
import org.tapercds.evaluation.Service;
import org.tapercds.facts.Hook;

/**
 * The three services, their hooks and their discovery text, in the fixed discovery order. The
 * prefetch templates come from the rule base in service, so discovery follows a reload.
 */
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

    private final PrefetchTemplates prefetchTemplates;
    private final AtomicReference<CdsService.Discovery> discovery = new AtomicReference<>();

    CdsServiceCatalog(PrefetchTemplates prefetchTemplates) {
        this.prefetchTemplates = prefetchTemplates;
    }

    /** The discovery response, built again only when the rule base in service gives other templates. */
    CdsService.Discovery discovery() {
        PrefetchTemplates.Templates templates = prefetchTemplates.templates();
        CdsService.Discovery known = discovery.get();
        if (known != null && known.services().get(0).prefetch() == templates) {
            return known;
        }
        CdsService.Discovery built = new CdsService.Discovery(DEFINITIONS.stream()
                .map(d -> new CdsService(d.hook().wireName(), d.title(), d.description(), d.id(), templates, USAGE))
                .toList());
        discovery.set(built);
        return built;
    }

    /** The ids of the services, in discovery order (without asking the rule base). */
    List<String> serviceIds() {
        return DEFINITIONS.stream().map(Definition::id).toList();
    }

    Optional<Definition> find(String serviceId) {
        return DEFINITIONS.stream().filter(d -> d.id().equals(serviceId)).findFirst();
    }
}
