package org.tapercds.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.web.context.WebApplicationContext;
import org.tapercds.system.ErrorCode;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A catalogue of bad inputs against the real service (real rule base and evaluator, default 5 MB
 * body limit, pinned clock): every one gets a 4xx with an OperationOutcome, or — where the input
 * is valid FHIR that is clinically incomplete — a 200 with cards. Never a 5xx (SPEC §3 errors).
 */
@SpringBootTest
@Import(BadInputCatalogueIT.FixedClock.class)
class BadInputCatalogueIT {

    private static final String ORDER_SIGN = "benzo-taper-order-sign";
    private static final String ORDER_SELECT = "benzo-taper-order-select";
    private static final String PATIENT_VIEW = "benzo-taper-patient-view";
    private static final int LIMIT = 5 * 1024 * 1024;
    private static final FhirContext FHIR = FhirContext.forR4Cached();

    private static final Set<Integer> BAD_REQUEST = Set.of(400);
    private static final Set<Integer> OK = Set.of(200);
    /** Valid JSON that HAPI may refuse (400) or read as an incomplete order (200, unassessable). */
    private static final Set<Integer> REFUSED_OR_UNASSESSABLE = Set.of(200, 400);

    @TestConfiguration(proxyBeanMethods = false)
    static class FixedClock {
        @Bean
        @Primary
        Clock fixedClock() {
            return Clock.fixed(EdgeTestConfiguration.NOW, ZoneOffset.UTC);
        }
    }

    /** One bad input: where it goes, the raw body, and the statuses it may get. */
    record Case(String name, String service, String contentType, byte[] body, Set<Integer> allowed, String card) {
        @Override
        public String toString() {
            return name;
        }
    }

    private final MockMvcTester mvc;

