package org.tapercds.hooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tapercds.hooks.EdgeClient.example;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.web.context.WebApplicationContext;
import org.tapercds.fhir.InProcessFhirServer;
import org.tapercds.system.ErrorCode;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The prefetch fallback (SPEC §3) against a real HAPI FHIR server in this JVM, through the whole
 * application: missing keys fetched with the discovery queries and the call's bearer token, pages
 * followed; a slow, failing or absent server answered 412 within the budget; a {@code fhirServer}
 * outside {@code taper.fhir.allowed-servers} answered 400 without a connection.
 */
@SpringBootTest(
        properties = {
            "taper.fhir.fallback.max-pages=" + PrefetchFallbackIT.MAX_PAGES,
            // One evaluation slot: a call waiting on the FHIR server must not hold it (ADR 0009).
            "taper.evaluation.concurrency=1"
        })
@Import(PrefetchFallbackIT.Setup.class)
@ExtendWith(OutputCaptureExtension.class)
class PrefetchFallbackIT {

    private static final String ORDER_SIGN = "benzo-taper-order-sign";
    private static final String PATIENT = "pat-example";
    private static final String TOKEN = "secret-access-token-4f1c";
    /** The default budget; the margin is generous for a loaded 2-core machine. */
    private static final long BUDGET_MS = 1_000;

    private static final long MARGIN_MS = 500;
    /** The server pages searches by 5: the history order the taper card needs is on page 2. */
    private static final int PAGE_SIZE = 5;
    /** Two pages per key here (10 by default): the example's medications take two. */
    static final int MAX_PAGES = 2;

    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final InProcessFhirServer SERVER = InProcessFhirServer.start(PAGE_SIZE);
    private static final String CLOSED = "http://127.0.0.1:" + closedPort() + "/fhir";

