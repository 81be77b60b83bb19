package org.tapercds.timeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tapercds.timeline.Requests.active;
import static org.tapercds.timeline.Requests.dose;
import static org.tapercds.timeline.Requests.every;
import static org.tapercds.timeline.Requests.line;
import static org.tapercds.timeline.TimelineFixture.TODAY;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 12 invariant (d), over generated regimens: the daily dose of a regimen does not depend on
 * how it is split — one line taken n times a day, n lines at different times of day in one order,
 * or n orders (written on different days) each taken at its own time of day, with doses in mg or in
 * tablets. Before issue 12 the later of two concurrent orders "replaced" the earlier one.
 */
class DailyDoseSplitTests {

    private static final int TRIES = 500;
    private static final String[] TIMES = {"MORN", "NOON", "EVE", "HS"};

    /** Products of the drug table: RxNorm code, display, ingredient, tablet strength in mg. */
    private record Tablet(String rxnorm, String display, String ingredient, double mg) {}

    private static final List<Tablet> TABLETS = List.of(
            new Tablet("197589", "diazepam 10 MG Oral Tablet", "diazepam", 10),
            new Tablet("197591", "diazepam 5 MG Oral Tablet", "diazepam", 5),
            new Tablet("197901", "lorazepam 1 MG Oral Tablet", "lorazepam", 1),
            new Tablet("197527", "clonazepam 0.5 MG Oral Tablet", "clonazepam", 0.5),
            new Tablet("308048", "alprazolam 0.5 MG Oral Tablet", "alprazolam", 0.5));

    record Regimen(Tablet tablet, int[] tabletsPerTime, long seed) {
        @Override
        public String toString() {
            return tablet.display + " " + java.util.Arrays.toString(tabletsPerTime) + " seed " + seed;
        }
    }

    static Stream<Regimen> regimens() {
        Random random = new Random(20261204L);
        return IntStream.range(0, TRIES).mapToObj(i -> {
            int[] tablets = new int[1 + random.nextInt(TIMES.length)];
            for (int t = 0; t < tablets.length; t++) {
                tablets[t] = 1 + random.nextInt(3);
            }
            return new Regimen(TABLETS.get(random.nextInt(TABLETS.size())), tablets, random.nextLong());
        });
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("regimens")
    void theDailyDoseIsTheSameHoweverTheRegimenIsSplit(Regimen regimen) {
        Random random = new Random(regimen.seed());
        double expected = 0;
        for (int tablets : regimen.tabletsPerTime()) {
            expected += tablets * regimen.tablet().mg();
        }
        Ingredient ingredient = TimelineFixture.ingredient(regimen.tablet().ingredient());

        for (List<MedicationRequest> split :
                List.of(oneLinePerTime(regimen, random), oneOrderPerTime(regimen, random))) {
            PatientTimeline patient = TimelineFixture.orderSign(split, List.of());
            assertThat(patient.timeline().mgOn(ingredient, TODAY))
                    .as("%d order(s)", split.size())
                    .isCloseTo(expected, TimelineFixture.EXACT);
            assertThat(patient.reductions()).as("no reduction from splitting").isEmpty();
        }
        int first = regimen.tabletsPerTime()[0];
        if (IntStream.of(regimen.tabletsPerTime()).allMatch(t -> t == first)) {
            MedicationRequest oneLine = order(regimen.tablet(), "rx-1", 200)
                    .line(line(amount(regimen.tablet(), first, random), every(regimen.tabletsPerTime().length, 1, "d")))
                    .build();
            assertThat(TimelineFixture.orderSign(List.of(oneLine), List.of())
                            .timeline()
                            .mgOn(ingredient, TODAY))
                    .isCloseTo(expected, TimelineFixture.EXACT);
        }
    }

    /** One order with a line per time of day. */
    private static List<MedicationRequest> oneLinePerTime(Regimen regimen, Random random) {
        Requests.Builder order = order(regimen.tablet(), "rx-1", 200);
        for (int t = 0; t < regimen.tabletsPerTime().length; t++) {
            order.line(timed(regimen, t, random));
        }
        return List.of(order.build());
    }

    /** An order per time of day, each written on its own day within the last 200 days. */
    private static List<MedicationRequest> oneOrderPerTime(Regimen regimen, Random random) {
        List<MedicationRequest> orders = new ArrayList<>();
        for (int t = 0; t < regimen.tabletsPerTime().length; t++) {
            orders.add(order(regimen.tablet(), "rx-" + t, 30 + random.nextInt(170))
                    .line(timed(regimen, t, random))
                    .build());
        }
        return orders;
    }

    private static String timed(Regimen regimen, int t, Random random) {
        return line(amount(regimen.tablet(), regimen.tabletsPerTime()[t], random), "\"when\": [\"" + TIMES[t] + "\"]");
    }

    /** A dose of whole tablets, written as tablets or as mg at random. */
    private static String amount(Tablet tablet, int tablets, Random random) {
        return random.nextBoolean() ? dose(tablets, "{tbl}", "tablet") : dose(tablets * tablet.mg(), "mg");
    }

    private static Requests.Builder order(Tablet tablet, String id, int daysAgo) {
        return active(id)
                .rxnorm(tablet.rxnorm(), tablet.display())
                .authoredOn(TODAY.minusDays(daysAgo).toString());
    }
}
