package org.tapercds.timeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.tapercds.timeline.Requests.active;

import java.time.LocalDate;
import java.util.Map;
import org.assertj.core.data.Offset;
import org.hl7.fhir.r4.model.MedicationRequest;

/** Normalises test orders with the project's drug table, on a fixed evaluation day. */
final class NormaliserFixture {

    static final LocalDate TODAY = LocalDate.of(2026, 11, 22);
    static final Offset<Double> EXACT = within(1e-9);

    private static final DoseNormaliser NORMALISER = new DoseNormaliser(Requests.knowledge());

    private NormaliserFixture() {}

    /** A history order, normalised. */
    static OrderRegimen history(Requests.Builder builder) {
        MedicationRequest order = builder.build();
        return NORMALISER.normalise(order, NORMALISER.drugOf(order, Map.of()).orElseThrow(), false, TODAY);
    }

    /** A draft order, normalised. */
    static OrderRegimen normaliseDraft(Requests.Builder builder) {
        MedicationRequest order = builder.build();
        return NORMALISER.normalise(order, NORMALISER.drugOf(order, Map.of()).orElseThrow(), true, TODAY);
    }

    /** mg/day of a single-line active diazepam order. */
    static double mgPerDay(String dosageLine) {
        OrderRegimen regimen =
                history(active("rx").diazepam10Tablet().authoredOn("2026-06-01").line(dosageLine));
        assertThat(regimen.unassessableReason()).isNull();
        assertThat(regimen.steps()).hasSize(1);
        return regimen.steps().get(0).mgPerDay();
    }
}
