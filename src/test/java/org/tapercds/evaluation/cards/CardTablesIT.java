package org.tapercds.evaluation.cards;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.tapercds.evaluation.ScenarioCalls;
import org.tapercds.evaluation.scenarios.Scenario;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A table in a card's detail shows at most {@code cards.max-table-rows} rows and counts the rest,
 * so a huge call cannot make a huge card (orders, which have no dates, keep the first rows).
 */
@SpringBootTest
class CardTablesIT {

    private final ScenarioCalls calls;

    CardTablesIT(@Autowired ApplicationContext context) {
        this.calls = new ScenarioCalls(context);
    }

    @Test
    void aTableShowsItsRowLimitAndCountsTheRest() {
        Scenario scenario = calls.scenario("dose-quality/scenarios/fires-text-only-dosage.json");
        JsonNode request = scenario.request().deepCopy();
        ArrayNode entries =
                (ArrayNode) request.get("context").get("draftOrders").get("entry");
        JsonNode draft = entries.get(0);
        entries.removeAll();
        for (int i = 1; i <= 200; i++) {
            ObjectNode copy = (ObjectNode) draft.deepCopy();
            ((ObjectNode) copy.get("resource")).put("id", "draft-" + i);
            entries.add(copy);
        }
        int maxRows = calls.ruleBase().settings().maxTableRows();

        Card card = calls.evaluate(scenario, request).wireCards().get(0);

        assertThat(card.summary()).contains("(and 199 more)");
        assertThat(card.detail())
                .contains("| … | " + (200 - maxRows) + " more orders not shown | |")
                .contains("| draft-1 (draft) |")
                .contains("| draft-" + maxRows + " (draft) |")
                .doesNotContain("| draft-" + (maxRows + 1) + " (draft) |");
        assertThat(card.detail().lines().filter(line -> line.startsWith("| draft-")))
                .hasSize(maxRows);
    }
}
