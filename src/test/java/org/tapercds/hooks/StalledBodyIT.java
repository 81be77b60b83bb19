package org.tapercds.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

/**
 * A client that sends the headers and part of a body, then nothing, holds a worker only until the
 * read timeout ({@code server.tomcat.connection-timeout}), not for minutes: it gets a 400 and the
 * connection is closed.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "server.tomcat.connection-timeout=1s")
@Import(EdgeTestConfiguration.class)
class StalledBodyIT {

    @LocalServerPort
    int port;

    @Test
    void aStalledBodyIsAnsweredAfterTheReadTimeout() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout((int) Duration.ofSeconds(20).toMillis());
            OutputStream out = socket.getOutputStream();
            out.write(("POST /cds-services/benzo-taper-order-sign HTTP/1.1\r\n"
                            + "Host: 127.0.0.1\r\n"
                            + "Content-Type: application/json\r\n"
                            + "Content-Length: 5000\r\n\r\n"
                            + "{\"hook\": \"order-sign\", ")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            long start = System.nanoTime();

            InputStream in = socket.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            Duration waited = Duration.ofNanos(System.nanoTime() - start);

            assertThat(answer).startsWith("HTTP/1.1 400");
            assertThat(waited).isLessThan(Duration.ofSeconds(10));
        }
    }
}
