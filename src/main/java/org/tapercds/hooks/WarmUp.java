package org.tapercds.hooks;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;
import org.tapercds.evaluation.Evaluator;
import org.tapercds.evaluation.Service;
import org.tapercds.evaluation.scenarios.Scenario;
import org.tapercds.evaluation.scenarios.ScenarioFiles;
import org.tapercds.rules.ActiveRuleBase;
import org.tapercds.rules.RulesProperties;
import org.tapercds.system.ApiException;
import org.tapercds.system.OperationOutcomes;
import tools.jackson.databind.ObjectMapper;

/**
 * Runs calls through the real path — JSON bytes, the parser, the request reader (HAPI), timeline,
 * rules, cards, the JSON answer — and the refused-call path, before the web server opens its port.
 * HAPI, Drools and Jackson load most of their classes lazily and the JIT compiles what runs often:
 * without this the first EHR call paid for the loading (1.7 s instead of a few ms) and the first
 * minute of load ran at a fraction of the warm throughput.
 *
 * <p>The calls are the bundled order-sign request (the README example) and, unless turned off, every
 * scenario of the rule library with its pinned day, so the rules fire and the cards are rendered as
 * in real calls. They run in rounds within {@link WarmUpProperties}: a budget, a most rounds, and a
 * stop once the rounds no longer get faster. The start-up checks ran every scenario through the
 * evaluation already (a round but for the JSON edges): their time counts against the budget, and
 * the first call, the bundled request, runs in any case. A failure is logged and does not stop the start (the
 * call path reports its own errors).
 */
@Component
class WarmUp implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(WarmUp.class);
    static final String REQUEST = "/warm-up/order-sign.json";
    private static final byte[] REFUSED = "{\"hook\":\"order-sign\",\"hookInstance\":\"w\"}".getBytes();

    private final JsonBodyParser bodyParser;
    private final Evaluator evaluator;
    private final ActiveRuleBase ruleBases;
    private final ScenarioFiles scenarioFiles;
    private final RulesProperties rules;
    private final OperationOutcomes outcomes;
    private final ObjectMapper json;
    private final WarmUpProperties properties;
    private volatile Outcome outcome;

    /** How the last warm-up went: {@code calls} calls, {@code rounds} full rounds of {@code callsPerRound}. */
    record Outcome(int calls, int rounds, int callsPerRound, String ended, long millis) {}

    WarmUp(
            JsonBodyParser bodyParser,
            Evaluator evaluator,
            ActiveRuleBase ruleBases,
            ScenarioFiles scenarioFiles,
            RulesProperties rules,
            OperationOutcomes outcomes,
            ObjectMapper json,
            WarmUpProperties properties) {
        this.bodyParser = bodyParser;
        this.evaluator = evaluator;
        this.ruleBases = ruleBases;
        this.scenarioFiles = scenarioFiles;
        this.rules = rules;
        this.outcomes = outcomes;
        this.json = json;
        this.properties = properties;
    }

    @Override
    public void afterSingletonsInstantiated() {
        if (!properties.enabled()) {
            return;
        }
        // The start-up checks ran every scenario through the evaluation pipeline: a round of this
        // warm-up already, whose time counts against the budget. Waits for them (a rule base they
        // refuse stops the start here as it would anyway).
        Duration checked = ruleBases.startUpChecks();
        long start = System.nanoTime();
        long deadline = deadline(start, properties.budget(), checked);
        WarmUpRounds rounds = new WarmUpRounds(properties.settleRounds());
        int callsPerRound = 0;
        try {
            // The first call, the bundled request as JSON with the refused call, runs in any case:
            // it is what the checks' run did not, the edges of the path (JSON bytes in and out).
            Runnable bundled = bundledCall();
            bundled.run();
            rounds.cutShort(1);
            if (System.nanoTime() < deadline) {
                List<Runnable> calls = calls(bundled);
                callsPerRound = calls.size();
                while (rounds.count() < properties.maxRounds() && System.nanoTime() < deadline && !rounds.settled()) {
                    long roundStart = System.nanoTime();
                    int done = 0;
                    while (done < calls.size() && System.nanoTime() < deadline) {
                        calls.get(done++).run();
                    }
                    if (done < calls.size()) {
                        rounds.cutShort(done); // the budget ends within a round (a slow machine)
                    } else {
                        rounds.done(done, System.nanoTime() - roundStart);
                    }
                }
            }
            outcome = new Outcome(
                    rounds.calls(),
                    rounds.count(),
                    callsPerRound,
                    rounds.settled()
                            ? "settled"
                            : rounds.count() >= properties.maxRounds() ? "most rounds done" : "budget spent",
                    (System.nanoTime() - start) / 1_000_000);
            log.info(
                    "warm-up: {} calls in {} full rounds of {} in {} ms ({}; the start-up checks' {} ms counted){}",
                    rounds.calls(),
                    outcome.rounds(),
                    outcome.callsPerRound(),
                    outcome.millis(),
                    outcome.ended(),
                    checked.toMillis(),
                    // Without a full round there is no round time to tell.
                    outcome.rounds() == 0
                            ? ""
                            : "; a round took " + rounds.firstMillis() + " ms first, " + rounds.lastMillis()
                                    + " ms last");
        } catch (RuntimeException | IOException e) {
            log.warn(
                    "warm-up failed after {} calls: {}",
                    rounds.calls(),
                    e.getClass().getName());
        }
    }

    /**
     * When the warm-up's rounds stop ({@link System#nanoTime()} scale): its budget less what the
     * start-up checks took, which may already have passed at {@code start}.
     */
    static long deadline(long start, Duration budget, Duration checked) {
        return start + budget.minus(checked).toNanos();
    }

    /** How the last warm-up went; null before one ran (or when it failed or is off). */
    Outcome outcome() {
        return outcome;
    }

    /** The bundled request through the JSON edges, then the refused call. */
    private Runnable bundledCall() throws IOException {
        byte[] bundled = request();
        return () -> {
            json.writeValueAsBytes(evaluator
                    .rehearse(Service.ORDER_SIGN, bodyParser.parse(bundled))
                    .response());
            answer(Service.ORDER_SIGN, REFUSED, null);
        };
    }

    /** A round: the bundled call, then every scenario with its pinned day. */
    private List<Runnable> calls(Runnable bundled) throws IOException {
        List<Runnable> calls = new ArrayList<>();
        calls.add(bundled);
        if (properties.scenarios()) {
            for (Scenario scenario : scenarioFiles.load(rules.rulesDir())) {
                Optional<Service> service = Service.find(scenario.service());
                byte[] body = json.writeValueAsBytes(scenario.request());
                LocalDate day = LocalDate.ofInstant(scenario.now(), ZoneOffset.UTC);
                service.ifPresent(s -> calls.add(() -> answer(s, body, day)));
            }
        }
        return calls;
    }

    /** One call as the edge answers it: the cards as JSON, or the error as an OperationOutcome. */
    private void answer(Service service, byte[] body, LocalDate day) {
        try {
            json.writeValueAsBytes(
                    evaluator.rehearse(service, bodyParser.parse(body), day).response());
        } catch (ApiException refused) {
            outcomes.write(refused.code(), refused.details());
        }
    }

    private static byte[] request() throws IOException {
        try (InputStream in = WarmUp.class.getResourceAsStream(REQUEST)) {
            if (in == null) {
                throw new IOException("missing " + REQUEST);
            }
            return in.readAllBytes();
        }
    }
}
