package org.tapercds.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import java.util.function.BiConsumer;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.tapercds.evaluation.scenarios.Scenario;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Issue 12 invariant (c), over generated orders: an order whose dosage uses anything the normaliser
 * does not compute yields a {@code dose-unassessable} card, never silence and never a rate check on a
 * dose it misread. Each case takes a real scenario (diazepam 20 mg/day for 180 days, a draft of it),
 * varies the draft's valid shape at random (tablets or mg, frequency or timing code, with or without
 * a start) and adds one element from the pool of elements a real EHR may send that change how much
 * is taken; on the code before issue 12 most were silently ignored.
 */
@SpringBootTest
class UnderstoodOrdersIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int TRIES = 400;

    private final ScenarioCalls calls;

    UnderstoodOrdersIT(@Autowired ApplicationContext context) {
        this.calls = new ScenarioCalls(context);
    }

    private static final String RATE_QUANTITY =
            "{\"value\": 2, \"unit\": \"mg/h\", \"system\": \"http://unitsofmeasure.org\", \"code\": \"mg/h\"}";
    private static final String RATE_RATIO =
            "{\"numerator\": {\"value\": 1, \"unit\": \"mg\"}, \"denominator\": {\"value\": 1, \"unit\": \"h\"}}";
    private static final String BOUNDS_RANGE =
            "{\"low\": {\"value\": 1, \"unit\": \"d\"}, \"high\": {\"value\": 5, \"unit\": \"d\"}}";
    private static final String MODIFIER =
            "[{\"url\": \"http://example.org/fhir/half-dose-on-weekends\", \"valueBoolean\": true}]";
    private static final String LOCAL_CODE =
            "{\"coding\": [{\"system\": \"http://example.org/schedules\", \"code\": \"Q3-5D\"}]}";

    /** Elements that change the dose and are not on the normaliser's allow-list, by where they go. */
    private static final List<Injection> POOL = List.of(
            new Injection("rateQuantity", (order, line) -> doseAndRate(line).set("rateQuantity", json(RATE_QUANTITY))),
            new Injection("rateRatio", (order, line) -> doseAndRate(line).set("rateRatio", json(RATE_RATIO))),
            new Injection("boundsRange", (order, line) -> repeat(line).remove("boundsPeriod"))
                    .then((order, line) -> repeat(line).set("boundsRange", json(BOUNDS_RANGE))),
            new Injection("dosage modifierExtension", (order, line) -> line.set("modifierExtension", json(MODIFIER))),
            new Injection(
                    "timing modifierExtension", (order, line) -> timing(line).set("modifierExtension", json(MODIFIER))),
            new Injection("order modifierExtension", (order, line) -> order.set("modifierExtension", json(MODIFIER))),
            new Injection("doNotPerform", (order, line) -> order.put("doNotPerform", true)),
            new Injection(
                    "dose unit puff",
                    (order, line) -> doseQuantity(line).put("unit", "puff").put("code", "{puff}")),
            new Injection(
                    "event with a repeat rule", (order, line) -> timing(line).set("event", json("[\"2026-11-23\"]"))),
            new Injection("dayOfWeek every third day", (order, line) -> repeat(line)
                    .put("frequency", 1)
                    .put("period", 3)
                    .put("periodUnit", "d")
                    .set("dayOfWeek", json("[\"mon\", \"thu\"]"))),
            new Injection("text-only dose", (order, line) -> line.put("text", "one to two tablets as directed"))
                    .then((order, line) -> line.remove("doseAndRate")),
            new Injection("unknown timing code", (order, line) -> timing(line).set("code", json(LOCAL_CODE)))
                    .then((order, line) -> repeat(line).remove(List.of("frequency", "period", "periodUnit"))));

    record Injection(String name, BiConsumer<ObjectNode, ObjectNode> apply) {

        Injection then(BiConsumer<ObjectNode, ObjectNode> next) {
            return new Injection(name, apply.andThen(next));
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Object[]> cases() {
        Random random = new Random(20261204L);
        return IntStream.range(0, TRIES)
                .mapToObj(i -> new Object[] {POOL.get(random.nextInt(POOL.size())), random.nextLong()});
    }

    @ParameterizedTest(name = "[{index}] {0}, shape seed {1}")
    @MethodSource("cases")
    void anOrderWithAnElementNotComputedIsUnassessableNeverSilent(Injection injection, long shapeSeed) {
        Scenario scenario = calls.scenario("taper-rate/scenarios/fires-diazepam-20-to-10-critical.json");
        ObjectNode request = (ObjectNode) scenario.request().deepCopy();
        ObjectNode draft = (ObjectNode)
                request.get("context").get("draftOrders").get("entry").get(0).get("resource");
        ObjectNode line = (ObjectNode) draft.get("dosageInstruction").get(0);
        vary(line, new Random(shapeSeed));
        injection.apply().accept(draft, line);

        Evaluation evaluation = calls.evaluate(scenario, request);

        assertThat(evaluation.advisories())
                .as("the draft with %s must be reported as unassessable", injection)
                .anySatisfy(a -> assertThat(a.category()).isEqualTo("dose-unassessable"));
        assertThat(evaluation.advisories())
                .as("no rate check on a dose that was not understood")
                .noneSatisfy(a -> assertThat(a.category()).isEqualTo("taper-rate-exceeded"));
    }

    /** A valid shape of the draft's line: tablets or mg, frequency or timing code, with or without a start. */
    private static void vary(ObjectNode line, Random random) {
        if (random.nextBoolean()) {
            ObjectNode dose = (ObjectNode) doseAndRate(line).get("doseQuantity");
            dose.put("value", 5).put("unit", "mg").put("code", "mg");
        }
        if (random.nextBoolean()) {
            repeat(line).remove("boundsPeriod");
        }
        if (random.nextInt(3) == 0) {
            repeat(line).remove(List.of("frequency", "period", "periodUnit"));
            ((ObjectNode) line.get("timing"))
                    .set(
                            "code",
                            json(
                                    """
                    {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/v3-GTSAbbreviation", "code": "BID"}]}"""));
        }
    }

    private static ObjectNode doseAndRate(ObjectNode line) {
        return (ObjectNode) ((ArrayNode) line.get("doseAndRate")).get(0);
    }

    private static ObjectNode doseQuantity(ObjectNode line) {
        return (ObjectNode) doseAndRate(line).get("doseQuantity");
    }

    private static ObjectNode timing(ObjectNode line) {
        return (ObjectNode) line.get("timing");
    }

    private static ObjectNode repeat(ObjectNode line) {
        return (ObjectNode) line.get("timing").get("repeat");
    }

    private static JsonNode json(String text) {
        return JSON.readTree(text);
    }
}
