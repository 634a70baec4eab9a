package io.github.livetemplate.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** How a deployment is described: addresses, default ports, refusals, no password in logs. */
class RedisDeploymentTest {

    @Test
    void addressesGetTheirKindsDefaultPort() {
        assertEquals(
                "sentinel mymaster@[10.0.0.1:26379, 10.0.0.2:5000]",
                RedisDeployment.sentinel("mymaster", "10.0.0.1", "10.0.0.2:5000").toString());
        assertEquals(
                "cluster [a:6379, b:7001]", RedisDeployment.cluster("a", " b:7001 ").toString());
        assertEquals(
                "redis://cache:6380/2",
                RedisDeployment.standalone("redis://:s3cret@cache:6380/2").toString());
    }

    @Test
    void passwordsNeverShowInTheDescription() {
        RedisDeployment d =
                RedisDeployment.sentinel("m", "h:1")
                        .withCredentials("app", "s3cret")
                        .withSentinelCredentials(null, "other-secret");
        assertFalse(d.toString().contains("s3cret") || d.toString().contains("other-secret"));
        assertEquals(RedisDeployment.Kind.SENTINEL, d.kind());
    }

    @Test
    void badDescriptionsAreRefusedAtOnce() {
        assertThrows(IllegalArgumentException.class, () -> RedisDeployment.cluster());
        assertThrows(IllegalArgumentException.class, () -> RedisDeployment.cluster("h:port"));
        assertThrows(IllegalArgumentException.class, () -> RedisDeployment.cluster(":7000"));
        assertThrows(IllegalArgumentException.class, () -> RedisDeployment.sentinel(" ", "h:1"));
        assertThrows(
                IllegalStateException.class,
                () -> RedisDeployment.cluster("h:1").withSentinelCredentials(null, "x"));
        assertThrows(
                IllegalArgumentException.class, () -> RedisDeployment.standalone("http://h:1"));
    }

    @Test
    void aComponentStartsWhileNoSentinelIsReachable() {
        // Jedis' Sentinel client fails when built with no sentinel up; the broadcaster builds it
        // later, in the background, so it starts and reports itself disconnected.
        try (RedisBroadcaster b =
                new RedisBroadcaster(
                        RedisDeployment.sentinel("m", "127.0.0.1:1"),
                        RedisBroadcaster.Options.defaults()
                                .withSubscribeTimeout(java.time.Duration.ofMillis(200)))) {
            assertFalse(b.isConnected());
            assertThrows(
                    io.github.livetemplate.runtime.pubsub.BroadcastException.class,
                    () -> b.publishGroupAction("g", "x", null));
        }
    }
}
