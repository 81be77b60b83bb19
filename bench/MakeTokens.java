import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

/**
 * Pre-generates CDS Hooks tokens for bench/auth-ab.sh (run with the service's own libraries on the
 * class path): a key (RS384 with a 2048-bit RSA key, or ES384 on P-384 with ALG=ES384), its public
 * JWKS, and for each file prefix and thread a file of tokens, one per line, each with its own jti,
 * valid for 50 minutes.
 *
 * <p>java -cp 'target/bench-app/lib/*' bench/MakeTokens.java DIR ISSUER AUDIENCE COUNT THREADS PREFIX[:COUNT]...
 */
public class MakeTokens {
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        String issuer = args[1];
        String audience = args[2];
        int count = Integer.parseInt(args[3]);
        int threads = Integer.parseInt(args[4]);
        boolean ec = "ES384".equals(System.getenv("ALG"));
        JWK key = ec
                ? new ECKeyGenerator(Curve.P_384).keyID("bench-1").generate()
                : new RSAKeyGenerator(2048).keyID("bench-1").generate();
        Files.writeString(dir.resolve("bench-jwks.json"), new JWKSet(key.toPublicJWK()).toString());
        JWSSigner signer = ec ? new ECDSASigner(key.toECKey()) : new RSASSASigner(key.toRSAKey());
        JWSHeader header = new JWSHeader.Builder(ec ? JWSAlgorithm.ES384 : JWSAlgorithm.RS384)
                .keyID(key.getKeyID())
                .type(JOSEObjectType.JWT)
                .build();
        Instant now = Instant.now();
        for (int p = 5; p < args.length; p++) {
            // PREFIX or PREFIX:COUNT (this prefix's own count per thread).
            String prefix = args[p].contains(":") ? args[p].substring(0, args[p].indexOf(':')) : args[p];
            int perThread = args[p].contains(":") ? Integer.parseInt(args[p].substring(args[p].indexOf(':') + 1)) : count;
            for (int t = 0; t < threads; t++) {
                // Signed in parallel (2048-bit RSA signing is the slow part), written in order.
                String[] tokens = java.util.stream.IntStream.range(0, perThread)
                        .parallel()
                        .mapToObj(i -> sign(header, signer, issuer, audience, now))
                        .toArray(String[]::new);
                try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(dir.resolve(prefix + t + ".txt")))) {
                    for (String token : tokens) {
                        out.println(token);
                    }
                }
            }
        }
    }

    private static String sign(JWSHeader header, JWSSigner signer, String issuer, String audience, Instant now) {
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .audience(audience)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofMinutes(50))))
                .jwtID(UUID.randomUUID().toString())
                .build();
        SignedJWT jwt = new SignedJWT(header, claims);
        try {
            jwt.sign(signer);
        } catch (com.nimbusds.jose.JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }
}
