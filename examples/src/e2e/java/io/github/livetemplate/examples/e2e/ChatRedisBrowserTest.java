package io.github.livetemplate.examples.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.livetemplate.examples.Main;
import io.github.livetemplate.examples.chat.ChatController;
import io.github.livetemplate.examples.chat.ChatRooms;
import io.github.livetemplate.examples.chat.ChatState;
import io.github.livetemplate.examples.todo.TodoRepository;
import io.github.livetemplate.redis.RedisBroadcaster;
import io.github.livetemplate.redis.testing.RedisServer;
import io.github.livetemplate.undertow.LiveHandler;
import io.undertow.Undertow;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The chat example on two instances in this JVM (two Undertow servers on two loopback ports, each
 * with its own controller, rooms and {@link RedisBroadcaster}) sharing a real {@code redis-server}
 * started by the test: a message sent in a browser on instance A appears in a browser on instance B
 * and back, presence is added up across instances, and a Redis outage (server killed, then
 * restarted on the same port) breaks nothing locally and delivery resumes.
 */
@ExtendWith(BrowserExtension.class)
@Timeout(60)
class ChatRedisBrowserTest {
    /** How soon after Redis is back delivery from A to B must work again. */
    static final Duration RESUME = Duration.ofSeconds(3);

    record Instance(
            Undertow server,
            LiveHandler<ChatState> chat,
            RedisBroadcaster broadcaster,
            String base) {

        static Instance start(String redisUrl) {
            RedisBroadcaster broadcaster = new RedisBroadcaster(redisUrl);
            ChatController controller = new ChatController(new ChatRooms());
            LiveHandler<ChatState> chat =
                    Main.chat(controller, Main.chatPage(controller, broadcaster));
            Undertow server =
                    Main.start(
                            "127.0.0.1",
                            0,
                            Main.routes(
                                    Main.todoPage(new TodoRepository()).build(),
                                    Main.counterPage().build(),
                                    chat));
            return new Instance(server, chat, broadcaster, "http://127.0.0.1:" + Main.port(server));
        }

        void stop() {
            try {
                server.stop();
            } finally {
                broadcaster.close();
            }
        }
    }

    static RedisServer redis;
    static Instance a;
    static Instance b;

    final E2E e2e;

    ChatRedisBrowserTest(E2E e2e) {
        this.e2e = e2e;
    }

    @BeforeAll
    static void start() throws Exception {
        redis = RedisServer.start();
        a = Instance.start(redis.url());
        b = Instance.start(redis.url());
    }

    @AfterAll
    static void stop() {
        try {
            if (a != null) {
                a.stop();
            }
            if (b != null) {
                b.stop();
            }
        } finally {
            if (redis != null) {
                redis.close();
            }
        }
    }

    @BeforeEach
    @AfterEach
    void reset() {
        e2e.reset();
        e2e.waitServer(
                "chat sockets closed",
                () -> a.chat().openConnections() == 0 && b.chat().openConnections() == 0);
    }

    @Test
    void messagesAndPresenceCrossInstancesAndSurviveARedisRestart() throws Exception {
        e2e.waitServer(
                "both instances connected to Redis",
                () -> a.broadcaster().isConnected() && b.broadcaster().isConnected());
        ChatPage onA = ChatPage.open(e2e, a.base() + "/chat?room=java", false);
        onA.waitOnline(1);
        ChatPage onB = ChatPage.open(e2e, b.base() + "/chat?room=java", true);
        onB.waitOnline(2); // B's hello was answered by A
        onA.waitOnline(2); // A heard B's hello

        onA.say("Hello from A");
        onB.waitMessage("Hello from A");
        onB.say("Hello from B");
        onA.waitMessage("Hello from B");
        assertTrue(onA.keyed() && onB.keyed(), "rows keyed by message id");
        assertEquals(onA.messages(), onB.messages());

        // Presence follows B out of the room and back (room links over the socket).
        onB.click("a[href='?room=random']");
        onB.waitText("#room", "random");
        onB.waitOnline(1);
        onA.waitOnline(1);
        onB.click("a[href='?room=java']");
        onB.waitText("#room", "java");
        onB.waitOnline(2);
        onA.waitOnline(2);

        // Redis dies: both pages keep working locally, nothing crashes.
        redis.kill();
        e2e.waitServer(
                "both instances to notice the outage",
                () -> !a.broadcaster().isConnected() && !b.broadcaster().isConnected());
        onA.say("A during the outage");
        onB.say("B during the outage");
        assertTrue(onA.ready() && onB.ready(), "both clients still live");
        assertEquals(1, a.chat().openConnections());
        assertEquals(1, b.chat().openConnections());
        onA.send("");
        onA.waitText("#text-error", "Please type a message.");

        // Redis is back on the same port: delivery from A to B resumes within RESUME.
        redis.restart();
        long back = System.nanoTime();
        long deadline = back + RESUME.toNanos();
        boolean delivered = false;
        for (int probe = 1; !delivered && System.nanoTime() < deadline; probe++) {
            String text = "probe " + probe + " from A";
            onA.say(text);
            delivered = onB.showsWithin(text, Duration.ofMillis(400));
        }
        Duration took = Duration.ofNanos(System.nanoTime() - back);
        assertTrue(
                delivered, "no delivery from A to B within " + RESUME + " after Redis came back");
        System.out.println(
                "chat: delivery A -> B resumed "
                        + took.toMillis()
                        + " ms after Redis"
                        + " was back");

        // And from B to A, once A's subscriber connection is back as well.
        e2e.waitServer(
                "both instances reconnected to Redis",
                () -> a.broadcaster().isConnected() && b.broadcaster().isConnected());
        onB.say("Hello again from B");
        onA.waitMessage("Hello again from B");
    }
}
