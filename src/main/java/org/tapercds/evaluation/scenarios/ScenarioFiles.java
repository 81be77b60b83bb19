package org.tapercds.evaluation.scenarios;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.tapercds.rules.ScenarioCount;
import org.tapercds.system.MountedFiles;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** Reads the scenario files of a rules directory ({@code rules/<folder>/scenarios/*.json}). */
public final class ScenarioFiles {

    private final ObjectMapper json;

    public ScenarioFiles(ObjectMapper json) {
        this.json = json;
    }

    /** Every {@code scenarios/*.json} below the rules directory, sorted by path. */
    public List<Scenario> load(Path rulesDir) {
        Path root = rulesDir.toAbsolutePath().normalize();
        List<Scenario> scenarios = new ArrayList<>();
        try {
            for (Path file : MountedFiles.list(root).stream()
                    .filter(ScenarioCount::isScenarioFile)
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
            JsonNode plan = card.get("plan");
            cards.add(new Scenario.ExpectedCard(
                    text(card, "category", name),
                    text(card, "indicator", name),
                    suggestion == null || suggestion.isNull() ? null : suggestion.asString(),
                    suggestion != null && suggestion.isNull(),
                    plan == null || plan.isNull() ? null : plan.asString(),
                    plan != null && plan.isNull(),
                    card.has("action") ? card.get("action").asString() : null));
        }
        String description = root.has("description") ? root.get("description").asString() : "";
        return new Scenario(
                file,
                name,
                description,
                now,
                text(root, "service", name),
                request,
                cards,
                strings(expect, "absent"),
                strings(expect, "rules"),
                expect.has("oneProposal") && expect.get("oneProposal").asBoolean());
    }

    private static List<String> strings(JsonNode expect, String field) {
        List<String> values = new ArrayList<>();
        if (expect.has(field)) {
            expect.get(field).forEach(a -> values.add(a.asString()));
        }
        return values;
    }

    private static String text(JsonNode node, String field, String name) {
        JsonNode value = node.get(field);
        if (value == null || !value.isString()) {
            throw new ScenarioException(name + ": " + field + " must be a string");
        }
        return value.asString();
    }
}
