package org.tapercds.system;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.LenientErrorHandler;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Shared infrastructure beans: the clock and the (expensive, thread-safe) FHIR R4 context. */
@Configuration(proxyBeanMethods = false)
class SystemConfiguration {

    /** UTC system clock; tests replace it with a fixed clock ({@code @Primary}). */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /**
     * Created once and shared (the prefetch fallback's client included): building a FhirContext
     * scans the R4 model and takes hundreds of milliseconds of CPU at start.
     */
    @Bean
    FhirContext fhirContext() {
        FhirContext context = FhirContext.forR4();
        // The service writes only resources it parsed and then changed (a draft with a safer dose),
        // whose references are text or point into their own contained list: there is never a
        // referenced resource object without an id to contain. Without this HAPI walks every element
        // of each suggested resource looking for one (40 % of writing it, measured with
        // async-profiler on the JMH benchmark).
        context.getParserOptions().setAutoContainReferenceTargetsWithNoId(false);
        // Parsers without a handler of their own (the fallback client's, the rule folders' files)
        // are lenient as by default but do not log what they skip: HAPI's default handler quotes
        // the values it parses (patient data, in a FHIR server's answer). The request edge sets a
        // handler of its own (FhirJsonReader), and the ca.uhn.fhir.parser logger is off as well.
        context.setParserErrorHandler(new LenientErrorHandler(false));
        return context;
    }
}
