package org.tapercds.hooks;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import org.springframework.security.core.AuthenticationException;
import org.springframework.stereotype.Component;
import org.tapercds.evaluation.cards.IssuedCard;
import org.tapercds.system.ApiException;
import org.tapercds.system.ErrorCode;

/**
 * The metrics of hook calls, recorded in this one place. Tags come only from the service catalogue
 * (service id), the stable error codes (outcome) and the rule base (category, indicator, rule):
 * never from the request body, so no patient id, user id or hookInstance reaches a metric and the
 * number of series stays bounded.
 */
@Component
class HookMetrics {

    static final String DURATION = "taper.hook.duration";
    static final String CARDS = "taper.cards";
    static final String SUCCESS = "success";

    private static final String NONE = "none";

    /** The range of every call-time histogram of the service (this class's and {@link EvaluationGate}'s). */
    static final Duration HISTOGRAM_MIN = Duration.ofNanos(100_000);

    static final Duration HISTOGRAM_MAX = Duration.ofSeconds(10);

    /**
     * SPEC §8's latency targets (p50 ≤ 2 ms, p99 ≤ 10 ms) as exact bucket bounds of the call-time
     * histogram: the share of calls within each is read off the buckets, where the percentile
     * buckets alone only bracket it (their bounds nearest 2 ms are 1.75 and 2.10 ms).
     */
    static final List<Duration> LATENCY_TARGETS = List.of(Duration.ofMillis(2), Duration.ofMillis(10));

    private final Meter.MeterProvider<Timer> durations;
    private final Meter.MeterProvider<Counter> cards;

    HookMetrics(MeterRegistry registry, CdsServiceCatalog catalog) {
        this.durations = Timer.builder(DURATION)
                .description("Server time of a CDS Hooks service call, from body read to the answer serialised")
                .publishPercentileHistogram()
                .minimumExpectedValue(HISTOGRAM_MIN)
                .maximumExpectedValue(HISTOGRAM_MAX)
                .serviceLevelObjectives(LATENCY_TARGETS.toArray(Duration[]::new))
                .withRegistry(registry);
        this.cards = Counter.builder(CARDS)
                .description("Cards issued, by advisory category, indicator and leading rule")
                .withRegistry(registry);
        // Known services appear with an empty histogram from start-up, before their first call.
        catalog.serviceIds().forEach(id -> durations.withTags(tags(id, SUCCESS)));
    }

    /**
     * @param serviceId a service id from the catalogue (never an unknown path segment)
     * @param outcome {@link #SUCCESS} or a stable error code, see {@link #outcome(RuntimeException)}
     */
    void recordCall(String serviceId, String outcome, long nanos) {
        durations.withTags(tags(serviceId, outcome)).record(Duration.ofNanos(nanos));
    }

    /** Counts the cards of an evaluation by category, indicator and leading rule (from the rule base). */
    void recordCards(List<IssuedCard> issued) {
        for (IssuedCard card : issued) {
            cards.withTags(Tags.of(
                            "category",
                            orNone(card.rule().category()),
                            "indicator",
                            card.lead().indicator().wireName(),
                            "rule",
                            orNone(card.rule().id())))
                    .increment();
        }
    }

    /** The stable error code of a failed call; anything unexpected is an internal error. */
    static String outcome(RuntimeException failure) {
        if (failure instanceof AuthenticationException) {
            return ErrorCode.INVALID_TOKEN.code(); // a replayed token found (or the check failed) while the call ran
        }
        return failure instanceof ApiException api ? api.code().code() : ErrorCode.INTERNAL_ERROR.code();
    }

    private static Tags tags(String serviceId, String outcome) {
        return Tags.of("service", serviceId, "outcome", outcome);
    }

    private static String orNone(String value) {
        return value == null || value.isBlank() ? NONE : value;
    }
}
