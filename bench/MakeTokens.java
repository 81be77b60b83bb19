import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
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
 * class path): an ES384 key, its public JWKS, and for each file prefix and thread a file of tokens,
 * one per line, each with its own jti, valid for 50 minutes.
 *
 * <p>java -cp 'target/bench-app/lib/*' bench/MakeTokens.java DIR ISSUER AUDIENCE COUNT THREADS PREFIX...
 */
public class MakeTokens {
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        String issuer = args[1];
        String audience = args[2];
        int count = Integer.parseInt(args[3]);
        int threads = Integer.parseInt(args[4]);
        ECKey key = new ECKeyGenerator(Curve.P_384).keyID("bench-1").generate();
        Files.writeString(dir.resolve("bench-jwks.json"), new JWKSet(key.toPublicJWK()).toString());
        ECDSASigner signer = new ECDSASigner(key);
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.ES384)
                .keyID(key.getKeyID())
                .type(JOSEObjectType.JWT)
                .build();
        Instant now = Instant.now();
        for (int p = 5; p < args.length; p++) {
            for (int t = 0; t < threads; t++) {
                try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(dir.resolve(args[p] + t + ".txt")))) {
                    for (int i = 0; i < count; i++) {
                        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                                .issuer(issuer)
                                .audience(audience)
                                .issueTime(Date.from(now))
                                .expirationTime(Date.from(now.plus(Duration.ofMinutes(50))))
                                .jwtID(UUID.randomUUID().toString())
                                .build();
                        SignedJWT jwt = new SignedJWT(header, claims);
                        jwt.sign(signer);
                        out.println(jwt.serialize());
                    }
                }
            }
        }
    }
}
