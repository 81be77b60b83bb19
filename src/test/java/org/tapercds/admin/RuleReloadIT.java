package org.tapercds.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.tapercds.evaluation.EvaluationListener;
import org.tapercds.rules.RuleFolders;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Hot reload through the whole application over HTTP, on a copy of the shipped {@code rules/} and
 * {@code fhir-profiles/} (restored before each test; the file watch is off here, so every reload is
 * asked for with {@code POST /admin/rules/reload}): a changed threshold goes into service while calls
 * flow, none fails and each is answered wholly by the old or the new rule base; each kind of broken
 * change is refused with its file and line while the old rule base keeps answering; discovery
 * follows a reloaded ValueSet; and only informaticists and admins may read or reload.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "taper.rules.watch.enabled=false",
            "taper.console.users[0].name=pat",
            "taper.console.users[0].password={noop}" + RuleReloadIT.PASSWORD,
            "taper.console.users[0].roles=PHARMACIST",
            "taper.console.users[1].name=ina",
            "taper.console.users[1].password={noop}" + RuleReloadIT.PASSWORD,
            "taper.console.users[1].roles=INFORMATICIST",
            "taper.console.users[2].name=root",
            "taper.console.users[2].password={noop}" + RuleReloadIT.PASSWORD,
            "taper.console.users[2].roles=ADMIN"
        })
@ExtendWith(OutputCaptureExtension.class)
class RuleReloadIT {

    static final String PASSWORD = "test-password";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Path FILES = temporaryDirectory();
    private static final Path RULES = FILES.resolve("rules");
    private static final Path PROFILES = FILES.resolve("fhir-profiles");
    private static final String ORDER_SIGN = "/cds-services/benzo-taper-order-sign";
    private static final String EXAMPLE = "docs/examples/order-sign-diazepam-20-to-10.json";
    private static final String LIMIT_25 = "limit 25%";
    private static final String LIMIT_26 = "limit 26%";

    /** The rule base version of every evaluation, by the call's hookInstance. */
    static final Map<String, String> VERSIONS = new ConcurrentHashMap<>();

    @TestConfiguration(proxyBeanMethods = false)
    static class Beans {

        @Bean
        @Primary
        Clock exampleDay() {
            return Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);
        }

