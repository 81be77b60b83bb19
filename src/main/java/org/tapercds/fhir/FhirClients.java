package org.tapercds.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.apache.ApacheRestfulClientFactory;
import ca.uhn.fhir.rest.client.api.IClientInterceptor;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.http.client.config.RequestConfig;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClients;
import org.apache.http.impl.conn.PoolingHttpClientConnectionManager;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * The FHIR client side of the prefetch fallback, one per application: HAPI's client factory over
 * one pooled Apache HttpClient (connections to an EHR's server are reused across calls), and the
 * bounded pool of threads the fetches run on.
 *
 * <ul>
 *   <li>Server validation off: the client never asks {@code /metadata} first.
 *   <li>Redirects are not followed: a FHIR server cannot send the service elsewhere.
 *   <li>Timeouts: each request gets connect, socket and pool timeouts from what is left of its
 *       call's budget ({@link FallbackFetch}); the client's defaults are the whole budget.
 *   <li>The application's {@link FhirContext}, whose parser warnings are off: HAPI's logging
 *       handler would quote values of the server's answer (patient data) into the log. No HAPI logging
 *       interceptor is registered; {@code application.properties} caps the HAPI client and Apache
 *       HttpClient loggers at WARN so a DEBUG root level cannot log headers (the token) or bodies.
 *   <li>JVM proxy and trust-store settings ({@code https.proxyHost}, {@code
 *       javax.net.ssl.trustStore}) apply.
 * </ul>
 */
@Component
class FhirClients implements DisposableBean {

    private final FhirContext context;
    private final ApacheRestfulClientFactory factory;
    private final CloseableHttpClient http;
    private final ThreadPoolExecutor executor;

    FhirClients(FhirServerProperties properties, FhirContext context) {
        FhirServerProperties.Fallback fallback = properties.fallback();
        int threads = fallback.threads();
        int budgetMillis = (int) Math.min(Integer.MAX_VALUE, fallback.budget().toMillis());

        this.context = context;

        PoolingHttpClientConnectionManager connections = new PoolingHttpClientConnectionManager(5, TimeUnit.MINUTES);
        connections.setMaxTotal(threads);
        connections.setDefaultMaxPerRoute(threads);
        this.http = HttpClients.custom()
                .useSystemProperties()
                .setConnectionManager(connections)
                .disableCookieManagement()
                .disableRedirectHandling()
                .evictIdleConnections(30, TimeUnit.SECONDS)
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setConnectTimeout(budgetMillis)
                        .setSocketTimeout(budgetMillis)
                        .setConnectionRequestTimeout(budgetMillis)
                        .setRedirectsEnabled(false)
                        .build())
                .build();

        this.factory = new ApacheRestfulClientFactory(context);
        factory.setServerValidationMode(ServerValidationModeEnum.NEVER);
        factory.setHttpClient(http);

        this.executor = new ThreadPoolExecutor(
                threads, threads, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(threads * 4), threadFactory());
        executor.allowCoreThreadTimeOut(true);
        // HAPI scans each resource type's model on first use, and the client's parser and response
        // classes load on first use: do it now, off the start-up path.
        executor.execute(this::warmUp);
    }

    /**
     * A client for one call: the server's base, the call's bearer token (HAPI's interceptor adds the
     * header; it is never logged) and the call's {@code guard}.
     */
    IGenericClient client(FhirServerAccess server, IClientInterceptor guard) {
        IGenericClient client = factory.newGenericClient(server.baseUrl().toString());
        server.accessToken().ifPresent(token -> client.registerInterceptor(new BearerTokenAuthInterceptor(token)));
        client.registerInterceptor(guard);
        return client;
    }

    /** @throws java.util.concurrent.RejectedExecutionException when every thread and queue place is taken */
    <T> Future<T> submit(Callable<T> fetch) {
        return executor.submit(fetch);
    }

    private void warmUp() {
        for (Class<?> type : List.of(
                Bundle.class,
                Patient.class,
                MedicationRequest.class,
                Medication.class,
                Observation.class,
                Condition.class,
                OperationOutcome.class)) {
            context.getResourceDefinition(type.asSubclass(org.hl7.fhir.instance.model.api.IBaseResource.class));
        }
        context.newJsonParser().parseResource("{\"resourceType\":\"Bundle\",\"type\":\"searchset\"}");
    }

    private static ThreadFactory threadFactory() {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, "fhir-fallback-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    @Override
    public void destroy() throws IOException {
        executor.shutdownNow();
        http.close();
    }
}
