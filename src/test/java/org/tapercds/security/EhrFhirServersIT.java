package org.tapercds.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tapercds.security.TestTokens.claims;
import static org.tapercds.security.TestTokens.jwks;
import static org.tapercds.security.TestTokens.sign;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import com.nimbusds.jose.jwk.RSAKey;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.tapercds.fhir.InProcessFhirServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * With EHR authentication on, the calling issuer's {@code fhir-servers} decide where the prefetch
 * fallback may fetch from: an EHR's token lets the service fill an absent prefetch from that EHR's
 * server; another trusted EHR naming the same server is refused (400) and no connection is made.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"taper.security.ehr.enabled=true", "taper.public-base-url=" + EhrFhirServersIT.BASE})
@Import(EhrFhirServersIT.Setup.class)
class EhrFhirServersIT {

    static final String BASE = "https://taper-cds.example.org";
    static final String OWNER = "https://ehr.example.org";
    static final String OTHER = "https://other-ehr.example.org";
    static final String ORDER_SIGN = "/cds-services/benzo-taper-order-sign";
    static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

    static final RSAKey OWNER_KEY = TestTokens.rsaKey("owner-1");
    static final RSAKey OTHER_KEY = TestTokens.rsaKey("other-1");
    static final JwksServer KEYS = new JwksServer();
    static final InProcessFhirServer SERVER = InProcessFhirServer.start(100);
    static final JsonMapper JSON = JsonMapper.builder().build();

    @TestConfiguration(proxyBeanMethods = false)
    static class Setup {
        @Bean
        @Primary
        Clock fixedClock() {
            return Clock.fixed(NOW, ZoneOffset.UTC);
        }

        @Bean
        @Primary
        ReplayStore lateAnswers(DatabaseReplayStore database) {
            return new LateReplayAnswers(database);
        }
    }

    @DynamicPropertySource
    static void trustedEhrs(DynamicPropertyRegistry registry) {
        registry.add("taper.security.ehr.issuers[0].issuer", () -> OWNER);
        registry.add("taper.security.ehr.issuers[0].jwks-uri", () -> KEYS.serve("/owner.json", jwks(OWNER_KEY)));
        registry.add("taper.security.ehr.issuers[0].fhir-servers", SERVER::baseUrl);
        registry.add("taper.security.ehr.issuers[1].issuer", () -> OTHER);
        registry.add("taper.security.ehr.issuers[1].jwks-uri", () -> KEYS.serve("/other.json", jwks(OTHER_KEY)));
        registry.add("taper.security.ehr.issuers[1].fhir-servers", () -> "https://fhir.other-ehr.example.org/R4");
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    private final HttpClient http = HttpClient.newHttpClient();

    @AfterAll
    static void stop() throws Exception {
        KEYS.close();
        SERVER.close();
    }

    @BeforeEach
    void serveTheExamplesHistory() throws Exception {
        SERVER.reset();
        SERVER.serve(examplePrefetch());
    }

    @Test
    void theCallingEhrsOwnServerFillsAnAbsentPrefetch() throws Exception {
        HttpResponse<String> response =
                call(sign(OWNER_KEY, claims(OWNER, BASE + ORDER_SIGN, NOW).build()));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("taper-rate-exceeded");
        assertThat(SERVER.seen()).isNotEmpty();
    }

    @Test
    void anotherTrustedEhrCannotMakeTheServiceFetchFromIt() throws Exception {
        HttpResponse<String> response =
                call(sign(OTHER_KEY, claims(OTHER, BASE + ORDER_SIGN, NOW).build()));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("fhirServer");
        assertThat(SERVER.seen()).isEmpty();
    }

    /** A token another replica accepted: refused before the fallback fetches anything (ADR 0015). */
    @Test
    void aTokenAnotherReplicaAcceptedMakesTheServiceFetchNothing() throws Exception {
        String jti = "accepted-by-another-replica-" + UUID.randomUUID();
        jdbc.sql("insert into token_replay (id, forget_after) values (?, ?)")
                .params(
                        DatabaseReplayStore.key(OWNER, jti),
                        NOW.plus(Duration.ofHours(1)).atOffset(ZoneOffset.UTC))
                .update();

        HttpResponse<String> response = call(
                sign(OWNER_KEY, claims(OWNER, BASE + ORDER_SIGN, NOW).jwtID(jti).build()));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(SERVER.seen()).isEmpty();
    }

    private HttpResponse<String> call(String token) throws Exception {
        ObjectNode request = example();
        request.remove("prefetch");
        request.put("fhirServer", SERVER.baseUrl());
        request.putObject("fhirAuthorization")
                .put("access_token", "ehr-access-token")
                .put("token_type", "Bearer")
                .put("expires_in", 300)
                .put("scope", "patient/*.read")
                .put("subject", "taper-cds");
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + ORDER_SIGN))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(request.toString()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static ObjectNode example() throws Exception {
        try (var in = EhrFhirServersIT.class.getResourceAsStream("/requests/order-sign-clonazepam-halved.json")) {
            return (ObjectNode) JSON.readTree(in);
        }
    }

    private static List<Resource> examplePrefetch() throws Exception {
        IParser parser = FhirContext.forR4Cached().newJsonParser();
        List<Resource> resources = new ArrayList<>();
        for (JsonNode value : example().get("prefetch")) {
            Resource resource = (Resource) parser.parseResource(value.toString());
            if (resource instanceof Bundle bundle) {
                bundle.getEntry().forEach(entry -> resources.add(entry.getResource()));
            } else {
                resources.add(resource);
            }
        }
        return resources;
    }
}
