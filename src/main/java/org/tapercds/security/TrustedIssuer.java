package org.tapercds.security;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jose.util.ResourceRetriever;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.net.MalformedURLException;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One trusted EHR of {@link EhrTokenVerifier}: its configuration and a Nimbus processor per key set
 * (its JWKS and each allowed {@code jku}), each key set cached, refreshed on an unknown {@code kid}
 * and rate limited.
 */
final class TrustedIssuer {

    static final Duration JWKS_CACHE_TTL = Duration.ofMinutes(5);
    private static final Duration JWKS_REFRESH_TIMEOUT = Duration.ofSeconds(15);
    private static final int JWKS_TIMEOUT_MS = 2_000;
    private static final int JWKS_SIZE_LIMIT = 100 * 1024;

    private final EhrSecurityProperties.Issuer config;
    private final Set<JWSAlgorithm> algorithms;
    private final DefaultJWTProcessor<SecurityContext> jwks;
    private final Map<URI, DefaultJWTProcessor<SecurityContext>> jku = new LinkedHashMap<>();

    /**
     * @param name the configuration key, for errors at start
     * @param algorithms the JWS algorithms accepted
     */
    TrustedIssuer(
            String name, EhrSecurityProperties.Issuer config, Set<JWSAlgorithm> algorithms, Duration refreshInterval) {
        this.config = config;
        this.algorithms = algorithms;
        if (config.jwksUri() == null) {
            throw new IllegalStateException(name + ".jwks-uri is required");
        }
        this.jwks = processor(keySource(name + ".jwks-uri", config.jwksUri(), true, refreshInterval));
        for (URI url : config.allowedJku()) {
            jku.put(url, processor(keySource(name + ".allowed-jku", url, false, refreshInterval)));
        }
    }

    EhrSecurityProperties.Issuer config() {
        return config;
    }

    /** The processor for a token's {@code jku} header: the issuer's JWKS without one, null when not allowed. */
    DefaultJWTProcessor<SecurityContext> processorFor(URI jkuHeader) {
        return jkuHeader == null ? jwks : jku.get(jkuHeader);
    }

    private DefaultJWTProcessor<SecurityContext> processor(JWKSource<SecurityContext> keys) {
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new ConvertOnceKeySelector(algorithms, keys));
        // typ and every claim are checked by EhrTokenVerifier (with the service's clock and reasons).
        processor.setJWSTypeVerifier((type, context) -> {});
        processor.setJWTClaimsSetVerifier((claims, context) -> {});
        return processor;
    }

    private static JWKSource<SecurityContext> keySource(
            String name, URI uri, boolean fileAllowed, Duration refreshInterval) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        ResourceRetriever retriever;
        if (scheme.equals("https") || scheme.equals("http")) {
            retriever = new DefaultResourceRetriever(JWKS_TIMEOUT_MS, JWKS_TIMEOUT_MS, JWKS_SIZE_LIMIT);
        } else if (scheme.equals("file") && fileAllowed) {
            retriever = new FileResourceRetriever(JWKS_SIZE_LIMIT);
        } else {
            throw new IllegalStateException(
                    name + ": " + uri + " is not an http(s)" + (fileAllowed ? " or file" : "") + " URL");
        }
        try {
            return JWKSourceBuilder.<SecurityContext>create(uri.toURL(), retriever)
                    .cache(JWKS_CACHE_TTL.toMillis(), JWKS_REFRESH_TIMEOUT.toMillis())
                    .rateLimited(refreshInterval.toMillis())
                    .build();
        } catch (MalformedURLException | IllegalArgumentException e) {
            throw new IllegalStateException(name + ": " + uri + " is not a URL", e);
        }
    }
}
