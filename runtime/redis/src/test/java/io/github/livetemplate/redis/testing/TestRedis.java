package io.github.livetemplate.redis.testing;

import java.io.IOException;

/** Public access to {@link RedisServer} for runtime tests outside this package. */
public final class TestRedis implements AutoCloseable {
    private final RedisServer server;

    private TestRedis(RedisServer server) {
        this.server = server;
    }

    /** Starts a redis-server on a free loopback port. */
    public static TestRedis start() throws IOException, InterruptedException {
        return new TestRedis(RedisServer.start());
    }

    /** A free port with no server on it (a Redis that is down). */
    public static TestRedis down() throws IOException {
        return new TestRedis(RedisServer.notStarted());
    }

    public String url() {
        return server.url();
    }

    public int port() {
        return server.port();
    }

    @Override
    public void close() {
        server.close();
    }
}
