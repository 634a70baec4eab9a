package io.github.livetemplate.undertow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.livetemplate.runtime.testing.LogCapture;
import io.github.livetemplate.undertow.testing.TestPage;
import io.undertow.Handlers;
import io.undertow.Undertow;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.UnaryOperator;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Security headers, the allowed-hosts check against DNS rebinding, malformed requests (too many
 * cookies) answered 400 with one log line, and the timeouts that close slowloris connections,
 * stalled POST bodies and silent WebSockets.
 */
@Timeout(60)
class HardeningTest {
    Undertow undertow;
    int port;
    final HttpClient http = HttpClient.newHttpClient();

    void start(UnaryOperator<LiveHandler.Builder<TestPage.Page>> options, boolean timeouts) {
        LiveHandler<TestPage.Page> handler =
                options.apply(
                                LiveHandler.builder(
                                        new TestPage.Renderer(false),
                                        new TestPage.Controller(),
                                        TestPage.Page.initial()))
                        .build();
        Undertow.Builder b = Undertow.builder();
        if (timeouts) {
            ServerDefaults.apply(
                    b, Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(2));
        }
        undertow =
                b.addHttpListener(0, "127.0.0.1")
                        .setHandler(Handlers.path().addPrefixPath("/counter", handler))
                        .build();
        undertow.start();
        port = ((InetSocketAddress) undertow.getListenerInfo().get(0).getAddress()).getPort();
    }

    @AfterEach
    void stop() {
        undertow.stop();
    }

    HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder r =
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (headers.length > 0) {
            r.headers(headers);
        }
        return http.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Sends {@code request} as is and returns what the server answers until it closes. */
    String raw(String request) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(5000);
            s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "page    | /counter",
                "script  | /counter/_lvt/client-0.25.1.js",
                "unknown | /counter/x?y=1",
            })
    void everyAnswerCarriesTheSecurityHeaders(String name, String path) throws Exception {
        start(b -> b, false);
        HttpResponse<String> r = get(path);
        assertEquals(200, r.statusCode());
        assertEquals(
                "frame-ancestors 'self'",
                r.headers().firstValue("Content-Security-Policy").orElse(""));
        assertEquals("SAMEORIGIN", r.headers().firstValue("X-Frame-Options").orElse(""));
        assertEquals("nosniff", r.headers().firstValue("X-Content-Type-Options").orElse(""));
        assertEquals(
                "strict-origin-when-cross-origin",
                r.headers().firstValue("Referrer-Policy").orElse(""));
    }

    @Test
    void thePolicyIsConfigurable() throws Exception {
        start(b -> b.contentSecurityPolicy("default-src 'self'").referrerPolicy(""), false);
        HttpResponse<String> r = get("/counter");
        assertEquals(
                "default-src 'self'", r.headers().firstValue("Content-Security-Policy").orElse(""));
        assertTrue(r.headers().firstValue("X-Frame-Options").isEmpty());
        assertTrue(r.headers().firstValue("Referrer-Policy").isEmpty());
    }

    @Test
    void dnsRebindingIsRefusedByTheAllowedHosts() throws Exception {
        start(b -> b.allowedHosts("127.0.0.1", "localhost"), false);
        String evil = "evil.example:" + port;
        try (LogCapture log = new LogCapture("io.github.livetemplate")) {
            String[] attacks = {
                "GET /counter HTTP/1.1\r\nHost: " + evil + "\r\nConnection: close\r\n\r\n",
                "GET /counter HTTP/1.1\r\nHost: "
                        + evil
                        + "\r\nOrigin: http://"
                        + evil
                        + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                        + "Sec-WebSocket-Key: MDEyMzQ1Njc4OWFiY2RlZg==\r\n"
                        + "Sec-WebSocket-Version: 13\r\n\r\n",
                "POST /counter HTTP/1.1\r\nHost: "
                        + evil
                        + "\r\nOrigin: http://"
                        + evil
                        + "\r\nContent-Type: application/json\r\nContent-Length: 24\r\n"
                        + "Connection: close\r\n\r\n{\"action\":\"increment\"}  ",
            };
            for (String attack : attacks) {
                String answer = raw(attack);
                assertTrue(answer.startsWith("HTTP/1.1 400"), answer);
            }
            assertEquals(1, log.at(Level.WARNING, "not an allowed host").size(), "logged once");
        }
        assertTrue(
                raw("GET /counter HTTP/1.1\r\nHost: 127.0.0.1:"
                                + port
                                + "\r\nConnection: close\r\n\r\n")
                        .startsWith("HTTP/1.1 200"));
        assertEquals(200, get("/counter", "Accept", "text/html").statusCode());
    }

    @Test
    void tooManyCookiesGet400AndOneLogLine() throws Exception {
        start(b -> b, false);
        StringBuilder cookies = new StringBuilder();
        for (int i = 0; i < 201; i++) {
            cookies.append(i == 0 ? "" : "; ").append("c").append(i).append("=v");
        }
        try (LogCapture log = new LogCapture("io.github.livetemplate")) {
            for (int i = 0; i < 5; i++) {
                HttpResponse<String> r = get("/counter", "Cookie", cookies.toString());
                assertEquals(400, r.statusCode(), r.body());
                assertFalse(r.body().contains("Exception"), "no stack trace: " + r.body());
            }
            assertEquals(1, log.at(Level.WARNING, "malformed request").size());
            assertEquals(0, log.at(Level.SEVERE).size());
        }
    }

    @Test
    void slowlorisAndStalledBodiesAreClosedByTheServerTimeouts() throws Exception {
        start(b -> b.requestBodyTimeout(Duration.ofSeconds(2)), true);
        String[] stalled = {
            "GET /counter HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ", // headers never finish
            "POST /counter HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 100\r\n\r\n{\"action\":", // body never finishes
        };
        for (String request : stalled) {
            try (Socket s = new Socket("127.0.0.1", port)) {
                s.setSoTimeout(8000);
                s.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
                long start = System.nanoTime();
                try {
                    assertClosed(s.getInputStream());
                } catch (AssertionError e) {
                    throw new AssertionError(request, e);
                }
                long ms = (System.nanoTime() - start) / 1_000_000;
                assertTrue(ms < 7000, "closed by the server after " + ms + " ms");
            }
        }
    }

    @Test
    void aSilentWebSocketIsClosedAfterTheIdleTimeout() throws Exception {
        start(b -> b.webSocketIdleTimeout(Duration.ofSeconds(1)), false);
        try (Socket ws =
                io.github.livetemplate.undertow.testing.RawWebSocket.stalled(port, "/counter")) {
            ws.setSoTimeout(8000);
            assertClosed(ws.getInputStream());
        }
    }

    /** Reads (and drops) until the server closes; fails on the socket timeout. */
    static void assertClosed(InputStream in) throws IOException {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        byte[] buf = new byte[4096];
        try {
            int n;
            while ((n = in.read(buf)) >= 0) {
                sink.write(buf, 0, n);
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the server kept the connection open", e);
        } catch (IOException reset) {
            // closed with a reset: closed all the same
        }
    }
}
