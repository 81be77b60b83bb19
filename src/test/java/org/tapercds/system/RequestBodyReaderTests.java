package org.tapercds.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

class RequestBodyReaderTests {

    private final RequestBodyReader reader = new RequestBodyReader(new BodyLimitProperties(10));

    /**
     * A request whose Content-Length header says {@code declared} (-1: none, a chunked body) whatever
     * the body holds.
     */
    private static MockHttpServletRequest declaring(long declared, byte[] body) {
        MockHttpServletRequest request = new MockHttpServletRequest() {
            @Override
            public int getContentLength() {
                return declared > Integer.MAX_VALUE ? -1 : (int) declared;
            }

            @Override
            public long getContentLengthLong() {
                return declared;
            }
        };
        request.setContent(body);
        return request;
    }

    /** A chunked request: the body arrives with no Content-Length. */
    private static MockHttpServletRequest chunked(byte[] body) {
        return declaring(-1, body);
    }

    private static void assertRefused(RequestBodyReader reader, MockHttpServletRequest request, ErrorCode code) {
        assertThatThrownBy(() -> reader.read(request))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.code()).isEqualTo(code));
    }

    @Test
    void readsABodyUpToTheLimit() {
        MockHttpServletRequest request = new MockHttpServletRequest();
        request.setContent("0123456789".getBytes());

        assertThat(reader.read(request)).hasSize(10);
    }

    @Test
    void refusesADeclaredLengthOverTheLimitBeforeReading() {
        // No content at all: the refusal must come from the header alone.
        assertRefused(reader, declaring(11, null), ErrorCode.BODY_TOO_LARGE);
    }

    @Test
    void refusesAChunkedBodyOverTheLimit() {
        assertRefused(reader, chunked("01234567890".getBytes()), ErrorCode.BODY_TOO_LARGE);
    }

    @Test
    void readsAChunkedBodyWithinTheLimit() {
        assertThat(reader.read(chunked("0123".getBytes()))).hasSize(4);
    }

    @Test
    void readsExactlyTheDeclaredLength() {
        MockHttpServletRequest request = new MockHttpServletRequest();
        request.setContent("0123".getBytes());

        assertThat(reader.read(request)).containsExactly("0123".getBytes());
    }

    /** Above the exact-array size the declared length is not reserved up front; the body still arrives whole. */
    @Test
    void readsALargeDeclaredBodyAsItArrives() {
        RequestBodyReader large = new RequestBodyReader(new BodyLimitProperties(1_000_000));
        byte[] content = new byte[RequestBodyReader.EXACT_UP_TO + 10];
        content[content.length - 1] = 7;
        MockHttpServletRequest request = new MockHttpServletRequest();
        request.setContent(content);

        assertThat(large.read(request)).isEqualTo(content);

        assertRefused(large, declaring(RequestBodyReader.EXACT_UP_TO + 100, content), ErrorCode.BAD_REQUEST);
    }

    @Test
    void refusesABodyShorterThanItsDeclaredLength() {
        assertRefused(reader, declaring(8, "0123".getBytes()), ErrorCode.BAD_REQUEST);
    }
}