    @DynamicPropertySource
    static void allowedServers(DynamicPropertyRegistry registry) {
        registry.add("taper.fhir.allowed-servers", () -> SERVER.baseUrl() + "," + CLOSED);
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class Setup {
        @Bean
        @Primary
        Clock fixedClock() {
            return Clock.fixed(EdgeTestConfiguration.NOW, ZoneOffset.UTC);
        }
    }

    private final EdgeClient client;

    PrefetchFallbackIT(@Autowired WebApplicationContext context) {
        this.client = new EdgeClient(context);
    }

    @AfterAll
    static void stopServer() throws Exception {
        SERVER.close();
    }

    @BeforeEach
    void serveTheExamplesData() {
        SERVER.reset();
        List<Resource> content = new ArrayList<>();
        for (int i = 0; i < PAGE_SIZE + 1; i++) {
            content.add(unrelatedOrder(i));
        }
        content.addAll(examplePrefetch());
        SERVER.serve(content);
    }

    @Test
    void fetchesAnAbsentPrefetchWithTheCallsTokenFollowingPages(CapturedOutput output) {
        ObjectNode request = withServer(SERVER.baseUrl());
        request.remove("prefetch");

        MvcTestResult result = client.call(ORDER_SIGN, request);

        assertThat(result).hasStatusOk();
        // The clonazepam history is on the medications' second page: without it there is no card.
        assertThat(categories(result)).containsExactly("taper-rate-exceeded");
        List<InProcessFhirServer.Seen> seen = SERVER.seen();
        assertThat(seen)
                .extracting(InProcessFhirServer.Seen::pathAndQuery)
                .anyMatch(p -> p.equals("/fhir/Patient/" + PATIENT))
                .anyMatch(p -> p.startsWith("/fhir/MedicationRequest?patient=" + PATIENT + "&_count=100"))
                .anyMatch(p -> p.startsWith("/fhir/Observation?patient=" + PATIENT + "&code="))
                .anyMatch(p -> p.startsWith("/fhir/Condition?patient=" + PATIENT + "&clinical-status="))
                .anyMatch(p -> p.contains("_getpages="))
                .noneMatch(p -> p.contains("metadata"));
        assertThat(seen).extracting(InProcessFhirServer.Seen::authorization).containsOnly("Bearer " + TOKEN);
        assertThat(output.getAll()).doesNotContain(TOKEN);
    }

    @Test
    void fetchesOnlyTheKeysTheEhrFailedToFetchOrLeftOut() {
        ObjectNode request = withServer(SERVER.baseUrl());
        ObjectNode prefetch = (ObjectNode) request.get("prefetch");
        prefetch.remove("conditions");
        prefetch.set(
                "medications",
                EdgeClient.JSON.readTree(FHIR.newJsonParser().encodeResourceToString(new OperationOutcome())));

        MvcTestResult result = client.call(ORDER_SIGN, request);

        assertThat(result).hasStatusOk();
        assertThat(categories(result)).containsExactly("taper-rate-exceeded");
        assertThat(SERVER.seen())
                .extracting(InProcessFhirServer.Seen::pathAndQuery)
                .anyMatch(p -> p.startsWith("/fhir/MedicationRequest?"))
                .anyMatch(p -> p.startsWith("/fhir/Condition?"))
                .noneMatch(p -> p.startsWith("/fhir/Patient"))
                .noneMatch(p -> p.startsWith("/fhir/Observation"));
    }

    @Test
    void fetchesTheOtherPagesOfAPrefetchedBundle() {
        ObjectNode request = withServer(SERVER.baseUrl());
        Bundle firstPage = testClient()
                .search()
                .byUrl("MedicationRequest?patient=" + PATIENT)
                .returnBundle(Bundle.class)
                .execute();
        assertThat(firstPage.getLink(Bundle.LINK_NEXT)).isNotNull();
        ((ObjectNode) request.get("prefetch"))
                .set(
                        "medications",
                        EdgeClient.JSON.readTree(FHIR.newJsonParser().encodeResourceToString(firstPage)));
        SERVER.reset();

        MvcTestResult result = client.call(ORDER_SIGN, request);

        assertThat(result).hasStatusOk();
        assertThat(categories(result)).containsExactly("taper-rate-exceeded");
        assertThat(SERVER.seen())
                .extracting(InProcessFhirServer.Seen::pathAndQuery)
                .singleElement()
                .asString()
                .contains("_getpages=");

        request.remove("fhirServer");
        OperationOutcome refused = EdgeClient.outcome(client.call(ORDER_SIGN, request), ErrorCode.PREFETCH_MISSING);
        assertThat(refused.getIssue()).singleElement().satisfies(issue -> assertThat(issue.getDiagnostics())
                .contains("more pages"));
        assertThat(EdgeClient.expression(refused)).isEqualTo("prefetch.medications");
    }

    @Test
    void aSearchWithMorePagesThanAllowedGives412() {
        List<Resource> content = new ArrayList<>();
        for (int i = 0; i < PAGE_SIZE * MAX_PAGES; i++) {
            content.add(unrelatedOrder(i));
        }
        content.addAll(examplePrefetch());
        SERVER.serve(content);
        ObjectNode request = withServer(SERVER.baseUrl());
        ((ObjectNode) request.get("prefetch")).remove("medications");

        OperationOutcome refused = EdgeClient.outcome(client.call(ORDER_SIGN, request), ErrorCode.PREFETCH_MISSING);

        assertThat(EdgeClient.expression(refused)).isEqualTo("prefetch.medications");
        assertThat(refused.getIssueFirstRep().getDiagnostics()).contains("more pages");
        assertThat(SERVER.seen()).hasSize(MAX_PAGES);
    }

    @Test
    void aPrefetchedNextLinkOffTheFhirServerGives400WithoutAConnection() {
        ObjectNode request = withServer(SERVER.baseUrl());
        Bundle firstPage = new Bundle().setType(Bundle.BundleType.SEARCHSET);
        firstPage.addLink().setRelation(Bundle.LINK_NEXT).setUrl("http://169.254.169.254/latest/meta-data?page=2");
        ((ObjectNode) request.get("prefetch"))
                .set(
                        "medications",
                        EdgeClient.JSON.readTree(FHIR.newJsonParser().encodeResourceToString(firstPage)));

        OperationOutcome refused = EdgeClient.outcome(client.call(ORDER_SIGN, request), ErrorCode.INVALID_FIELD);

        assertThat(EdgeClient.expression(refused)).isEqualTo("prefetch.medications");
        assertThat(SERVER.seen()).isEmpty();
    }

    @Test
    void aServerSlowerThanTheBudgetGives412WithinTheBudget(CapturedOutput output) {
        SERVER.slowDown(Duration.ofSeconds(10));
        ObjectNode request = withServer(SERVER.baseUrl());
        request.remove("prefetch");

        long elapsed = refusedWithin(request, "slow server");

        assertThat(elapsed).isGreaterThanOrEqualTo(BUDGET_MS - 50);
        assertThat(SERVER.seen()).isNotEmpty();
        assertThat(output.getAll()).doesNotContain(TOKEN).doesNotContain(PATIENT);
    }

    @Test
    void aCallWaitingOnTheFhirServerLeavesTheOnlyEvaluationSlotToOthers() throws Exception {
        ObjectNode fetching = withServer(SERVER.baseUrl());
        fetching.remove("prefetch");
        // Warm: the first fetch of a fresh application spends part of its budget on class loading.
        assertThat(client.call(ORDER_SIGN, fetching)).hasStatusOk();
        SERVER.reset();
        SERVER.slowDown(Duration.ofSeconds(10));
        CompletableFuture<MvcTestResult> waiting =
                CompletableFuture.supplyAsync(() -> client.call(ORDER_SIGN, fetching));
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (SERVER.seen().isEmpty() && System.nanoTime() < until) {
            Thread.sleep(5);
        }
        assertThat(SERVER.seen()).isNotEmpty();

        long start = System.nanoTime();
        MvcTestResult other = client.call(ORDER_SIGN, example(EdgeClient.ORDER_SIGN_EXAMPLE));
        long elapsed = (System.nanoTime() - start) / 1_000_000;
        System.out.println("prefetch fallback, a complete call beside a fetching one: 200 after " + elapsed + " ms");

        assertThat(other).hasStatusOk();
        assertThat(waiting).isNotDone();
        assertThat(elapsed).isLessThan(BUDGET_MS / 2);
        assertThat(waiting.get(BUDGET_MS + MARGIN_MS, TimeUnit.MILLISECONDS))
                .satisfies(result -> EdgeClient.outcome(result, ErrorCode.PREFETCH_MISSING));
    }

    @Test
    void aServerError500Gives412(CapturedOutput output) {
        SERVER.failWith(500);
        ObjectNode request = withServer(SERVER.baseUrl());
        request.remove("prefetch");

        refusedWithin(request, "HTTP 500");

        assertThat(SERVER.seen()).isNotEmpty();
        assertThat(output.getAll()).contains("HTTP 500").doesNotContain(TOKEN).doesNotContain(PATIENT);
    }

    @Test
    void aRefusedConnectionGives412(CapturedOutput output) {
        ObjectNode request = withServer(CLOSED);
        request.remove("prefetch");

        refusedWithin(request, "refused connection");

        assertThat(output.getAll()).contains("ConnectException").doesNotContain(PATIENT);
    }

    static Stream<String> notAllowed() {
        String port = String.valueOf(SERVER.port());
        return Stream.of(
                "http://localhost:" + port + "/fhir",
                "http://127.0.0.1:" + port + "/fhir-other",
                "http://127.0.0.1:" + port + "/fhir/../admin",
                "https://127.0.0.1:" + port + "/fhir",
                "http://127.0.0.1:" + port + "@127.0.0.2:" + port + "/fhir");
    }

    @ParameterizedTest
    @MethodSource("notAllowed")
    void aFhirServerOutsideTheAllowListGives400WithoutAConnection(String fhirServer) {
        ObjectNode request = withServer(fhirServer);
        request.remove("prefetch");

        OperationOutcome refused = EdgeClient.outcome(client.call(ORDER_SIGN, request), ErrorCode.INVALID_FIELD);

        assertThat(EdgeClient.expression(refused)).isEqualTo("fhirServer");
        assertThat(SERVER.seen()).isEmpty();
    }

    @Test
    void aCompletePrefetchNeedsNoServerAndNamesNoneOfItsChecks() {
        ObjectNode request = withServer("http://localhost:" + SERVER.port() + "/fhir");

        MvcTestResult result = client.call(ORDER_SIGN, request);

        assertThat(result).hasStatusOk();
        assertThat(categories(result)).containsExactly("taper-rate-exceeded");
        assertThat(SERVER.seen()).isEmpty();
    }

    /** Asserts a 412 naming all four keys, within the budget and the margin; returns the elapsed ms. */
    private long refusedWithin(ObjectNode request, String what) {
        long start = System.nanoTime();
        MvcTestResult result = client.call(ORDER_SIGN, request);
        long elapsed = (System.nanoTime() - start) / 1_000_000;
        System.out.println("prefetch fallback, " + what + ": 412 after " + elapsed + " ms");

        OperationOutcome refused = EdgeClient.outcome(result, ErrorCode.PREFETCH_MISSING);
        assertThat(refused.getIssue())
                .flatExtracting(issue ->
                        issue.getExpression().stream().map(e -> e.getValue()).toList())
                .containsExactlyInAnyOrder(
                        "prefetch.patient", "prefetch.medications", "prefetch.observations", "prefetch.conditions");
        assertThat(EdgeClient.body(result)).doesNotContain(TOKEN);
        assertThat(elapsed).isLessThan(BUDGET_MS + MARGIN_MS);
        return elapsed;
    }

    private static ObjectNode withServer(String fhirServer) {
        ObjectNode request = example(EdgeClient.ORDER_SIGN_EXAMPLE);
        request.put("fhirServer", fhirServer);
        ObjectNode authorization = request.putObject("fhirAuthorization");
        authorization.put("access_token", TOKEN);
        authorization.put("token_type", "Bearer");
        authorization.put("expires_in", 300);
        authorization.put("scope", "patient/*.read");
        authorization.put("subject", "taper-cds");
        return request;
    }

    private static List<String> categories(MvcTestResult result) {
        List<String> categories = new ArrayList<>();
        for (JsonNode card : EdgeClient.JSON.readTree(EdgeClient.body(result)).get("cards")) {
            categories.add(card.at("/source/topic/code").stringValue());
        }
        return categories;
    }

    /** The example's prefetched Patient, MedicationRequests, Observations and Conditions. */
    private static List<Resource> examplePrefetch() {
        IParser parser = FHIR.newJsonParser();
        JsonNode prefetch = example(EdgeClient.ORDER_SIGN_EXAMPLE).get("prefetch");
        List<Resource> resources = new ArrayList<>();
        for (JsonNode value : prefetch) {
            Resource resource = (Resource) parser.parseResource(EdgeClient.JSON.writeValueAsString(value));
            if (resource instanceof Bundle bundle) {
                bundle.getEntry().forEach(entry -> resources.add(entry.getResource()));
            } else {
                resources.add(resource);
            }
        }
        return resources;
    }

    /** A stopped metformin order: not a benzodiazepine, no card. */
    private static MedicationRequest unrelatedOrder(int i) {
        MedicationRequest order = new MedicationRequest();
        order.setId("other-" + i);
        order.setStatus(MedicationRequest.MedicationRequestStatus.STOPPED);
        order.setIntent(MedicationRequest.MedicationRequestIntent.ORDER);
        order.setSubject(new Reference("Patient/" + PATIENT));
        order.setMedication(new CodeableConcept(new Coding(
                "http://www.nlm.nih.gov/research/umls/rxnorm",
                "860975",
                "metformin hydrochloride 500 MG Oral Tablet")));
        return order;
    }

    private static IGenericClient testClient() {
        FHIR.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
        return FHIR.newRestfulGenericClient(SERVER.baseUrl());
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
