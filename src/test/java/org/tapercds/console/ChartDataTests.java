package org.tapercds.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tapercds.evaluation.ChartEvidence;
import org.tapercds.evaluation.ChartEvidence.DosePoint;

class ChartDataTests {

    static final LocalDate JAN_1 = LocalDate.parse("2026-01-01");

    @Test
    void envelopeIsTheLimitBelowTheHighestDoseOfThePrecedingWindow() {
        List<DosePoint> dose = List.of(point(JAN_1, 40.0, false), point(JAN_1.plusDays(10), 20.0, false));

        List<Object[]> envelope = ChartData.envelope(dose, 25.0, 14, LocalDate.parse("2026-01-31"));

        // 40 mg is in the 14 preceding days up to 24 January; from 25 January only 20 mg is.
        assertThat(envelope)
                .containsExactly(new Object[] {"2026-01-02", 30.0}, new Object[] {"2026-01-25", 15.0}, new Object[] {
                    "2026-01-31", 15.0
                });
    }

    @Test
    void envelopeLeavesUnknownDosesOut() {
        List<DosePoint> dose = List.of(point(JAN_1, 40.0, false), point(JAN_1.plusDays(2), 0.0, true));

        List<Object[]> envelope = ChartData.envelope(dose, 50.0, 3, JAN_1.plusDays(8));

        assertThat(envelope)
                .containsExactly(new Object[] {"2026-01-02", 20.0}, new Object[] {"2026-01-06", null}, new Object[] {
                    "2026-01-09", null
                });
    }

    @Test
    void stepsEndWhereTheNextLineBeginsAndTheDraftRunsToTheEnd() {
        ChartEvidence evidence = new ChartEvidence(
                List.of(
                        point(JAN_1, 40.0, false),
                        point(JAN_1.plusDays(10), 20.0, false),
                        point(JAN_1.plusDays(20), 10.0, false, true)),
                List.of(new ChartEvidence.ScorePoint(JAN_1.plusDays(5), "CIWA-B", 12.0)),
                List.of(),
                25.0,
                14);

        ChartData chart = ChartData.of(evidence, JAN_1.plusDays(15));

        assertThat(chart.recorded())
                .containsExactly(new Object[] {"2026-01-01", 40.0}, new Object[] {"2026-01-11", 20.0}, new Object[] {
                    "2026-01-21", 20.0
                });
        assertThat(chart.draft()).containsExactly(new Object[] {"2026-01-21", 10.0}, new Object[] {"2026-01-28", 10.0});
        assertThat(chart.end()).isEqualTo("2026-01-28");
        assertThat(chart.scores().get("CIWA-B")).containsExactly(new Object[] {"2026-01-06", 12.0});
    }

    private static DosePoint point(LocalDate day, double mg, boolean unknown) {
        return new DosePoint(day, mg, unknown, false);
    }

    private static DosePoint point(LocalDate day, double mg, boolean unknown, boolean draft) {
        return new DosePoint(day, mg, unknown, draft);
    }
}
