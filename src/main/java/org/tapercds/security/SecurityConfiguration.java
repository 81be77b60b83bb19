package org.tapercds.security;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.tapercds.system.OperationOutcomes;

/**
 * The filter chains: the CDS Hooks endpoints (EHR JWT, CORS, stateless; order 1), the review
 * console's API and pages (login and roles, orders 2 and 3, {@link ConsoleSecurityConfiguration}),
 * and everything else (rule docs, OpenAPI, the console's static files, unknown paths), which stays
 * open: it serves no patient data.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

    static final String CDS_HOOKS = "/cds-services";

    @Bean
    @Order(1)
    SecurityFilterChain cdsHooksFilterChain(
            HttpSecurity http,
            EhrSecurityProperties ehr,
            CorsProperties cors,
            ObjectProvider<ReplayStore> replayStores,
            Clock clock,
            MeterRegistry registry,
            OperationOutcomes outcomes,
            @Value("${taper.public-base-url}") String publicBaseUrl,
            @Value("${server.address:}") String serverAddress)
            throws Exception {
        http.securityMatcher(CDS_HOOKS, CDS_HOOKS + "/**")
                .cors(c -> c.configurationSource(corsSource(cors)))
                // Bearer tokens in a header, no cookies and no session: nothing for CSRF to forge.
                .csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(AbstractHttpConfigurer::disable)
                .anonymous(AbstractHttpConfigurer::disable);
        if (!ehr.enabled()) {
            AuthOffGuard.check(serverAddress);
            log.warn("**************************************************************************");
            log.warn(
                    "EHR AUTHENTICATION IS OFF (taper.security.ehr.enabled=false): any caller on {} gets "
                            + "answers without a token. Local use only; see docs/security.md.",
                    serverAddress);
            log.warn("**************************************************************************");
            return http.authorizeHttpRequests(a -> a.anyRequest().permitAll()).build();
        }
        ReplayStore replays = replayStores.getIfAvailable(() -> new InMemoryReplayStore(clock));
        EhrTokenVerifier verifier = new EhrTokenVerifier(ehr, replays, clock);
        TokenRefusalEntryPoint refusal = new TokenRefusalEntryPoint(outcomes, registry);
        log.info(
                "EHR authentication on: {} trusted issuer(s), algorithms {}, replay store {}",
                ehr.issuers().size(),
                ehr.algorithms(),
                replays.getClass().getSimpleName());
        return http.authorizeHttpRequests(a -> a.anyRequest().authenticated())
                .oauth2ResourceServer(o -> o.authenticationManagerResolver(
                                new EhrAuthenticationResolver(verifier, publicBaseUrl, registry))
                        .authenticationEntryPoint(refusal))
                .exceptionHandling(e -> e.authenticationEntryPoint(refusal))
                .build();
    }

    /**
     * /rules, /v3/api-docs, /error, the console's stylesheet and scripts (/console/**, /webjars/**)
     * and unknown paths (404): open, none serves patient data. The actuator has a port of its own.
     */
    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE)
    SecurityFilterChain otherEndpointsFilterChain(HttpSecurity http) throws Exception {
        return http.authorizeHttpRequests(a -> a.anyRequest().permitAll())
                .csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(AbstractHttpConfigurer::disable)
                .build();
    }

    /**
     * Preflight and CORS headers for the configured origins only; with none configured, no CORS
     * configuration at all (requests are handled as before and browsers refuse cross-origin calls).
     */
    static CorsConfigurationSource corsSource(CorsProperties properties) {
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        if (properties.allowedOrigins().isEmpty()) {
            return source;
        }
        CorsConfiguration config = new CorsConfiguration();
        config.setAllowedOrigins(properties.allowedOrigins());
        config.setAllowedMethods(List.of("GET", "POST"));
        config.setAllowedHeaders(List.of(HttpHeaders.AUTHORIZATION, HttpHeaders.CONTENT_TYPE));
        config.setAllowCredentials(false);
        config.setMaxAge(3600L);
        source.registerCorsConfiguration(CDS_HOOKS, config);
        source.registerCorsConfiguration(CDS_HOOKS + "/**", config);
        return source;
    }
}
