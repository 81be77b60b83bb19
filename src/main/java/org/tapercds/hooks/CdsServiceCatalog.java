package org.tapercds.hooks;

import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.tapercds.facts.Hook;

/** The three services, their hooks and their discovery text, in the fixed discovery order. */
@Component
class CdsServiceCatalog {

    static final String ORDER_SIGN = "benzo-taper-order-sign";
    static final String ORDER_SELECT = "benzo-taper-order-select";
    static final String PATIENT_VIEW = "benzo-taper-patient-view";

    private static final String USAGE = "Needs the prefetch keys patient, medications, observations and conditions;"
            + " a call without them is answered 412 Precondition Failed.";

    record Definition(String id, Hook hook, String title, String description) {}

    private static final List<Definition> DEFINITIONS = List.of(
            new Definition(
                    ORDER_SIGN,
                    Hook.ORDER_SIGN,
                    "Benzodiazepine taper safety check",
                    "Checks benzodiazepine and Z-drug orders being signed for unsafe dose-reduction rates, abrupt"
                            + " discontinuation, alcohol co-use, withdrawal and concurrent opioids."),
            new Definition(
                    ORDER_SELECT,
                    Hook.ORDER_SELECT,
                    "Benzodiazepine taper safety check (order selection)",
                    "Runs the taper safety checks on the benzodiazepine and Z-drug orders just selected."),
            new Definition(
                    PATIENT_VIEW,
                    Hook.PATIENT_VIEW,
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
