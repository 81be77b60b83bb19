package org.tapercds.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.tapercds.evaluation.Evaluator;
import org.tapercds.evaluation.Service;
import org.tapercds.system.ApiException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Coverage-guided fuzzing (Jazzer) of the request path minus HTTP: bytes → {@link JsonBodyParser}
 * → the real {@link Evaluator} (service chosen by the body's {@code hook}) on a pinned clock →
 * JSON. Every input must end in cards or in an {@link ApiException}
 * with a 4xx code; any other exception is a finding.
 *
 * <p>In {@code mvn verify} this runs in regression mode: once per file of the seed corpus in
 * {@code src/test/resources/org/tapercds/hooks/RequestPathFuzzTestsInputs/} (the README and test
 * requests, plus inputs that once failed) and on the empty input. CI then fuzzes it for 60 s
 * ({@code .ci/run}); longer runs are on demand (docs/testing.md). When fuzzing, the rule
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
    private Evaluator evaluator;

    @Autowired
    private ObjectMapper json;

    @FuzzTest(maxDuration = "60s")
    void anyBodyGetsCardsOrA4xx(byte[] body) {
        if (body.length > MAX_BODY_BYTES) {
            return; // refused with 413 before parsing
        }
        try {
            JsonNode tree = parser.parse(body);
            String cards = json.writeValueAsString(
                    evaluator.evaluate(serviceOf(tree), tree).response());
            assertThat(cards).startsWith("{\"cards\":[");
        } catch (ApiException e) {
            assertThat(e.code().status().is4xxClientError())
                    .as("%s is not a client error", e.code())
                    .isTrue();
            assertThat(e.details()).isNotEmpty();
        }
    }

    /** The service of the hook the body names, so all three are reached; order-sign otherwise. */
    private static Service serviceOf(JsonNode tree) {
        JsonNode hook = tree.isObject() ? tree.get("hook") : null;
        if (hook != null && hook.isString()) {
            for (Service candidate : Service.values()) {
                if (candidate.hook().wireName().equals(hook.stringValue())) {
                    return candidate;
                }
            }
        }
        return Service.ORDER_SIGN;
    }
}
