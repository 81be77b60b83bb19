package org.tapercds.security;

import com.nimbusds.jose.util.Resource;
import com.nimbusds.jose.util.ResourceRetriever;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a JWKS from a {@code file:} URL (a key set mounted from a Secret or ConfigMap), read again
 * whenever Nimbus's cache refreshes, so a rewritten file is picked up without a restart.
 */
final class FileResourceRetriever implements ResourceRetriever {

    private final int sizeLimit;

    FileResourceRetriever(int sizeLimit) {
        this.sizeLimit = sizeLimit;
    }

    @Override
    public Resource retrieveResource(URL url) throws IOException {
        Path path;
        try {
            path = Path.of(url.toURI());
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new IOException("Not a file URL: " + url, e);
        }
        try (InputStream in = Files.newInputStream(path)) {
            byte[] bytes = in.readNBytes(sizeLimit + 1);
            if (bytes.length > sizeLimit) {
                throw new IOException("JWKS file larger than " + sizeLimit + " bytes: " + url);
            }
            return new Resource(new String(bytes, StandardCharsets.UTF_8), "application/json");
        }
    }
}
