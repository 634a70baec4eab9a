package io.github.livetemplate.runtime.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Server push over in-memory sockets and an {@link
 * io.github.livetemplate.runtime.pubsub.InProcessBroadcaster}.
 */
class PushHubTest {
    private final EngineFixture page = new EngineFixture();

    /** Whether the client received exactly one pushed {@code increment} (no meta.action). */
    private static boolean gotOnePush(EngineFixture.Client c) {
        List<String> frames = c.frames();
        if (frames.isEmpty()) {
            return false;
        }
        assertEquals(1, frames.size(), frames.toString());
        JsonNode update = EngineFixture.parse(frames.get(0));
        assertFalse(update.get("meta").has("action"), "pushed updates echo no action");
        return true;
    }

    private static EngineFixture.Client quiet(EngineFixture.Client c) {
        c.frames();
        return c;
    }

    @Test
    void aTriggerReachesTheGroupsLiveConnectionsUntilTheyClose() {
        // given two tabs of group g and one of group h
        EngineFixture.Client a = quiet(page.connect("g"));
        EngineFixture.Client b = quiet(page.connect("g"));
        EngineFixture.Client other = quiet(page.connect("h"));

        int queued = page.hub.session("g").trigger("increment", Map.of());

        // then both tabs of g ran it, h did not
        assertEquals(2, queued);
        assertEquals("{\"0\":\"1\"}", a.reply().get("tree").toString());
        assertTrue(gotOnePush(b));
        assertFalse(gotOnePush(other));
        // and a closed tab leaves the group
        a.close();
        assertEquals(1, page.hub.session("g").trigger("increment", Map.of()));
        assertTrue(gotOnePush(b));
    }

    @Test
    void aUserTriggerReachesEveryConnectionOfThatUser() {
        EngineFixture.Client ann1 =
                quiet(
                        page.connect(
                                new Upgrade(
                                        new Visitor("g1", "ann"),
                                        true,
                                        EngineFixture.PATH,
                                        Map.of())));
        EngineFixture.Client ann2 =
                quiet(
                        page.connect(
                                new Upgrade(
                                        new Visitor("g2", "ann"),
                                        true,
                                        EngineFixture.PATH,
                                        Map.of())));
        EngineFixture.Client bob =
                quiet(
                        page.connect(
                                new Upgrade(
                                        new Visitor("g3", "bob"),
                                        true,
                                        EngineFixture.PATH,
                                        Map.of())));

        assertEquals(2, page.hub.user("ann").trigger("increment", Map.of()));

        assertTrue(gotOnePush(ann1));
        assertTrue(gotOnePush(ann2));
        assertFalse(gotOnePush(bob));
    }

