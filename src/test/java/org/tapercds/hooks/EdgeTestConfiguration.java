package org.tapercds.hooks;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Consumer;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.tapercds.evaluation.Evaluation;
import org.tapercds.evaluation.EvaluationPipeline;
import org.tapercds.evaluation.Evaluator;
import org.tapercds.evaluation.Service;
import org.tapercds.evaluation.cards.Card;
import org.tapercds.evaluation.cards.IssuedCard;
import org.tapercds.facts.Indicator;
import org.tapercds.fhir.HookRequest;
import org.tapercds.rules.ActiveRuleBase;
import org.tapercds.rules.Advisory;
import org.tapercds.rules.RuleInfo;
import org.tapercds.rules.RuleOutcome;
import tools.jackson.databind.JsonNode;

/**
 * Test stand-ins for the clinical core: an {@link Evaluator} that reads the request for real and
 * answers with a single card reporting what the edge parsed (so tests prove parsing happened), and
 * a fixed clock.
 */
@TestConfiguration(proxyBeanMethods = false)
public class EdgeTestConfiguration {

    /** A hookInstance that makes the test evaluator fail, to exercise the 500 path. */
    public static final String FAILING_HOOK_INSTANCE = "make-the-evaluator-fail";

    public static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

    @Bean
    @Primary
    Clock fixedClock() {
        return Clock.fixed(NOW, ZoneOffset.UTC);
    }

    /** The rule the test card names (metrics read the rule from the evaluation). */
    static final RuleInfo EDGE_RULE =
            new RuleInfo("edge-test", "0", "edge-test", "none", null, "edge test", "edge/edge.drl", "When: - Then: -");

    @Bean
    @Primary
    Evaluator parsedContentEvaluator(EvaluationPipeline pipeline, ActiveRuleBase ruleBases, Clock clock) {
        return new Evaluator(pipeline, ruleBases, clock) {
            @Override
            public Evaluation evaluate(
                    Service service, JsonNode body, Consumer<HookRequest> onRead, Runnable beforeTelling) {
                HookRequest request = pipeline.read(service, body);
                onRead.accept(request);
                beforeTelling.run();
                Advisory advisory = new Advisory(EDGE_RULE, Indicator.INFO, request.hookInstance());
                return new Evaluation(
                        request,
                        ruleBases.current().version(),
                        LocalDate.now(clock),
                        new RuleOutcome(List.of(advisory), List.of()),
                        List.of(new IssuedCard(describe(request), List.of(advisory))),
                        List.of(),
                        null,
                        List.of(),
                        ruleBases.current().settings(),
                        new Evaluation.Timings(0, 0, 0, 0));
            }
        };
    }

    static Card describe(HookRequest request) {
        if (FAILING_HOOK_INSTANCE.equals(request.hookInstance())) {
            String name = request.patientResource()
                    .map(p -> p.getNameFirstRep().getNameAsSingleString())
                    .orElse("");
            throw new IllegalStateException("evaluation failed for " + name + " " + request.patientId());
        }
        String summary = "patient=" + request.patientId()
                + " hook=" + request.hook().wireName()
                + " drafts=" + request.draftOrders().size()
                + " selections=" + request.selections().size()
                + " patientResource=" + request.patientResource().isPresent()
                + " medications=" + request.medications().size()
                + " medicationResources=" + request.medicationResources().size()
                + " observations=" + request.observations().size()
                + " conditions=" + request.conditions().size();
        Card card = new Card(
                "00000000-0000-4000-8000-00000000c0de",
                summary,
                null,
                "info",
                new Card.Source("edge test evaluator", null, null),
                List.of(),
                null,
                List.of(),
                List.of());
        return card;
    }
}
