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

    /** Bodies declared up to this size are read into one array allocated up front. */
    static final int EXACT_UP_TO = 256 * 1024;

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
            body = declared >= 0 ? declared((int) declared, in) : in.readNBytes(maxBodyBytes + 1);
        } catch (IOException e) {
            throw new ApiException(ErrorCode.BAD_REQUEST, "The request body could not be read", null);
        }
        if (body.length > maxBodyBytes) {
            throw tooLarge();
        }
        return body;
    }

    /**
     * A body of declared length. Up to {@link #EXACT_UP_TO} bytes it is read into one array of that
     * size (the common case; collecting chunks and copying them cost a third of a call's
     * allocation); a larger declaration is read in chunks as the bytes arrive, so a client cannot
     * make the service reserve megabytes by declaring them and sending nothing. The container ends
     * the stream at the declared length; a stream that ends before it is a truncated body.
     */
    private static byte[] declared(int length, InputStream in) throws IOException {
        byte[] body;
        if (length <= EXACT_UP_TO) {
            body = new byte[length];
            if (in.readNBytes(body, 0, length) < length) {
                throw truncated();
            }
        } else {
            body = in.readNBytes(length);
            if (body.length < length) {
                throw truncated();
            }
        }
        return body;
    }

    private static ApiException truncated() {
        return new ApiException(ErrorCode.BAD_REQUEST, "The request body is shorter than its Content-Length", null);
    }

    private ApiException tooLarge() {
        return new ApiException(
                ErrorCode.BODY_TOO_LARGE, "The request body exceeds the limit of " + maxBodyBytes + " bytes", null);
    }
}
