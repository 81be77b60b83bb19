package org.tapercds.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.KeyConverter;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import java.security.Key;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Nimbus's key selector, with each JWK's Java key made once instead of for every token. Nimbus
 * converts the JWK it selects into a Java key on every call (for RSA, a key spec through the JDK's
 * {@code KeyFactory}: 14 µs a token under load on two cores, docs/performance.md), although its JWKS
 * cache hands out the same JWK objects until it refreshes the set. The keys are held by JWK identity
 * (weak keys): a refreshed or rotated set brings new JWK objects, converted afresh, and the old keys
 * go with their JWKs.
 */
final class ConvertOnceKeySelector extends JWSVerificationKeySelector<SecurityContext> {

    private final Cache<JWK, List<Key>> keys = Caffeine.newBuilder().weakKeys().build();

    ConvertOnceKeySelector(Set<JWSAlgorithm> algorithms, JWKSource<SecurityContext> source) {
        super(algorithms, source);
    }

    /**
     * As Nimbus's: the public keys of the JWKs that match the header, for an allowed algorithm only.
     * (Nimbus's would also give secret keys, for HMAC, which {@link EhrTokenVerifier#algorithms}
     * refuses at start.)
     */
    @Override
    public List<Key> selectJWSKeys(JWSHeader header, SecurityContext context) throws KeySourceException {
        JWKMatcher matcher = createJWKMatcher(header); // null for an algorithm not allowed
        if (matcher == null) {
            return List.of();
        }
        List<Key> selected = new ArrayList<>(1);
        for (JWK jwk : getJWKSource().get(new JWKSelector(matcher), context)) {
            selected.addAll(keys.get(jwk, ConvertOnceKeySelector::publicKeys));
        }
        return selected;
    }

    /** The JWK's public key (never a private one it may carry); none when it does not convert. */
    private static List<Key> publicKeys(JWK jwk) {
        return KeyConverter.toJavaKeys(List.of(jwk)).stream()
                .filter(PublicKey.class::isInstance)
                .toList();
    }
}