    static Stream<Arguments> topics() {
        return Stream.of(
                // published topic, which of (room/*, room/a, */b) receive it
                Arguments.of("room/a", List.of("room/*", "room/a")),
                Arguments.of("room/b", List.of("room/*", "*/b")),
                Arguments.of("hall/b", List.of("*/b")),
                Arguments.of("room/a/b", List.of()),
                Arguments.of("room", List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("topics")
    void aPublishReachesExactAndWildcardSubscriptionsOfOneSegment(
            String topic, List<String> receivers) {
        // given one connection per subscription
        Map<String, EngineFixture.Client> bySubscription = new LinkedHashMap<>();
        for (String subscription : List.of("room/*", "room/a", "*/b")) {
            EngineFixture.Client c = quiet(page.connect("g-" + subscription));
            page.hub.subscribe(c.connection, subscription);
            bySubscription.put(subscription, c);
        }

        int queued = page.hub.publish(topic, "increment", Map.of(), null, false);

        // then exactly the matching ones ran it
        assertEquals(receivers.size(), queued);
        List<String> got = new ArrayList<>();
        bySubscription.forEach(
                (subscription, c) -> {
                    if (gotOnePush(c)) {
                        got.add(subscription);
                    }
                });
        assertEquals(receivers, got);
    }

    @Test
    void aPublishFromAnActionSkipsItsSenderAndEndsWithTheSubscription() {
        // given two connections that joined "news" through an action
        EngineFixture.Client sender = page.connect("g1");
        EngineFixture.Client reader = page.connect("g2");
        sender.act("join", Map.of("topic", "news"));
        reader.act("join", Map.of("topic", "news"));
        quiet(sender);
        quiet(reader);
        assertEquals(2, page.hub.subscribers("news"));

        sender.act("announce", Map.of("topic", "news"));

        // then the reader ran the published action, the sender only got its own answer
        assertTrue(gotOnePush(reader));
        assertEquals("announce", sender.reply().get("meta").get("action").asText());
        // and leaving or closing ends the subscriptions
        reader.act("leave", Map.of("topic", "news"));
        assertEquals(1, page.hub.subscribers("news"));
        sender.close();
        assertEquals(0, page.hub.subscribers("news"));
    }

    @Test
    void aPushedActionMayNotPublishAgain() {
        // given a reader of "news" and a connection that will be triggered to publish
        EngineFixture.Client reader = page.connect("g1");
        reader.act("join", Map.of("topic", "news"));
        quiet(reader);
        EngineFixture.Client triggered = quiet(page.connect("g2"));

        page.hub.session("g2").trigger("announce", Map.of("topic", "news"));

        // then the pushed action ran but its publish was dropped and counted
        assertEquals("{\"1\":\"announced\"}", triggered.reply().get("tree").toString());
        assertFalse(gotOnePush(reader));
        assertEquals(1, page.hub.droppedPublishes());
    }

    static Stream<Arguments> accessRules() {
        return Stream.of(
                // rule (null: deny-all), topic, allowed
                Arguments.of("deny-all", "public/x", false),
                Arguments.of("public only", "public/x", true),
                Arguments.of("public only", "secret/x", false));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("accessRules")
    void theAccessRuleDecidesWhichTopicsMayBeJoined(String rule, String topic, boolean allowed) {
        EngineFixture guarded =
                new EngineFixture(
                        rule.equals("deny-all")
                                ? null
                                : (t, ctx) -> t.startsWith("public/") && ctx.groupId().equals("g"));
        EngineFixture.Client c = quiet(guarded.connect("g"));

        c.act("join", Map.of("topic", topic));

        JsonNode meta = c.reply().get("meta");
        assertEquals(allowed, meta.get("success").asBoolean(), meta.toString());
        assertEquals(allowed ? 1 : 0, guarded.hub.subscribers(topic));
        if (!allowed) {
            assertEquals(
                    "action \"join\" failed: topic \"" + topic + "\" is forbidden",
                    meta.get("errors").get("_error").asText());
        }
    }

    @Test
    void pushesThatDoNotFitTheQueueAreDroppedAndCounted() {
        // given a connection whose queue holds one task and never drains
        List<Runnable> stalled = new ArrayList<>();
        page.connectStalled("g", stalled, 1);

        int first = page.hub.session("g").trigger("increment", Map.of());
        int second = page.hub.session("g").trigger("increment", Map.of());

        assertEquals(1, first);
        assertEquals(0, second);
        assertEquals(1, page.hub.droppedPushes());
    }

    @Test
    void aLargeFanOutGoesThroughTheLanesInOrderAndLosesNothing() throws Exception {
        // given more subscribers of "room" than the caller queues itself, on a real worker pool
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            int n = PushHub.DIRECT_MAX * 3;
            List<EngineFixture.Client> clients = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                EngineFixture.Client c = page.connect("g" + i, pool, 256);
                c.act("join", Map.of("topic", "room"));
                clients.add(c);
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (page.hub.subscribers("room") < n && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertEquals(n, page.hub.subscribers("room"));
            for (EngineFixture.Client c : clients) {
                c.frames(); // the first tree and the join's reply
            }

            // when publishes to the room alternate with triggers to one of its groups (few
            // targets: queued by the caller unless a lane batch for it is still pending)
            int rounds = 30;
            for (int k = 1; k <= rounds; k++) {
                assertEquals(
                        n, page.hub.publish("room", "note", Map.of("text", "p" + k), null, false));
                page.hub.session("g0").trigger("note", Map.of("text", "t" + k));
            }

            // then every connection got every update, in the order they were sent
            List<String> published = new ArrayList<>();
            List<String> interleaved = new ArrayList<>();
            for (int k = 1; k <= rounds; k++) {
                published.add("p" + k);
                interleaved.add("p" + k);
                interleaved.add("t" + k);
            }
            for (int i = 0; i < n; i++) {
                List<String> want = i == 0 ? interleaved : published;
                assertEquals(want, notes(clients.get(i), want.size()), "connection g" + i);
            }
            assertEquals(0, page.hub.droppedPushes());
        } finally {
            pool.shutdownNow();
        }
    }

    /** The notes of the next {@code count} pushed updates of {@code c} (bounded wait). */
    private static List<String> notes(EngineFixture.Client c, int count)
            throws InterruptedException {
        List<String> notes = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (notes.size() < count && System.nanoTime() < deadline) {
            List<String> frames = c.frames();
            if (frames.isEmpty()) {
                Thread.sleep(5);
            }
            for (String f : frames) {
                notes.add(EngineFixture.parse(f).get("tree").get("1").asText());
            }
        }
        return notes;
    }
}
