package org.tapercds.evaluation;

import java.util.Optional;
import org.tapercds.facts.Hook;

/** The three CDS services (fixed ids other tools depend on) and the hook each answers. */
public enum Service {
    ORDER_SIGN("benzo-taper-order-sign", Hook.ORDER_SIGN),
    ORDER_SELECT("benzo-taper-order-select", Hook.ORDER_SELECT),
    PATIENT_VIEW("benzo-taper-patient-view", Hook.PATIENT_VIEW);

    private final String id;
    private final Hook hook;

    Service(String id, Hook hook) {
        this.id = id;
        this.hook = hook;
    }

    public String id() {
        return id;
    }

    public Hook hook() {
        return hook;
    }

    public static Optional<Service> find(String id) {
        for (Service service : values()) {
            if (service.id.equals(id)) {
                return Optional.of(service);
            }
        }
        return Optional.empty();
    }
}
