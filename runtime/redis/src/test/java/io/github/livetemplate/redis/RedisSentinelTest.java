package io.github.livetemplate.redis;

import static io.github.livetemplate.redis.RedisBroadcasterTest.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.livetemplate.redis.testing.Closer;
import io.github.livetemplate.redis.testing.RedisSentinels;
import io.github.livetemplate.runtime.pubsub.BroadcastException;
import io.github.livetemplate.runtime.testing.LogCapture;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The broadcaster and the session store on a master watched by Sentinel, through a failover in the
 * middle of traffic (a planned {@code SENTINEL FAILOVER}, and a master killed with SIGKILL that
 * Sentinel has to notice): delivery resumes on the new master, the reconnect is logged and counted,
 * nothing throws out of a thread.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class RedisSentinelTest {
    @RegisterExtension final Closer closer = new Closer();

    /** How the master goes away. */
    enum Failover {
        /** {@code SENTINEL FAILOVER}: the master is demoted in order. */
        FORCED,
        /**
         * The master process is killed; Sentinel sees it down after 1 s and promotes the replica.
         */
        MASTER_KILLED
    }

    @ParameterizedTest
    @EnumSource(Failover.class)
    void deliveryResumesAfterAFailoverDuringTraffic(Failover kind) throws Exception {
        RedisSentinels set = closer.track(RedisSentinels.start(1));
        LogCapture log = closer.track(new LogCapture());
        List<Throwable> uncaught = new CopyOnWriteArrayList<>();
        Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((t, e) -> uncaught.add(e));
        closer.track(() -> Thread.setDefaultUncaughtExceptionHandler(previous));

        RedisDeployment redis =
                RedisDeployment.sentinel(RedisSentinels.MASTER, set.sentinelAddresses());
        RedisBroadcaster.Options fast =
                RedisBroadcaster.Options.defaults()
                        .withPublishTimeout(Duration.ofMillis(500))
                        .withHealthCheckInterval(Duration.ofMillis(300))
                        .withReconnectDelays(Duration.ofMillis(50), Duration.ofMillis(300));
        RedisBroadcaster a = closer.track(new RedisBroadcaster(redis, fast.withInstanceId("sn-a")));
        RedisBroadcaster b = closer.track(new RedisBroadcaster(redis, fast.withInstanceId("sn-b")));
        RedisSessionStore store =
                closer.track(
                        new RedisSessionStore(
                                redis, Duration.ofSeconds(100), Duration.ofSeconds(1)));
        await("both connected", Duration.ofSeconds(10), () -> a.isConnected() && b.isConnected());
        Set<Integer> received = ConcurrentHashMap.newKeySet();
        assertTrue(
                closer.track(
                                b.subscribeGroupActions(
                                        "g1",
                                        m -> received.add(((Number) m.data().get("n")).intValue())))
                        .awaitConfirmed(Duration.ofSeconds(5)));
        store.save("g1|/p", "{\"n\":1}".getBytes(StandardCharsets.UTF_8));

        // given traffic: a publishes a numbered action every 20 ms
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        AtomicBoolean running = new AtomicBoolean(true);
        Thread traffic =
                new Thread(
                        () -> {
                            while (running.get()) {
                                int n = next.incrementAndGet();
                                try {
                                    a.publishGroupAction("g1", "tick", Map.of("n", n));
                                } catch (BroadcastException e) {
                                    failures.incrementAndGet();
                                }
                                try {
                                    Thread.sleep(20);
                                } catch (InterruptedException e) {
                                    return;
                                }
                            }
                        },
                        "sentinel-traffic");
        traffic.start();
        closer.track(
                () -> {
                    running.set(false);
                    traffic.join(5000);
                });
        await("traffic flows", Duration.ofSeconds(5), () -> received.size() > 10);
        int oldMaster = set.masterPort();

        // when Sentinel fails the master over
        int newMaster =
                kind == Failover.FORCED
                        ? set.failover(Duration.ofSeconds(30))
                        : set.killMaster(Duration.ofSeconds(30));
        assertNotEquals(oldMaster, newMaster);
        int publishedAfterFailover = next.get();

        // then actions published from now on arrive again, through the new master
        await(
                "delivery after the failover",
                Duration.ofSeconds(20),
                () -> received.stream().anyMatch(n -> n > publishedAfterFailover + 5));
        running.set(false);
        traffic.join(5000);
        assertTrue(b.stats().reconnects() >= 1, "the reconnect is counted: " + b.stats());
        assertTrue(
                log.at(Level.INFO, "restored").size() >= 1,
                "the reconnect is logged: " + log.records);
        // (a's subscriber, idle, may still be in its reconnect backoff)
        await("both connected", Duration.ofSeconds(10), () -> b.isConnected() && a.isConnected());
        // the store reads the state written before the failover from the new master
        assertArrayEquals("{\"n\":1}".getBytes(StandardCharsets.UTF_8), store.load("g1|/p"));
        store.healthCheck().check();
        a.healthCheck().check();
        assertEquals(List.of(), uncaught, "uncaught exceptions");
        int lost = next.get() - received.size();
        System.out.printf(
                "sentinel failover (%s) %d -> %d: published %d, received %d, publish failures %d,"
                        + " a=%s b=%s%n",
                kind,
                oldMaster,
                newMaster,
                next.get(),
                received.size(),
                failures.get(),
                a.stats(),
                b.stats());
        assertTrue(lost >= 0);
    }
}
