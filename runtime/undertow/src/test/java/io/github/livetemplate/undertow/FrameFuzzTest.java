package io.github.livetemplate.undertow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.livetemplate.runtime.testing.LogCapture;
import io.github.livetemplate.undertow.testing.Await;
import io.github.livetemplate.undertow.testing.RawWebSocket;
import io.github.livetemplate.undertow.testing.Seeds;
import io.github.livetemplate.undertow.testing.TestPage;
import io.github.livetemplate.undertow.testing.TestServer;
import io.undertow.Handlers;
import java.io.IOException;
import java.lang.management.ManagementFactory;
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
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Throws 100,000 generated and mutated WebSocket frames at a real counter page over several raw
 * connections (wrong types, deep nesting, huge numbers, invalid UTF-8, binary, empty and control
 * frames, unknown actions, oversized frames, protocol violations, valid frames mutated) while a
 * well-behaved client keeps counting. Then: no uncaught exception and no error log, the
 * well-behaved client was right at every step, and the heap is back near its baseline. The seed is
 * printed and repeated in every failure ({@code -Dfuzz.seed=…} replays a run).
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class FrameFuzzTest {
    static final int FRAMES = Integer.getInteger("fuzz.frames", 100_000);
    static final int CONNECTIONS = 6;
    static final int LIMIT = 64 * 1024;

    /** One generated frame; {@code closes} marks frames after which the server should close. */
    record Frame(
            String kind,
            boolean fin,
            int rsv,
            int opcode,
            boolean masked,
            byte[] payload,
            boolean closes) {
        static Frame text(String kind, String s) {
            return new Frame(
                    kind,
                    true,
                    0,
                    RawWebSocket.TEXT,
                    true,
                    s.getBytes(StandardCharsets.UTF_8),
                    false);
        }

        Frame withCloses() {
            return new Frame(kind, fin, rsv, opcode, masked, payload, true);
        }
    }

    static final String[] ACTIONS = {
        "increment", "decrement", "add", "noop", "reject", "save", "flash", "unflash", "nullstate"
    };

    static final String[] VALID = {
        "{\"action\":\"increment\"}",
        "{\"action\":\"add\",\"data\":{\"n\":3}}",
        "{\"action\":\"save\",\"data\":{\"title\":\"t\",\"qty\":2}}",
        "{\"action\":\"flash\",\"data\":{\"msg\":\"hi <b>\"}}",
        "{\"action\":\"unflash\"}",
        "{\"action\":\"noop\",\"data\":{}}",
        "{\"action\":\"reject\"}",
        "{\"action\":\"nullstate\"}",
    };

    /** Draws the next frame; the mix keeps connection-ending frames rare (reconnects cost). */
    static Frame generate(Random r) {
        int pick = r.nextInt(1000);
        if (pick < 250) {
            return Frame.text("valid", VALID[r.nextInt(VALID.length)]);
        }
        if (pick < 500) {
            return Frame.text("mutated", mutate(r, VALID[r.nextInt(VALID.length)]));
        }
        if (pick < 600) {
            return Frame.text("wrong-type", wrongType(r));
        }
        if (pick < 650) {
            return Frame.text("deep", deep(r));
        }
        if (pick < 720) {
            return Frame.text("number", number(r));
        }
        if (pick < 800) {
            return Frame.text("unknown-action", unknownAction(r));
        }
        if (pick < 860) {
            return Frame.text("garbage", garbage(r));
        }
        if (pick < 880) {
            return Frame.text("empty", "");
        }
        if (pick < 920) {
            byte[] p = new byte[r.nextInt(64)];
            r.nextBytes(p);
            return new Frame("ping-pong", true, 0, r.nextBoolean() ? 0x9 : 0xA, true, p, false);
        }
        if (pick < 940) {
            return fragmented(r);
        }
        // the rest end the connection (or may): each costs a reconnect
        if (pick < 955) {
            return new Frame(
                    "invalid-utf8", true, 0, RawWebSocket.TEXT, true, invalidUtf8(r), true);
        }
        if (pick < 970) {
            byte[] p =
                    r.nextBoolean()
                            ? VALID[r.nextInt(VALID.length)].getBytes(StandardCharsets.UTF_8)
                            : randomBytes(r, r.nextInt(200));
            return new Frame("binary", true, 0, RawWebSocket.BINARY, true, p, false);
        }
        if (pick < 976) {
            int size = LIMIT + 1 + r.nextInt(LIMIT);
            String pad = "a".repeat(size - 40);
            return Frame.text(
                            "oversized",
                            "{\"action\":\"increment\",\"data\":{\"p\":\"" + pad + "\"}}")
                    .withCloses();
        }
        if (pick < 984) {
            int[] reserved = {3, 4, 5, 6, 7, 0xB, 0xC, 0xD, 0xE, 0xF};
            return new Frame(
                    "reserved-opcode",
                    true,
                    0,
                    reserved[r.nextInt(reserved.length)],
                    true,
                    randomBytes(r, r.nextInt(20)),
                    true);
        }
        if (pick < 990) {
            return new Frame(
                    "rsv-bits",
                    true,
                    1 + r.nextInt(7),
                    RawWebSocket.TEXT,
                    true,
                    VALID[0].getBytes(StandardCharsets.UTF_8),
                    true);
        }
        if (pick < 994) {
            return new Frame(
                    "unmasked",
                    true,
                    0,
                    RawWebSocket.TEXT,
                    false,
                    VALID[0].getBytes(StandardCharsets.UTF_8),
                    true);
        }
        if (pick < 997) {
            return new Frame(
                    "stray-continuation",
                    true,
                    0,
                    RawWebSocket.CONTINUATION,
                    true,
                    VALID[0].getBytes(StandardCharsets.UTF_8),
                    true);
        }
        byte[] close = randomBytes(r, r.nextInt(10));
        return new Frame("close", true, 0, RawWebSocket.CLOSE, true, close, true);
    }

    static byte[] randomBytes(Random r, int n) {
        byte[] b = new byte[n];
        r.nextBytes(b);
        return b;
    }

    static String mutate(Random r, String s) {
        StringBuilder b = new StringBuilder(s);
        int n = 1 + r.nextInt(4);
        for (int i = 0; i < n && b.length() > 0; i++) {
            int at = r.nextInt(b.length());
            switch (r.nextInt(6)) {
                case 0 -> b.setCharAt(at, (char) (32 + r.nextInt(95)));
                case 1 -> b.deleteCharAt(at);
                case 2 -> b.insert(at, "{}[]\",:\\0-e9nul".charAt(r.nextInt(15)));
                case 3 -> b.setLength(at);
                case 4 ->
                        b.insert(at, b.substring(at, Math.min(b.length(), at + 1 + r.nextInt(8))));
                default ->
                        b.insert(at, (char) (r.nextInt(0x2FFF) + 1)); // any BMP char, no surrogate
            }
        }
        return b.toString();
    }

    static String wrongType(Random r) {
        String[] v = {
            "{\"action\":5}",
            "{\"action\":null}",
            "{\"action\":[\"increment\"]}",
            "{\"action\":{\"x\":1}}",
            "{\"action\":true}",
            "{\"action\":\"increment\",\"data\":\"str\"}",
            "{\"action\":\"increment\",\"data\":[1,2,3]}",
            "{\"action\":\"increment\",\"data\":null}",
            "{\"action\":\"add\",\"data\":{\"n\":\"seven\"}}",
            "{\"action\":\"add\",\"data\":{\"n\":[1]}}",
            "{\"action\":\"add\",\"data\":{\"n\":{}}}",
            "{\"action\":\"add\",\"data\":{\"n\":true}}",
            "{\"action\":\"add\",\"data\":{\"n\":null}}",
            "{\"action\":\"add\"}",
            "{\"action\":\"save\",\"data\":{\"title\":[1],\"qty\":\"x\"}}",
            "{\"action\":\"flash\",\"data\":{\"msg\":{\"a\":1}}}",
            "[\"increment\"]",
            "\"increment\"",
            "42",
            "null",
            "true",
            "{}",
            "{\"data\":{\"n\":1}}",
            "{\"action\":\"increment\",\"action\":\"decrement\"}",
            "{\"action\":\"increment\",\"ref\":123,\"id\":[],\"meta\":7}",
        };
        return v[r.nextInt(v.length)];
    }

    static String deep(Random r) {
        int depth = 10 + r.nextInt(r.nextBoolean() ? 100 : 5000);
        String open = r.nextBoolean() ? "[" : "{\"a\":";
        String close = open.equals("[") ? "]" : "}";
        return "{\"action\":\"add\",\"data\":{\"n\":"
                + open.repeat(depth)
                + "1"
                + close.repeat(depth)
                + "}}";
    }

    static String number(Random r) {
        String[] v = {
            "1e999999",
            "-1e999999",
            "123456789012345678901234567890123456789",
            "-0",
            "1e-400",
            "2147483648",
            "-2147483649",
            "9223372036854775808",
            "0.5",
            "NaN",
            "Infinity",
            "0x10",
            "01",
            "1" + "0".repeat(5000),
            "1." + "9".repeat(5000),
        };
        return "{\"action\":\"add\",\"data\":{\"n\":" + v[r.nextInt(v.length)] + "}}";
    }

    static String unknownAction(Random r) {
        String[] v = {
            "__proto__",
            "mount",
            "",
            "constructor",
            "run",
            "Increment",
            "increment ",
            "a".repeat(10_000),
            "<script>alert(1)</script>",
            "../../etc/passwd",
            "\\u0000",
            "incr\\u0000ement",
            "é∑😀",
        };
        String name = r.nextInt(3) == 0 ? Long.toString(r.nextLong(), 36) : v[r.nextInt(v.length)];
        return "{\"action\":\"" + name + "\"}";
    }

    static String garbage(Random r) {
        int n = r.nextInt(300);
        StringBuilder b = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            b.append((char) (32 + r.nextInt(95)));
        }
        return b.toString();
    }

    static byte[] invalidUtf8(Random r) {
        byte[][] bad = {
            {(byte) 0xC3, 0x28},
            {(byte) 0xFF},
            {(byte) 0xC0, (byte) 0xAF},
            {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
            {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
            {(byte) 0xE2, (byte) 0x82},
        };
        byte[] prefix =
                "{\"action\":\"flash\",\"data\":{\"msg\":\"".getBytes(StandardCharsets.UTF_8);
        byte[] b = bad[r.nextInt(bad.length)];
        byte[] out = new byte[prefix.length + b.length];
        System.arraycopy(prefix, 0, out, 0, prefix.length);
        System.arraycopy(b, 0, out, prefix.length, b.length);
        return out;
    }

    /** A valid action split over a text frame and continuations (sent as one unit). */
    static Frame fragmented(Random r) {
        return Frame.text("fragmented", VALID[r.nextInt(VALID.length)]);
    }

    static void send(RawWebSocket ws, Frame f, Random r) throws IOException {
        if (f.kind().equals("fragmented")) {
            byte[] p = f.payload();
            int cut = 1 + r.nextInt(p.length - 1);
            byte[] a = java.util.Arrays.copyOfRange(p, 0, cut);
            byte[] b = java.util.Arrays.copyOfRange(p, cut, p.length);
            ws.frame(false, 0, RawWebSocket.TEXT, true, a);
            if (r.nextBoolean()) {
                ws.frame(
                        true,
                        0,
                        RawWebSocket.PING,
                        true,
                        new byte[0]); // control frames may interleave
            }
            ws.frame(true, 0, RawWebSocket.CONTINUATION, true, b);
            return;
        }
        ws.frame(f.fin(), f.rsv(), f.opcode(), f.masked(), f.payload());
    }

    @Test
    void frameFuzzLeavesEveryOtherSessionCorrect() {
        Seeds.run("FrameFuzzTest", this::run);
    }

    private void run(long seed) throws Exception {
        TestPage.Controller controller = new TestPage.Controller();
        // No rate limit: every fuzzed frame must reach the parser and the dispatcher.
        LiveHandler<TestPage.Page> counter =
                LiveHandler.builder(
                                new TestPage.Renderer(false), controller, TestPage.Page.initial())
                        .rateLimit(0, 0)
                        .build();
        List<Throwable> uncaught = new CopyOnWriteArrayList<>();
        Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((t, e) -> uncaught.add(e));
        try (LogCapture log = new LogCapture("", Level.WARNING);
                TestServer server =
                        new TestServer(Handlers.path().addPrefixPath("/counter", counter))) {
            int port = portOf(server);
            // warm up, then take the heap baseline
            try (TestServer.WsClient warm = server.connect("/counter")) {
                warm.next();
                for (int i = 0; i < 50; i++) {
                    warm.call("{\"action\":\"increment\"}");
                }
            }
            long baseline = usedHeap();

            // the well-behaved client: its own session, counting all along
            String cookie = server.session("/counter");
            AtomicBoolean fuzzing = new AtomicBoolean(true);
            AtomicLong goodCalls = new AtomicLong();
            List<String> goodErrors = new CopyOnWriteArrayList<>();
            ExecutorService pool = Executors.newFixedThreadPool(CONNECTIONS + 1);
            Future<?> good =
                    pool.submit(
                            () -> {
                                try (TestServer.WsClient ws =
                                        server.connect("/counter", "Cookie", cookie)) {
                                    int expected = ws.nextJson().get("tree").get("0").asInt();
                                    while (fuzzing.get()) {
                                        expected++;
                                        String got =
                                                ws.call("{\"action\":\"increment\"}")
                                                        .get("tree")
                                                        .get("0")
                                                        .asText();
                                        if (!Integer.toString(expected).equals(got)) {
                                            goodErrors.add("expected " + expected + ", got " + got);
                                            return null;
                                        }
                                        goodCalls.incrementAndGet();
                                        Thread.sleep(5);
                                    }
                                }
                                return null;
                            });

            Map<String, LongAdder> sent = new ConcurrentHashMap<>();
            Map<String, LongAdder> closeCodes = new ConcurrentHashMap<>();
            LongAdder reconnects = new LongAdder();
            LongAdder answers = new LongAdder();
            List<Future<?>> fuzzers = new ArrayList<>();
            for (int c = 0; c < CONNECTIONS; c++) {
                Random r = new Random(seed + c);
                int perConnection = FRAMES / CONNECTIONS + (c < FRAMES % CONNECTIONS ? 1 : 0);
                fuzzers.add(
                        pool.submit(
                                () -> {
                                    RawWebSocket ws = RawWebSocket.connect(port, "/counter");
                                    try {
                                        for (int i = 0; i < perConnection; i++) {
                                            Frame f = generate(r);
                                            if (ws.isClosed()) {
                                                answers.add(ws.messages.get());
                                                ws.close();
                                                ws = RawWebSocket.connect(port, "/counter");
                                                reconnects.increment();
                                            }
                                            try {
                                                send(ws, f, r);
                                            } catch (IOException brokenUnderUs) {
                                                // the server closed as this frame went out
                                            }
                                            sent.computeIfAbsent(f.kind(), k -> new LongAdder())
                                                    .increment();
                                            if (f.closes()) {
                                                int code = awaitClose(ws);
                                                closeCodes
                                                        .computeIfAbsent(
                                                                f.kind() + ":" + code,
                                                                k -> new LongAdder())
                                                        .increment();
                                            }
                                        }
                                    } finally {
                                        answers.add(ws.messages.get());
                                        ws.close();
                                    }
                                    return null;
                                }));
            }
            for (Future<?> f : fuzzers) {
                f.get(150, TimeUnit.SECONDS);
            }
            fuzzing.set(false);
            good.get(30, TimeUnit.SECONDS);
            pool.shutdown();

            // then the well-behaved client was right all along, and is still served
            assertEquals(List.of(), goodErrors);
            assertTrue(goodCalls.get() > 10, "the good client was served: " + goodCalls);
            try (TestServer.WsClient after = server.connect("/counter", "Cookie", cookie)) {
                int n = after.nextJson().get("tree").get("0").asInt();
                assertEquals(
                        Integer.toString(n + 1),
                        after.call("{\"action\":\"increment\"}").get("tree").get("0").asText());
            }
            Await.until(() -> counter.openConnections() == 0, "fuzz connections closed");
            long total = sent.values().stream().mapToLong(LongAdder::sum).sum();
            assertTrue(total >= FRAMES, "frames sent: " + total);

            // no uncaught exception, no error log, warnings rate-limited
            assertEquals(List.of(), uncaught, "uncaught exceptions");
            List<LogRecord> severe = log.at(Level.SEVERE);
            assertEquals(List.of(), messages(severe), "SEVERE log records");
            List<LogRecord> warnings = log.at(Level.WARNING);
            long withStack = warnings.stream().filter(w -> w.getThrown() != null).count();
            assertTrue(
                    warnings.size() < 200,
                    "warnings are rate-limited: " + warnings.size() + " " + sample(warnings));
            assertTrue(withStack < 20, "few stack traces: " + withStack + " " + sample(warnings));

            // the heap is back near its baseline once the fuzz connections are gone
            long after = usedHeap();
            long grown = after - baseline;
            System.out.printf(
                    "FrameFuzzTest seed=%d: %d frames (%s), %d reconnects, %d answers, closes %s,"
                            + " good client %d calls, %d warnings, heap %d KiB -> %d KiB%n",
                    seed,
                    total,
                    new TreeMap<>(sums(sent)),
                    reconnects.sum(),
                    answers.sum(),
                    new TreeMap<>(sums(closeCodes)),
                    goodCalls.get(),
                    warnings.size(),
                    baseline / 1024,
                    after / 1024);
            if (grown >= 32L * 1024 * 1024) {
                Process p =
                        new ProcessBuilder(
                                        "jcmd",
                                        Long.toString(ProcessHandle.current().pid()),
                                        "GC.class_histogram")
                                .redirectErrorStream(true)
                                .start();
                String histogram = new String(p.getInputStream().readAllBytes());
                System.out.println(histogram.lines().limit(25).reduce("", (a, b) -> a + "\n" + b));
            }
            assertTrue(
                    grown < 32L * 1024 * 1024,
                    "heap grew by "
                            + grown / 1024
                            + " KiB after the fuzz (baseline "
                            + baseline / 1024
                            + " KiB)");
        } finally {
            Thread.setDefaultUncaughtExceptionHandler(previous);
        }
    }

    static int portOf(TestServer server) {
        return ((java.net.InetSocketAddress) server.undertow.getListenerInfo().get(0).getAddress())
                .getPort();
    }

    /** Waits (bounded) for the server to close after a connection-ending frame. */
    static int awaitClose(RawWebSocket ws) {
        try {
            return ws.closed.get(1, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            return 0; // still open: the server accepted it (recorded as code 0)
        } catch (Exception e) {
            return -2;
        }
    }

    static Map<String, Long> sums(Map<String, LongAdder> m) {
        Map<String, Long> out = new TreeMap<>();
        m.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    static List<String> messages(List<LogRecord> records) {
        return records.stream().map(r -> r.getLoggerName() + ": " + r.getMessage()).toList();
    }

    static String sample(List<LogRecord> records) {
        return messages(records.subList(0, Math.min(5, records.size()))).toString();
    }

    static long usedHeap() throws InterruptedException {
        var memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(50);
        }
        return memory.getHeapMemoryUsage().getUsed();
    }
}
