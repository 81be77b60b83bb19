package org.tapercds.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.security.Key;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ConvertOnceKeySelectorTests {

    private static final JWSHeader RS384_K1 =
            new JWSHeader.Builder(JWSAlgorithm.RS384).keyID("k1").build();

    private final AtomicReference<JWKSet> current = new AtomicReference<>();
    private final JWKSource<SecurityContext> source = (selector, context) -> selector.select(current.get());
    private final ConvertOnceKeySelector selector = new ConvertOnceKeySelector(Set.of(JWSAlgorithm.RS384), source);

    @Test
    void convertsAKeyOnceForAllTokensSignedWithIt() throws Exception {
        RSAKey key = new RSAKeyGenerator(2048).keyID("k1").generate();
        current.set(new JWKSet(key.toPublicJWK()));

        List<Key> first = selector.selectJWSKeys(RS384_K1, null);
        List<Key> second = selector.selectJWSKeys(RS384_K1, null);

        assertThat(first).containsExactly(key.toRSAPublicKey());
        assertThat(second.get(0)).isSameAs(first.get(0));
    }

    /** Key rotation: the refreshed set's JWK objects are new, so a reused kid gets the new key. */
    @Test
    void takesTheNewKeyOnceTheSetIsRefreshed() throws Exception {
        RSAKey old = new RSAKeyGenerator(2048).keyID("k1").generate();
        RSAKey rotated = new RSAKeyGenerator(2048).keyID("k1").generate();
        current.set(new JWKSet(old.toPublicJWK()));
        assertThat(selector.selectJWSKeys(RS384_K1, null)).containsExactly(old.toRSAPublicKey());

        current.set(new JWKSet(rotated.toPublicJWK()));

        assertThat(selector.selectJWSKeys(RS384_K1, null)).containsExactly(rotated.toRSAPublicKey());
    }

    @Test
    void givesOnlyThePublicKeyOfAJwkThatCarriesItsPrivateParts() throws Exception {
        RSAKey key = new RSAKeyGenerator(2048).keyID("k1").generate();
        current.set(new JWKSet(key));

        assertThat(selector.selectJWSKeys(RS384_K1, null)).containsExactly(key.toRSAPublicKey());
    }

    @Test
    void selectsNothingForAnAlgorithmNotAllowedOrAnotherKid() throws Exception {
        RSAKey key = new RSAKeyGenerator(2048).keyID("k1").generate();
        current.set(new JWKSet(key.toPublicJWK()));

        assertThat(selector.selectJWSKeys(
                        new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("k1").build(), null))
                .isEmpty();
        assertThat(selector.selectJWSKeys(
                        new JWSHeader.Builder(JWSAlgorithm.RS384).keyID("k2").build(), null))
                .isEmpty();
    }

    @Test
    void selectsAnEcKeyForEs384() throws Exception {
        ECKey key = new ECKeyGenerator(Curve.P_384).keyID("e1").generate();
        current.set(new JWKSet(key.toPublicJWK()));
        ConvertOnceKeySelector ec = new ConvertOnceKeySelector(Set.of(JWSAlgorithm.ES384), source);
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.ES384).keyID("e1").build();

        List<Key> first = ec.selectJWSKeys(header, null);

        assertThat(first).containsExactly(key.toECPublicKey());
        assertThat(ec.selectJWSKeys(header, null).get(0)).isSameAs(first.get(0));
        assertThat(ec.selectJWSKeys(
                        new JWSHeader.Builder(JWSAlgorithm.ES256).keyID("e1").build(), null))
                .isEmpty();
    }
}
