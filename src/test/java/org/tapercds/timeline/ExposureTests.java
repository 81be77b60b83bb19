package org.tapercds.timeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tapercds.timeline.Requests.mgDailyBetween;
import static org.tapercds.timeline.Requests.order;
import static org.tapercds.timeline.TimelineFixture.TODAY;
import static org.tapercds.timeline.TimelineFixture.diazepamFrom;
import static org.tapercds.timeline.TimelineFixture.exposureOf;
import static org.tapercds.timeline.TimelineFixture.orderSign;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tapercds.facts.Exposure;

/**
 * The latest continuous exposure up to today (what the dependence rules classify, see
 * DependenceRulesTests): its start, length with short gaps bridged, and peak dose.
 */
class ExposureTests {

    @Test
    void measuresNinetyDaysOfExposure() {
        Exposure exposure =
                exposureOf(diazepamFrom("rx1", 5, TODAY.minusDays(89).toString()));
        assertThat(exposure.days()).isEqualTo(90);
        assertThat(exposure.start()).isEqualTo(LocalDate.of(2026, 8, 25));
        assertThat(exposure.peakMgDe()).isEqualTo(5.0);
    }

    @Test
    void measuresEightyNineDaysOfExposure() {
        Exposure exposure =
                exposureOf(diazepamFrom("rx1", 10, TODAY.minusDays(88).toString()));
        assertThat(exposure.days()).isEqualTo(89);
    }

    @Test
    void measuresTwentyEightDaysAndTheirPeak() {
        Exposure exposure =
                exposureOf(diazepamFrom("rx1", 15, TODAY.minusDays(27).toString()));
        assertThat(exposure.days()).isEqualTo(28);
        assertThat(exposure.start()).isEqualTo(LocalDate.of(2026, 10, 26));
        assertThat(exposure.peakMgDe()).isEqualTo(15.0);
    }

    @Test
    void measuresThePeakOfTwentyEightDays() {
        Exposure exposure =
                exposureOf(diazepamFrom("rx1", 10, TODAY.minusDays(27).toString()));
        assertThat(exposure.peakMgDe()).isEqualTo(10.0);
    }

    @Test
    void measuresTwentySevenDays() {
        Exposure exposure =
                exposureOf(diazepamFrom("rx1", 40, TODAY.minusDays(26).toString()));
        assertThat(exposure.days()).isEqualTo(27);
    }

    @Test
    void findsNoExposureWithoutOrders() {
        Exposure exposure = orderSign(List.of(), List.of()).timeline().exposure();
        assertThat(exposure.days()).isZero();
        assertThat(exposure.start()).isNull();
    }

    @Test
    void bridgesAGapOfSevenDaysWithoutDosing() {
        // 2026-09-01 .. 2026-10-24, nothing 10-25 .. 10-31 (7 days), again from 11-01.
        Exposure exposure = exposureOf(
                order("rx1", "completed")
                        .diazepam10Tablet()
                        .line(mgDailyBetween(12, "2026-09-01", "2026-10-24"))
                        .build(),
                diazepamFrom("rx2", 5, "2026-11-01"));

        assertThat(exposure.start()).isEqualTo(LocalDate.of(2026, 9, 1));
        assertThat(exposure.days()).isEqualTo(83);
        assertThat(exposure.peakMgDe()).isEqualTo(12.0);
    }

    @Test
    void startsANewExposureAfterAGapOfEightDays() {
        // 2026-09-01 .. 2026-10-23, nothing 10-24 .. 10-31 (8 days), again from 11-01.
        Exposure exposure = exposureOf(
                order("rx1", "completed")
                        .diazepam10Tablet()
                        .line(mgDailyBetween(12, "2026-09-01", "2026-10-23"))
                        .build(),
                diazepamFrom("rx2", 5, "2026-11-01"));

        assertThat(exposure.start()).isEqualTo(LocalDate.of(2026, 11, 1));
        assertThat(exposure.days()).isEqualTo(22);
        assertThat(exposure.peakMgDe()).isEqualTo(5.0);
    }
}
