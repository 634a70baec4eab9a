package io.github.livetemplate.benchmarks;

import io.github.livetemplate.runtime.Context;
import io.github.livetemplate.runtime.generated.Actions;
import io.github.livetemplate.undertow.LiveHandler;
import io.undertow.Handlers;
import io.undertow.Undertow;
import io.undertow.server.HttpHandler;
import io.undertow.websockets.core.AbstractReceiveListener;
import io.undertow.websockets.core.WebSocketChannel;
import io.undertow.websockets.core.WebSockets;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Load benchmark: one {@code LiveHandler.publish} to N WebSocket sessions on loopback, time until
 * every client has the resulting frame, beside a raw Undertow loop that sends the same bytes with
 * {@code WebSockets.sendText} to N plain Undertow WebSocket channels; and server heap per idle
 * session. A plain {@code main}, never run by the build.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.github.livetemplate.benchmarks.FanOutBenchmark 1000 10000
 *      [--reps=20] [--warmup=5] [--phased] [--json=file]
 * </pre>
 *
 * <p>The server (one Undertow on 127.0.0.1, random port: {@code /room} = the LiveHandler, {@code
 * /raw} = a bare {@code Handlers.websocket} endpoint) runs in this JVM; the clients (JDK {@code
 * java.net.http.WebSocket}) run in a child JVM started by this program, so the server's heap
 * figures do not include client objects. The two talk over the child's stdin/stdout. Each client
 * counts complete text frames; when the last expected one arrives the child reports {@code
 * System.nanoTime()} (CLOCK_MONOTONIC on Linux, shared by both processes), and the latency is that
 * minus the nanoTime taken just before {@code publish} / the raw loop.
 *
 * <p>If 2N sockets (live and raw open at once) fit under the file-descriptor limit of each process,
 * the three series are interleaved on the same open sockets (same run, same clients); otherwise
 * ({@code --phased} or too few descriptors) the live connections are measured, closed, and N fresh
 * raw connections are measured afterwards.
 */
public final class FanOutBenchmark {

    static final String TOPIC = "room";
    static final long STEP_TIMEOUT_S = 60;
    static final long OPEN_TIMEOUT_S = 300;

    private FanOutBenchmark() {}

    // ---------------------------------------------------------------- the page's actions

    /** Mount subscribes to the room; "refresh" returns the shared snapshot; "personal" a copy. */
    static final class RoomActions implements Actions<FanOutPage> {
        volatile FanOutPage current = new FanOutPage("room", 0, "hello everyone", 0);

        @Override
        public Set<String> names() {
            return Set.of("refresh", "personal");
        }

        @Override
        public FanOutPage mount(FanOutPage state, Context ctx) {
            ctx.subscribe(TOPIC);
            return current;
        }

        @Override
        public FanOutPage run(String name, FanOutPage s, Context ctx) throws Exception {
            switch (name) {
                case "refresh":
                    return current; // a shared immutable snapshot: one diff for all connections
                case "personal":
                    return new FanOutPage(s.room(), s.version(), s.message(), s.count() + 1);
                default:
                    throw new UnknownActionException(name);
            }
        }
    }

    // ---------------------------------------------------------------- server side (this JVM)

    public static void main(String[] args) throws Exception {
        List<Integer> sizes = new ArrayList<>();
        int reps = 20;
        int warmup = 5;
        boolean phased = false;
        java.nio.file.Path json = null;
        for (String a : args) {
            if (a.equals("--client")) {
                Clients.run();
                return;
            } else if (a.startsWith("--reps=")) {
                reps = Integer.parseInt(a.substring(7));
            } else if (a.startsWith("--warmup=")) {
                warmup = Integer.parseInt(a.substring(9));
            } else if (a.equals("--phased")) {
                phased = true;
            } else if (a.startsWith("--json=")) {
                json = java.nio.file.Path.of(a.substring(7));
            } else {
                sizes.add(Integer.parseInt(a.replace("_", "").replace(",", "")));
            }
        }
        if (sizes.isEmpty()) {
            sizes.add(1000);
        }
        // Bounded: the whole program ends within 30 minutes, whatever happens.
        startWatchdog("FanOutBenchmark", 30);

        printMachine();
        List<String> results = new ArrayList<>();
        for (int n : sizes) {
            Run run = new FanOutBenchmark.Run(n, reps, warmup, phased);
            run.execute();
            if (json != null) {
                results.add(run.json());
            }
        }
        if (json != null) {
            // One object per N: medians and p90s in ms (docs/PERFORMANCE.md, benchmarks/plot.sh).
            java.nio.file.Files.writeString(json, "[" + String.join(",\n", results) + "]\n");
        }
        System.exit(0);
    }

