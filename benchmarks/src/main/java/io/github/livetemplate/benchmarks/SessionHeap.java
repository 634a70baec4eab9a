package io.github.livetemplate.benchmarks;

import io.github.livetemplate.runtime.Context;
import io.github.livetemplate.runtime.generated.Actions;
import io.github.livetemplate.undertow.LiveHandler;
import io.undertow.Handlers;
import io.undertow.Undertow;
import io.undertow.websockets.core.WebSocketChannel;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.ObjectName;

/**
 * Server heap per idle session, by class: live-object class histograms of this JVM (what {@code
 * jcmd <pid> GC.class_histogram} prints, taken through the DiagnosticCommand MBean, each after a
 * full GC) before and after N clients connect, divided by N. Deterministic: the figures do not
 * depend on the machine's load. A plain {@code main}, never run by the build.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.github.livetemplate.benchmarks.SessionHeap [N]
 *      [--buffer-size=B] [--heap-buffers] [--top=K] [--json=file]
 * </pre>
 *
 * <p>Four cases, each on a fresh set of N connections (the clients run in a child JVM, {@link
 * FanOutBenchmark}'s client process, so no client object is in these histograms):
 *
 * <ol>
 *   <li><b>raw</b>: bare Undertow WebSocket channels ({@code Handlers.websocket}) — Undertow's own
 *       cost per connection;
 *   <li><b>fanout</b>: the fan-out page ({@link FanOutPage}, mount subscribes to one topic), all N
 *       connections in one session group (one page GET's cookie) — as {@link FanOutBenchmark};
 *   <li><b>http</b>: N page GETs of the counter page ({@link CounterPage}), each its own session
 *       group, no WebSocket — the HTTP state a page GET leaves;
 *   <li><b>browser</b>: N browser-like sessions on the counter page, each its own page GET then its
 *       WebSocket with that cookie.
 * </ol>
 *
 * <p>Ours = a case minus raw (per class); the report lists the classes that grow per session.
 */
