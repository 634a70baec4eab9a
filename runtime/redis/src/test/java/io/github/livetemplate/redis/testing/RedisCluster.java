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
 * A Redis Cluster of real {@code redis-server} processes on loopback (masters only), created with
 * {@code redis-cli --cluster create … --cluster-yes}; {@link #close()} stops every node.
 */
public final class RedisCluster implements AutoCloseable {
    private final Path dir;
    private final List<RedisServer> nodes = new ArrayList<>();

    private RedisCluster(Path dir) {
        this.dir = dir;
    }

    /**
     * Starts {@code masters} nodes, assigns the 16384 slots and waits for {@code cluster_state:ok}.
     */
    public static RedisCluster start(int masters) throws IOException, InterruptedException {
        RedisCluster c = new RedisCluster(Files.createTempDirectory("redis-cluster-"));
        try {
            List<String> create = new ArrayList<>(List.of("--cluster", "create"));
            for (int i = 0; i < masters; i++) {
                int port = RedisServer.freeClusterPort();
                List<String> args = new ArrayList<>(RedisServer.plainArgs(port));
                args.addAll(
                        List.of(
                                "--cluster-enabled",
                                "yes",
                                "--cluster-config-file",
                                c.dir.resolve("nodes-" + port + ".conf").toString(),
                                "--cluster-node-timeout",
                                "2000",
                                "--dir",
                                c.dir.toString()));
                c.nodes.add(RedisServer.start(port, args));
                create.add("127.0.0.1:" + port);
            }
            create.addAll(List.of("--cluster-replicas", "0", "--cluster-yes"));
            RedisCli.run(0, create.toArray(String[]::new));
            for (RedisServer n : c.nodes) {
                RedisCli.await(
                        Duration.ofSeconds(20),
                        out ->
                                out.contains("cluster_state:ok")
                                        && out.contains("cluster_known_nodes:" + masters),
                        n.port(),
                        "CLUSTER",
                        "INFO");
            }
            return c;
        } catch (IOException | RuntimeException | InterruptedException | Error e) {
            c.close();
            throw e;
        }
    }

    /** The nodes' {@code host:port} addresses. */
    public String[] addresses() {
        return nodes.stream().map(n -> "127.0.0.1:" + n.port()).toArray(String[]::new);
    }

    public List<RedisServer> nodes() {
        return List.copyOf(nodes);
    }

    @Override
    public void close() {
        for (RedisServer n : nodes) {
            n.close();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // temp dir
        }
    }
}
