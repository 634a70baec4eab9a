package io.github.livetemplate.undertow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.livetemplate.runtime.testing.LogCapture;
import io.github.livetemplate.undertow.testing.TestPage;
import io.github.livetemplate.undertow.testing.TestServer;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link LiveHandler.Builder#accessLog}: one line per page load, post and upgrade with method,
 * path, status, bytes and duration, never query values or cookies, and nothing a client can use to
 * forge a line.
 */
@Timeout(60)
class AccessLogTest {

    static LiveHandler<TestPage.Page> page(boolean accessLog) {
        return LiveHandler.builder(
                        new TestPage.Renderer(false),
                        new TestPage.Controller(),
                        TestPage.Page.initial())
                .accessLog(accessLog)
                .build();
    }

    @Test
    void logsPageLoadsPostsAndUpgradesWithoutQueryValuesOrCookies() throws Exception {
        try (LogCapture log = new LogCapture("io.github.livetemplate.access");
                TestServer server = TestServer.with("/counter", page(true))) {
            // when: a page load with a query and a cookie, a post, an upgrade
            var load =
                    server.get(
                            "/counter?start=5&token=hunter2",
                            "Cookie",
                            "livetemplate-id=secret-cookie-value");
            String cookie = server.session("/counter");
            var post = server.post("/counter", "{\"action\":\"increment\"}", "Cookie", cookie);
            try (TestServer.WsClient ws = server.connect("/counter")) {
                ws.next();
            }
            List<String> lines = await(log, 4);

            // then
            String first = lines.get(0);
            assertTrue(
                    first.matches(
                            "GET /counter\\?(start&token|token&start) 200 "
                                    + load.body().getBytes(StandardCharsets.UTF_8).length
                                    + " B \\d+\\.\\d ms"),
                    first);
            assertTrue(lines.get(1).startsWith("GET /counter 200 "), lines.get(1));
            assertTrue(
                    lines.get(2)
                            .matches(
                                    "POST /counter 200 "
                                            + post.body().getBytes(StandardCharsets.UTF_8).length
                                            + " B .*"),
                    lines.get(2));
            assertTrue(lines.get(3).startsWith("GET /counter 101 "), lines.get(3));
            for (String line : lines) {
                assertTrue(!line.contains("hunter2") && !line.contains("="), line);
                assertTrue(!line.contains("secret-cookie-value"), line);
            }
        }
    }

    @Test
    void aRequestCannotForgeOrFloodLines() throws Exception {
        try (LogCapture log = new LogCapture("io.github.livetemplate.access");
                TestServer server = TestServer.with("/counter", page(true))) {
            // when: a raw request whose path carries an encoded line break and is very long
            int port =
                    ((InetSocketAddress) server.undertow.getListenerInfo().get(0).getAddress())
                            .getPort();
            String path = "/counter/%0D%0AGET%20/admin%20200" + "x".repeat(5000);
            try (Socket s = new Socket("127.0.0.1", port)) {
                s.setSoTimeout(5000);
                OutputStream out = s.getOutputStream();
                out.write(
                        ("GET "
                                        + path
                                        + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                                .getBytes(StandardCharsets.US_ASCII));
                out.flush();
                InputStream in = s.getInputStream();
                in.readAllBytes();
            }
            // then: one line, escaped and cut
            String line = await(log, 1).get(0);
            assertTrue(!line.contains("\n") && !line.contains("\r"), line);
            assertTrue(line.startsWith("GET /counter/%0d%0aGET%20/admin%20200xx"), line);
            assertTrue(line.length() < 300, "cut: " + line.length());
        }
    }

    @Test
    void offByDefault() throws Exception {
        try (LogCapture log = new LogCapture("io.github.livetemplate.access");
                TestServer server = TestServer.with("/counter", page(false))) {
            assertEquals(200, server.get("/counter").statusCode());
            assertEquals(List.of(), log.records.stream().map(LogRecord::getMessage).toList());
        }
    }

    /** The first {@code n} access log lines, waiting up to 10 s for them. */
    private static List<String> await(LogCapture log, int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (log.records.size() < n && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        List<String> lines = log.records.stream().map(LogRecord::getMessage).toList();
        assertTrue(lines.size() >= n, "lines: " + lines);
        return lines.subList(0, n);
    }
}
