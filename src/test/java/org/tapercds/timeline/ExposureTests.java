package org.tapercds.timeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tapercds.timeline.Requests.mgDailyBetween;
import static org.tapercds.timeline.Requests.order;
import static org.tapercds.timeline.TimelineFixture.TODAY;
import static org.tapercds.timeline.TimelineFixture.dependenceOf;
import static org.tapercds.timeline.TimelineFixture.diazepamFrom;
import static org.tapercds.timeline.TimelineFixture.orderSign;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tapercds.facts.Dependence;
import org.tapercds.facts.DependenceLevel;

/** Guideline Table 2: the exposure up to today and the dependence estimate. */
class ExposureTests {

    @Test
    void estimatesNinetyDaysOfExposureAsHighRisk() {
        Dependence dependence =
                dependenceOf(diazepamFrom("rx1", 5, TODAY.minusDays(89).toString()));

        assertThat(dependence.level()).isEqualTo(DependenceLevel.HIGH_RISK);
        assertThat(dependence.exposureDays()).isEqualTo(90);
        assertThat(dependence.exposureStart()).isEqualTo(LocalDate.of(2026, 8, 25));
        assertThat(dependence.peakMgDe()).isEqualTo(5.0);
    }

    @Test
    void estimatesEightyNineDaysOfLowDoseExposureAsLowerRisk() {
        Dependence dependence =
                dependenceOf(diazepamFrom("rx1", 10, TODAY.minusDays(88).toString()));

        assertThat(dependence.level()).isEqualTo(DependenceLevel.LOWER_RISK);
        assertThat(dependence.exposureDays()).isEqualTo(89);
    }

    @Test
    void estimatesTwentyEightDaysAboveTenMilligramsAsHighRisk() {
        Dependence dependence =
                dependenceOf(diazepamFrom("rx1", 15, TODAY.minusDays(27).toString()));

        assertThat(dependence.level()).isEqualTo(DependenceLevel.HIGH_RISK);
        assertThat(dependence.exposureDays()).isEqualTo(28);
        assertThat(dependence.exposureStart()).isEqualTo(LocalDate.of(2026, 10, 26));
        assertThat(dependence.peakMgDe()).isEqualTo(15.0);
    }

    @Test
    void estimatesTwentyEightDaysOfTenMilligramsAsLowerRisk() {
        Dependence dependence =
                dependenceOf(diazepamFrom("rx1", 10, TODAY.minusDays(27).toString()));

        assertThat(dependence.level()).isEqualTo(DependenceLevel.LOWER_RISK);
        assertThat(dependence.peakMgDe()).isEqualTo(10.0);
    }

    @Test
    void findsNoDependenceAfterTwentySevenDays() {
        Dependence dependence =
                dependenceOf(diazepamFrom("rx1", 40, TODAY.minusDays(26).toString()));

        assertThat(dependence.level()).isEqualTo(DependenceLevel.NONE);
        assertThat(dependence.exposureDays()).isEqualTo(27);
        assertThat(dependence.likely()).isFalse();
    }

    @Test
    void findsNoExposureWithoutOrders() {
        Dependence dependence = orderSign(List.of(), List.of()).timeline().dependence();

        assertThat(dependence.level()).isEqualTo(DependenceLevel.NONE);
        assertThat(dependence.exposureDays()).isZero();
        assertThat(dependence.exposureStart()).isNull();
    }

    @Test
    void bridgesAGapOfSevenDaysWithoutDosing() {
        // 2026-09-01 .. 2026-10-24, nothing 10-25 .. 10-31 (7 days), again from 11-01.
        Dependence dependence = dependenceOf(
                order("rx1", "completed")
                        .diazepam10Tablet()
                        .line(mgDailyBetween(12, "2026-09-01", "2026-10-24"))
                        .build(),
                diazepamFrom("rx2", 5, "2026-11-01"));

        assertThat(dependence.exposureStart()).isEqualTo(LocalDate.of(2026, 9, 1));
        assertThat(dependence.exposureDays()).isEqualTo(83);
        assertThat(dependence.peakMgDe()).isEqualTo(12.0);
        assertThat(dependence.level()).isEqualTo(DependenceLevel.HIGH_RISK);
    }

    @Test
    void startsANewExposureAfterAGapOfEightDays() {
        // 2026-09-01 .. 2026-10-23, nothing 10-24 .. 10-31 (8 days), again from 11-01.
        Dependence dependence = dependenceOf(
                order("rx1", "completed")
                        .diazepam10Tablet()
                        .line(mgDailyBetween(12, "2026-09-01", "2026-10-23"))
                        .build(),
                diazepamFrom("rx2", 5, "2026-11-01"));

        assertThat(dependence.exposureStart()).isEqualTo(LocalDate.of(2026, 11, 1));
        assertThat(dependence.exposureDays()).isEqualTo(22);
        assertThat(dependence.peakMgDe()).isEqualTo(5.0);
        assertThat(dependence.level()).isEqualTo(DependenceLevel.NONE);
    }
}
