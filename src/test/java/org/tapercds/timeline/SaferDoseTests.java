package org.tapercds.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** RULES §3: the safer dose is the smallest dose at or above the target that the strengths can make. */
class SaferDoseTests {

    private static final List<Double> DIAZEPAM = List.of(2.0, 5.0, 10.0);
    private static final List<Double> CLONAZEPAM = List.of(0.5, 1.0, 2.0);
    private static final List<Double> ALPRAZOLAM = List.of(0.25, 0.5, 1.0, 2.0);

    @Test
    void keepsATargetThatTheStrengthsMakeExactly() {
        assertThat(SaferDose.of(15, DIAZEPAM, 1)).hasValue(new SaferDose(15.0, List.of(15.0)));
    }

    @Test
    void splitsTheDailyDoseOverTheAdministrationsLargestFirst() {
        assertThat(SaferDose.of(1.5, CLONAZEPAM, 2)).hasValue(new SaferDose(1.5, List.of(1.0, 0.5)));
    }

    @Test
    void splitsEvenlyWhenTheStrengthsAllowIt() {
        assertThat(SaferDose.of(15, DIAZEPAM, 3)).hasValue(new SaferDose(15.0, List.of(5.0, 5.0, 5.0)));
    }

    @Test
    void roundsUpToTheSmallestTabletStrength() {
        assertThat(SaferDose.of(0.3, ALPRAZOLAM, 1)).hasValue(new SaferDose(0.5, List.of(0.5)));
    }

    @Test
    void roundsUpARangeOfTargetsToTheNextMakeableDose() {
        assertThat(SaferDose.of(1.2, CLONAZEPAM, 1)).hasValue(new SaferDose(1.5, List.of(1.5)));
        assertThat(SaferDose.of(13.2, DIAZEPAM, 1)).hasValue(new SaferDose(14.0, List.of(14.0)));
        assertThat(SaferDose.of(11, List.of(5.0, 10.0), 1)).hasValue(new SaferDose(15.0, List.of(15.0)));
    }

    @Test
    void skipsDosesThatNoCombinationOfTabletsMakes() {
        // With 2 mg and 5 mg tablets, 3 mg cannot be made; 4 mg (2 + 2) can.
        assertThat(SaferDose.of(3, List.of(2.0, 5.0), 1)).hasValue(new SaferDose(4.0, List.of(4.0)));
    }

    @Test
    void givesEveryAdministrationAtLeastOneTablet() {
        // 0.5 mg twice daily needs 0.25 mg per dose: 1 mg/day from 0.5 mg tablets.
        assertThat(SaferDose.of(0.5, List.of(0.5, 1.0), 2)).hasValue(new SaferDose(1.0, List.of(0.5, 0.5)));
    }

    @Test
    void handlesAnEighthOfAMilligramExactly() {
        assertThat(SaferDose.of(0.3, List.of(0.125, 0.25), 1)).hasValue(new SaferDose(0.375, List.of(0.375)));
    }

    @Test
    void suggestsOneAndAHalfMilligramsWhenClonazepamTwoMilligramsADayIsHalved() {
        // The example order-sign request: clonazepam 1 mg twice daily; 75 % of 2 mg is 1.5 mg.
        List<Double> strengths = Requests.knowledge().taperStrengths("clonazepam", Product.ORAL_TABLET);

        assertThat(SaferDose.of(2.0 * 0.75, strengths, 2)).hasValue(new SaferDose(1.5, List.of(1.0, 0.5)));
    }

    @Test
    void suggestsNothingWithoutStrengths() {
        assertThat(SaferDose.of(15, List.of(), 1)).isEmpty();
    }

    @Test
    void suggestsNothingWithoutAdministrations() {
        assertThat(SaferDose.of(15, DIAZEPAM, 0)).isEmpty();
    }

    @Test
    void suggestsNothingForAZeroTarget() {
        assertThat(SaferDose.of(0, DIAZEPAM, 1)).isEmpty();
    }

    @Test
    void splitsUnevenlyRatherThanRoundingAboveTheTarget() {
        // 3 mg cannot be made from 2/5/10 mg tablets, but 6 mg/day twice daily can be 4 + 2.
        assertThat(SaferDose.of(6, DIAZEPAM, 2)).hasValue(new SaferDose(6.0, List.of(4.0, 2.0)));
    }

    @Test
    void keepsTheMostEvenSplitAmongSeveralPossible() {
        assertThat(SaferDose.of(20, DIAZEPAM, 4)).hasValue(new SaferDose(20.0, List.of(5.0, 5.0, 5.0, 5.0)));
        assertThat(SaferDose.of(15, DIAZEPAM, 2)).hasValue(new SaferDose(15.0, List.of(8.0, 7.0)));
    }

    @Test
    void suggestsNothingForMoreThanSixAdministrationsADay() {
        // 96 doses a day (every 15 minutes) is no tablet schedule; the search must not run away.
        assertThat(SaferDose.of(22.5, DIAZEPAM, 96)).isEmpty();
        assertThat(SaferDose.of(22.5, DIAZEPAM, 6)).isPresent();
    }
}
