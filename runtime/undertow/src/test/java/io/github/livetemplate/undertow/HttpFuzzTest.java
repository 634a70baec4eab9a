package io.github.livetemplate.undertow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.livetemplate.runtime.testing.LogCapture;
import io.github.livetemplate.undertow.testing.Seeds;
import io.github.livetemplate.undertow.testing.TestPage;
import io.github.livetemplate.undertow.testing.TestServer;
import io.undertow.Handlers;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Sends thousands of generated HTTP requests (odd methods, paths, content types, bodies, cookies
 * and headers) on raw sockets to a real counter page: every answer is a 2xx, 3xx or 4xx (never a
 * 5xx), nothing throws out of a thread, the log gets no stack-trace flood, and a well-behaved
 * client's page still works. Seeded ({@code -Dfuzz.seed=…}); the seed is in every failure.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class HttpFuzzTest {
    static final int REQUESTS = Integer.getInteger("fuzz.requests", 5_000);
    static final int CLIENTS = 4;

    static final String[] METHODS = {
        "GET",
        "GET",
        "POST",
        "POST",
        "POST",
        "PUT",
        "DELETE",
        "PATCH",
        "OPTIONS",
        "HEAD",
        "TRACE",
        "CONNECT",
        "FOO",
        "get",
        "PROPFIND",
        "M-SEARCH",
        "GE\u00c9T",
    };

    static final String[] PATHS = {
        "/counter",
        "/counter/",
        "/counter/x",
        "/counter?x=1",
        // (not ?start=abc: the test page's mount parses it unchecked, an application error = 500)
        "/counter?%zz=%zz",
        "/counter?a=%00&b=%ff",
        "/counter/../../etc/passwd",
        "/counter/%2e%2e/%2e%2e/etc/passwd",
        "/counter;jsessionid=1",
        "/counter%00",
        "/counter/\u00e9",
        "/counter?" + "q=1&".repeat(500),
        "/counter/" + "a".repeat(3000),
        "/nothing-here",
        "/",
        "*",
        "http://evil.example/counter",
        "/counter#frag",
        "//counter",
        "/counter/livetemplate-client.js",
        "/counter?lvt-upload=x",
    };

    static final String[] TYPES = {
        "application/json",
        "application/json; charset=utf-8",
        "application/json; charset=latin-1",
        "application/x-www-form-urlencoded",
        "multipart/form-data",
        "multipart/form-data; boundary=xyz",
        "text/plain",
        "text/html",
        "application/octet-stream",
        "application/xml",
        "",
        ";;;",
        "application/json, text/plain",
        null,
    };

    static final String[] ACCEPTS = {
        "application/json", "text/html", "*/*", "", "text/event-stream", null,
    };

    static String body(Random r) {
        switch (r.nextInt(12)) {
            case 0:
                return "";
            case 1:
                return FrameFuzzTest.VALID[r.nextInt(FrameFuzzTest.VALID.length)];
            case 2:
                return FrameFuzzTest.mutate(
                        r, FrameFuzzTest.VALID[r.nextInt(FrameFuzzTest.VALID.length)]);
            case 3:
                return FrameFuzzTest.wrongType(r);
            case 4:
                return FrameFuzzTest.deep(r);
            case 5:
                return FrameFuzzTest.number(r);
            case 6:
                return FrameFuzzTest.unknownAction(r);
            case 7:
                return FrameFuzzTest.garbage(r);
            case 8:
                return "increment=&title=" + "x".repeat(r.nextInt(100)) + "&qty=" + r.nextInt();
            case 9:
                return "--xyz\r\nContent-Disposition: form-data; name=\"increment\"\r\n\r\n\r\n--xyz--\r\n";
            case 10:
                return "lvt-action=save&title=%zz&qty=%%";
            default:
                return "a".repeat(r.nextInt(200_000)); // up to past the form-body limit
        }
    }

    static final ThreadLocal<String> lastLine = new ThreadLocal<>();
    static final ThreadLocal<String> lastHead = new ThreadLocal<>();

    /** One raw request; returns the response head's status line or a marker. */
    static String request(int port, Random r) throws IOException, InterruptedException {
        String method = METHODS[r.nextInt(METHODS.length)];
        String path = PATHS[r.nextInt(PATHS.length)];
        StringBuilder req = new StringBuilder();
        req.append(method).append(' ').append(path).append(" HTTP/1.1\r\n");
        lastLine.set(method + " " + (path.length() > 40 ? path.substring(0, 40) + "…" : path));
        req.append("Host: ")
                .append(r.nextInt(10) == 0 ? "evil.example:" + port : "127.0.0.1:" + port)
                .append("\r\n");
        req.append("Connection: close\r\n");
        String type = TYPES[r.nextInt(TYPES.length)];
        if (type != null) {
            req.append("Content-Type: ").append(type).append("\r\n");
        }
        String accept = ACCEPTS[r.nextInt(ACCEPTS.length)];
        if (accept != null) {
            req.append("Accept: ").append(accept).append("\r\n");
        }
        switch (r.nextInt(8)) {
            case 0 -> req.append("Origin: http://127.0.0.1:").append(port).append("\r\n");
            case 1 -> req.append("Origin: http://evil.example\r\n");
            case 2 -> req.append("Origin: null\r\n");
            case 3 -> req.append("Sec-Fetch-Site: cross-site\r\n");
            default -> {}
        }
        switch (r.nextInt(8)) {
            case 0 -> req.append("Cookie: ").append("c=1; ".repeat(250)).append("\r\n");
            case 1 -> req.append("Cookie: lvt_session=;;;=; ===\r\n");
            case 2 -> req.append("Cookie: lvt_session=").append("z".repeat(2000)).append("\r\n");
            case 3 -> req.append("Cookie: lvt_session=\"\\u0000\"\r\n");
            default -> {}
        }
        if (r.nextInt(10) == 0) {
            req.append("Upgrade: websocket\r\nSec-WebSocket-Version: 13\r\n");
        }
        if (r.nextInt(20) == 0) {
            req.append("X-Odd: ").append("\u00ff\u00fe".repeat(10)).append("\r\n");
        }
        byte[] body = body(r).getBytes(StandardCharsets.UTF_8);
        boolean sendBody = !method.equals("GET") || r.nextInt(4) == 0;
        if (sendBody) {
            if (r.nextInt(10) == 0) {
                req.append("Transfer-Encoding: chunked\r\n\r\n");
                req.append(Integer.toHexString(body.length)).append("\r\n");
            } else {
                req.append("Content-Length: ").append(body.length).append("\r\n\r\n");
            }
        } else {
            req.append("\r\n");
        }
        lastHead.set(req.length() > 400 ? req.substring(0, 400) + "…" : req.toString());
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            byte[] head = req.toString().getBytes(StandardCharsets.ISO_8859_1);
            boolean chunked = req.indexOf("chunked") > 0;
            // Written on another thread while this one reads: a server that answers early (404,
            // 413, 431) and closes resets the connection, and the kernel then drops an answer
            // that nobody had read yet.
            Thread writer =
                    new Thread(
                            () -> {
                                try {
                                    out.write(head);
                                    if (sendBody) {
                                        out.write(body);
                                        if (chunked) {
                                            out.write(
                                                    "\r\n0\r\n\r\n"
                                                            .getBytes(StandardCharsets.US_ASCII));
                                        }
                                    }
                                    out.flush();
                                } catch (IOException refusedEarly) {
                                    // the server answered and closed before the whole request
                                }
                            },
                            "http-fuzz-writer");
            writer.setDaemon(true);
            writer.start();
            String status = statusLine(s.getInputStream());
            writer.join(5000);
            return status;
        }
    }

    static String statusLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        try {
            int c;
            while ((c = in.read()) >= 0 && c != '\n') {
                line.write(c);
            }
            // drain (bounded by the socket timeout and Connection: close)
            byte[] sink = new byte[8192];
            long total = 0;
            while (total < 4 << 20 && (c = in.read(sink)) >= 0) {
                total += c;
            }
        } catch (SocketTimeoutException e) {
            return line.size() == 0 ? "timeout" : line.toString(StandardCharsets.ISO_8859_1).trim();
        } catch (IOException reset) {
            if (line.size() == 0) {
                return "reset";
            }
        }
        String l = line.toString(StandardCharsets.ISO_8859_1).trim();
        return l.isEmpty() ? "closed" : l;
    }

    @Test
    void oddRequestsGet4xxNever5xx() {
        Seeds.run("HttpFuzzTest", this::run);
    }

    private void run(long seed) throws Exception {
        TestPage.Controller controller = new TestPage.Controller();
        LiveHandler<TestPage.Page> counter =
                LiveHandler.builder(
                                new TestPage.Renderer(false), controller, TestPage.Page.initial())
                        .build();
        List<Throwable> uncaught = new CopyOnWriteArrayList<>();
        Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((t, e) -> uncaught.add(e));
        try (LogCapture log = new LogCapture("", Level.WARNING);
                TestServer server =
                        new TestServer(Handlers.path().addPrefixPath("/counter", counter))) {
            int port = FrameFuzzTest.portOf(server);
            Map<String, LongAdder> statuses = new ConcurrentHashMap<>();
            List<String> bad = new CopyOnWriteArrayList<>();
            Map<String, Long> samples = new ConcurrentHashMap<>();
            List<String> heads = new CopyOnWriteArrayList<>();
            ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
            List<Future<?>> clients = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                Random r = new Random(seed + c);
                clients.add(
                        pool.submit(
                                () -> {
                                    for (int i = 0; i < REQUESTS / CLIENTS; i++) {
                                        long state = r.nextLong();
                                        Random one = new Random(state);
                                        String status = request(port, one);
                                        String code =
                                                status.startsWith("HTTP/1.1 ")
                                                        ? status.substring(9, 12)
                                                        : status;
                                        statuses.computeIfAbsent(code, k -> new LongAdder())
                                                .increment();
                                        if (code.equals("closed") || code.equals("reset")) {
                                            samples.putIfAbsent(code + " " + lastLine.get(), state);
                                            if (heads.size() < 8) {
                                                heads.add(lastHead.get());
                                            }
                                        }
                                        if (code.startsWith("5") || code.equals("timeout")) {
                                            bad.add(code + " for request state " + state);
                                        }
                                    }
                                    return null;
                                }));
            }
            for (Future<?> f : clients) {
                f.get(100, TimeUnit.SECONDS);
            }
            pool.shutdown();
            Map<String, Long> seen = new TreeMap<>();
            statuses.forEach((k, v) -> seen.put(k, v.sum()));
            List<LogRecord> warnings = log.at(Level.WARNING);
            long stacks = log.records.stream().filter(w -> w.getThrown() != null).count();
            System.out.printf(
                    "HttpFuzzTest seed=%d: %d requests, statuses %s, %d warnings, %d with a stack"
                            + " trace, %d SEVERE%n",
                    seed, REQUESTS, seen, warnings.size(), stacks, log.at(Level.SEVERE).size());

            System.out.println(
                    "no status line (closed/reset) e.g. for: " + new TreeMap<>(samples).keySet());
            heads.forEach(h -> System.out.println("  closed without an answer:\n" + h));
            // then: never a 5xx or a hang, nothing uncaught, no stack-trace flood
            assertEquals(List.of(), bad.subList(0, Math.min(10, bad.size())), "5xx or timeouts");
            assertEquals(List.of(), uncaught, "uncaught exceptions");
            assertEquals(List.of(), FrameFuzzTest.messages(log.at(Level.SEVERE)), "SEVERE records");
            assertTrue(
                    stacks < 10,
                    "stack traces logged: " + stacks + " " + FrameFuzzTest.sample(log.records));
            assertTrue(
                    warnings.size() < 100,
                    "warnings are rate-limited: "
                            + warnings.size()
                            + " "
                            + FrameFuzzTest.sample(warnings));
            // and the page still works for a well-behaved client
            String cookie = server.session("/counter");
            try (TestServer.WsClient ws = server.connect("/counter", "Cookie", cookie)) {
                ws.next();
                assertEquals(
                        "1", ws.call("{\"action\":\"increment\"}").get("tree").get("0").asText());
            }
        } finally {
            Thread.setDefaultUncaughtExceptionHandler(previous);
        }
    }
}
