package org.tapercds.hooks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;
import org.tapercds.fhir.HookRequest;
import org.tapercds.fhir.HookRequestReader;
import org.tapercds.hooks.cards.Card;
import org.tapercds.rules.RuleBase;
import org.tapercds.system.ApiException;
import org.tapercds.system.MountedFiles;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Runs scenario files through the same path as a real call (envelope checks, HAPI parsing,
 * timeline, rules, cards) with the scenario's pinned day, on a given rule base.
 */
@Component
public class ScenarioRunner {

    private final CdsServiceCatalog catalog;
    private final HookRequestReader reader;
    private final TaperHookEvaluator evaluator;
    private final ObjectMapper json;

    ScenarioRunner(
            CdsServiceCatalog catalog, HookRequestReader reader, TaperHookEvaluator evaluator, ObjectMapper json) {
        this.catalog = catalog;
        this.reader = reader;
        this.evaluator = evaluator;
        this.json = json;
    }

    /** The result of one scenario: passed, or what differed. */
    public record Result(Scenario scenario, boolean passed, String message) {}

    /** Every {@code scenarios/*.json} below the rules directory, sorted by path. */
    public List<Scenario> load(Path rulesDir) {
        Path root = rulesDir.toAbsolutePath().normalize();
        List<Scenario> scenarios = new ArrayList<>();
        try {
            for (Path file : MountedFiles.list(root).stream()
                    .filter(p -> p.getParent() != null
                            && p.getParent().getFileName().toString().equals("scenarios")
                            && p.toString().endsWith(".json"))
                    .toList()) {
                scenarios.add(parse(file, root.relativize(file).toString().replace('\\', '/')));
            }
        } catch (IOException e) {
            throw new ScenarioException(rulesDir + ": scenarios cannot be listed (" + e.getMessage() + ")");
        }
        return scenarios;
    }

    private Scenario parse(Path file, String name) {
        JsonNode root;
        try {
            root = json.readTree(Files.readString(file));
        } catch (IOException | JacksonException e) {
            throw new ScenarioException(name + ": not valid JSON (" + e.getMessage() + ")");
        }
        Instant now;
        try {
            now = Instant.parse(text(root, "now", name));
        } catch (DateTimeParseException e) {
            throw new ScenarioException(name + ": now must be an instant such as 2026-11-22T10:00:00Z");
        }
        JsonNode request = root.get("request");
        JsonNode expect = root.get("expect");
        if (request == null || !request.isObject() || expect == null || !expect.has("cards")) {
            throw new ScenarioException(name + ": needs request and expect.cards");
        }
        List<Scenario.ExpectedCard> cards = new ArrayList<>();
        for (JsonNode card : expect.get("cards")) {
            JsonNode suggestion = card.get("suggestion");
            cards.add(new Scenario.ExpectedCard(
                    text(card, "category", name),
                    text(card, "indicator", name),
                    suggestion == null || suggestion.isNull() ? null : suggestion.asString(),
                    suggestion != null && suggestion.isNull()));
        }
        List<String> absent = new ArrayList<>();
        if (expect.has("absent")) {
            expect.get("absent").forEach(a -> absent.add(a.asString()));
        }
        String description = root.has("description") ? root.get("description").asString() : "";
        return new Scenario(file, name, description, now, text(root, "service", name), request, cards, absent);
    }

    private static String text(JsonNode node, String field, String name) {
        JsonNode value = node.get(field);
        if (value == null || !value.isString()) {
            throw new ScenarioException(name + ": " + field + " must be a string");
        }
        return value.asString();
    }

    /** Runs one scenario on a rule base. */
    public Result run(Scenario scenario, RuleBase ruleBase) {
        CdsServiceCatalog.Definition service = catalog.find(scenario.service()).orElse(null);
        if (service == null) {
            return new Result(scenario, false, "unknown service " + scenario.service());
        }
        List<Card> cards;
        try {
            HookRequest request = reader.read(service.id(), service.hook(), scenario.request());
            cards = evaluator.evaluate(request, ruleBase, LocalDate.ofInstant(scenario.now(), ZoneOffset.UTC));
        } catch (ApiException e) {
            return new Result(scenario, false, "the request was refused: " + e.getMessage());
        }
        String serialized = json.writeValueAsString(cards);
        if (serialized.contains(":null")) {
            return new Result(scenario, false, "a card contains null: " + serialized);
        }
        List<String> problems = new ArrayList<>();
        List<String> actual = cards.stream()
                .map(c -> c.source().topic().code() + "/" + c.indicator())
                .toList();
        List<String> expected = scenario.cards().stream()
                .map(c -> c.category() + "/" + c.indicator())
                .toList();
        if (!actual.equals(expected)) {
            problems.add("expected cards " + expected + " but got " + actual);
        } else {
            for (int i = 0; i < cards.size(); i++) {
                check(scenario.cards().get(i), cards.get(i), problems);
            }
        }
        for (String category : scenario.absent()) {
            if (cards.stream().anyMatch(c -> c.source().topic().code().equals(category))) {
                problems.add("expected no " + category + " card");
            }
        }
        for (Card card : cards) {
            if (card.summary().length() >= 140) {
                problems.add("summary of " + card.source().topic().code() + " is 140 characters or longer");
            }
        }
        return new Result(scenario, problems.isEmpty(), String.join("; ", problems));
    }

    private static void check(Scenario.ExpectedCard expected, Card card, List<String> problems) {
        List<Card.Suggestion> suggestions = card.suggestions() == null ? List.of() : card.suggestions();
        if (expected.noSuggestion()) {
            if (!suggestions.isEmpty()) {
                problems.add(expected.category() + ": expected no suggestion but got "
                        + suggestions.get(0).label());
            }
        } else if (expected.suggestion() != null
                && (suggestions.isEmpty() || !suggestions.get(0).label().contains(expected.suggestion()))) {
            problems.add(expected.category() + ": expected a suggestion containing \"" + expected.suggestion()
                    + "\" but got "
                    + (suggestions.isEmpty()
                            ? "none"
                            : "\"" + suggestions.get(0).label() + "\""));
        }
    }
}