        @Bean
        EvaluationListener versionsByHookInstance() {
            return evaluation -> VERSIONS.put(evaluation.request().hookInstance(), evaluation.ruleBaseVersion());
        }
    }

    @DynamicPropertySource
    static void ruleDirectories(DynamicPropertyRegistry registry) {
        registry.add("taper.rules-dir", RULES::toString);
        registry.add("taper.profiles-dir", PROFILES::toString);
    }

    @LocalServerPort
    int port;

    @Autowired
    MeterRegistry metrics;

    private final HttpClient http = HttpClient.newHttpClient();

    /** An answer: status and body. */
    private record Answer(int status, JsonNode body) {

        String text(String pointer) {
            return body.at(pointer).asString();
        }

        List<String> problems() {
            List<String> problems = new ArrayList<>();
            body.get("problems").forEach(p -> problems.add(p.asString()));
            return problems;
        }
    }

    /** One CDS Hooks call made while a reload ran. */
    private record Call(long sent, long answered, int status, String summary, String version) {}

    /** Made before the application starts on it: a copy of the shipped files. */
    private static Path temporaryDirectory() {
        try {
            Path files = Files.createTempDirectory("rule-reload-it");
            RuleFolders.copyTree(Path.of("rules"), files.resolve("rules"));
            RuleFolders.copyTree(Path.of("fhir-profiles"), files.resolve("fhir-profiles"));
            return files;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @BeforeEach
    void pristineFilesInService() throws Exception {
        restore(Path.of("rules"), RULES);
        restore(Path.of("fhir-profiles"), PROFILES);
        Answer reload = reload("ina");
        assertThat(reload.status()).as("%s", reload.body()).isEqualTo(200);
    }

    @AfterAll
    static void deleteFiles() throws IOException {
        deleteTree(FILES);
    }

    // --- a changed threshold while calls flow ---------------------------------------------------

    @Test
    void reloadsAChangedThresholdWhileCallsFlowWithNoFailedCallAndNoMixedAnswer() throws Exception {
        String before = rules("ina").text("/version");
        double successes = reloads("success");
        change("settings.properties", "taper.max-reduction-percent=25", "taper.max-reduction-percent=26");
        List<Call> calls = new CopyOnWriteArrayList<>();
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService callers = Executors.newFixedThreadPool(3);
        for (int i = 0; i < 3; i++) {
            callers.submit(() -> {
                while (!stop.get()) {
                    calls.add(call());
                }
                return null;
            });
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> calls.size() >= 20);

        long reloadStart = System.nanoTime();
        Answer reload = reload("ina");
        long reloadEnd = System.nanoTime();
        await().atMost(Duration.ofSeconds(30))
                .until(() -> calls.stream().filter(c -> c.sent() > reloadEnd).count() >= 20);
        stop.set(true);
        callers.shutdown();
        assertThat(callers.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

        assertThat(reload.status()).as("%s", reload.body()).isEqualTo(200);
        assertThat(reload.text("/result")).isEqualTo("loaded");
        String after = reload.text("/inService");
        assertThat(after).isNotEqualTo(before).isEqualTo(reload.text("/candidate"));
        assertThat(calls).allSatisfy(call -> assertThat(call.status()).isEqualTo(200));
        // Each answer wholly from one rule base: the version it was evaluated on and its card's wording.
        assertThat(calls).allSatisfy(call -> {
            assertThat(call.version()).isIn(before, after);
            assertThat(call.summary()).endsWith(call.version().equals(before) ? LIMIT_25 : LIMIT_26);
        });
        assertThat(calls.stream().filter(c -> c.answered() < reloadStart))
                .isNotEmpty()
                .allSatisfy(call -> assertThat(call.version()).isEqualTo(before));
        assertThat(calls.stream().filter(c -> c.sent() > reloadEnd))
                .hasSizeGreaterThanOrEqualTo(20)
                .allSatisfy(call -> assertThat(call.version()).isEqualTo(after));
        assertThat(calls.stream().filter(c -> c.answered() > reloadStart && c.sent() < reloadEnd))
                .as("calls answered while the reload ran")
                .isNotEmpty();
        assertThat(rules("ina").text("/version")).isEqualTo(after);
        assertThat(rules("ina").text("/lastReload/result")).isEqualTo("loaded");
        assertThat(reloads("success")).isEqualTo(successes + 1);
        assertThat(metrics.find("taper.rules.info").gauges())
                .singleElement()
                .satisfies(gauge -> assertThat(gauge.getId().getTag("version")).isEqualTo(after));
    }

    // --- broken changes are refused with file and line; the old rule base keeps answering -------

    @Test
    void refusesADrlSyntaxErrorAtItsLine(CapturedOutput log) throws Exception {
        int line = lineOf("taper-rate/taper-rate.drl", "    $reduction : DoseReduction(");
        change("taper-rate/taper-rate.drl", "Dependence( likely )", "Dependence( likely ");

        assertThat(refused()).anySatisfy(p -> assertThat(p)
                .startsWith("taper-rate/taper-rate.drl:" + line + ":5: mismatched input"));
        // The refusal is the service's WARN with file and line; the service keeps serving, so nothing
        // is logged as an ERROR (Drools' own line about the failed build is off).
        assertThat(log.getOut()).contains("refused (endpoint)").doesNotContain(" ERROR ");
    }

    @Test
    void refusesAMisspelledFactFieldAtTheLineOfTheConstraint() throws Exception {
        int line = lineOf("taper-rate/taper-rate.drl", "                                currentMgDe > 0,");
        change("taper-rate/taper-rate.drl", "currentMgDe > 0,", "curentMgDe > 0,");

        assertThat(refused())
                .singleElement()
                .asString()
                .startsWith("taper-rate/taper-rate.drl:" + line + ":33: ")
                .contains("DoseReduction has no field curentMgDe, did you mean currentMgDe?");
    }

    @Test
    void refusesARepeatedRuleIdAtTheRuleThatRepeatsIt() throws Exception {
        int line = lineOf("abrupt-discontinuation/abrupt-discontinuation.drl", "@id(\"abrupt-discontinuation\")");
        int taperRate = lineOf("taper-rate/taper-rate.drl", "@id(\"taper-rate-exceeded\")");
        change(
                "abrupt-discontinuation/abrupt-discontinuation.drl",
                "@id(\"abrupt-discontinuation\")",
                "@id(\"taper-rate-exceeded\")");

        assertThat(refused()).anySatisfy(p -> assertThat(p)
                .containsAnyOf(
                        "abrupt-discontinuation/abrupt-discontinuation.drl:" + line + ":5: rule ",
                        "taper-rate/taper-rate.drl:" + taperRate + ":5: rule ")
                .contains("repeats @id taper-rate-exceeded"));
    }

    @Test
    void refusesABrokenCardTemplateAtItsLine() throws Exception {
        int line = lineOf("dose-quality/card.yaml", "  summary:");
        change("dose-quality/card.yaml", "{{/others}}", "{{/other}}");

        assertThat(refused()).anySatisfy(p -> assertThat(p)
                .startsWith("dose-quality/card.yaml:" + line + ":")
                .contains("dose-unassessable.summary does not compile"));
    }

    @Test
    void refusesAScenarioWhoseExpectationFailsAtItsExpect() throws Exception {
        String scenario = "taper-rate/scenarios/fires-diazepam-20-to-10-critical.json";
        int line = lineOf(scenario, "\"expect\"");
        change(scenario, "\"indicator\": \"critical\"", "\"indicator\": \"warning\"");

        assertThat(refused())
                .containsExactly("scenarios: " + scenario + ":" + line + ":3: expected cards"
                        + " [taper-rate-exceeded/warning] but got [taper-rate-exceeded/critical]");
    }

    /**
     * Asks for a reload that must be refused, checks that the rule base in service is still the one
     * from before and answers calls, and returns the refusal's problems.
     */
    private List<String> refused() throws Exception {
        String before = rules("ina").text("/version");
        double failures = reloads("failure");

        Answer reload = reload("ina");

        assertThat(reload.status()).as("%s", reload.body()).isEqualTo(422);
        assertThat(reload.text("/result")).isEqualTo("refused");
        assertThat(reload.text("/inService")).isEqualTo(before);
        assertThat(reload.problems()).isNotEmpty();
        Answer shown = rules("ina");
        assertThat(shown.text("/version")).isEqualTo(before);
        assertThat(shown.text("/lastReload/result")).isEqualTo("refused");
        assertThat(shown.body().get("lastReload").get("problems"))
                .isEqualTo(reload.body().get("problems"));
        Call call = call();
        assertThat(call.status()).isEqualTo(200);
        assertThat(call.version()).isEqualTo(before);
        assertThat(call.summary()).endsWith(LIMIT_25);
        assertThat(reloads("failure")).isEqualTo(failures + 1);
        assertThat(metrics.find("taper.rules.info").gauges())
                .singleElement()
                .satisfies(gauge -> assertThat(gauge.getId().getTag("version")).isEqualTo(before));
        return reload.problems();
    }

    // --- what else follows a reload ---------------------------------------------------------------

    @Test
    void theObservationPrefetchTemplateFollowsAReloadedValueSet() throws Exception {
        Path valueSet = PROFILES.resolve("valuesets/ValueSet-peth.json");
        ObjectNode peth = (ObjectNode) JSON.readTree(Files.readString(valueSet));
        ObjectNode include = ((ArrayNode) peth.at("/compose/include")).addObject();
        include.put("system", "http://lab.example.org/codes");
        include.putArray("concept").addObject().put("code", "PETH-SITE").put("display", "PEth (site laboratory)");
        assertThat(discoveredObservations()).doesNotContain("PETH-SITE");
        Files.writeString(valueSet, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(peth));

        Answer reload = reload("ina");

        assertThat(reload.status()).as("%s", reload.body()).isEqualTo(200);
        assertThat(discoveredObservations())
                .contains("http://lab.example.org/codes|PETH-SITE")
                .contains("http://taper-cds.org/fhir/CodeSystem/local-lab|peth");
    }

    @Test
    void showsTheRuleBaseInServiceWithEachRulesMetadataItsScenariosAndTheLastAttempt() throws Exception {
        Answer unchanged = reload("root");
        Answer shown = rules("ina");

        assertThat(unchanged.status()).isEqualTo(200);
        assertThat(unchanged.text("/result")).isEqualTo("unchanged");
        assertThat(unchanged.problems()).isEmpty();
        assertThat(shown.status()).isEqualTo(200);
        assertThat(shown.text("/version")).matches("[0-9a-f]{12}").isEqualTo(unchanged.text("/inService"));
        assertThat(Instant.parse(shown.text("/loadedAt"))).isEqualTo(Instant.parse("2026-11-22T10:00:00Z"));
        JsonNode taperRate = null;
        for (JsonNode rule : shown.body().get("rules")) {
            if (rule.get("id").asString().equals("taper-rate-exceeded")) {
                taperRate = rule;
            }
        }
        assertThat(taperRate).isNotNull();
        assertThat(taperRate.get("file").asString()).isEqualTo("taper-rate/taper-rate.drl");
        assertThat(taperRate.get("category").asString()).isEqualTo("taper-rate-exceeded");
        assertThat(taperRate.get("version").asString()).isNotBlank();
        assertThat(taperRate.get("citation").asString()).contains("25 % every 2 weeks");
        assertThat(shown.body().get("rules")).hasSizeGreaterThan(10);
        JsonNode scenarios = null;
        for (JsonNode folder : shown.body().get("scenarios")) {
            if (folder.get("folder").asString().equals("taper-rate")) {
                scenarios = folder;
            }
        }
        assertThat(scenarios).isNotNull();
        try (Stream<Path> files = Files.list(RULES.resolve("taper-rate/scenarios"))) {
            List<String> names = files.map(p -> p.getFileName().toString()).toList();
            assertThat(scenarios.get("fires").asInt())
                    .isEqualTo(
                            names.stream().filter(n -> n.startsWith("fires-")).count());
            assertThat(scenarios.get("silent").asInt())
                    .isEqualTo(
                            names.stream().filter(n -> n.startsWith("silent-")).count());
        }
        assertThat(shown.text("/lastReload/result")).isEqualTo("unchanged");
        assertThat(shown.text("/lastReload/trigger")).isEqualTo("endpoint");
    }

    // --- who may ------------------------------------------------------------------------------------

    @Test
    void onlyInformaticistsAndAdminsMayReadTheRuleBaseOrReloadIt() throws Exception {
        assertThat(rules("ina").status()).isEqualTo(200);
        assertThat(rules("root").status()).isEqualTo(200);
        assertThat(reload("ina").status()).isEqualTo(200);
        assertThat(reload("root").status()).isEqualTo(200);

        Answer pharmacistReads = rules("pat");
        assertThat(pharmacistReads.status()).isEqualTo(403);
        assertThat(pharmacistReads.text("/code")).isEqualTo("forbidden");
        assertThat(reload("pat").status()).isEqualTo(403);

        Answer anonymousReads = rules(null);
        assertThat(anonymousReads.status()).isEqualTo(401);
        assertThat(anonymousReads.text("/code")).isEqualTo("login-required");
        Answer anonymousReloads = reload(null);
        assertThat(anonymousReloads.status()).isEqualTo(401);
        assertThat(anonymousReloads.text("/code")).isEqualTo("login-required");
    }

    // --- helpers --------------------------------------------------------------------------------------

    private Answer rules(String user) throws Exception {
        return send(admin("/admin/rules", user).GET().build());
    }

    private Answer reload(String user) throws Exception {
        return send(admin("/admin/rules/reload", user)
                .POST(HttpRequest.BodyPublishers.noBody())
                .build());
    }

    private HttpRequest.Builder admin(String path, String user) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (user != null) {
            request.header(
                    "Authorization",
                    "Basic "
                            + Base64.getEncoder()
                                    .encodeToString((user + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
        }
        return request;
    }

    private Answer send(HttpRequest request) throws Exception {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        String body = response.body();
        return new Answer(response.statusCode(), JSON.readTree(body.isEmpty() ? "{}" : body));
    }

    /** The README's example call (diazepam 20 → 10 mg/day: one taper-rate card) with a hookInstance of its own. */
    private Call call() throws Exception {
        ObjectNode request = (ObjectNode) JSON.readTree(Files.readString(Path.of(EXAMPLE)));
        String hookInstance = UUID.randomUUID().toString();
        request.put("hookInstance", hookInstance);
        long sent = System.nanoTime();
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + ORDER_SIGN))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(request)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        long answered = System.nanoTime();
        String summary = response.statusCode() == 200
                ? JSON.readTree(response.body()).at("/cards/0/summary").asString()
                : "";
        return new Call(sent, answered, response.statusCode(), summary, VERSIONS.get(hookInstance));
    }

    private String discoveredObservations() throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/cds-services"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return JSON.readTree(response.body())
                .at("/services/0/prefetch/observations")
                .asString();
    }

    private double reloads(String result) {
        return metrics.get("taper.rules.reloads")
                .tag("result", result)
                .counter()
                .count();
    }

    private static void change(String file, String text, String instead) throws IOException {
        Path changed = RULES.resolve(file);
        String content = Files.readString(changed);
        assertThat(content).contains(text);
        Files.writeString(changed, content.replace(text, instead));
    }

    /** The 1-based line of the shipped file on which {@code text} starts. */
    private static int lineOf(String file, String text) throws IOException {
        String content = Files.readString(Path.of("rules").resolve(file));
        assertThat(content).contains(text);
        return (int) content.substring(0, content.indexOf(text))
                        .chars()
                        .filter(c -> c == '\n')
                        .count()
                + 1;
    }

    private static void restore(Path source, Path target) throws IOException {
        deleteTree(target);
        RuleFolders.copyTree(source, target);
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