public final class SessionHeap {
    private static final Pattern ROW = Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+)");

    private SessionHeap() {}

    /** Mount subscribes to the room; the page has no other action. */
    static final class Room implements Actions<FanOutPage> {
        final FanOutPage current = new FanOutPage("room", 0, "hello everyone", 0);

        @Override
        public Set<String> names() {
            return Set.of("refresh");
        }

        @Override
        public FanOutPage mount(FanOutPage state, Context ctx) {
            ctx.subscribe(FanOutBenchmark.TOPIC);
            return current;
        }

        @Override
        public FanOutPage run(String name, FanOutPage s, Context ctx) {
            return current;
        }
    }

    /** The example counter's two actions. */
    static final class Counter implements Actions<CounterPage> {
        @Override
        public Set<String> names() {
            return Set.of("increment", "decrement");
        }

        @Override
        public CounterPage run(String name, CounterPage s, Context ctx) throws Exception {
            return switch (name) {
                case "increment" -> new CounterPage(s.count() + 1);
                case "decrement" -> new CounterPage(s.count() - 1);
                default -> throw new UnknownActionException(name);
            };
        }
    }

    /** One class's live instances and bytes. */
    record Count(long instances, long bytes) {}

    public static void main(String[] args) throws Exception {
        int n = 2000;
        int top = 25;
        int bufferSize = -1;
        boolean heapBuffers = false;
        String json = null;
        for (String a : args) {
            if (a.startsWith("--buffer-size=")) {
                bufferSize = Integer.parseInt(a.substring(14));
            } else if (a.equals("--heap-buffers")) {
                heapBuffers = true;
            } else if (a.startsWith("--top=")) {
                top = Integer.parseInt(a.substring(6));
            } else if (a.startsWith("--json=")) {
                json = a.substring(7);
            } else {
                n = Integer.parseInt(a.replace("_", "").replace(",", ""));
            }
        }
        FanOutBenchmark.startWatchdog("SessionHeap", 20);
        FanOutBenchmark.printMachine();
        System.out.printf(
                "N = %,d; Undertow buffer size %s, %s buffers%n",
                n, bufferSize < 0 ? "default" : bufferSize, heapBuffers ? "heap" : "direct");
        Map<String, Double> perSession = new LinkedHashMap<>();
        try (Server s = new Server(bufferSize, heapBuffers)) {
            // Warm up: every code path once, so that class loading and lazy statics are in the
            // baseline and not in the per-session figures.
            s.cycle("raw", 50, "none=0", "/raw");
            s.cycle("fanout", 50, s.cookie(), "/room");
            s.ask("get 50 ws://127.0.0.1:" + s.port + "/counter", 120);
            s.cycle("browser", 50, "fresh", "/counter");

            Map<String, Count> raw = s.measure("raw", n, "none=0", "/raw");
            Map<String, Count> fanout = s.measure("fanout", n, s.cookie(), "/room");
            Map<String, Count> http = s.measureGets(n);
            Map<String, Count> browser = s.measure("browser", n, "fresh", "/counter");

            perSession.put("raw", total(raw) / (double) n);
            perSession.put("fanout", total(fanout) / (double) n);
            perSession.put("fanout_ours", (total(fanout) - total(raw)) / (double) n);
            perSession.put("http", total(http) / (double) n);
            perSession.put("browser", total(browser) / (double) n);
            perSession.put("browser_ours", (total(browser) - total(raw)) / (double) n);

            report("raw Undertow WebSocket channel", raw, null, n, top);
            report("fan-out page, one group (ours = minus raw)", fanout, raw, n, top);
            report("counter page GET only, own group each (HTTP state)", http, null, n, top);
            report(
                    "counter page, own GET + WebSocket each (ours = minus raw)",
                    browser,
                    raw,
                    n,
                    top);
        }
        System.out.println();
        System.out.println("bytes per session:");
        perSession.forEach((k, v) -> System.out.printf(Locale.ROOT, "  %-14s %,8.0f B%n", k, v));
        if (json != null) {
            StringBuilder b = new StringBuilder("{\"sessions\":" + n);
            perSession.forEach(
                    (k, v) -> b.append(String.format(Locale.ROOT, ",\"%s\":%.0f", k, v)));
            b.append("}\n");
            java.nio.file.Files.writeString(java.nio.file.Path.of(json), b);
        }
        System.exit(0);
    }

    static long total(Map<String, Count> diff) {
        return diff.values().stream().mapToLong(Count::bytes).sum();
    }

    /** Prints the per-session bytes of {@code diff}, largest first, and of diff − base. */
    static void report(
            String title, Map<String, Count> diff, Map<String, Count> base, int n, int top) {
        System.out.printf(
                Locale.ROOT, "%n%s: %,.0f B per session", title, total(diff) / (double) n);
        if (base != null) {
            System.out.printf(
                    Locale.ROOT, ", ours %,.0f B", (total(diff) - total(base)) / (double) n);
        }
        System.out.println();
        Map<String, Count> shown = diff;
        if (base != null) {
            shown = new HashMap<>();
            for (String k : union(diff, base)) {
                Count a = diff.getOrDefault(k, new Count(0, 0));
                Count b = base.getOrDefault(k, new Count(0, 0));
                shown.put(k, new Count(a.instances() - b.instances(), a.bytes() - b.bytes()));
            }
            System.out.println("  (classes: this case minus raw)");
        }
        shown.entrySet().stream()
                .sorted(
                        (x, y) ->
                                Long.compare(
                                        Math.abs(y.getValue().bytes()),
                                        Math.abs(x.getValue().bytes())))
                .limit(top)
                .forEach(
                        e ->
                                System.out.printf(
                                        Locale.ROOT,
                                        "  %9.2f inst %9.1f B  %s%n",
                                        e.getValue().instances() / (double) n,
                                        e.getValue().bytes() / (double) n,
                                        e.getKey()));
    }

    static Set<String> union(Map<String, Count> a, Map<String, Count> b) {
        Set<String> s = new java.util.TreeSet<>(a.keySet());
        s.addAll(b.keySet());
        return s;
    }

    /** Live objects by class (forces a full GC, like {@code jcmd GC.class_histogram}). */
    static Map<String, Count> histogram() throws Exception {
        Object out =
                ManagementFactory.getPlatformMBeanServer()
                        .invoke(
                                new ObjectName("com.sun.management:type=DiagnosticCommand"),
                                "gcClassHistogram",
                                new Object[] {new String[0]},
                                new String[] {String[].class.getName()});
        Map<String, Count> m = new HashMap<>();
        for (String line : out.toString().split("\n")) {
            Matcher x = ROW.matcher(line);
            if (x.find()) {
                m.merge(
                        x.group(3),
                        new Count(Long.parseLong(x.group(1)), Long.parseLong(x.group(2))),
                        (p, q) -> new Count(p.instances() + q.instances(), p.bytes() + q.bytes()));
            }
        }
        return m;
    }

    static Map<String, Count> minus(Map<String, Count> after, Map<String, Count> before) {
        Map<String, Count> d = new HashMap<>();
        for (String k : union(after, before)) {
            Count a = after.getOrDefault(k, new Count(0, 0));
            Count b = before.getOrDefault(k, new Count(0, 0));
            if (a.bytes() != b.bytes() || a.instances() != b.instances()) {
                d.put(k, new Count(a.instances() - b.instances(), a.bytes() - b.bytes()));
            }
        }
        return d;
    }

    /**
     * Histogram after things settle: the minimum total of three (stray garbage of in-flight work).
     */
    static Map<String, Count> settled() throws Exception {
        Map<String, Count> best = null;
        for (int i = 0; i < 3; i++) {
            Thread.sleep(300);
            Map<String, Count> h = histogram();
            if (best == null || total(h) < total(best)) {
                best = h;
            }
        }
        return best;
    }

    /** Bytes of direct NIO buffers in use (Undertow's buffer pool, off the heap). */
    static long direct() {
        return ManagementFactory.getPlatformMXBeans(java.lang.management.BufferPoolMXBean.class)
                .stream()
                .filter(b -> b.getName().equals("direct"))
                .mapToLong(java.lang.management.BufferPoolMXBean::getMemoryUsed)
                .sum();
    }

    /** The server (this JVM) and the client process. */
    static final class Server implements AutoCloseable {
        final Set<WebSocketChannel> raw = ConcurrentHashMap.newKeySet();
        final LiveHandler<FanOutPage> room;
        final LiveHandler<CounterPage> counter;
        final Undertow undertow;
        final int port;
        final ClientProcess clients;

        Server(int bufferSize, boolean heapBuffers) throws Exception {
            Room r = new Room();
            room = LiveHandler.builder(new FanOutPageRenderer(), r, r.current).openTopics().build();
            counter =
                    LiveHandler.builder(
                                    new CounterPageRenderer(), new Counter(), new CounterPage(0))
                            .build();
            Undertow.Builder b =
                    Undertow.builder()
                            .addHttpListener(0, "127.0.0.1")
                            .setSocketOption(org.xnio.Options.BACKLOG, 4096);
            if (bufferSize > 0) {
                b.setBufferSize(bufferSize);
            }
            if (heapBuffers) {
                b.setDirectBuffers(false);
            }
            undertow =
                    b.setHandler(
                                    Handlers.path()
                                            .addPrefixPath("/room", room)
                                            .addPrefixPath("/counter", counter)
                                            .addPrefixPath(
                                                    "/raw", FanOutBenchmark.rawWebSockets(raw)))
                            .build();
            undertow.start();
            port = ((InetSocketAddress) undertow.getListenerInfo().get(0).getAddress()).getPort();
            clients = new ClientProcess("2g");
        }

        String ask(String command, long timeoutSeconds) throws Exception {
            return clients.ask(command, timeoutSeconds);
        }

        /** One page GET of the fan-out page, by the client process: its session cookie. */
        String cookie() throws Exception {
            return clients.cookie("ws://127.0.0.1:" + port + "/room");
        }

        void open(String kind, int n, String cookie, String path) throws Exception {
            clients.open(
                    kind.equals("raw") ? "raw" : "live",
                    n,
                    "ws://127.0.0.1:" + port + path,
                    cookie);
        }

        void await(String what, BooleanSupplier done) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!done.getAsBoolean()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("timed out waiting for " + what);
                }
                Thread.sleep(20);
            }
        }

        void settleOpen(String kind, int n) throws InterruptedException {
            switch (kind) {
                case "raw" -> await("raw channels", () -> raw.size() == n);
                case "fanout" ->
                        await(
                                "subscribers",
                                () ->
                                        room.subscribers(FanOutBenchmark.TOPIC) == n
                                                && room.openConnections() == n);
                default -> await("counter connections", () -> counter.openConnections() == n);
            }
        }

        void close(String kind) throws Exception {
            ask("close " + (kind.equals("raw") ? "raw" : "live"), 120);
            await(
                    "closing",
                    () ->
                            raw.isEmpty()
                                    && room.openConnections() == 0
                                    && counter.openConnections() == 0);
        }

        void cycle(String kind, int n, String cookie, String path) throws Exception {
            open(kind, n, cookie, path);
            settleOpen(kind, n);
            close(kind);
        }

        Map<String, Count> measure(String kind, int n, String cookie, String path)
                throws Exception {
            Map<String, Count> before = settled();
            long direct = direct();
            open(kind, n, cookie, path);
            settleOpen(kind, n);
            Map<String, Count> after = settled();
            System.out.printf(
                    Locale.ROOT,
                    "%s: direct (off-heap) buffers %+,.0f B per session%n",
                    kind,
                    (direct() - direct) / (double) n);
            close(kind);
            return minus(after, before);
        }

        Map<String, Count> measureGets(int n) throws Exception {
            Map<String, Count> before = settled();
            ask("get " + n + " ws://127.0.0.1:" + port + "/counter", 300);
            return minus(settled(), before);
        }

        @Override
        public void close() throws Exception {
            try {
                clients.close();
            } finally {
                room.closeConnections();
                counter.closeConnections();
                undertow.stop();
            }
        }
    }
}
