package io.github.livetemplate.examples.soak;

import io.github.livetemplate.examples.Main;
import io.undertow.Undertow;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A load driver for soak runs (not a test; {@code scripts/soak.sh} runs it): starts the example
 * server in this JVM (or targets {@code --url}) and keeps a mix of page loads, counter actions over
 * WebSockets and chat messages pushed to every member of a room going for {@code --seconds}; every
 * 10 s and at the end it prints latency percentiles, errors and the heap after the last GC.
 *
 * <pre>
 * SoakDriver [--seconds 120] [--page-loaders 4] [--counters 20] [--chatters 10] [--url http://h:p]
 * </pre>
 *
 * Each WebSocket client sends at most 5 actions a second, under the pages' default rate limit.
 */
public final class SoakDriver {
    private static final Pattern TOKEN = Pattern.compile("soak(\\d+)x(\\d+)");

    private final String base;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Map<String, Latencies> latencies = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    private final long t0 = System.nanoTime();

    private SoakDriver(String base) {
        this.base = base;
        for (String k : List.of("page", "action", "broadcast")) {
            latencies.put(k, new Latencies());
        }
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opt = new ConcurrentHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            opt.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        int seconds = Integer.parseInt(opt.getOrDefault("seconds", "120"));
        int loaders = Integer.parseInt(opt.getOrDefault("page-loaders", "4"));
        int counters = Integer.parseInt(opt.getOrDefault("counters", "20"));
        int chatters = Integer.parseInt(opt.getOrDefault("chatters", "10"));
        Undertow server = null;
        String url = opt.get("url");
        if (url == null) {
            server = Main.start("127.0.0.1", 0);
            url = "http://127.0.0.1:" + Main.port(server);
        }
        System.out.printf(
                "soak: %s for %d s: %d page loaders, %d counter clients, %d chat clients%s%n",
                url,
                seconds,
                loaders,
                counters,
                chatters,
                server != null
                        ? " (server in this JVM: heap is the server's plus the driver's)"
                        : "");
        SoakDriver d = new SoakDriver(url);
        try {
            d.run(seconds, loaders, counters, chatters);
        } finally {
            if (server != null) {
                server.stop();
            }
        }
        System.exit(d.totalErrors() == 0 ? 0 : 1);
    }

    private void run(int seconds, int loaders, int counters, int chatters) throws Exception {
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < loaders; i++) {
            threads.add(start("soak-pages-" + i, this::pageLoads));
        }
        for (int i = 0; i < counters; i++) {
            threads.add(start("soak-counter-" + i, this::counterClient));
        }
        for (int i = 0; i < chatters; i++) {
            int id = i;
            threads.add(start("soak-chat-" + i, () -> chatClient(id)));
        }
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        System.out.println(
                "  time   page p50/p99 ms   action p50/p99 ms   broadcast p50/p99 ms    ops   errors"
                        + "   heap after GC MiB (used now)");
        while (System.nanoTime() < end) {
            Thread.sleep(
                    Math.min(10_000, TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime()) + 1));
            report(false);
        }
        running.set(false);
        for (Thread t : threads) {
            t.join(10_000);
        }
        System.out.println("soak summary (whole run):");
        report(true);
        System.out.println("  errors by kind: " + new java.util.TreeMap<>(sums(errors)));
    }

    private Thread start(String name, Task task) {
        Thread t =
                new Thread(
                        () -> {
                            while (running.get()) {
                                try {
                                    task.run();
                                } catch (Exception e) {
                                    error(e.getClass().getSimpleName());
                                    sleep(500);
                                }
                            }
                        },
                        name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    interface Task {
        void run() throws Exception;
    }

    private void pageLoads() throws Exception {
        String[] paths = {"/", "/counter", "/chat?room=soak", "/signin", "/health/ready"};
        String path = paths[(int) (Math.random() * paths.length)];
        long s = System.nanoTime();
        HttpResponse<String> r =
                http.send(
                        HttpRequest.newBuilder(URI.create(base + path))
                                .timeout(Duration.ofSeconds(10))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        latencies.get("page").add(System.nanoTime() - s);
        if (r.statusCode() != 200) {
            error("page " + path + " " + r.statusCode());
        }
        sleep(20);
    }

    private void counterClient() throws Exception {
        Client c = Client.open(http, base, "/counter");
        try {
            c.next(); // the initial tree
            for (int i = 0; i < 100 && running.get(); i++) {
                long s = System.nanoTime();
                c.ws.sendText("{\"action\":\"increment\"}", true).get(5, TimeUnit.SECONDS);
                String reply = c.next();
                latencies.get("action").add(System.nanoTime() - s);
                if (reply.contains("\"success\":false")) {
                    error("action refused");
                }
                sleep(200);
            }
        } finally {
            c.close(); // and reconnect: connection churn is part of the mix
        }
    }

    private void chatClient(int id) throws Exception {
        Client c = Client.open(http, base, "/chat?room=soak");
        Set<String> seen = new HashSet<>();
        try {
            long nextSend = System.nanoTime();
            while (running.get()) {
                if (System.nanoTime() >= nextSend) {
                    String token = "soak" + id + "x" + System.nanoTime();
                    c.ws.sendText(
                                    "{\"action\":\"send\",\"data\":{\"text\":\"" + token + "\"}}",
                                    true)
                            .get(5, TimeUnit.SECONDS);
                    nextSend = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
                }
                String m = c.poll(100);
                if (m == null) {
                    continue;
                }
                long now = System.nanoTime();
                Matcher t = TOKEN.matcher(m);
                while (t.find()) {
                    if (seen.add(t.group()) && Integer.parseInt(t.group(1)) != id) {
                        latencies.get("broadcast").add(now - Long.parseLong(t.group(2)));
                    }
                }
                if (seen.size() > 10_000) {
                    seen.clear();
                }
            }
        } finally {
            c.close();
        }
    }

    private void report(boolean whole) {
        long elapsed = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t0);
        StringBuilder b = new StringBuilder(String.format("  %4ds", elapsed));
        long ops = 0;
        for (String k : List.of("page", "action", "broadcast")) {
            long[] v = whole ? latencies.get(k).all() : latencies.get(k).drainWindow();
            ops += v.length;
            b.append(String.format("   %7.2f / %7.2f  ", pct(v, 50), pct(v, 99)));
        }
        b.append(String.format(" %6d   %6d", ops, totalErrors()));
        b.append(
                String.format(
                        "   %6.1f (%6.1f)", heapAfterGc() / 1048576.0, heapNow() / 1048576.0));
        if (whole) {
            b.append(
                    String.format(
                            "%n  p99.9 ms: page %.2f, action %.2f, broadcast %.2f; max ms: page %.2f,"
                                    + " action %.2f, broadcast %.2f",
                            pct(latencies.get("page").all(), 99.9),
                            pct(latencies.get("action").all(), 99.9),
                            pct(latencies.get("broadcast").all(), 99.9),
                            pct(latencies.get("page").all(), 100),
                            pct(latencies.get("action").all(), 100),
                            pct(latencies.get("broadcast").all(), 100)));
        }
        System.out.println(b);
    }

    private static double pct(long[] v, double p) {
        if (v.length == 0) {
            return Double.NaN;
        }
        Arrays.sort(v);
        int i = (int) Math.min(v.length - 1, Math.ceil(p / 100.0 * v.length) - 1);
        return v[Math.max(0, i)] / 1e6;
    }

    private static long heapAfterGc() {
        long used = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            MemoryUsage u = p.getCollectionUsage();
            if (p.getType() == MemoryType.HEAP && u != null) {
                used += u.getUsed();
            }
        }
        return used;
    }

    private static long heapNow() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private void error(String kind) {
        errors.computeIfAbsent(kind, k -> new LongAdder()).increment();
    }

    private long totalErrors() {
        return errors.values().stream().mapToLong(LongAdder::sum).sum();
    }

    private static Map<String, Long> sums(Map<String, LongAdder> m) {
        Map<String, Long> out = new ConcurrentHashMap<>();
        m.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Latencies in nanoseconds: the whole run, and a window drained by each report. */
    static final class Latencies {
        private long[] all = new long[1024];
        private int n;
        private int windowStart;

        synchronized void add(long nanos) {
            if (n == all.length) {
                all = Arrays.copyOf(all, n * 2);
            }
            all[n++] = nanos;
        }

        synchronized long[] all() {
            return Arrays.copyOf(all, n);
        }

        synchronized long[] drainWindow() {
            long[] w = Arrays.copyOfRange(all, windowStart, n);
            windowStart = n;
            return w;
        }
    }

    /** A JDK WebSocket client queueing whole text messages. */
    static final class Client implements WebSocket.Listener {
        final LinkedBlockingQueue<String> messages = new LinkedBlockingQueue<>();
        private final StringBuilder partial = new StringBuilder();
        WebSocket ws;

        static Client open(HttpClient http, String base, String path) throws Exception {
            Client c = new Client();
            c.ws =
                    http.newWebSocketBuilder()
                            .header("Origin", base)
                            .connectTimeout(Duration.ofSeconds(5))
                            .buildAsync(URI.create(base.replaceFirst("^http", "ws") + path), c)
                            .get(10, TimeUnit.SECONDS);
            return c;
        }

        @Override
        public void onOpen(WebSocket webSocket) {
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                messages.add(partial.toString());
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        String next() throws Exception {
            String m = messages.poll(10, TimeUnit.SECONDS);
            if (m == null) {
                throw new java.util.concurrent.TimeoutException("no message within 10 s");
            }
            return m;
        }

        String poll(long ms) throws InterruptedException {
            return messages.poll(ms, TimeUnit.MILLISECONDS);
        }

        void close() {
            try {
                ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(2, TimeUnit.SECONDS);
            } catch (Exception e) {
                // closing anyway
            }
            ws.abort();
        }
    }
}
