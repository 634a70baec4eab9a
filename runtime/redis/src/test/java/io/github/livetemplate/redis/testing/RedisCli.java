package io.github.livetemplate.redis.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** Runs {@code redis-cli} (next to {@code redis-server}) with bounded waits, for test set-ups. */
public final class RedisCli {
    private RedisCli() {}

    static Path executable() {
        Path cli = RedisServer.findExecutable().resolveSibling("redis-cli");
        if (!Files.isExecutable(cli)) {
            throw new IllegalStateException("redis-cli not found next to redis-server: " + cli);
        }
        return cli;
    }

    /** {@code redis-cli -h 127.0.0.1 -p port args…}; its output, or an error when it fails. */
    public static String run(int port, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(executable().toString(), "-h", "127.0.0.1"));
        if (port > 0) {
            cmd.add("-p");
            cmd.add(Integer.toString(port));
        }
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getOutputStream().close();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("redis-cli timed out: " + cmd);
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            throw new IllegalStateException("redis-cli " + cmd + " failed: " + out);
        }
        return out;
    }

    /** Polls {@link #run} until {@code done} accepts its output; fails after {@code timeout}. */
    public static String await(Duration timeout, Predicate<String> done, int port, String... args)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            try {
                last = run(port, args);
                if (done.test(last)) {
                    return last;
                }
            } catch (IllegalStateException e) {
                last = e.getMessage();
            }
            Thread.sleep(100);
        }
        throw new AssertionError(
                "redis-cli -p "
                        + port
                        + " "
                        + String.join(" ", args)
                        + " after "
                        + timeout
                        + ": "
                        + last);
    }
}
