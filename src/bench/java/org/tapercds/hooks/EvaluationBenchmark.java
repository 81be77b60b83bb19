package org.tapercds.hooks;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.tapercds.TaperCdsApplication;
import org.tapercds.evaluation.EvaluationPipeline;
import org.tapercds.evaluation.Evaluator;
import org.tapercds.evaluation.Service;
import org.tapercds.fhir.HookRequest;
import org.tapercds.rules.ActiveRuleBase;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The evaluation core of one order-sign call, as the controller runs it minus HTTP: body bytes →
 * JSON tree → {@link Evaluator#evaluate} (request reader, timeline, evidence, rules, cards) → the
 * answer as JSON bytes (with the application's own ObjectMapper). The beans come from the
 * real application context (started once per fork, no web server); the clock is pinned to
 * 2026-11-22 so the bench requests under {@code src/test/resources/bench/} keep their meaning.
 *
 * <p>Run: {@code mvn -B -Pbench test-compile exec:exec} (see docs/performance.md). Extra JMH
 * options: {@code -Djmh.args="-prof gc"}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx512m"})
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
public class EvaluationBenchmark {

    static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

    @Param({"small", "large"})
    public String size;

    private ConfigurableApplicationContext context;
    private JsonBodyParser parser;
    private EvaluationPipeline pipeline;
    private Evaluator evaluator;
    private ObjectMapper json;
    private byte[] body;

    @Setup(Level.Trial)
    public void start() {
        context = new SpringApplicationBuilder(TaperCdsApplication.class)
                .web(WebApplicationType.NONE)
                .logStartupInfo(false)
                .run("--logging.level.root=WARN", "--spring.main.banner-mode=off");
        parser = context.getBean(JsonBodyParser.class);
        pipeline = context.getBean(EvaluationPipeline.class);
        json = context.getBean(ObjectMapper.class);
        evaluator = new Evaluator(pipeline, context.getBean(ActiveRuleBase.class), Clock.fixed(NOW, ZoneOffset.UTC));
        body = resource("/bench/order-sign-" + size + ".json");
        int cards = evaluator.evaluate(Service.ORDER_SIGN, parser.parse(body)).cards().size();
        if (cards == 0 && "large".equals(size)) {
            throw new IllegalStateException("the large request should raise a card; check the pinned clock");
        }
    }

    @TearDown(Level.Trial)
    public void stop() {
        context.close();
    }

    /** Body bytes to validated request (JSON tree, envelope, HAPI parsing of the embedded FHIR). */
    @Benchmark
    public HookRequest parse() {
        JsonNode tree = parser.parse(body);
        return pipeline.read(Service.ORDER_SIGN, tree);
    }

    /** The whole core: parse, normalise, rules, cards, JSON. */
    @Benchmark
    public byte[] call() {
        return json.writeValueAsBytes(
                evaluator.evaluate(Service.ORDER_SIGN, parser.parse(body)).response());
    }

    static byte[] resource(String name) {
        try (InputStream in = EvaluationBenchmark.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
