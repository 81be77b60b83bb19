package org.tapercds.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.tapercds.facts.Hook;
import org.tapercds.fhir.HookRequest;
import org.tapercds.fhir.HookRequestReader;
import org.tapercds.hooks.cards.CardsResponse;
import org.tapercds.system.ApiException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Coverage-guided fuzzing (Jazzer) of the request path minus HTTP: bytes → {@link JsonBodyParser}
 * → {@link HookRequestReader#read} (service chosen by the body's {@code hook}) → the real
 * evaluator on a pinned clock → JSON. Every input must end in cards or in an {@link ApiException}
 * with a 4xx code; any other exception is a finding.
 *
 * <p>In {@code mvn verify} this runs in regression mode: once per file of the seed corpus in
 * {@code src/test/resources/org/tapercds/hooks/RequestPathFuzzTestsInputs/} (the README and test
 * requests, plus inputs that once failed) and on the empty input. CI then fuzzes it for 60 s
 * ({@code .ci/run}); longer runs are on demand (README, Robustness). When fuzzing, the rule
 * packages are left uninstrumented (the pom's {@code fuzzing} profile says why).
 */
@SpringBootTest
@Import(BadInputCatalogueIT.FixedClock.class)
class RequestPathFuzzTests {

    /** The body limit of the service (the parser is handed bodies already read within it). */
    private static final int MAX_BODY_BYTES = 5 * 1024 * 1024;

    // The context of BadInputCatalogueIT (same configuration, so Spring's test cache shares it):
    // the real evaluator on the pinned clock.
    @Autowired
    private JsonBodyParser parser;

    @Autowired
    private HookRequestReader reader;

    @Autowired
    private HookEvaluator evaluator;

    @Autowired
    private ObjectMapper json;

    @FuzzTest(maxDuration = "60s")
    void anyBodyGetsCardsOrA4xx(byte[] body) {
        if (body.length > MAX_BODY_BYTES) {
            return; // refused with 413 before parsing
        }
        try {
            JsonNode tree = parser.parse(body);
            Hook hook = hookOf(tree);
            HookRequest request = reader.read(serviceFor(hook), hook, tree);
            CardsResponse cards = evaluator.evaluate(request);
            assertThat(json.writeValueAsString(cards)).startsWith("{\"cards\":[");
        } catch (ApiException e) {
            assertThat(e.code().status().is4xxClientError())
                    .as("%s is not a client error", e.code())
                    .isTrue();
            assertThat(e.details()).isNotEmpty();
        }
    }

    /** The hook the body names, so all three services are reached; order-sign otherwise. */
    private static Hook hookOf(JsonNode tree) {
        JsonNode hook = tree.isObject() ? tree.get("hook") : null;
        if (hook != null && hook.isString()) {
            for (Hook candidate : Hook.values()) {
                if (candidate.wireName().equals(hook.stringValue())) {
                    return candidate;
                }
            }
        }
        return Hook.ORDER_SIGN;
    }

    private static String serviceFor(Hook hook) {
        return switch (hook) {
            case ORDER_SIGN -> "benzo-taper-order-sign";
            case ORDER_SELECT -> "benzo-taper-order-select";
            case PATIENT_VIEW -> "benzo-taper-patient-view";
        };
    }
}
