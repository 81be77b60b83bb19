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

    /** Above the exact-array size the declared length is not reserved up front; the body still arrives whole. */
    @Test
    void readsALargeDeclaredBodyAsItArrives() {
        RequestBodyReader large = new RequestBodyReader(new BodyLimitProperties(1_000_000));
        byte[] content = new byte[RequestBodyReader.EXACT_UP_TO + 10];
        content[content.length - 1] = 7;
        MockHttpServletRequest request = new MockHttpServletRequest();
        request.setContent(content);

        assertThat(large.read(request)).isEqualTo(content);

        MockHttpServletRequest truncated = new MockHttpServletRequest() {
            @Override
            public long getContentLengthLong() {
                return RequestBodyReader.EXACT_UP_TO + 100;
            }
        };
        truncated.setContent(content);
        assertThatThrownBy(() -> large.read(truncated))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST));
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
