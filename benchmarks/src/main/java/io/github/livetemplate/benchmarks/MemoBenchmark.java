package io.github.livetemplate.benchmarks;

import io.github.livetemplate.runtime.Context;
import io.github.livetemplate.runtime.generated.Actions;
import io.github.livetemplate.undertow.LiveHandler;
import io.undertow.Handlers;
import io.undertow.Undertow;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * What the fan-out memo is for: a publish whose diff is a one-row change in a 1,000-row list, to N
 * WebSocket sessions that share the state, with and without the memo. A plain {@code main}, never
 * run by the build.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.github.livetemplate.benchmarks.MemoBenchmark 10000
 *      [--rows=1000] [--reps=20] [--warmup=5]
 * </pre>
 *
 * <p>Every connection mounts the room's shared {@link ListPage} snapshot and subscribes to one
 * topic. Each round replaces one row's label in a new snapshot (outside the timing), then:
 *
 * <ul>
 *   <li><b>memo</b>: {@code "shared"} returns that snapshot to every connection — all have the same
 *       (previous, next) pair of objects, so the hub's memo computes one diff and sends its bytes
 *       to all;
 *   <li><b>no memo</b>: {@code "copy"} returns a copy of the snapshot per connection (a new record
 *       around the same row list): the same diff work, but the pairs differ, so each connection
 *       computes its own — what every publish would cost without the memo. An unmeasured {@code
 *       "sync"} round then makes the states shared again.
 * </ul>
 *
 * <p>Measured per round, both series interleaved: end-to-end latency (start of {@code publish} to
 * the last client's frame, as {@link FanOutBenchmark}), the server process's CPU time over the
 * round (the sum of every thread's CPU clock in this JVM; the clients are a child JVM) and the
 * {@code publish()} call itself.
 */
public final class MemoBenchmark {
    static final String TOPIC = "list";

    private MemoBenchmark() {}

    /** The room's actions; {@link #current} is the shared snapshot. */
    static final class Room implements Actions<ListPage> {
        volatile ListPage current;

        Room(int rows) {
            current = Fixtures.listPage(rows);
        }

        @Override
        public Set<String> names() {
            return Set.of("shared", "copy", "sync");
        }

        @Override
        public ListPage mount(ListPage state, Context ctx) {
            ctx.subscribe(TOPIC);
            return current;
        }

        @Override
        public ListPage run(String name, ListPage s, Context ctx) throws Exception {
            ListPage c = current;
            return switch (name) {
                case "shared", "sync" -> c;
                case "copy" -> new ListPage(c.title(), c.version(), c.rows());
                default -> throw new UnknownActionException(name);
            };
        }

        /** A new snapshot with the label of row {@code i} changed (round {@code round}). */
        void edit(int i, int round) {
            ListPage c = current;
            List<ListPage.Row> rows = new ArrayList<>(c.rows());
            ListPage.Row r = rows.get(i);
            rows.set(
                    i,
                    new ListPage.Row(r.id(), "Row number " + i + ", edit " + round, r.selected()));
            current = new ListPage(c.title(), c.version(), List.copyOf(rows));
        }
    }

    public static void main(String[] args) throws Exception {
        int n = 10_000;
        int rows = 1000;
        int reps = 20;
        int warmup = 5;
        for (String a : args) {
            if (a.startsWith("--rows=")) {
                rows = Integer.parseInt(a.substring(7));
            } else if (a.startsWith("--reps=")) {
                reps = Integer.parseInt(a.substring(7));
            } else if (a.startsWith("--warmup=")) {
                warmup = Integer.parseInt(a.substring(9));
            } else {
                n = Integer.parseInt(a.replace("_", "").replace(",", ""));
            }
        }
        FanOutBenchmark.startWatchdog("MemoBenchmark", 30);
        FanOutBenchmark.printMachine();
        System.out.printf(
                Locale.ROOT,
                "N = %,d sessions, %,d rows, %d warm-up + %d measured rounds per series%n",
                n,
                rows,
                warmup,
                reps);

        Room room = new Room(rows);
        LiveHandler<ListPage> handler =
                LiveHandler.builder(new ListPageRenderer(), room, room.current)
                        .openTopics()
                        .build();
        Undertow undertow =
                Undertow.builder()
                        .addHttpListener(0, "127.0.0.1")
                        .setSocketOption(org.xnio.Options.BACKLOG, 4096)
                        .setHandler(Handlers.path().addPrefixPath("/list", handler))
                        .build();
        undertow.start();
        int port = ((InetSocketAddress) undertow.getListenerInfo().get(0).getAddress()).getPort();
        String url = "ws://127.0.0.1:" + port + "/list";
        try (ClientProcess clients = new ClientProcess("3g")) {
            long t = System.nanoTime();
            clients.open("live", n, url, clients.cookie(url));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (handler.subscribers(TOPIC) < n && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            System.out.printf(
                    Locale.ROOT,
                    "opened %,d sessions in %,d ms; %d subscribers%n",
                    n,
                    (System.nanoTime() - t) / 1_000_000,
                    handler.subscribers(TOPIC));

            FanOutBenchmark.Series memo = new FanOutBenchmark.Series("memo (\"shared\")");
            FanOutBenchmark.Series none = new FanOutBenchmark.Series("no memo (\"copy\")");
            List<Double> memoCpu = new ArrayList<>();
            List<Double> noneCpu = new ArrayList<>();
            int edit = 0;
            for (int i = 0; i < warmup + reps; i++) {
                boolean record = i >= warmup;
                room.edit((edit * 37) % rows, ++edit);
                double[] m = round(clients, handler, n, "shared");
                room.edit((edit * 37) % rows, ++edit);
                double[] c = round(clients, handler, n, "copy");
                round(clients, handler, n, "sync"); // unmeasured: shared states again
                if (record) {
                    memo.add(m);
                    none.add(c);
                    memoCpu.add(m[2]);
                    noneCpu.add(c[2]);
                }
            }
            System.out.printf(
                    Locale.ROOT,
                    "%nresults, N = %,d, milliseconds (latency: publish start to the last client's"
                            + " frame):%n",
                    n);
            memo.print();
            none.print();
            double mc = FanOutBenchmark.Series.pct(memoCpu, 0.5);
            double nc = FanOutBenchmark.Series.pct(noneCpu, 0.5);
            System.out.printf(
                    Locale.ROOT,
                    "server CPU time per publish (median, all threads): memo %.1f ms, no memo %.1f"
                            + " ms (%.2fx)%n",
                    mc,
                    nc,
                    nc / mc);
            System.out.printf(
                    Locale.ROOT,
                    "latency ratio no memo / memo (median): %.2f; dropped messages %d%n",
                    none.median() / memo.median(),
                    handler.droppedMessages());
        } finally {
            handler.closeConnections();
            undertow.stop();
        }
        System.exit(0);
    }

    /** One publish; returns {latency ms, publish-call ms, server CPU ms}. */
    static double[] round(
            ClientProcess clients, LiveHandler<ListPage> handler, int n, String action)
            throws Exception {
        long[] at = new long[3];
        long last =
                clients.round(
                        "live",
                        n,
                        () -> {
                            at[2] = cpu();
                            at[0] = System.nanoTime();
                            int queued = handler.publish(TOPIC, action, Map.of());
                            at[1] = System.nanoTime();
                            if (queued != n) {
                                throw new IllegalStateException("publish reached " + queued);
                            }
                        });
        long cpu = cpu() - at[2];
        Thread.sleep(50);
        return new double[] {(last - at[0]) / 1e6, (at[1] - at[0]) / 1e6, cpu / 1e6};
    }

    /**
     * CPU time of all live threads of this JVM, in ns (per-thread clocks: finer than the process
     * clock's 10 ms ticks; the worker and I/O threads live through the run).
     */
    static long cpu() {
        java.lang.management.ThreadMXBean t = ManagementFactory.getThreadMXBean();
        long sum = 0;
        for (long id : t.getAllThreadIds()) {
            long c = t.getThreadCpuTime(id);
            if (c > 0) {
                sum += c;
            }
        }
        return sum;
    }
}
