package io.github.livetemplate.benchmarks;

import io.github.livetemplate.runtime.Context;
import io.github.livetemplate.runtime.generated.Actions;
import io.github.livetemplate.undertow.LiveHandler;
import io.github.livetemplate.undertow.testing.Await;
import io.github.livetemplate.undertow.testing.PushReceiver;
import io.github.livetemplate.undertow.testing.RawWebSocket;
import io.github.livetemplate.undertow.testing.SmallBufferServer;
import io.undertow.Undertow;
import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Latency benchmark: does a client that reads keep its push latency while clients that never read
 * are connected? One normal client receives a push every 2 ms, alone and then beside N clients that
 * complete the handshake and never read again (until every one of them is closed as too slow and at
 * least {@code --pushes} pushes were sent), alternately, round after round in one JVM; the figure
 * is the ratio of the normal client's p99 latency with the stalled clients to the p99 of the run
 * alone just before. A plain {@code main}, never run by the build.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.github.livetemplate.benchmarks.StalledClientsBenchmark
 *      [--stalled=200] [--pushes=1000] [--rounds=8] [--warmup=2]
 * </pre>
 *
 * <p>Server, normal client (JDK {@code java.net.http.WebSocket}, the undertow module's test {@code
 * PushReceiver}) and stalled clients ({@code RawWebSocket.stalled}: raw sockets with a 4 KiB
 * receive buffer, never read) run in this JVM on 127.0.0.1. The server's kernel send buffers are 16
 * KiB, so that a stalled client backs up into the server after a few frames (on loopback they grow
 * to megabytes otherwise). Each push carries 2 kB of text. The latency of a push is until the first
 * frame showing it or a later push arrives (pushes to a client that fell behind are coalesced). The
 * warnings of the runtime go to the console through {@code slf4j-jdk14}, as in an application that
 * logs synchronously: the cost of logging is part of the figure.
 */
public final class StalledClientsBenchmark {
    static final int PAYLOAD = 2000;
    static final String PATH = "/feed";

    private StalledClientsBenchmark() {}

    /** Mount subscribes to the feed; {@code show} shows the pushed text. */
    static final class FeedActions implements Actions<FanOutPage> {
        @Override
        public Set<String> names() {
            return Set.of("show");
        }

        @Override
        public FanOutPage mount(FanOutPage state, Context ctx) {
            ctx.subscribe("feed");
            return state;
        }

        @Override
        public FanOutPage run(String name, FanOutPage s, Context ctx) throws Exception {
            if (!name.equals("show")) {
                throw new UnknownActionException(name);
            }
            return new FanOutPage(s.room(), s.version() + 1, ctx.getString("text"), s.count());
        }
    }