    /** Halts the JVM after {@code minutes}, whatever happens, so that every run is bounded. */
    static void startWatchdog(String program, long minutes) {
        Thread watchdog =
                new Thread(
                        () -> {
                            try {
                                Thread.sleep(TimeUnit.MINUTES.toMillis(minutes));
                                System.err.println(program + ": watchdog timeout, exiting");
                                Runtime.getRuntime().halt(3);
                            } catch (InterruptedException e) {
                                // done
                            }
                        },
                        "watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    /** Bare Undertow WebSockets that keep their open channels in {@code open}: the raw baseline. */
    static HttpHandler rawWebSockets(Set<WebSocketChannel> open) {
        return Handlers.websocket(
                (exchange, channel) -> {
                    open.add(channel);
                    channel.addCloseTask(open::remove);
                    channel.getReceiveSetter().set(new AbstractReceiveListener() {});
                    channel.resumeReceives();
                });
    }

    static void printMachine() {
        Runtime rt = Runtime.getRuntime();
        System.out.printf(
                Locale.ROOT,
                "JVM %s %s, %d CPUs, max heap %d MB, GC %s%n",
                System.getProperty("java.vm.name"),
                System.getProperty("java.runtime.version"),
                rt.availableProcessors(),
                rt.maxMemory() >> 20,
                ManagementFactory.getGarbageCollectorMXBeans().stream()
                        .map(g -> g.getName())
                        .toList());
        System.out.printf(
                Locale.ROOT,
                "max file descriptors (this process): %d, load average %.2f%n",
                maxFds(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    static long maxFds() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.UnixOperatingSystemMXBean u) {
            return u.getMaxFileDescriptorCount();
        }
        return -1;
    }

    static long openFds() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.UnixOperatingSystemMXBean u) {
            return u.getOpenFileDescriptorCount();
        }
        return -1;
    }

    /** Used heap after full GCs (G1: System.gc() is a full collection). */
    static long usedHeapAfterGc() throws InterruptedException {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
            used =
                    Math.min(
                            used,
                            ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return used;
    }

    /** One benchmark run for one N: own server, own client process. */
    static final class Run {
        final int n;
        final int reps;
        final int warmup;
        boolean phased;
        final RoomActions actions = new RoomActions();
        final Set<WebSocketChannel> raw = ConcurrentHashMap.newKeySet();
        LiveHandler<FanOutPage> handler;
        Undertow undertow;
        int port;
        ClientProcess clients;
        int version;
        byte[] frameBytes; // the last live frame, as received by a client

        Series sharedResult;
        Series personalResult;
        Series rawResult;

        String json() {
            return String.format(
                    Locale.ROOT,
                    "{\"n\":%d,\"phased\":%b,\"shared\":%s,\"personal\":%s,\"raw\":%s}",
                    n,
                    phased,
                    sharedResult.json(),
                    personalResult.json(),
                    rawResult.json());
        }

        Run(int n, int reps, int warmup, boolean phased) {
            this.n = n;
            this.reps = reps;
            this.warmup = warmup;
            this.phased = phased;
        }

        void execute() throws Exception {
            long fdLimit = maxFds();
            if (!phased && fdLimit > 0 && 2L * n + 500 > fdLimit) {
                System.out.printf(
                        "N=%d: 2N sockets do not fit under the fd limit %d -> phased mode%n",
                        n, fdLimit);
                phased = true;
            }
            System.out.printf(
                    Locale.ROOT,
                    "%n=== N = %,d (%s, %d warm-up + %d measured rounds) ===%n",
                    n,
                    phased
                            ? "phased: live, then fresh raw connections"
                            : "interleaved on the same open connections",
                    warmup,
                    reps);
            try {
                start();
                measure();
            } finally {
                stop();
            }
        }

        void start() throws Exception {
            handler =
                    LiveHandler.builder(new FanOutPageRenderer(), actions, actions.current)
                            .openTopics()
                            .build();
            undertow =
                    Undertow.builder()
                            .addHttpListener(0, "127.0.0.1")
                            .setSocketOption(org.xnio.Options.BACKLOG, 4096)
                            .setHandler(
                                    Handlers.path()
                                            .addPrefixPath("/room", handler)
                                            .addPrefixPath("/raw", rawWebSockets(raw)))
                            .build();
            undertow.start();
            port = ((InetSocketAddress) undertow.getListenerInfo().get(0).getAddress()).getPort();

            clients = new ClientProcess("3g");
        }

        String ask(String command, long timeoutSeconds) throws Exception {
            return clients.ask(command, timeoutSeconds);
        }

        void send(String command) throws IOException {
            clients.send(command);
        }

        String reply(long timeoutSeconds) throws Exception {
            return clients.reply(timeoutSeconds);
        }

        String cookie() throws Exception {
            HttpClient http =
                    HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
            HttpResponse<String> r =
                    http.send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/room"))
                                    .timeout(Duration.ofSeconds(10))
                                    .GET()
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            String setCookie =
                    r.headers()
                            .firstValue("Set-Cookie")
                            .orElseThrow(
                                    () ->
                                            new IllegalStateException(
                                                    "page GET set no cookie: " + r.statusCode()));
            return setCookie.substring(0, setCookie.indexOf(';'));
        }

        /** Opens connections of one kind in the client; returns how many are open. */
        int open(String kind, String cookie) throws Exception {
            String a =
                    ask(
                            "open "
                                    + kind
                                    + " "
                                    + n
                                    + " ws://127.0.0.1:"
                                    + port
                                    + (kind.equals("live") ? "/room" : "/raw")
                                    + " "
                                    + Base64.getEncoder()
                                            .encodeToString(
                                                    cookie.getBytes(StandardCharsets.UTF_8)),
                            OPEN_TIMEOUT_S + 30);
            // "opened <ok> <failed> <millis> <firstError>"
            String[] p = a.split(" ", 5);
            int ok = Integer.parseInt(p[1]);
            int failed = Integer.parseInt(p[2]);
            System.out.printf(
                    Locale.ROOT,
                    "opened %,d %s connections in %s ms (%d failed%s)%n",
                    ok,
                    kind,
                    p[3],
                    failed,
                    failed > 0 ? ": " + p[4] : "");
            return ok;
        }

        void measure() throws Exception {
            String cookie = cookie();
            Thread.sleep(500);
            long h0 = usedHeapAfterGc();
            long fd0 = openFds();
            int live = open("live", cookie);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (handler.subscribers(TOPIC) < live && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            System.out.printf(
                    "server: %d open live connections, %d subscribers of \"%s\"%n",
                    handler.openConnections(), handler.subscribers(TOPIC), TOPIC);
            Thread.sleep(500);
            long h1 = usedHeapAfterGc();
            long fd1 = openFds();
            System.out.printf(
                    Locale.ROOT,
                    "server heap: %,.1f MB before, %,.1f MB with %,d idle live sessions -> %,.0f B per"
                            + " session (server fds %d -> %d)%n",
                    h0 / 1e6,
                    h1 / 1e6,
                    live,
                    (h1 - h0) / (double) live,
                    fd0,
                    fd1);

            Series shared = new Series("LiveTemplate publish, shared snapshot (\"refresh\")");
            Series personal =
                    new Series("LiveTemplate publish, per-connection state (\"personal\")");
            Series rawSeries = new Series("raw Undertow WebSockets.sendText loop");

            // The frame bytes for the raw loop: one live round first.
            liveRound("refresh", live, true);
            int rawOpen = 0;
            if (!phased) {
                long h2a = usedHeapAfterGc();
                rawOpen = open("raw", "none=0");
                awaitRaw(rawOpen);
                Thread.sleep(500);
                long h2 = usedHeapAfterGc();
                System.out.printf(
                        Locale.ROOT,
                        "server heap: +%,.1f MB with %,d idle raw Undertow WebSockets -> %,.0f B per"
                                + " connection%n",
                        (h2 - h2a) / 1e6,
                        rawOpen,
                        (h2 - h2a) / (double) rawOpen);
            }
            System.out.printf(
                    "frame: %d bytes: %s%n",
                    frameBytes.length, new String(frameBytes, StandardCharsets.UTF_8));

            for (int i = 0; i < warmup + reps; i++) {
                boolean record = i >= warmup;
                sample(record ? shared : null, liveRound("refresh", live, true));
                sample(record ? personal : null, liveRound("personal", live, false));
                liveRound(
                        "refresh", live,
                        false); // unmeasured: makes the previous states shared again
                if (!phased) {
                    sample(record ? rawSeries : null, rawRound(rawOpen));
                }
            }
            if (phased) {
                System.out.println(ask("close live", 120));
                long gone = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while ((handler.openConnections() > 0 || openFds() > fd0 + 20)
                        && System.nanoTime() < gone) {
                    Thread.sleep(100);
                }
                System.out.printf(
                        "server: %d live connections left, fds %d%n",
                        handler.openConnections(), openFds());
                Thread.sleep(1000);
                long h2a = usedHeapAfterGc();
                rawOpen = open("raw", "none=0");
                awaitRaw(rawOpen);
                Thread.sleep(500);
                long h2 = usedHeapAfterGc();
                System.out.printf(
                        Locale.ROOT,
                        "server heap: +%,.1f MB with %,d idle raw Undertow WebSockets -> %,.0f B per"
                                + " connection%n",
                        (h2 - h2a) / 1e6,
                        rawOpen,
                        (h2 - h2a) / (double) rawOpen);
                for (int i = 0; i < warmup + reps; i++) {
                    sample(i >= warmup ? rawSeries : null, rawRound(rawOpen));
                }
            }
            System.out.printf(
                    Locale.ROOT,
                    "%nresults, N = %,d (live %,d, raw %,d connections),"
                            + " milliseconds from publish / loop start to the last client's frame:%n",
                    n,
                    live,
                    rawOpen);
            shared.print();
            personal.print();
            rawSeries.print();
            sharedResult = shared;
            personalResult = personal;
            rawResult = rawSeries;
            System.out.printf(
                    Locale.ROOT,
                    "ratio LiveTemplate/raw (median): shared %.2f, per-connection"
                            + " %.2f; (p90): shared %.2f, per-connection %.2f%n",
                    shared.median() / rawSeries.median(),
                    personal.median() / rawSeries.median(),
                    shared.p90() / rawSeries.p90(),
                    personal.p90() / rawSeries.p90());
            System.out.printf(
                    "server: dropped messages %d, dropped publishes %d%n",
                    handler.droppedMessages(), handler.droppedPublishes());
        }

        void awaitRaw(int expected) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (raw.size() < expected && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            if (raw.size() != expected) {
                throw new IllegalStateException(
                        "server sees " + raw.size() + " raw channels, client " + expected);
            }
        }

        static void sample(Series s, double[] v) {
            if (s != null) {
                s.add(v);
            }
        }

        /** One publish; returns {latency ms, publish-call ms}. */
        double[] liveRound(String action, int expected, boolean newSnapshot) throws Exception {
            if (newSnapshot) {
                FanOutPage c = actions.current;
                actions.current = new FanOutPage(c.room(), ++version, c.message(), 0);
            }
            String armed = ask("arm live " + expected, 10);
            if (!armed.equals("armed")) {
                throw new IllegalStateException(armed);
            }
            long t0 = System.nanoTime();
            int queued = handler.publish(TOPIC, action, Map.of());
            long t1 = System.nanoTime();
            if (queued != expected) {
                throw new IllegalStateException("publish queued on " + queued + " of " + expected);
            }
            return done(t0, t1);
        }

        double[] rawRound(int expected) throws Exception {
            String armed = ask("arm raw " + expected, 10);
            if (!armed.equals("armed")) {
                throw new IllegalStateException(armed);
            }
            byte[] bytes = frameBytes;
            long t0 = System.nanoTime();
            for (WebSocketChannel ch : raw) {
                WebSockets.sendText(ByteBuffer.wrap(bytes), ch, null);
            }
            long t1 = System.nanoTime();
            return done(t0, t1);
        }

        double[] done(long t0, long t1) throws Exception {
            // "done <nanoTime of the last frame> <base64 of that frame>" or "timeout <received>"
            String d = reply(STEP_TIMEOUT_S + 5);
            String[] p = d.split(" ");
            if (!p[0].equals("done")) {
                throw new IllegalStateException("client: " + d);
            }
            frameBytes = Base64.getDecoder().decode(p[2]);
            long last = Long.parseLong(p[1]);
            if (last < t0) {
                throw new IllegalStateException("clock: last frame before the publish");
            }
            Thread.sleep(50); // let both sides settle between rounds
            return new double[] {(last - t0) / 1e6, (t1 - t0) / 1e6};
        }

        void stop() {
            try {
                if (clients != null) {
                    clients.close();
                }
            } catch (Exception e) {
                System.err.println("closing the client process: " + e);
            }
            long gone = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            try {
                while (!raw.isEmpty() && System.nanoTime() < gone) {
                    Thread.sleep(50); // let the client's close handshakes finish before stopping
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (handler != null) {
                handler.closeConnections();
            }
            for (WebSocketChannel ch : raw) {
                try {
                    ch.close();
                } catch (IOException e) {
                    // closing anyway
                }
            }
            if (undertow != null) {
                undertow.stop();
            }
        }
    }

    /** Latencies of one kind of round. */
    static final class Series {
        final String name;
        final List<Double> latency = new ArrayList<>();
        final List<Double> call = new ArrayList<>();

        Series(String name) {
            this.name = name;
        }

        void add(double[] v) {
            latency.add(v[0]);
            call.add(v[1]);
        }

        static double pct(List<Double> xs, double p) {
            if (xs.isEmpty()) {
                return Double.NaN;
            }
            double[] a = xs.stream().mapToDouble(Double::doubleValue).toArray();
            Arrays.sort(a);
            int i = (int) Math.ceil(p * a.length) - 1; // nearest rank
            return a[Math.max(0, Math.min(a.length - 1, i))];
        }

        double median() {
            return pct(latency, 0.5);
        }

        double p90() {
            return pct(latency, 0.9);
        }

        String json() {
            return String.format(
                    Locale.ROOT,
                    "{\"median\":%.3f,\"p90\":%.3f,\"callMedian\":%.3f}",
                    median(),
                    p90(),
                    pct(call, 0.5));
        }

        void print() {
            System.out.printf(
                    Locale.ROOT,
                    "  %-58s median %8.2f  p90 %8.2f  min %8.2f  max %8.2f  (n=%d; publish()/loop call"
                            + " itself: median %.2f)%n",
                    name,
                    median(),
                    p90(),
                    pct(latency, 0),
                    pct(latency, 1),
                    latency.size(),
                    pct(call, 0.5));
        }
    }

    // ---------------------------------------------------------------- client side (child JVM)

    /** The client process: N JDK WebSockets per kind, driven by commands on stdin. */
    static final class Clients {
        static final PrintStream OUT = System.out;
        static final int CLIENTS = 4;

        /** Frames expected in the current round, per kind. */
        static final Map<String, Round> rounds = new ConcurrentHashMap<>();

        static final Map<String, List<Conn>> conns = new ConcurrentHashMap<>();
        static final ExecutorService pool =
                Executors.newFixedThreadPool(
                        8,
                        r -> {
                            Thread t = new Thread(r, "ws-client");
                            t.setDaemon(true);
                            return t;
                        });
        static final List<HttpClient> https = new ArrayList<>();

        /** One measured round: counts frames down; records the time of the last. */
        static final class Round {
            final AtomicInteger remaining;
            final CompletableFuture<Long> lastAt = new CompletableFuture<>();
            final AtomicReference<String> sample = new AtomicReference<>();

            Round(int expected) {
                remaining = new AtomicInteger(expected);
            }

            void frame(String text) {
                int left = remaining.decrementAndGet();
                if (left == 0) {
                    long now = System.nanoTime();
                    sample.set(text);
                    lastAt.complete(now);
                }
            }
        }

        /** One connection's listener. */
        static final class Conn implements WebSocket.Listener {
            final String kind;
            final CompletableFuture<Void> first = new CompletableFuture<>();
            final StringBuilder partial = new StringBuilder();
            volatile WebSocket socket;

            Conn(String kind) {
                this.kind = kind;
            }

            @Override
            public void onOpen(WebSocket webSocket) {
                webSocket.request(1);
            }

            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                if (last && partial.length() == 0) {
                    delivered(data.toString());
                } else {
                    partial.append(data);
                    if (last) {
                        String s = partial.toString();
                        partial.setLength(0);
                        delivered(s);
                    }
                }
                webSocket.request(1);
                return null;
            }

            void delivered(String text) {
                if (!first.isDone()) {
                    first.complete(null); // the initial tree (live); raw sends nothing on open
                    if (kind.equals("live")) {
                        return;
                    }
                }
                Round r = rounds.get(kind);
                if (r != null) {
                    r.frame(text);
                }
            }

            @Override
            public void onError(WebSocket webSocket, Throwable error) {
                first.completeExceptionally(error);
            }
        }

        static void run() throws Exception {
            // Bounded: the client process ends by itself at the latest after 30 minutes.
            startWatchdog("FanOutBenchmark", 30);
            System.setOut(System.err); // nothing else may write to the protocol stream
            for (int i = 0; i < CLIENTS; i++) {
                https.add(
                        HttpClient.newBuilder()
                                .executor(pool)
                                .connectTimeout(Duration.ofSeconds(20))
                                .build());
            }
            BufferedReader in =
                    new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String line; (line = in.readLine()) != null; ) {
                String[] p = line.split(" ");
                switch (p[0]) {
                    case "hello" ->
                            say(
                                    String.format(
                                            "hello %s, max fds %d, max heap %d MB",
                                            System.getProperty("java.runtime.version"),
                                            maxFds(),
                                            Runtime.getRuntime().maxMemory() >> 20));
                    case "open" ->
                            open(
                                    p[1],
                                    Integer.parseInt(p[2]),
                                    p[3],
                                    new String(
                                            Base64.getDecoder().decode(p[4]),
                                            StandardCharsets.UTF_8));
                    case "cookie" -> say("cookie " + pageCookie(p[1]));
                    case "get" -> {
                        int n = Integer.parseInt(p[1]);
                        for (int i = 0; i < n; i++) {
                            pageCookie(p[2]);
                        }
                        say("got " + n);
                    }
                    case "arm" -> {
                        Round r = new Round(Integer.parseInt(p[2]));
                        rounds.put(p[1], r);
                        say("armed");
                        r.lastAt
                                .orTimeout(STEP_TIMEOUT_S, TimeUnit.SECONDS)
                                .whenComplete(
                                        (at, e) -> {
                                            if (e != null) {
                                                say(
                                                        "timeout "
                                                                + r.remaining.get()
                                                                + " frames missing");
                                            } else {
                                                say(
                                                        "done "
                                                                + at
                                                                + " "
                                                                + Base64.getEncoder()
                                                                        .encodeToString(
                                                                                r.sample
                                                                                        .get()
                                                                                        .getBytes(
                                                                                                StandardCharsets
                                                                                                        .UTF_8)));
                                            }
                                        });
                    }
                    case "close" -> {
                        int closed = 0;
                        for (String kind :
                                p[1].equals("all") ? List.copyOf(conns.keySet()) : List.of(p[1])) {
                            closed += close(kind);
                        }
                        say("closed " + closed + " " + p[1] + " connections");
                    }
                    case "quit" -> {
                        System.exit(0);
                    }
                    default -> say("error unknown command " + line);
                }
            }
            System.exit(0); // stdin closed: the benchmark is gone
        }

        static synchronized void say(String line) {
            OUT.println(line);
            OUT.flush();
        }

        static void open(String kind, int n, String url, String cookie) throws Exception {
            List<Conn> list = new ArrayList<>();
            Semaphore inFlight = new Semaphore(128);
            AtomicInteger failed = new AtomicInteger();
            AtomicReference<String> firstError = new AtomicReference<>("-");
            AtomicLong deadline =
                    new AtomicLong(System.nanoTime() + TimeUnit.SECONDS.toNanos(OPEN_TIMEOUT_S));
            long t0 = System.nanoTime();
            List<CompletableFuture<?>> all = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if (!inFlight.tryAcquire(
                        Math.max(1, deadline.get() - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    failed.addAndGet(n - i);
                    firstError.compareAndSet("-", "open timeout");
                    break;
                }
                Conn c = new Conn(kind);
                // "fresh": each connection is its own browser (own page GET, own cookie).
                String own = cookie.equals("fresh") ? pageCookie(url) : cookie;
                CompletableFuture<WebSocket> f =
                        https.get(i % CLIENTS)
                                .newWebSocketBuilder()
                                .connectTimeout(Duration.ofSeconds(20))
                                .header("Cookie", own)
                                .buildAsync(URI.create(url), c);
                CompletableFuture<?> done =
                        f.orTimeout(30, TimeUnit.SECONDS)
                                .handle(
                                        (ws, err) -> {
                                            try {
                                                if (err != null) {
                                                    failed.incrementAndGet();
                                                    firstError.compareAndSet(
                                                            "-", String.valueOf(err));
                                                    return null;
                                                }
                                                c.socket = ws;
                                                if (kind.equals("live")) {
                                                    // opened = the initial tree arrived (mounted
                                                    // and subscribed)
                                                    c.first
                                                            .orTimeout(30, TimeUnit.SECONDS)
                                                            .whenComplete(
                                                                    (v, e) -> {
                                                                        try {
                                                                            if (e != null) {
                                                                                failed
                                                                                        .incrementAndGet();
                                                                                firstError
                                                                                        .compareAndSet(
                                                                                                "-",
                                                                                                "no initial tree: "
                                                                                                        + e);
                                                                            } else {
                                                                                synchronized (
                                                                                        list) {
                                                                                    list.add(c);
                                                                                }
                                                                            }
                                                                        } finally {
                                                                            inFlight.release();
                                                                        }
                                                                    });
                                                    return null;
                                                }
                                                synchronized (list) {
                                                    list.add(c);
                                                }
                                                return null;
                                            } finally {
                                                if (err != null || !kind.equals("live")) {
                                                    inFlight.release();
                                                }
                                            }
                                        });
                all.add(done);
            }
            // wait until all attempts are settled (bounded)
            if (!inFlight.tryAcquire(
                    128, Math.max(1, deadline.get() - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                firstError.compareAndSet("-", "open timeout (settling)");
            } else {
                inFlight.release(128);
            }
            long ms = (System.nanoTime() - t0) / 1_000_000;
            int ok;
            synchronized (list) {
                ok = list.size();
                conns.computeIfAbsent(kind, k -> new ArrayList<>()).addAll(list);
            }
            say(
                    "opened "
                            + ok
                            + " "
                            + (n - ok)
                            + " "
                            + ms
                            + " "
                            + firstError.get().replace('\n', ' '));
        }

        /** A page GET of the WebSocket's page (ws → http): its session cookie. */
        static String pageCookie(String wsUrl) throws IOException, InterruptedException {
            HttpResponse<Void> r =
                    https.get(0)
                            .send(
                                    HttpRequest.newBuilder(URI.create("http" + wsUrl.substring(2)))
                                            .timeout(Duration.ofSeconds(20))
                                            .GET()
                                            .build(),
                                    HttpResponse.BodyHandlers.discarding());
            String setCookie =
                    r.headers()
                            .firstValue("Set-Cookie")
                            .orElseThrow(
                                    () ->
                                            new IOException(
                                                    "page GET set no cookie: " + r.statusCode()));
            return setCookie.substring(0, setCookie.indexOf(';'));
        }

        static int close(String kind) throws InterruptedException {
            List<Conn> list = conns.remove(kind);
            if (list == null) {
                return 0;
            }
            List<CompletableFuture<?>> closing = new ArrayList<>();
            for (Conn c : list) {
                if (c.socket != null) {
                    closing.add(
                            c.socket
                                    .sendClose(WebSocket.NORMAL_CLOSURE, "bye")
                                    .orTimeout(20, TimeUnit.SECONDS)
                                    .handle((w, e) -> null));
                }
            }
            try {
                CompletableFuture.allOf(closing.toArray(CompletableFuture[]::new))
                        .get(60, TimeUnit.SECONDS);
            } catch (Exception e) {
                // aborted below
            }
            Thread.sleep(500);
            for (Conn c : list) {
                if (c.socket != null) {
                    c.socket.abort();
                }
            }
            return list.size();
        }
    }
}
