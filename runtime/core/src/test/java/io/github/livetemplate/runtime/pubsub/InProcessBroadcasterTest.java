package io.github.livetemplate.runtime.pubsub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.livetemplate.runtime.testing.Inbox;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 20, unit = TimeUnit.SECONDS)
class InProcessBroadcasterTest {
    private static final Duration QUIET = Duration.ofMillis(150);

    @Test
    void standaloneIsANoOpTransport() throws Exception {
        try (InProcessBroadcaster b = new InProcessBroadcaster()) {
            Inbox<ActionMessage> in = new Inbox<>();
            Subscription s = b.subscribeGroupActions("g", in);
            assertTrue(s.isConfirmed());
            assertTrue(b.isConnected());
            b.publishGroupAction("g", "x", Map.of("a", 1));
            b.publishTopicAction("t/1", "x", null);
            in.assertEmpty(QUIET);
            assertEquals(2, b.stats().published());
            assertEquals(0, b.stats().received());
            s.close();
        }
    }

    @Test
    void hubMembersExchangeLikeRedis() throws Exception {
        InProcessBroadcaster.Hub hub = new InProcessBroadcaster.Hub();
        try (InProcessBroadcaster a = new InProcessBroadcaster(hub, "a");
                InProcessBroadcaster b = new InProcessBroadcaster(hub, "b")) {
            Inbox<ActionMessage> bGroup = new Inbox<>();
            Inbox<ActionMessage> aGroup = new Inbox<>();
            Inbox<ActionMessage> bUser = new Inbox<>();
            Inbox<ActionMessage> exact = new Inbox<>();
            Inbox<ActionMessage> wild = new Inbox<>();
            Inbox<BroadcastMessage> global = new Inbox<>();
            b.subscribeGroupActions("g", bGroup);
            a.subscribeGroupActions("g", aGroup);
            b.subscribeServerActions("u", bUser);
            b.subscribeTopic("chat/room1", exact);
            b.subscribeTopic("chat/*", wild);
            b.subscribeBroadcasts(BroadcastMessage.Scope.GLOBAL, null, global);

            a.publishGroupAction("g", "inc", Map.of("by", 1));
            a.publishServerAction("u", "tick", null);
            a.publishTopicAction("chat/room1", "say", Map.of("t", "hi"));
            a.publishTopicAction("chat/room1/deep", "say", null);
            a.publishBroadcast(
                    BroadcastMessage.Scope.GLOBAL, null, "p".getBytes(StandardCharsets.UTF_8));

            ActionMessage g = bGroup.next();
            assertEquals("inc", g.action());
            assertEquals("a", g.instanceId());
            assertEquals(Map.of("by", 1), g.data());
            assertEquals("tick", bUser.next().action());
            assertEquals("chat/room1", exact.next().topic());
            assertEquals("chat/room1", wild.next().topic());
            assertEquals("p", new String(global.next().payload(), StandardCharsets.UTF_8));
            aGroup.assertEmpty(QUIET);
            exact.assertEmpty(Duration.ZERO);
            wild.assertEmpty(Duration.ZERO);
            assertEquals(1, b.stats().duplicatesDropped());
            assertEquals(1, a.stats().ignoredOwn());
        }
    }

    @Test
    void closedBroadcasterRejectsUse() {
        InProcessBroadcaster b = new InProcessBroadcaster();
        b.close();
        b.close();
        assertThrows(IllegalStateException.class, () -> b.publishGroupAction("g", "x", null));
        assertThrows(IllegalStateException.class, () -> b.subscribeTopic("t", m -> {}));
    }

    @Test
    void listenerFailuresAreCountedAndDeliveryContinues() throws Exception {
        InProcessBroadcaster.Hub hub = new InProcessBroadcaster.Hub();
        try (InProcessBroadcaster a = new InProcessBroadcaster(hub, "a");
                InProcessBroadcaster b = new InProcessBroadcaster(hub, "b")) {
            Inbox<ActionMessage> ok = new Inbox<>();
            b.subscribeGroupActions(
                    "g",
                    m -> {
                        throw new IllegalStateException("boom");
                    });
            b.subscribeGroupActions("g", ok);
            a.publishGroupAction("g", "x", null);
            assertEquals("x", ok.next().action());
            assertEquals(1, b.stats().listenerFailures());
        }
    }
}