    public static void main(String[] args) throws Exception {
        int stalled = 200;
        int pushes = 1000;
        int rounds = 8;
        int warmup = 2;
        for (String a : args) {
            String value = a.substring(a.indexOf('=') + 1);
            if (a.startsWith("--stalled=")) {
                stalled = Integer.parseInt(value);
            } else if (a.startsWith("--pushes=")) {
                pushes = Integer.parseInt(value);
            } else if (a.startsWith("--rounds=")) {
                rounds = Integer.parseInt(value);
            } else if (a.startsWith("--warmup=")) {
                warmup = Integer.parseInt(value);
            } else {
                throw new IllegalArgumentException("unknown argument " + a);
            }
        }
        FanOutBenchmark.startWatchdog("StalledClientsBenchmark", 20);
        FanOutBenchmark.printMachine();
        System.out.printf(
                Locale.ROOT,
                "%d stalled clients, at least %d pushes of %d B every 2 ms per run; %d warm-up"
                        + " rounds, %d measured%n",
                stalled,
                pushes,
                PAYLOAD,
                warmup,
                rounds);
        List<Double> ratios = new ArrayList<>();
        List<long[]> allAlone = new ArrayList<>();
        List<long[]> allLoaded = new ArrayList<>();
        for (int round = 1 - warmup; round <= rounds; round++) {
            Result alone = new Run(0, pushes).call();
            Result loaded = new Run(stalled, pushes).call();
            double ratio = loaded.p99() / alone.p99();
            String label = round <= 0 ? "warm-up" : "round " + round;
            System.out.printf(
                    Locale.ROOT,
                    "%-8s p50/p99/max ms alone %s, with %d stalled %s; p99 ratio %.2f;"
                            + " %d slow closes, %d frames dropped, heap after GC %d MiB;"
                            + " load %.2f%n",
                    label,
                    alone,
                    stalled,
                    loaded,
                    ratio,
                    loaded.slowCloses(),
                    loaded.dropped(),
                    loaded.heapMiB(),
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            if (round > 0) {
                ratios.add(ratio);
                allAlone.add(alone.sortedNanos());
                allLoaded.add(loaded.sortedNanos());
            }
        }
        List<Double> sorted = ratios.stream().sorted().toList();
        System.out.printf(
                Locale.ROOT,
                "p99 with/without the stalled clients over %d rounds: median %.2f, worst %.2f;"
                        + " within 2x in %d%n",
                sorted.size(),
                sorted.get(sorted.size() / 2),
                sorted.get(sorted.size() - 1),
                sorted.stream().filter(r -> r <= 2.0).count());
        Result pooledAlone = Result.pooled(allAlone);
        Result pooledLoaded = Result.pooled(allLoaded);
        System.out.printf(
                Locale.ROOT,
                "all %d measured pushes of each kind: p50/p99/max ms alone %s, with %d stalled %s;"
                        + " p99 ratio %.2f%n",
                pooledAlone.sortedNanos().length,
                pooledAlone,
                stalled,
                pooledLoaded,
                pooledLoaded.p99() / pooledAlone.p99());
        System.exit(0);
    }

    /** The normal client's latencies of one run, and what the server refused meanwhile. */
    record Result(long[] sortedNanos, long slowCloses, long dropped, long heapMiB) {
        /** The latencies of several runs together. */
        static Result pooled(List<long[]> runs) {
            long[] all = runs.stream().flatMapToLong(java.util.Arrays::stream).sorted().toArray();
            return new Result(all, 0, 0, 0);
        }

        double p99() {
            return at(0.99);
        }

        double at(double q) {
            int i = (int) Math.min(sortedNanos.length - 1, Math.ceil(sortedNanos.length * q) - 1);
            return sortedNanos[Math.max(0, i)] / 1e6;
        }

        @Override
        public String toString() {
            return String.format(
                    Locale.ROOT,
                    "%.1f/%.1f/%.1f",
                    at(0.5),
                    p99(),
                    sortedNanos[sortedNanos.length - 1] / 1e6);
        }
    }

    /** One run: its own server, {@code stalled} clients that never read, one that does. */
    static final class Run {
        final int stalled;
        final int pushes;

        Run(int stalled, int pushes) {
            this.stalled = stalled;
            this.pushes = pushes;
        }

        Result call() throws Exception {
            LiveHandler<FanOutPage> handler =
                    LiveHandler.builder(
                                    new FanOutPageRenderer(),
                                    new FeedActions(),
                                    new FanOutPage("feed", 0, "start", 0))
                            .openTopics()
                            .outboundQueue(100, 2L << 20)
                            .build();
            Undertow undertow = SmallBufferServer.start(PATH, handler);
            int port = SmallBufferServer.port(undertow);
            List<Socket> stuck = new ArrayList<>();
            try {
                for (int i = 0; i < stalled; i++) {
                    stuck.add(RawWebSocket.stalled(port, PATH));
                }
                Await.until(
                        () -> handler.subscribers("feed") == stalled, "stalled clients subscribed");
                int most = pushes * 20;
                PushReceiver normal = new PushReceiver(most, "2");
                WebSocket ws =
                        HttpClient.newHttpClient()
                                .newWebSocketBuilder()
                                .buildAsync(URI.create("ws://127.0.0.1:" + port + PATH), normal)
                                .get(5, TimeUnit.SECONDS);
                Await.until(() -> handler.subscribers("feed") == stalled + 1, "normal client");

                String pad = "x".repeat(PAYLOAD);
                long[] published = new long[most];
                int sent = 0;
                while (sent < pushes || (handler.slowClientCloses() < stalled && sent < most)) {
                    long now = System.nanoTime();
                    published[sent++] = now;
                    handler.publish("feed", "show", Map.of("text", now + ";" + pad));
                    Thread.sleep(2);
                }
                long last = published[sent - 1];
                Await.until(
                        () -> normal.lastShown() == last, "the normal client shows the last push");
                ws.abort();
                Await.until(() -> handler.openConnections() == 0 || stalled == 0, "closes");
                long heap = stalled == 0 ? 0 : FanOutBenchmark.usedHeapAfterGc() >> 20;
                return new Result(
                        normal.latencies(Arrays.copyOf(published, sent)),
                        handler.slowClientCloses(),
                        handler.droppedMessages(),
                        heap);
            } finally {
                for (Socket s : stuck) {
                    s.close();
                }
                undertow.stop();
            }
        }
    }
}
