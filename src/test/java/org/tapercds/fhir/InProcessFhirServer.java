package org.tapercds.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.model.api.Include;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.IncludeParam;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.RequiredParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenOrListParam;
import ca.uhn.fhir.rest.server.FifoMemoryPagingProvider;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;

/**
 * A real HAPI FHIR server for tests: a {@link RestfulServer} with in-memory providers for Patient,
 * MedicationRequest, Observation and Condition, in an embedded Tomcat on a random loopback port,
 * paging searches at {@code pageSize} entries. It records every request it sees (path with query,
 * Authorization header), and can be made slow or failing.
 */
public final class InProcessFhirServer implements AutoCloseable {

    /** One request as the server saw it. */
    public record Seen(String pathAndQuery, String authorization) {}

    private final Tomcat tomcat;
    private final int port;
    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final List<Resource> resources = new CopyOnWriteArrayList<>();
    private volatile Duration delay = Duration.ZERO;
    private volatile int failWith;
    private volatile CountDownLatch released = new CountDownLatch(0);

    private InProcessFhirServer(int pageSize) throws IOException, LifecycleException {
        FhirContext fhir = FhirContext.forR4Cached();
        RestfulServer server = new RecordingServer(fhir);
        server.setResourceProviders(
                new PatientProvider(),
                new SearchProvider<>(MedicationRequest.class),
                new SearchProvider<>(Observation.class),
                new SearchProvider<>(Condition.class));
        FifoMemoryPagingProvider paging = new FifoMemoryPagingProvider(100);
        paging.setDefaultPageSize(pageSize);
        paging.setMaximumPageSize(pageSize);
        server.setPagingProvider(paging);

        tomcat = new Tomcat();
        tomcat.setBaseDir(Files.createTempDirectory("fhir-test-tomcat").toString());
        Connector connector = new Connector();
        connector.setPort(0);
        connector.setProperty("address", "127.0.0.1");
        tomcat.setConnector(connector);
        Context context = tomcat.addContext("", null);
        Tomcat.addServlet(context, "fhir", server).setLoadOnStartup(1);
        context.addServletMappingDecoded("/fhir/*", "fhir");
        tomcat.start();
        port = connector.getLocalPort();
    }

    public static InProcessFhirServer start(int pageSize) {
        try {
            return new InProcessFhirServer(pageSize);
        } catch (IOException | LifecycleException e) {
            throw new IllegalStateException("could not start the test FHIR server", e);
        }
    }

    /** {@code http://127.0.0.1:<port>/fhir} */
    public String baseUrl() {
        return "http://127.0.0.1:" + port + "/fhir";
    }

    public int port() {
        return port;
    }

    public List<Seen> seen() {
        return List.copyOf(seen);
    }

    /** Replaces the server's resources (the providers search them by patient). */
    public void serve(List<? extends Resource> content) {
        resources.clear();
        resources.addAll(content);
    }

    /** Forgets what was seen and makes the server fast and healthy again. */
    public void reset() {
        released.countDown();
        seen.clear();
        delay = Duration.ZERO;
        failWith = 0;
    }

    /** Each request waits this long (or until {@link #reset}) before it is answered. */
    public void slowDown(Duration delay) {
        this.released = new CountDownLatch(1);
        this.delay = delay;
    }

    /** Each request is answered with this HTTP status and an OperationOutcome. */
    public void failWith(int status) {
        this.failWith = status;
    }

    @Override
    public void close() throws LifecycleException {
        released.countDown();
        tomcat.stop();
        tomcat.destroy();
    }

    private final class RecordingServer extends RestfulServer {

        RecordingServer(FhirContext fhir) {
            super(fhir);
        }

        @Override
        protected void service(HttpServletRequest request, HttpServletResponse response)
                throws ServletException, IOException {
            String query = request.getQueryString();
            seen.add(new Seen(
                    request.getRequestURI() + (query == null ? "" : "?" + query), request.getHeader("Authorization")));
            if (!delay.isZero()) {
                try {
                    released.await(delay.toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (failWith != 0) {
                response.setStatus(failWith);
                response.setContentType("application/fhir+json");
                response.getOutputStream()
                        .write(("{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"error\","
                                        + "\"code\":\"exception\",\"diagnostics\":\"test failure\"}]}")
                                .getBytes(StandardCharsets.UTF_8));
                return;
            }
            super.service(request, response);
        }
    }

    private static boolean about(Resource resource, String patientId) {
        String reference = null;
        if (resource instanceof MedicationRequest m) {
            reference = m.getSubject().getReference();
        } else if (resource instanceof Observation o) {
            reference = o.getSubject().getReference();
        } else if (resource instanceof Condition c) {
            reference = c.getSubject().getReference();
        }
        return reference != null && reference.equals("Patient/" + patientId);
    }

    public final class PatientProvider implements IResourceProvider {

        @Override
        public Class<Patient> getResourceType() {
            return Patient.class;
        }

        @Read
        public Patient read(@IdParam IdType id) {
            return resources.stream()
                    .filter(Patient.class::isInstance)
                    .map(Patient.class::cast)
                    .filter(p -> p.getIdElement().getIdPart().equals(id.getIdPart()))
                    .findFirst()
                    .orElseThrow(() -> new ResourceNotFoundException(id));
        }
    }

    /** Searches one type by patient; the other parameters (codes, statuses, includes) are accepted, not applied. */
    public final class SearchProvider<T extends Resource> implements IResourceProvider {

        private final Class<T> type;

        SearchProvider(Class<T> type) {
            this.type = type;
        }

        @Override
        public Class<T> getResourceType() {
            return type;
        }

        @Search
        public List<IBaseResource> search(
                @RequiredParam(name = "patient") ReferenceParam patient,
                @OptionalParam(name = "code") TokenOrListParam code,
                @OptionalParam(name = "clinical-status") TokenOrListParam clinicalStatus,
                @IncludeParam(allow = "MedicationRequest:medication") Set<Include> includes) {
            List<IBaseResource> found = new ArrayList<>();
            for (Resource resource : resources) {
                if (type.isInstance(resource) && about(resource, patient.getIdPart())) {
                    found.add(resource);
                }
            }
            return found;
        }
    }
}
