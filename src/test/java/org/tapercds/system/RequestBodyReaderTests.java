package org.tapercds.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

class RequestBodyReaderTests {

    private final RequestBodyReader reader = new RequestBodyReader(new BodyLimitProperties(10));

    /** A chunked request: the body arrives with no Content-Length. */
    private static MockHttpServletRequest chunked(byte[] body) {
        MockHttpServletRequest request = new MockHttpServletRequest() {
            @Override
            public int getContentLength() {
                return -1;
            }

            @Override
            public long getContentLengthLong() {
                return -1;
            }
        };
        request.setContent(body);
        return request;
    }

    @Test
    void readsABodyUpToTheLimit() {
        MockHttpServletRequest request = new MockHttpServletRequest();
        request.setContent("0123456789".getBytes());

        assertThat(reader.read(request)).hasSize(10);
    }

    @Test
    void refusesADeclaredLengthOverTheLimitBeforeReading() {
        MockHttpServletRequest request = new MockHttpServletRequest() {
            @Override
            public long getContentLengthLong() {
                return 11;
            }
        };
        // No content at all: the refusal must come from the header alone.

        assertThatThrownBy(() -> reader.read(request))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BODY_TOO_LARGE));
    }

    @Test
    void refusesAChunkedBodyOverTheLimit() {
        assertThatThrownBy(() -> reader.read(chunked("01234567890".getBytes())))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BODY_TOO_LARGE));
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

    @Test
    void refusesABodyShorterThanItsDeclaredLength() {
        MockHttpServletRequest request = new MockHttpServletRequest() {
            @Override
            public long getContentLengthLong() {
                return 8;
            }
        };
        request.setContent("0123".getBytes());

        assertThatThrownBy(() -> reader.read(request))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST));
    }
}
