package org.tapercds.fhir;

import ca.uhn.fhir.rest.client.apache.ApacheHttpRequest;
import ca.uhn.fhir.rest.client.api.IClientInterceptor;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.IHttpRequest;
import ca.uhn.fhir.rest.client.api.IHttpResponse;
import ca.uhn.fhir.rest.client.exceptions.FhirClientConnectionException;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.http.client.config.RequestConfig;
import org.apache.http.client.methods.HttpRequestBase;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tapercds.system.UrlPrefix;

/**
 * The fetching of one call, within one deadline: each key on a thread of {@link FhirClients}, all
 * at once; the caller waits until the deadline at most, then aborts the requests still running
 * (their connections are closed) and cancels the rest. Each request gets connect, socket and pool
 * timeouts of what is left of the budget, and must go to a URL under the call's {@code fhirServer}
 * (a {@code next} link elsewhere is not followed).
 *
 * <p>Logged per failed call: the keys, the server's host and the reason (an HTTP status, an
 * exception class, "budget spent"), never a URL (it holds the patient id), a token or a message.
 */
final class FallbackFetch implements IClientInterceptor {

    private static final Logger log = LoggerFactory.getLogger(FallbackFetch.class);

    private final FhirClients clients;
    private final PrefetchQueries queries;
    private final FhirServerAccess server;
    private final UrlPrefix base;
    private final long deadline;
    private final int maxPages;
    private final Set<HttpRequestBase> requests = ConcurrentHashMap.newKeySet();
    private volatile boolean stopped;

    /** @param deadline in {@link System#nanoTime()} terms */
    FallbackFetch(
            FhirClients clients,
            PrefetchQueries queries,
            FhirServerAccess server,
            UrlPrefix base,
            long deadline,
            int maxPages) {
        this.clients = clients;
        this.queries = queries;
        this.server = server;
        this.base = base;
        this.deadline = deadline;
        this.maxPages = maxPages;
    }

    Map<PrefetchKey, PrefetchData> run(String patientId, Map<PrefetchKey, PrefetchData> wanted) {
        IGenericClient client = clients.client(server, this);
        Map<PrefetchKey, Future<PrefetchData>> running = new EnumMap<>(PrefetchKey.class);
        Map<PrefetchKey, PrefetchData> fetched = new EnumMap<>(PrefetchKey.class);
        Map<PrefetchKey, String> failures = new LinkedHashMap<>();
        try {
            wanted.forEach((key, given) -> {
                try {
                    running.put(key, clients.submit(() -> fetch(client, key, given, patientId)));
                } catch (RejectedExecutionException e) {
                    failures.put(key, "no fetch thread free");
                }
            });
            for (Map.Entry<PrefetchKey, Future<PrefetchData>> entry : running.entrySet()) {
                try {
                    long left = Math.max(0, deadline - System.nanoTime());
                    PrefetchData data = entry.getValue().get(left, TimeUnit.NANOSECONDS);
                    fetched.put(entry.getKey(), data);
                    if (data.hasMorePages()) {
                        failures.put(entry.getKey(), "more than " + maxPages + " pages");
                    }
                } catch (TimeoutException e) {
                    failures.put(entry.getKey(), "budget spent");
                } catch (ExecutionException e) {
                    failures.put(entry.getKey(), reason(e.getCause()));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    failures.put(entry.getKey(), "interrupted");
                }
            }
        } finally {
            stop();
            running.values().forEach(future -> future.cancel(true));
        }
        if (!failures.isEmpty()) {
            log.warn("prefetch fallback from host {} left keys unfetched: {}", base.host(), failures);
        }
        return fetched;
    }

    private PrefetchData fetch(IGenericClient client, PrefetchKey key, PrefetchData given, String patientId) {
        List<IBaseResource> resources = new ArrayList<>(given.resources());
        Optional<String> next = given.nextPage();
        int pages = 0;
        if (!given.hasMorePages()) {
            String query = queries.query(key, patientId);
            if (query.indexOf('?') < 0) {
                // A read (Patient/{{context.patientId}}).
                return PrefetchData.present(List.of(client.read()
                        .resource(query.substring(0, query.indexOf('/')))
                        .withUrl(query)
                        .execute()));
            }
            Bundle bundle =
                    client.search().byUrl(query).returnBundle(Bundle.class).execute();
            pages++;
            resources.addAll(entries(bundle));
            next = nextPage(bundle);
        }
        while (next.isPresent() && pages < maxPages) {
            Bundle bundle = client.loadPage()
                    .byUrl(next.get())
                    .andReturnBundle(Bundle.class)
                    .execute();
            pages++;
            resources.addAll(entries(bundle));
            next = nextPage(bundle);
        }
        return PrefetchData.present(resources, next);
    }

    private static List<IBaseResource> entries(Bundle bundle) {
        List<IBaseResource> resources = new ArrayList<>(bundle.getEntry().size());
        for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
            if (entry.getResource() != null) {
                resources.add(entry.getResource());
            }
        }
        return resources;
    }

    private static Optional<String> nextPage(Bundle bundle) {
        Bundle.BundleLinkComponent next = bundle.getLink(Bundle.LINK_NEXT);
        return next == null || next.getUrl() == null || next.getUrl().isBlank()
                ? Optional.empty()
                : Optional.of(next.getUrl());
    }

    /** Every request: under the call's server, within what is left of the budget, abortable. */
    @Override
    public void interceptRequest(IHttpRequest request) {
        if (!base.contains(request.getUri())) {
            throw new RefusedRequest("a URL outside fhirServer");
        }
        long leftMillis = (deadline - System.nanoTime() + 999_999) / 1_000_000;
        if (stopped || leftMillis <= 0) {
            throw new RefusedRequest("budget spent");
        }
        if (request instanceof ApacheHttpRequest apache) {
            HttpRequestBase http = apache.getApacheRequest();
            int timeout = (int) Math.min(Integer.MAX_VALUE, leftMillis);
            http.setConfig(RequestConfig.custom()
                    .setConnectTimeout(timeout)
                    .setSocketTimeout(timeout)
                    .setConnectionRequestTimeout(timeout)
                    .setRedirectsEnabled(false)
                    .build());
            requests.add(http);
            if (stopped) {
                http.abort();
            }
        }
    }

    @Override
    public void interceptResponse(IHttpResponse response) {
        // nothing: the response is read by HAPI
    }

    /** Aborts every request of the call still running: its connection is closed, its reader fails. */
    private void stop() {
        stopped = true;
        requests.forEach(HttpRequestBase::abort);
    }

    /** A reason fit for the log: no message (HAPI's hold the URL and the server's answer). */
    private static String reason(Throwable failure) {
        if (failure instanceof RefusedRequest refused) {
            return refused.getMessage();
        }
        if (failure instanceof FhirClientConnectionException) {
            // A connection or parse failure (HAPI gives it status 500, though no server answered).
            return failure.getCause() == null
                    ? failure.getClass().getSimpleName()
                    : failure.getCause().getClass().getSimpleName();
        }
        if (failure instanceof BaseServerResponseException response) {
            return "HTTP " + response.getStatusCode();
        }
        return failure.getClass().getSimpleName();
    }

    /** A request the guard did not let out; its message is fixed text. */
    private static final class RefusedRequest extends RuntimeException {
        RefusedRequest(String reason) {
            super(reason, null, false, false);
        }
    }
}