    BadInputCatalogueIT(@Autowired WebApplicationContext context) {
        this.mvc = MockMvcTester.from(context);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("catalogue")
    void badInputGetsAClearAnswerNeverA5xx(Case c) {
        MvcTestResult result = mvc.post()
                .uri("/cds-services/" + c.service())
                .contentType(c.contentType())
                .content(c.body())
                .exchange();
        int status = result.getResponse().getStatus();
        String body = new String(result.getResponse().getContentAsByteArray(), StandardCharsets.UTF_8);

        assertThat(status).as(c.name() + " answered " + body).isIn(c.allowed());
        if (status >= 400) {
            assertThat(result.getResponse().getContentType()).startsWith("application/fhir+json");
            assertThat(body).doesNotContain("Exception").doesNotContain("\tat ");
            OperationOutcome outcome = FHIR.newJsonParser().parseResource(OperationOutcome.class, body);
            assertThat(outcome.getIssueFirstRep()
                            .getDetails()
                            .getCodingFirstRep()
                            .getSystem())
                    .isEqualTo(ErrorCode.SYSTEM);
        } else {
            JsonNode cards = EdgeClient.JSON.readTree(body).get("cards");
            assertThat(cards).as(body).isNotNull();
            if (c.card() != null) {
                assertThat(body).as(c.name()).contains("\"" + c.card() + "\"");
            }
        }
    }

    @Test
    void theCatalogueIsLarge() {
        assertThat(catalogue()).hasSizeGreaterThanOrEqualTo(80);
    }

    // ----- the catalogue -----

    static List<Case> catalogue() {
        List<Case> cases = new ArrayList<>();
        // Not JSON, or not an object.
        raw(cases, "malformed JSON", "{\"hook\": \"order-sign\", ");
        raw(cases, "empty body", "");
        raw(cases, "whitespace body", "   \n ");
        raw(cases, "null body", "null");
        raw(cases, "array body", "[1, 2]");
        raw(cases, "string body", "\"order-sign\"");
        raw(cases, "number body", "42");
        raw(cases, "trailing content", json(base()) + " {}");
        raw(cases, "duplicate keys", "{\"hook\": \"order-sign\", \"hook\": \"patient-view\"}");
        raw(cases, "NaN literal", json(base()).replace("\"value\":1", "\"value\":NaN"));
        raw(cases, "single quotes", "{'hook': 'order-sign'}");
        raw(cases, "comments", "/* hi */ " + json(base()));
        raw(cases, "unescaped control character", "{\"hook\": \"order\u0001-sign\"}");
        raw(cases, "number with 2000 digits", "{\"hook\": " + "9".repeat(2000) + "}");
        raw(cases, "100k nested arrays", "[".repeat(100_000) + "]".repeat(100_000));
        raw(cases, "100k nested objects", "{\"a\":".repeat(100_000) + "1" + "}".repeat(100_000));
        raw(cases, "600 nested arrays in prefetch", nestedInPrefetch(600));
        raw(cases, "2000 nested arrays in prefetch", nestedInPrefetch(2000));
        cases.add(new Case(
                "invalid UTF-8 bytes in a string",
                ORDER_SIGN,
                "application/json",
                withBytes(json(base()), "pat-example\"", new byte[] {(byte) 0xC3, 0x28}),
                BAD_REQUEST,
                null));
        cases.add(new Case(
                "Latin-1 byte in a string",
                ORDER_SIGN,
                "application/json",
                withBytes(json(base()), "enc1", new byte[] {(byte) 0xE9}),
                BAD_REQUEST,
                null));
        cases.add(new Case(
                "lone 0xFF byte", ORDER_SIGN, "application/json", new byte[] {(byte) 0xFF}, BAD_REQUEST, null));
        cases.add(new Case("body over the 5 MB limit", ORDER_SIGN, "application/json", oversized(), Set.of(413), null));
        cases.add(new Case("text/plain body", ORDER_SIGN, "text/plain", bytes(json(base())), Set.of(415), null));
        cases.add(new Case(
                "unknown service", "no-such-service", "application/json", bytes(json(base())), Set.of(404), null));
        cases.add(new Case(
                "wrong hook for the service",
                PATIENT_VIEW,
                "application/json",
                bytes(json(base())),
                BAD_REQUEST,
                null));

        // Envelope fields: wrong types and missing.
        for (String field : List.of("hook", "hookInstance", "context")) {
            mutate(cases, "missing " + field, r -> r.remove(field), BAD_REQUEST);
            wrongTypes(cases, field, r -> r, field);
        }
        mutate(cases, "hook of another service", r -> r.put("hook", "patient-view"), BAD_REQUEST);
        mutate(cases, "hook empty", r -> r.put("hook", ""), BAD_REQUEST);
        wrongTypes(cases, "fhirServer", r -> r, "fhirServer");
        mutate(cases, "fhirServer not a URL", r -> r.put("fhirServer", "::not a url"), BAD_REQUEST);
        mutate(cases, "fhirServer ftp", r -> r.put("fhirServer", "ftp://example.org/fhir"), BAD_REQUEST);
        mutate(cases, "fhirAuthorization a string", r -> r.put("fhirAuthorization", "Bearer x"), BAD_REQUEST);

        // context.
        mutate(cases, "missing patientId", r -> ctx(r).remove("patientId"), BAD_REQUEST);
        wrongTypes(cases, "context.patientId", BadInputCatalogueIT::ctx, "patientId");
        for (String id : List.of("", "Patient/", "a b", "x".repeat(65), "Practitioner/dr1", "../etc/passwd")) {
            mutate(cases, "patientId '" + abbreviate(id) + "'", r -> ctx(r).put("patientId", id), BAD_REQUEST);
        }
        mutate(cases, "patientId of another patient", r -> ctx(r).put("patientId", "other"), BAD_REQUEST);
        mutate(cases, "userId a number", r -> ctx(r).put("userId", 7), BAD_REQUEST);
        mutate(cases, "missing draftOrders", r -> ctx(r).remove("draftOrders"), BAD_REQUEST);
        wrongTypes(cases, "context.draftOrders", BadInputCatalogueIT::ctx, "draftOrders");
        mutate(cases, "draftOrders without resourceType", r -> drafts(r).remove("resourceType"), BAD_REQUEST);
        mutate(cases, "draftOrders a Patient", r -> drafts(r).put("resourceType", "Patient"), BAD_REQUEST);
        mutate(cases, "draftOrders of unknown type", r -> drafts(r).put("resourceType", "Frobnicator"), BAD_REQUEST);
        mutate(cases, "draftOrders entry a string", r -> drafts(r).set("entry", array().add("x")), BAD_REQUEST);
        mutate(cases, "draftOrders entry a number", r -> ((ArrayNode) drafts(r).get("entry")).add(42), BAD_REQUEST);
        mutate(cases, "draftOrders entry an object", r -> drafts(r).putObject("entry"), BAD_REQUEST);
        mutate(cases, "draft resource of unknown type", r -> draft(r).put("resourceType", "Frobnicator"), BAD_REQUEST);
        mutate(cases, "draft resource a number", r -> draftEntry(r).put("resource", 42), BAD_REQUEST);
        mutate(cases, "draft without resourceType", r -> draft(r).remove("resourceType"), BAD_REQUEST);
        mutate(cases, "draft id a number", r -> draft(r).put("id", 42), BAD_REQUEST);
        mutate(cases, "draft status unknown", r -> draft(r).put("status", "maybe"), BAD_REQUEST);
        mutate(cases, "draft dosageInstruction a string", r -> draft(r).put("dosageInstruction", "1 tab"), BAD_REQUEST);
        mutate(
                cases,
                "draft for another patient",
                r -> draft(r).putObject("subject").put("reference", "Patient/x"),
                BAD_REQUEST);

        // order-select selections.
        selections(cases, "selections missing", null);
        selections(
                cases, "selections a string", EdgeClient.JSON.getNodeFactory().stringNode("MedicationRequest/draft-1"));
        selections(cases, "selections empty", array());
        selections(cases, "selections a number", array().add(42));
        selections(cases, "selections not a reference", array().add("draft 1"));
        selections(cases, "selections an object", EdgeClient.JSON.createObjectNode());

        // prefetch.
        wrongTypes(cases, "prefetch", r -> r, "prefetch");
        mutate(cases, "prefetch missing", r -> r.remove("prefetch"), Set.of(412));
        mutate(cases, "prefetch key missing", r -> prefetch(r).remove("medications"), Set.of(412));
        mutate(
                cases,
                "prefetch key an OperationOutcome",
                r -> prefetch(r).putObject("medications").put("resourceType", "OperationOutcome"),
                Set.of(412));
        for (String key : List.of("patient", "medications", "observations", "conditions")) {
            mutate(cases, "prefetch." + key + " a string", r -> prefetch(r).put(key, "x"), BAD_REQUEST);
            mutate(
                    cases,
                    "prefetch." + key + " a number",
                    r -> prefetch(r).put(key, new java.math.BigDecimal("1e400")),
                    BAD_REQUEST);
            mutate(cases, "prefetch." + key + " an array", r -> prefetch(r).set(key, array().add(1)), BAD_REQUEST);
            mutate(
                    cases,
                    "prefetch." + key + " unknown type",
                    r -> prefetch(r).putObject(key).put("resourceType", "Frobnicator"),
                    BAD_REQUEST);
        }
        mutate(
                cases,
                "prefetch.patient an Observation",
                r -> ((ObjectNode) prefetch(r).get("patient")).put("resourceType", "Observation"),
                BAD_REQUEST);
        mutate(cases, "prefetch.medications entry a string", r -> meds(r).set("entry", array().add("x")), BAD_REQUEST);
        mutate(
                cases,
                "prefetch.medications entry resource a string",
                r -> medEntry(r).put("resource", "x"),
                BAD_REQUEST);
        mutate(
                cases,
                "prefetch.medications entry of unknown type",
                r -> medEntry(r).putObject("resource").put("resourceType", "Frobnicator"),
                BAD_REQUEST);
        mutate(
                cases,
                "prefetch.medications entry without resource",
                r -> medEntry(r).remove("resource"),
                OK);
        mutate(
                cases,
                "prefetch.medications entry resource null",
                r -> medEntry(r).putNull("resource"),
                BAD_REQUEST);
        mutate(cases, "prefetch.medications entry null", r -> meds(r).putNull("entry"), OK);
        mutate(cases, "prefetch.medications _entry", r -> meds(r).putObject("_entry"), BAD_REQUEST);
        mutate(
                cases,
                "prefetch.medications entry search mode unknown",
                r -> medEntry(r).putObject("search").put("mode", "sideways"),
                BAD_REQUEST);
        mutate(
                cases,
                "draftOrders entry an empty MedicationRequest",
                r -> ((ArrayNode) drafts(r).get("entry"))
                        .addObject()
                        .putObject("resource")
                        .put("resourceType", "MedicationRequest"),
                OK);
        // Found by RequestPathFuzzTests (500s): a history order without an id behind a taper-rate
        // card; a history order without an intent or status.
        mutate(cases, "history order without id", r -> histMed(r).remove("id"), OK, "taper-rate-exceeded");
        mutate(
                cases,
                "draft order without dose",
                r -> ((ObjectNode) draft(r).get("dosageInstruction").get(0)).remove("doseAndRate"),
                OK,
                "dose-unassessable");
        mutate(
                cases,
                "draft order without id and without dose",
                r -> {
                    draft(r).remove("id");
                    ((ObjectNode) draft(r).get("dosageInstruction").get(0)).remove("doseAndRate");
                },
                OK,
                "dose-unassessable");
        mutate(cases, "history order without intent", r -> histMed(r).remove("intent"), OK);
        mutate(cases, "history order without status", r -> histMed(r).remove("status"), OK);
        mutate(cases, "draft order without intent or status", r -> draft(r).remove(List.of("intent", "status")), OK);
        mutate(cases, "draft order without id", r -> draft(r).remove("id"), OK);

        // Numbers, doses and dates inside valid-looking FHIR.
        dose(cases, "dose 1e400", d -> d.put("value", new java.math.BigDecimal("1e400")), REFUSED_OR_UNASSESSABLE);
        dose(cases, "dose -1e400", d -> d.put("value", new java.math.BigDecimal("-1e400")), REFUSED_OR_UNASSESSABLE);
        dose(cases, "dose 1e-400", d -> d.put("value", new java.math.BigDecimal("1e-400")), REFUSED_OR_UNASSESSABLE);
        dose(
                cases,
                "dose with 900 digits",
                d -> d.put("value", new java.math.BigDecimal("1".repeat(900))),
                REFUSED_OR_UNASSESSABLE);
        dose(cases, "dose negative", d -> d.put("value", -1), OK, "dose-unassessable");
        dose(cases, "dose zero", d -> d.put("value", 0), OK);
        dose(cases, "dose a string", d -> d.put("value", "one"), BAD_REQUEST);
        dose(cases, "dose unit unknown", d -> d.put("code", "furlong").put("unit", "furlong"), OK, "dose-unassessable");
        dose(cases, "dose without value", d -> d.remove("value"), OK, "dose-unassessable");
        repeat(
                cases,
                "frequency 2^63",
                r -> r.put("frequency", new java.math.BigInteger("9223372036854775808")),
                REFUSED_OR_UNASSESSABLE);
        repeat(cases, "frequency -1", r -> r.put("frequency", -1), REFUSED_OR_UNASSESSABLE);
        repeat(cases, "frequency 0", r -> r.put("frequency", 0), REFUSED_OR_UNASSESSABLE);
        repeat(cases, "frequency 2^31", r -> r.put("frequency", 2147483648L), REFUSED_OR_UNASSESSABLE);
        repeat(cases, "period 0", r -> r.put("period", 0), REFUSED_OR_UNASSESSABLE);
        repeat(cases, "period -1", r -> r.put("period", -1), REFUSED_OR_UNASSESSABLE);
        repeat(cases, "period 1e400", r -> r.put("period", new java.math.BigDecimal("1e400")), REFUSED_OR_UNASSESSABLE);
        repeat(
                cases,
                "period 1e-400",
                r -> r.put("period", new java.math.BigDecimal("1e-400")),
                REFUSED_OR_UNASSESSABLE);
        repeat(cases, "periodUnit unknown", r -> r.put("periodUnit", "fortnight"), REFUSED_OR_UNASSESSABLE);
        repeat(
                cases,
                "boundsDuration 1e18 years",
                r -> r.putObject("boundsDuration")
                        .put("value", 1e18)
                        .put("unit", "a")
                        .put("system", "http://unitsofmeasure.org")
                        .put("code", "a"),
                REFUSED_OR_UNASSESSABLE);
        for (String date : List.of(
                "2026-02-30",
                "0000-01-01",
                "99999-01-01",
                "2026-13-01",
                "-2026-01-01",
                "1-1-1",
                "2026-11-22T25:00:00Z",
                "")) {
            repeat(
                    cases,
                    "boundsPeriod.start '" + date + "'",
                    r -> r.putObject("boundsPeriod").put("start", date),
                    REFUSED_OR_UNASSESSABLE);
            mutate(
                    cases,
                    "history authoredOn '" + date + "'",
                    r -> histMed(r).put("authoredOn", date),
                    REFUSED_OR_UNASSESSABLE);
        }
        repeat(
                cases,
                "boundsPeriod.end before start",
                r -> r.putObject("boundsPeriod").put("start", "2026-11-22").put("end", "2026-01-01"),
                REFUSED_OR_UNASSESSABLE);
        mutate(
                cases,
                "history bounds 0001 to 9999",
                r -> histRepeat(r)
                        .putObject("boundsPeriod")
                        .put("start", "0001-01-01")
                        .put("end", "9999-12-31"),
                REFUSED_OR_UNASSESSABLE);

        // Long strings (under the body limit).
        mutate(cases, "hookInstance of 1 MB", r -> r.put("hookInstance", "h".repeat(1_000_000)), Set.of(200, 400));
        mutate(
                cases,
                "medication text of 1 MB",
                r -> ((ObjectNode) draft(r).get("medicationCodeableConcept")).put("text", "t".repeat(1_000_000)),
                Set.of(200, 400));
        mutate(
                cases,
                "RxNorm code of 100 kB",
                r -> ((ObjectNode) draft(r).get("medicationCodeableConcept")
                                .get("coding")
                                .get(0))
                        .put("code", "9".repeat(100_000)),
                Set.of(200, 400));
        mutate(
                cases,
                "100k unknown top-level fields",
                r -> {
                    for (int i = 0; i < 100_000; i++) {
                        r.put("x" + i, i);
                    }
                },
                Set.of(200, 400));
        return cases;
    }

    // ----- builders -----

    static ObjectNode base() {
        return EdgeClient.example(EdgeClient.ORDER_SIGN_EXAMPLE);
    }

    static String json(JsonNode node) {
        return EdgeClient.JSON.writeValueAsString(node);
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static ArrayNode array() {
        return EdgeClient.JSON.createArrayNode();
    }

    static ObjectNode ctx(ObjectNode r) {
        return (ObjectNode) r.get("context");
    }

    static ObjectNode prefetch(ObjectNode r) {
        return (ObjectNode) r.get("prefetch");
    }

    static ObjectNode drafts(ObjectNode r) {
        return (ObjectNode) ctx(r).get("draftOrders");
    }

    static ObjectNode draftEntry(ObjectNode r) {
        return (ObjectNode) drafts(r).get("entry").get(0);
    }

    static ObjectNode draft(ObjectNode r) {
        return (ObjectNode) draftEntry(r).get("resource");
    }

    static ObjectNode meds(ObjectNode r) {
        return (ObjectNode) prefetch(r).get("medications");
    }

    static ObjectNode medEntry(ObjectNode r) {
        return (ObjectNode) meds(r).get("entry").get(0);
    }

    static ObjectNode histMed(ObjectNode r) {
        return (ObjectNode) medEntry(r).get("resource");
    }

    static ObjectNode histRepeat(ObjectNode r) {
        return (ObjectNode)
                histMed(r).get("dosageInstruction").get(0).get("timing").get("repeat");
    }

    static void raw(List<Case> cases, String name, String body) {
        cases.add(new Case(name, ORDER_SIGN, "application/json", bytes(body), BAD_REQUEST, null));
    }

    static void mutate(List<Case> cases, String name, Consumer<ObjectNode> change, Set<Integer> allowed) {
        mutate(cases, name, change, allowed, null);
    }

    static void mutate(List<Case> cases, String name, Consumer<ObjectNode> change, Set<Integer> allowed, String card) {
        ObjectNode request = base();
        change.accept(request);
        cases.add(new Case(name, ORDER_SIGN, "application/json", bytes(json(request)), allowed, card));
    }

    /** The field set to each JSON type it must not have. */
    static void wrongTypes(
            List<Case> cases, String path, java.util.function.Function<ObjectNode, ObjectNode> parent, String field) {
        Stream.of("number", "true", "null", "array", "object", "string")
                .filter(type -> !(type.equals("object")
                        && (field.equals("context") || field.equals("prefetch") || field.equals("draftOrders"))))
                .filter(type -> !(type.equals("string")
                        && !(field.equals("context") || field.equals("prefetch") || field.equals("draftOrders"))))
                .filter(type -> !(type.equals("null") && field.equals("prefetch")))
                .forEach(type -> mutate(
                        cases,
                        path + " " + type,
                        r -> {
                            ObjectNode p = parent.apply(r);
                            switch (type) {
                                case "number" -> p.put(field, 12345678901234567890.0);
                                case "true" -> p.put(field, true);
                                case "null" -> p.putNull(field);
                                case "array" -> p.set(field, array().add("x"));
                                case "object" -> p.putObject(field).put("a", 1);
                                default -> p.put(field, "x");
                            }
                        },
                        field.equals("fhirServer") && type.equals("null") ? Set.of(200, 400) : BAD_REQUEST));
    }

    static void selections(List<Case> cases, String name, JsonNode value) {
        ObjectNode request = base();
        request.put("hook", "order-select");
        if (value != null) {
            ctx(request).set("selections", value);
        }
        cases.add(new Case(name, ORDER_SELECT, "application/json", bytes(json(request)), BAD_REQUEST, null));
    }

    static void dose(List<Case> cases, String name, Consumer<ObjectNode> change, Set<Integer> allowed) {
        dose(cases, name, change, allowed, null);
    }

    static void dose(List<Case> cases, String name, Consumer<ObjectNode> change, Set<Integer> allowed, String card) {
        mutate(
                cases,
                "draft " + name,
                r -> change.accept((ObjectNode) draft(r).get("dosageInstruction")
                        .get(0)
                        .get("doseAndRate")
                        .get(0)
                        .get("doseQuantity")),
                allowed,
                card);
        mutate(
                cases,
                "history " + name,
                r -> change.accept((ObjectNode) histMed(r)
                        .get("dosageInstruction")
                        .get(0)
                        .get("doseAndRate")
                        .get(0)
                        .get("doseQuantity")),
                allowed,
                card);
    }

    static void repeat(List<Case> cases, String name, Consumer<ObjectNode> change, Set<Integer> allowed) {
        mutate(
                cases,
                "draft " + name,
                r -> change.accept((ObjectNode)
                        draft(r).get("dosageInstruction").get(0).get("timing").get("repeat")),
                allowed);
        mutate(cases, "history " + name, r -> change.accept(histRepeat(r)), allowed);
    }

    static String nestedInPrefetch(int depth) {
        ObjectNode request = base();
        prefetch(request).put("conditions", "NESTED");
        String nested = "[".repeat(depth) + "]".repeat(depth);
        return json(request).replace("\"NESTED\"", nested);
    }

    static byte[] withBytes(String text, String after, byte[] inserted) {
        int at = text.indexOf(after);
        assertThat(at).as("marker " + after).isNotNegative();
        byte[] head = bytes(text.substring(0, at + after.length() - 1));
        byte[] tail = bytes(text.substring(at + after.length() - 1));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(head);
        out.writeBytes(inserted);
        out.writeBytes(tail);
        return out.toByteArray();
    }

    static byte[] oversized() {
        byte[] body = new byte[LIMIT + 1];
        Arrays.fill(body, (byte) ' ');
        byte[] start = bytes(json(base()));
        System.arraycopy(start, 0, body, 0, start.length);
        return body;
    }

    static String abbreviate(String s) {
        return s.length() > 20 ? s.substring(0, 20) + "…" : s;
    }
}
