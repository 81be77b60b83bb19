package org.tapercds.system;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import org.springframework.stereotype.Component;

/**
 * Reads a request body into memory without ever holding more than the configured limit: a
 * declared {@code Content-Length} over the limit is refused before reading, and a body without
 * one (chunked) is refused as soon as one byte more than the limit has arrived.
 */
@Component
public class RequestBodyReader {

    private final int maxBodyBytes;

    public RequestBodyReader(BodyLimitProperties limits) {
        this.maxBodyBytes = (int) limits.maxBodyBytes();
    }

    public byte[] read(HttpServletRequest request) {
        long declared = request.getContentLengthLong();
        if (declared > maxBodyBytes) {
            throw tooLarge();
        }
        byte[] body;
        try {
            InputStream in = request.getInputStream();
            body = declared >= 0 ? exactly((int) declared, in) : in.readNBytes(maxBodyBytes + 1);
        } catch (IOException e) {
            throw new ApiException(ErrorCode.BAD_REQUEST, "The request body could not be read", null);
        }
        if (body.length > maxBodyBytes) {
            throw tooLarge();
        }
        return body;
    }

    /**
     * A body of declared length read into one array of that size (the common case; reading up to the
     * limit would collect chunks and copy them). The container ends the stream at the declared length;
     * a stream that ends before it is a truncated body.
     */
    private byte[] exactly(int length, InputStream in) throws IOException {
        byte[] body = new byte[length];
        if (in.readNBytes(body, 0, length) < length) {
            throw new ApiException(ErrorCode.BAD_REQUEST, "The request body is shorter than its Content-Length", null);
        }
        return body;
    }

    private ApiException tooLarge() {
        return new ApiException(
                ErrorCode.BODY_TOO_LARGE, "The request body exceeds the limit of " + maxBodyBytes + " bytes", null);
    }
}
