package org.tapercds.evaluation.cards;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.tapercds.evaluation.EvaluationPipeline;
import org.tapercds.evaluation.Service;
import org.tapercds.facts.TaperSettings;
import org.tapercds.rules.ActiveRuleBase;
import org.tapercds.rules.RuleBase;
import org.tapercds.timeline.DrugKnowledge;
import org.tapercds.timeline.Ingredient;
import org.tapercds.timeline.Product;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Invariants of the one safe proposal per draft and of the gradual plan (RULES §3; issue 12 item 6
 * (a) and (b)) over generated regimens: drugs and tablet strengths of the knowledge table, history
 * frequencies and doses, draft cuts, bounded drafts, step plans, switches to as-needed only, with and
 * without severe withdrawal. Seeded, so a failure names its case and replays.
 *
 * <p>(a) Every card about a draft offers the same first suggestion, and accepting any suggested
 * {@code update} (the draft replaced by the suggested resource) and calling again yields no {@code
 * taper-rate-exceeded} and no {@code abrupt-discontinuation}. (b) Every step of a proposed plan is a
 * dose the strengths make in whole tablets at its frequency, and within the rate.
 */
@SpringBootTest
class ProposalInvariantsIT {

    private static final long SEED = 20261122L;
    private static final int TRIES = Integer.getInteger("proposal.tries", 800);
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 22);
    private static final String RXNORM = "http://www.nlm.nih.gov/research/umls/rxnorm";
    private static final String UCUM = "http://unitsofmeasure.org";
    private static final Set<String> ONE_PROPOSAL =
            Set.of("taper-rate-exceeded", "abrupt-discontinuation", "withdrawal-severe", "withdrawal-escalating");
    private static final Set<String> REDUCTION = Set.of("taper-rate-exceeded", "abrupt-discontinuation");

    @Autowired
    EvaluationPipeline pipeline;

    @Autowired
    ActiveRuleBase ruleBases;

    @Autowired
    ObjectMapper json;

    /** A generated case: the request and how it was made (for the failure message). */
    record Case(
            int index,
            String shape,
            Ingredient ingredient,
            List<Double> strengths,
            Product anyProduct,
            double prevMg,
            JsonNode request) {}

    @Test
    void acceptingAnySuggestionLeavesNoRateOrDiscontinuationCardAndEveryPlanStepIsMakeable() {
        RuleBase ruleBase = ruleBases.current();
        Random random = new Random(SEED);
        List<String> failures = new ArrayList<>();
        int withCards = 0;
        int plans = 0;
        for (int i = 0; i < TRIES && failures.size() < 10; i++) {
            Case generated = generate(i, random, ruleBase.knowledge());
            List<Card> cards = evaluate(generated.request(), ruleBase);
            List<String> problems = new ArrayList<>();
            Card.Suggestion first = null;
            List<Card.Suggestion> updates = new ArrayList<>();
            for (Card card : cards) {
                String category = card.source().topic().code();
                List<Card.Suggestion> suggestions = card.suggestions() == null ? List.of() : card.suggestions();
                if (REDUCTION.contains(category)) {
                    withCards++;
                    if (suggestions.isEmpty()) {
                        problems.add(category + " card without a suggestion");
                    }
                }
                if (ONE_PROPOSAL.contains(category) && !suggestions.isEmpty()) {
                    Card.Suggestion lead = suggestions.get(0);
                    if (first == null) {
                        first = lead;
                    } else if (!first.label().equals(lead.label())
                            || !resource(first).equals(resource(lead))) {
                        problems.add("different first suggestions: \"" + first.label() + "\" and \"" + lead.label()
                                + "\" (" + category + ")");
                    }
                }
                for (int s = 0; s < suggestions.size(); s++) {
                    updates.add(suggestions.get(s));
                    if (s > 0) {
                        plans++;
                        problems.addAll(planProblems(
                                resource(suggestions.get(s)), generated, ruleBase.settings(), generated.prevMg()));
                    }
                }
            }
            for (Card.Suggestion suggestion : updates) {
                List<String> after = evaluate(accepted(generated, suggestion), ruleBase).stream()
                        .map(c -> c.source().topic().code())
                        .filter(REDUCTION::contains)
                        .toList();
                if (!after.isEmpty()) {
                    problems.add("accepting \"" + suggestion.label() + "\" still gives " + after);
                }
            }
            if (!problems.isEmpty()) {
                failures.add("case " + i + " (seed " + SEED + ", " + generated.shape() + "): " + problems);
            }
        }
        assertThat(failures).as("failures (the first 10)").isEmpty();
        // The generator must reach the behaviour it tests.
        assertThat(withCards).isGreaterThan(TRIES / 4);
        assertThat(plans).isGreaterThan(TRIES / 20);
    }

    private List<Card> evaluate(JsonNode request, RuleBase ruleBase) {
        return pipeline.evaluate(pipeline.read(Service.ORDER_SIGN, request), ruleBase, TODAY)
                .wireCards();
    }

    private JsonNode resource(Card.Suggestion suggestion) {
        return json.readTree(suggestion.actions().get(0).resource());
    }

    /** The request with the draft replaced by the suggested resource (what accepting it does). */
    private JsonNode accepted(Case generated, Card.Suggestion suggestion) {
        ObjectNode request = (ObjectNode) generated.request().deepCopy();
        ObjectNode resource = (ObjectNode) resource(suggestion);
        // A proposal on the ingredient-level concept is coded with the drug's RxNorm ingredient (every
        // drug generated here has one since issue 12), so sent back as proposed it is recognised.
        JsonNode concept = resource.get("medicationCodeableConcept");
        assertThat(concept == null || concept.get("coding") != null)
                .as("the proposed medication is coded, case %s", generated)
                .isTrue();
        ArrayNode entries =
                (ArrayNode) request.get("context").get("draftOrders").get("entry");
        ((ObjectNode) entries.get(0)).set("resource", resource);
        request.put("hookInstance", UUID.randomUUID().toString());
        return request;
    }

    /** (b): each step makeable in whole tablets at its frequency, within the rate, the last open and above zero. */
    private static List<String> planProblems(JsonNode plan, Case generated, TaperSettings settings, double prevMg) {
        List<String> problems = new ArrayList<>();
        TreeMap<Integer, List<JsonNode>> bySequence = new TreeMap<>();
        for (JsonNode line : plan.get("dosageInstruction")) {
            bySequence
                    .computeIfAbsent(line.path("sequence").asInt(0), k -> new ArrayList<>())
                    .add(line);
        }
        double previous = prevMg;
        int index = 0;
        for (Map.Entry<Integer, List<JsonNode>> step : bySequence.entrySet()) {
            index++;
            boolean last = index == bySequence.size();
            double daily = 0;
            for (JsonNode line : step.getValue()) {
                JsonNode repeat = line.get("timing").get("repeat");
                double dose = line.get("doseAndRate")
                        .get(0)
                        .get("doseQuantity")
                        .get("value")
                        .asDouble();
                if (!makeable(dose, generated.strengths())) {
                    problems.add("plan step " + index + ": " + dose + " mg is not whole (or scored half) tablets of "
                            + generated.strengths());
                }
                daily += dose
                        * repeat.get("frequency").asDouble()
                        / repeat.path("period").asDouble(1);
                boolean bounded = repeat.has("boundsDuration")
                        || (repeat.has("boundsPeriod")
                                && repeat.get("boundsPeriod").has("end"));
                if (bounded == last) {
                    problems.add("plan step " + index + (last ? " is the last and has an end" : " has no duration"));
                }
            }
            double cut = previous - daily;
            double cutDe = generated.ingredient().ashtonDe(cut);
            if (Double.isFinite(previous)
                    && cut > previous * settings.maxReductionFraction() + 1e-9
                    && cutDe > settings.tailAllowanceMgDe() + 1e-9) {
                problems.add("plan step " + index + " cuts " + previous + " to " + daily + " mg/day");
            }
            if (!(daily > 0)) {
                problems.add("plan step " + index + " is zero");
            }
            previous = daily;
        }
        if (bySequence.size() < 2) {
            problems.add("a plan of " + bySequence.size() + " step");
        }
        return problems;
    }

    /** Whether a dose is a sum of tablets (or scored halves) of the strengths (independent of the production code). */
    static boolean makeable(double mg, List<Double> strengths) {
        int target = (int) Math.round(mg * 1000);
        if (Math.abs(target - mg * 1000) > 1e-6) {
            return false;
        }
        boolean[] reach = new boolean[target + 1];
        reach[0] = true;
        for (int amount = 1; amount <= target; amount++) {
            for (double s : strengths) {
                int unit = (int) Math.round(s * 1000);
                if (unit <= amount && reach[amount - unit]) {
                    reach[amount] = true;
                    break;
                }
            }
        }
        return reach[target];
    }

    // ---- generation -------------------------------------------------------------------------

    private Case generate(int index, Random random, DrugKnowledge knowledge) {
        List<Ingredient> ingredients = new ArrayList<>();
        Map<String, List<Product>> tablets = new LinkedHashMap<>();
        for (Product product : knowledge.products()) {
            if (product.form().equals(Product.ORAL_TABLET) && product.strengthMg() != null) {
                tablets.computeIfAbsent(product.ingredient(), k -> new ArrayList<>())
                        .add(product);
            }
        }
        tablets.keySet().stream()
                .sorted()
                .map(name -> knowledge.ingredient(name).orElseThrow())
                .filter(Ingredient::hasEquivalence)
                .forEach(ingredients::add);
        Ingredient ingredient = ingredients.get(random.nextInt(ingredients.size()));
        List<Product> products = new ArrayList<>(tablets.get(ingredient.name()));
        products.sort((a, b) -> a.rxnormCode().compareTo(b.rxnormCode()));
        // What one tablet gives: its strength, and half of it where the tablet is scored.
        List<Double> strengths = knowledge.products().stream()
                .filter(p -> p.ingredient().equals(ingredient.name())
                        && p.taperRegimen()
                        && p.countable()
                        && p.strengthMg() != null
                        && p.form().equals(Product.ORAL_TABLET))
                .flatMap(p -> p.scored() ? Stream.of(p.strengthMg() / 2, p.strengthMg()) : Stream.of(p.strengthMg()))
                .distinct()
                .sorted()
                .toList();

        // One case in six is a switch: the history is another drug, stopped yesterday.
        Ingredient historyDrug =
                random.nextInt(6) == 0 ? ingredients.get(random.nextInt(ingredients.size())) : ingredient;
        boolean switching = !historyDrug.equals(ingredient);
        List<Product> historyProducts = new ArrayList<>(tablets.get(historyDrug.name()));
        historyProducts.sort((a, b) -> a.rxnormCode().compareTo(b.rxnormCode()));
        Product historyProduct = historyProducts.get(random.nextInt(historyProducts.size()));
        int historyTimes = 1 + random.nextInt(3);
        int tabletsPer = 1 + random.nextInt(2);
        double historyMg = historyTimes * tabletsPer * historyProduct.strengthMg();
        // The draft's doses are fractions of the history dose in the draft's drug (Ashton).
        double prevMg = switching ? ingredient.mgForAshtonDe(historyDrug.ashtonDe(historyMg)) : historyMg;
        int exposureDays = random.nextBoolean() ? 200 : 30 + random.nextInt(60);

        Product draftProduct = products.get(random.nextInt(products.size()));
        int draftTimes = 1 + random.nextInt(3);
        String shape;
        List<Map<String, Object>> lines = new ArrayList<>();
        int kind = random.nextInt(5);
        double cut = 0.1 + random.nextDouble() * 0.85;
        switch (kind) {
            case 0 -> {
                shape = "cut to " + pct(cut) + " open";
                lines.add(line(null, mg(prevMg * cut / draftTimes), draftTimes, null, false));
            }
            case 1 -> {
                int days = 3 + random.nextInt(26);
                shape = "cut to " + pct(cut) + " for " + days + " days";
                lines.add(line(null, mg(prevMg * cut / draftTimes), draftTimes, days, false));
            }
            case 2 -> {
                int steps = 2 + random.nextInt(3);
                boolean ends = random.nextBoolean();
                StringBuilder text = new StringBuilder("plan");
                double fraction = 1.0;
                for (int s = 1; s <= steps; s++) {
                    fraction *= 0.55 + random.nextDouble() * 0.45;
                    boolean last = s == steps;
                    Integer days = last && !ends ? null : 7 * (1 + random.nextInt(2));
                    text.append(' ').append(pct(fraction)).append(days == null ? "" : "x" + days + "d");
                    lines.add(line(s, mg(prevMg * fraction / draftTimes), draftTimes, days, false));
                }
                shape = text.toString();
            }
            case 3 -> {
                // Explicit dates: a start from today up to 5 days ahead, an end 3 to 20 days later.
                int ahead = random.nextInt(6);
                int days = 3 + random.nextInt(18);
                shape = "cut to " + pct(cut) + " from +" + ahead + " d for " + days + " d (boundsPeriod)";
                Map<String, Object> dated = line(null, mg(prevMg * cut / draftTimes), draftTimes, null, false);
                @SuppressWarnings("unchecked")
                Map<String, Object> repeat = new LinkedHashMap<>(
                        (Map<String, Object>) ((Map<String, Object>) dated.get("timing")).get("repeat"));
                repeat.put(
                        "boundsPeriod",
                        Map.of(
                                "start", TODAY.plusDays(ahead).toString(),
                                "end", TODAY.plusDays(ahead + days - 1L).toString()));
                dated.put("timing", Map.of("repeat", repeat));
                lines.add(dated);
            }
            default -> {
                shape = "as needed only";
                lines.add(line(null, mg(prevMg / historyTimes), 1, null, true));
            }
        }
        boolean severeWithdrawal = random.nextInt(4) == 0;
        shape = (switching ? "switch from " + historyDrug.name() + " to " : "") + ingredient.name() + " "
                + historyProduct.strengthMg() + " mg x" + tabletsPer + " x" + historyTimes
                + "/day for " + exposureDays + " d -> " + draftProduct.strengthMg() + " mg product x" + draftTimes
                + "/day " + shape + (severeWithdrawal ? " + CIWA-B 65" : "");

        Map<String, Object> draft = new LinkedHashMap<>();
        draft.put("resourceType", "MedicationRequest");
        draft.put("id", "draft-1");
        draft.put("status", "draft");
        draft.put("intent", "order");
        draft.put("subject", Map.of("reference", "Patient/p1"));
        draft.put("medicationCodeableConcept", concept(draftProduct));
        draft.put("authoredOn", TODAY.toString());
        draft.put("dosageInstruction", lines);

        Map<String, Object> historyLine = new LinkedHashMap<>();
        historyLine.put(
                "timing",
                Map.of(
                        "repeat",
                        Map.of(
                                "frequency",
                                historyTimes,
                                "period",
                                1,
                                "periodUnit",
                                "d",
                                "boundsPeriod",
                                switching
                                        ? Map.of(
                                                "start",
                                                        TODAY.minusDays(exposureDays)
                                                                .toString(),
                                                "end", TODAY.minusDays(1).toString())
                                        : Map.of(
                                                "start",
                                                TODAY.minusDays(exposureDays).toString()))));
        historyLine.put(
                "doseAndRate",
                List.of(Map.of(
                        "doseQuantity",
                        Map.of("value", tabletsPer, "unit", "tablet", "system", UCUM, "code", "{tbl}"))));
        Map<String, Object> history = new LinkedHashMap<>();
        history.put("resourceType", "MedicationRequest");
        history.put("id", "rx-1");
        history.put("status", "active");
        history.put("intent", "order");
        history.put("subject", Map.of("reference", "Patient/p1"));
        history.put("medicationCodeableConcept", concept(historyProduct));
        history.put("authoredOn", TODAY.minusDays(exposureDays).toString());
        history.put("dosageInstruction", List.of(historyLine));

        List<Object> observations = new ArrayList<>();
        if (severeWithdrawal) {
            observations.add(Map.of(
                    "resource",
                    Map.of(
                            "resourceType", "Observation",
                            "id", "ciwa-1",
                            "status", "final",
                            "code",
                                    Map.of(
                                            "coding",
                                            List.of(Map.of(
                                                    "system",
                                                    "http://taper-cds.org/fhir/CodeSystem/withdrawal-assessment",
                                                    "code",
                                                    "ciwa-b-total"))),
                            "subject", Map.of("reference", "Patient/p1"),
                            "effectiveDateTime", TODAY.minusDays(2).toString(),
                            "valueQuantity",
                                    Map.of("value", 65, "unit", "{score}", "system", UCUM, "code", "{score}"))));
        }
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("hook", "order-sign");
        request.put("hookInstance", new UUID(SEED, index).toString());
        request.put(
                "context",
                Map.of(
                        "userId", "Practitioner/p",
                        "patientId", "p1",
                        "draftOrders",
                                Map.of(
                                        "resourceType",
                                        "Bundle",
                                        "type",
                                        "collection",
                                        "entry",
                                        List.of(Map.of("resource", draft)))));
        request.put(
                "prefetch",
                Map.of(
                        "patient", Map.of("resourceType", "Patient", "id", "p1", "gender", "female"),
                        "medications", bundle(List.of(Map.of("resource", history))),
                        "observations", bundle(observations),
                        "conditions", bundle(List.of())));
        JsonNode node = json.valueToTree(request);
        // In a switch the plan's first step is judged by the service's table choice; only later steps here.
        return new Case(
                index,
                shape,
                ingredient,
                strengths,
                products.get(0),
                switching ? Double.POSITIVE_INFINITY : prevMg,
                node);
    }

    private static Map<String, Object> bundle(List<Object> entries) {
        return Map.of("resourceType", "Bundle", "type", "searchset", "entry", entries, "total", entries.size());
    }

    private static Map<String, Object> concept(Product product) {
        return Map.of(
                "coding",
                List.of(Map.of("system", RXNORM, "code", product.rxnormCode(), "display", product.display())),
                "text",
                product.display());
    }

    private static Map<String, Object> line(
            Integer sequence, double mgPerAdministration, int times, Integer days, boolean asNeeded) {
        Map<String, Object> repeat = new LinkedHashMap<>();
        repeat.put("frequency", times);
        repeat.put("period", 1);
        repeat.put("periodUnit", "d");
        if (days != null) {
            repeat.put("boundsDuration", Map.of("value", days, "unit", "d", "system", UCUM, "code", "d"));
        }
        Map<String, Object> line = new LinkedHashMap<>();
        if (sequence != null) {
            line.put("sequence", sequence);
        }
        line.put("timing", Map.of("repeat", repeat));
        if (asNeeded) {
            line.put("asNeededBoolean", true);
        }
        line.put(
                "doseAndRate",
                List.of(Map.of(
                        "doseQuantity",
                        Map.of("value", mgPerAdministration, "unit", "mg", "system", UCUM, "code", "mg"))));
        return line;
    }

    private static double mg(double value) {
        return Math.max(
                0.001,
                BigDecimal.valueOf(value).setScale(3, RoundingMode.HALF_UP).doubleValue());
    }

    private static String pct(double fraction) {
        return Math.round(fraction * 100) + "%";
    }
}
