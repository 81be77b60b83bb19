package org.tapercds.hooks;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.tapercds.fhir.HookRequest;
import org.tapercds.hooks.cards.Card;
import org.tapercds.hooks.cards.CardsResponse;

/**
 * Test stand-ins for the clinical core: a {@link HookEvaluator} whose single card reports what the
 * edge parsed (so tests prove parsing happened), and a fixed clock.
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

    /** Replaces the default sink so tests can see what the feedback endpoint handed over. */
    @Bean
    FeedbackSink.Counting countingFeedbackSink() {
        return new FeedbackSink.Counting();
    }

    @Bean
    @Primary
    HookEvaluator parsedContentEvaluator() {
        return EdgeTestConfiguration::describe;
    }

    static CardsResponse describe(HookRequest request) {
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
        return CardsResponse.of(List.of(card));
    }
}
