package org.tapercds.hooks;

import java.io.IOException;
import java.io.InputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.tapercds.evaluation.Evaluator;
import org.tapercds.evaluation.Service;
import org.tapercds.system.ApiException;
import org.tapercds.system.OperationOutcomes;
import tools.jackson.databind.ObjectMapper;

/**
 * Runs a bundled order-sign call (the README example) through the real path — JSON tree, the
 * evaluator (request reader, HAPI, timeline, rules, cards), JSON — and one refused call, before the web server opens
 * its port. HAPI, Drools and Jackson load most of their classes lazily; without this the first EHR
 * call paid for it (1.7 s instead of a few ms). Bounded in count and time; a failure is logged
 * and does not stop the start (the call path reports its own errors).
 */
@Component
class WarmUp implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(WarmUp.class);
    static final String REQUEST = "/warm-up/order-sign.json";

    private final JsonBodyParser bodyParser;
    private final Evaluator evaluator;
    private final OperationOutcomes outcomes;
    private final ObjectMapper json;
    private final int iterations;
    private final long budgetMillis;

    WarmUp(
            JsonBodyParser bodyParser,
            Evaluator evaluator,
            OperationOutcomes outcomes,
            ObjectMapper json,
            @Value("${taper.warm-up.iterations:10}") int iterations,
            @Value("${taper.warm-up.budget-ms:3000}") long budgetMillis) {
        this.bodyParser = bodyParser;
        this.evaluator = evaluator;
        this.outcomes = outcomes;
        this.json = json;
        this.iterations = iterations;
        this.budgetMillis = budgetMillis;
    }

    @Override
    public void afterSingletonsInstantiated() {
        if (iterations <= 0) {
            return;
        }
        long start = System.nanoTime();
        int done = 0;
        try {
            byte[] body = request();
            while (done < iterations && (System.nanoTime() - start) / 1_000_000 < budgetMillis) {
                json.writeValueAsBytes(evaluator
                        .rehearse(Service.ORDER_SIGN, bodyParser.parse(body))
                        .response());
                refused();
                done++;
            }
            log.info("warm-up: {} calls in {} ms", done, (System.nanoTime() - start) / 1_000_000);
        } catch (RuntimeException | IOException e) {
            log.warn("warm-up failed after {} calls: {}", done, e.getClass().getName());
        }
    }

    /** The error path: a body without a context, rendered as an OperationOutcome. */
    private void refused() {
        try {
            evaluator.rehearse(
                    Service.ORDER_SIGN,
                    bodyParser.parse("{\"hook\":\"order-sign\",\"hookInstance\":\"w\"}".getBytes()));
        } catch (ApiException expected) {
            outcomes.write(expected.code(), expected.details());
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
