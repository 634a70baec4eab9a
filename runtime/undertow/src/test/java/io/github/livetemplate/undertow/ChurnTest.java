package io.github.livetemplate.undertow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.livetemplate.runtime.testing.LogCapture;
import io.github.livetemplate.undertow.testing.RawWebSocket;
import io.github.livetemplate.undertow.testing.TestPage;
import io.github.livetemplate.undertow.testing.TestServer;
import io.undertow.Handlers;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * 5,000 WebSocket connect/disconnect cycles, eight at a time, in every way a connection can end
 * (close handshake, abrupt close, close during mount, after an action, with and without a page load
 * first). Afterwards the handler holds nothing: no connections, queues, per-group counts, hub
 * registrations or broadcaster subscriptions; HTTP states only for the page loads (until their
 * TTL); the thread count is back to its baseline.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ChurnTest {
    static final int CYCLES = Integer.getInteger("churn.cycles", 5_000);
    static final int PARALLEL = 8;

    @Test
    void connectDisconnectCyclesLeakNothing() throws Exception {
        long seed = Long.getLong("churn.seed", System.nanoTime());
        System.out.println("ChurnTest seed=" + seed);
        TestPage.Controller controller = new TestPage.Controller();
        LiveHandler<TestPage.Page> counter =
                LiveHandler.builder(
                                new TestPage.Renderer(false), controller, TestPage.Page.initial())
                        .httpStates(Duration.ofSeconds(2), 100_000)
                        .build();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        try (LogCapture log = new LogCapture("", Level.WARNING);
                TestServer server =
                        new TestServer(Handlers.path().addPrefixPath("/counter", counter))) {
            int port = FrameFuzzTest.portOf(server);
            Map<String, LongAdder> kinds = new TreeMap<>();
            for (String k :
                    List.of("handshake", "abrupt", "during-mount", "after-action", "page-load")) {
                kinds.put(k, new LongAdder());
            }
            // warm up (starts the worker threads), then take the baseline
            runCycles(port, server, 200, seed - 1, kinds);
            awaitHeld(counter, Duration.ofSeconds(15));
            int baselineThreads = settledThreadCount(threads, Integer.MAX_VALUE);
            java.util.Set<String> before = serverThreads();
            kinds.values().forEach(LongAdder::reset);

            List<String> errors = runCycles(port, server, CYCLES, seed, kinds);

            assertEquals(List.of(), errors.subList(0, Math.min(10, errors.size())), "seed " + seed);
            Map<String, Integer> held = awaitHeld(counter, Duration.ofSeconds(20));
            int pageLoads = (int) kinds.get("page-load").sum();
            assertTrue(
                    held.get("httpStates") <= pageLoads + 200,
                    "HTTP states only for page loads: " + held);
            int after = settledThreadCount(threads, baselineThreads);
            System.out.printf(
                    "ChurnTest seed=%d: %d cycles %s, held afterwards %s, threads %d -> %d,"
                            + " opened %d, %d warnings%n",
                    seed,
                    CYCLES,
                    kinds,
                    held,
                    baselineThreads,
                    after,
                    controller.connects.get(),
                    log.records.size());
            // New server threads may only be the bounded worker pool filling up
            java.util.Set<String> added = serverThreads();
            added.removeAll(before);
            added.removeIf(name -> name.matches("XNIO-\\d+ task-\\d+"));
            assertEquals(java.util.Set.of(), added, "threads started and not ended");
            long workers =
                    serverThreads().stream().filter(n -> n.matches("XNIO-\\d+ task-\\d+")).count();
            int pool = Math.max(2, Runtime.getRuntime().availableProcessors()) * 8;
            assertTrue(workers <= pool, workers + " worker threads (pool " + pool + ")");
            // HTTP states go after their TTL: each page load sweeps a few expired ones
            Thread.sleep(2500);
            String cookie = server.session("/counter");
            for (int i = 0; i < 500 && counter.holdings().get("httpStates") > 1; i++) {
                server.get("/counter", "Cookie", cookie);
            }
            assertEquals(
                    1,
                    counter.holdings().get("httpStates"),
                    "HTTP states after their TTL: " + counter.holdings());
            assertEquals(List.of(), FrameFuzzTest.messages(log.at(Level.SEVERE)));
            // and the page still works
            try (TestServer.WsClient ws = server.connect("/counter")) {
                ws.next();
                assertEquals(
                        "1", ws.call("{\"action\":\"increment\"}").get("tree").get("0").asText());
            }
        }
    }

    /** Runs {@code n} cycles on {@link #PARALLEL} threads; returns what went wrong. */
    private static List<String> runCycles(
            int port, TestServer server, int n, long seed, Map<String, LongAdder> kinds)
            throws Exception {
        List<String> errors = new CopyOnWriteArrayList<>();
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(PARALLEL);
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < PARALLEL; t++) {
            Random r = new Random(seed + t);
            workers.add(
                    pool.submit(
                            () -> {
                                while (next.getAndIncrement() < n) {
                                    try {
                                        cycle(port, server, r, kinds);
                                    } catch (Exception e) {
                                        errors.add(e.toString());
                                    }
                                }
                                return null;
                            }));
        }
        for (Future<?> w : workers) {
            w.get(100, TimeUnit.SECONDS);
        }
        pool.shutdown();
        return errors;
    }

    private static void cycle(int port, TestServer server, Random r, Map<String, LongAdder> kinds)
            throws Exception {
        int pick = r.nextInt(5);
        String[] headers = {};
        if (pick == 4) {
            headers = new String[] {"Cookie", server.session("/counter")};
        }
        try (RawWebSocket ws = RawWebSocket.connect(port, "/counter", headers)) {
            switch (pick) {
                case 0 -> {
                    awaitFirst(ws);
                    ws.frame(true, 0, RawWebSocket.CLOSE, true, new byte[] {0x03, (byte) 0xE8});
                    ws.closed.get(5, TimeUnit.SECONDS);
                    kinds.get("handshake").increment();
                }
                case 1 -> {
                    awaitFirst(ws);
                    kinds.get("abrupt").increment();
                }
                case 2 -> kinds.get("during-mount").increment();
                case 3 -> {
                    awaitFirst(ws);
                    ws.text("{\"action\":\"increment\"}");
                    kinds.get("after-action").increment();
                }
                default -> {
                    awaitFirst(ws);
                    kinds.get("page-load").increment();
                }
            }
        }
    }

    private static void awaitFirst(RawWebSocket ws) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (ws.messages.get() == 0) {
            if (System.nanoTime() > deadline || ws.isClosed()) {
                throw new AssertionError("no first message (closed: " + ws.isClosed() + ")");
            }
            Thread.sleep(1);
        }
    }

    /** Waits until the handler holds nothing but HTTP states; returns what it holds. */
    private static Map<String, Integer> awaitHeld(LiveHandler<?> handler, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Map<String, Integer> held = new TreeMap<>(handler.holdings());
            boolean empty =
                    held.entrySet().stream()
                            .allMatch(e -> e.getKey().equals("httpStates") || e.getValue() == 0);
            if (empty) {
                return held;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("still held after " + timeout + ": " + held);
            }
            Thread.sleep(50);
        }
    }

    /** The names of live threads, without the test's own (clients, readers, executors). */
    private static java.util.Set<String> serverThreads() {
        java.util.Set<String> names = new java.util.TreeSet<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            String n = t.getName();
            if (!n.startsWith("HttpClient-")
                    && !n.startsWith("raw-ws-reader")
                    && !n.matches("pool-\\d+-thread-\\d+")) {
                names.add(n);
            }
        }
        return names;
    }

    /** The live thread count once it has stopped falling to {@code target} (bounded). */
    private static int settledThreadCount(ThreadMXBean threads, int target)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        int last = threads.getThreadCount();
        while (System.nanoTime() < deadline) {
            Thread.sleep(200);
            int now = threads.getThreadCount();
            if (now <= target && now == last) {
                return now;
            }
            last = now;
        }
        return last;
    }
}
