package io.github.livetemplate.redis.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A Sentinel set-up of real processes on loopback: one master, one replica and {@code n} sentinels
 * ({@code redis-server --sentinel}) watching master {@link #MASTER}, with small timeouts ({@code
 * down-after-milliseconds} 1 s, {@code failover-timeout} 5 s) so a failover takes seconds. {@link
 * #close()} stops every process.
 */
public final class RedisSentinels implements AutoCloseable {
    public static final String MASTER = "mymaster";

    private final Path dir;
    private final List<RedisServer> data = new ArrayList<>();
    private final List<RedisServer> sentinels = new ArrayList<>();

    private RedisSentinels(Path dir) {
        this.dir = dir;
    }

    public static RedisSentinels start(int n) throws IOException, InterruptedException {
        RedisSentinels s = new RedisSentinels(Files.createTempDirectory("redis-sentinel-"));
        try {
            RedisServer master = RedisServer.start();
            s.data.add(master);
            int rp = RedisServer.freePort();
            List<String> replicaArgs = new ArrayList<>(RedisServer.plainArgs(rp));
            replicaArgs.addAll(
                    List.of("--replicaof", "127.0.0.1", Integer.toString(master.port())));
            s.data.add(RedisServer.start(rp, replicaArgs));
            RedisCli.await(
                    Duration.ofSeconds(20),
                    out -> out.contains("master_link_status:up"),
                    rp,
                    "INFO",
                    "replication");
            for (int i = 0; i < n; i++) {
                int port = RedisServer.freePort();
                Path conf = s.dir.resolve("sentinel-" + port + ".conf");
                Files.writeString(
                        conf,
                        String.join(
                                "\n",
                                "port " + port,
                                "bind 127.0.0.1",
                                "dir " + s.dir,
                                "sentinel monitor " + MASTER + " 127.0.0.1 " + master.port() + " 1",
                                "sentinel down-after-milliseconds " + MASTER + " 1000",
                                "sentinel failover-timeout " + MASTER + " 5000",
                                "sentinel parallel-syncs " + MASTER + " 1",
                                ""));
                RedisServer sentinel =
                        RedisServer.start(port, List.of(conf.toString(), "--sentinel"));
                s.sentinels.add(sentinel);
                // a failover needs a replica the sentinel knows
                RedisCli.await(
                        Duration.ofSeconds(20),
                        out -> out.contains("127.0.0.1") && out.contains(Integer.toString(rp)),
                        port,
                        "SENTINEL",
                        "REPLICAS",
                        MASTER);
            }
            return s;
        } catch (IOException | RuntimeException | InterruptedException | Error e) {
            s.close();
            throw e;
        }
    }

    /** The sentinels' {@code host:port} addresses. */
    public String[] sentinelAddresses() {
        return sentinels.stream().map(x -> "127.0.0.1:" + x.port()).toArray(String[]::new);
    }

    /** The port of the master as the first sentinel sees it. */
    public int masterPort() throws IOException, InterruptedException {
        String out =
                RedisCli.run(
                        sentinels.get(0).port(), "SENTINEL", "GET-MASTER-ADDR-BY-NAME", MASTER);
        String[] lines = out.trim().split("\\s+");
        return Integer.parseInt(lines[lines.length - 1]);
    }

    /**
     * Forces a failover ({@code SENTINEL FAILOVER}) and waits until the former replica is the
     * master and the sentinel says so; returns the new master's port.
     */
    public int failover(Duration timeout) throws IOException, InterruptedException {
        int before = masterPort();
        String ok = RedisCli.run(sentinels.get(0).port(), "SENTINEL", "FAILOVER", MASTER);
        if (!ok.contains("OK")) {
            throw new IllegalStateException("SENTINEL FAILOVER: " + ok);
        }
        return awaitNewMaster(before, timeout);
    }

    /**
     * Kills the master (SIGKILL, as in a crash) and waits until Sentinel has noticed (after {@code
     * down-after-milliseconds}), promoted the replica and says so; returns the new master's port.
     */
    public int killMaster(Duration timeout) throws IOException, InterruptedException {
        int before = masterPort();
        data.stream().filter(x -> x.port() == before).findFirst().orElseThrow().kill();
        return awaitNewMaster(before, timeout);
    }

    private int awaitNewMaster(int before, Duration timeout)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            int now = masterPort();
            if (now != before && RedisCli.run(now, "ROLE").startsWith("master")) {
                return now;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no failover within " + timeout);
    }

    @Override
    public void close() {
        for (RedisServer x : sentinels) {
            x.close();
        }
        for (RedisServer x : data) {
            x.close();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // temp dir
        }
    }
}
