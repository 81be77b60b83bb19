package org.tapercds.hooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.tapercds.fhir.RecentEntries;
import org.tapercds.system.ApiException;
import org.tapercds.system.BodyLimitProperties;
import org.tapercds.system.ErrorCode;
import org.tapercds.system.RequestBodyReader;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The body reader: strict JSON, and the prefetch Bundles' entries cut to the most recent while read. */
class JsonBodyParserTests {

    private final JsonBodyParser parser = new JsonBodyParser(
            new RequestBodyReader(new BodyLimitProperties(1_000_000)),
            JsonMapper.builder().build(),
            2);

    private JsonNode parse(String json) {
        return parser.parse(json.replace('\'', '"').getBytes(StandardCharsets.UTF_8));
    }

    private static String order(String id, String authoredOn) {
        return "{'resource': {'resourceType': 'MedicationRequest', 'id': '" + id + "'"
                + (authoredOn == null ? "" : ", 'authoredOn': '" + authoredOn + "'") + "}}";
    }

    @Test
    void keepsTheMostRecentEntriesOfAPrefetchBundleAndSaysHowManyItLeftOut() {
        JsonNode tree = parse("{'hook': 'order-sign', 'prefetch': {'medications': {'resourceType': 'Bundle', 'entry': ["
                + order("a", "2026-01-01") + "," + order("b", null) + "," + order("c", "2026-03-01") + ","
                + order("d", "2025-12-01") + "]}, 'patient': {'resourceType': 'Patient', 'id': 'p'}}}");

        JsonNode bundle = tree.get("prefetch").get("medications");
        assertThat(bundle.get("entry").valueStream().map(e -> e.at("/resource/id")
                        .stringValue()))
                .containsExactly("a", "c");
        assertThat(bundle.get(RecentEntries.LEFT_OUT).asInt()).isEqualTo(2);
        assertThat(tree.get("hook").stringValue()).isEqualTo("order-sign");
        assertThat(tree.at("/prefetch/patient/id").stringValue()).isEqualTo("p");
    }

    @Test
    void aBundleWithinTheLimitIsReadAsSent() {
        JsonNode bundle = parse("{'prefetch': {'medications': {'resourceType': 'Bundle', 'entry': ["
                        + order("a", "2026-01-01") + "," + order("b", null) + "]}}}")
                .at("/prefetch/medications");

        assertThat(bundle.get("entry")).hasSize(2);
        assertThat(bundle.has(RecentEntries.LEFT_OUT)).isFalse();
    }

    @Test
    void refusesDuplicateKeysAtEveryLevelTrailingContentAndTheReservedMember() {
        for (String bad : new String[] {
            "{'hook': 'a', 'hook': 'b'}",
            "{'prefetch': {'medications': {}, 'medications': {}}}",
            "{'prefetch': {'medications': {'entry': [], 'entry': []}}}",
            "{'prefetch': {'medications': {'entry': [{'resource': {'id': 'a', 'id': 'b'}}]}}}",
            "{'context': {'x': {'y': 1, 'y': 2}}}",
            "{'hook': 'a'} {}",
            "{'prefetch': {'medications': {'" + RecentEntries.LEFT_OUT + "': 5, 'entry': []}}}"
        }) {
            assertThatThrownBy(() -> parse(bad)).as(bad).isInstanceOfSatisfying(ApiException.class, e -> assertThat(
                            e.code())
                    .isEqualTo(ErrorCode.INVALID_JSON));
        }
    }
}
