package io.github.livetemplate.runtime.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.livetemplate.runtime.TopicAccess;
import io.github.livetemplate.runtime.pubsub.InProcessBroadcaster;
import io.github.livetemplate.runtime.session.MemorySessionStore;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * One page's engine over in-memory sockets, with every queue running its tasks at once on the
 * calling thread, so that tests are synchronous.
 */
final class EngineFixture {
    static final Executor INLINE = Runnable::run;
    static final String PATH = "/counter";
    private static final ObjectMapper JSON = new ObjectMapper();

    final CounterPage.Controller controller;
    final CounterPage.Renderer renderer = new CounterPage.Renderer();
    final MemorySessionStore store = new MemorySessionStore();
    final PushHub<CounterPage.Counter> hub;
    final PageEngine<CounterPage.Counter> engine;
    final HttpStates<CounterPage.Counter> httpStates;

    /** Topics open to everyone. */
    EngineFixture() {
        this((topic, ctx) -> true);
    }

    /**
     * @param access the topic rule, or null for deny-all
     */
    EngineFixture(TopicAccess access) {
        this(access, CounterPage.Counter.initial());
    }

    EngineFixture(TopicAccess access, CounterPage.Counter initial) {
        this(access, initial, new CounterPage.Controller());
    }

    /** A page whose count is a persisted component. */
    static EngineFixture persisting() {
        CounterPage.Controller c = new CounterPage.Controller();
        c.persistCount = true;
        return new EngineFixture((t, ctx) -> true, CounterPage.Counter.initial(), c);
    }

    private EngineFixture(
            TopicAccess access, CounterPage.Counter initial, CounterPage.Controller controller) {
        this.controller = controller;
        hub = new PushHub<>(new InProcessBroadcaster(), access);
        engine = new PageEngine<>(renderer, controller, initial, null, store, hub);
        httpStates = new HttpStates<>(engine, 60_000, 100, 16);
    }

    /** A WebSocket client of the page. */
    final class Client {
        final MemorySocket socket;
        final LiveConnection<CounterPage.Counter> connection;

        Client(Upgrade upgrade, Executor queueExecutor, int queueCapacity) {
            this(upgrade, queueExecutor, queueCapacity, INLINE);
        }

        Client(Upgrade upgrade, Executor queueExecutor, int queueCapacity, Executor pool) {
            socket = new MemorySocket(pool);
            connection =
                    new LiveConnection<>(
                            socket,
                            new SerialQueue(queueExecutor, queueCapacity),
                            engine,
                            httpStates,
                            upgrade);
        }

        /** Sends one text frame (through the connection's queue, as the transport does). */
        void send(String text) {
            connection.queue().offer(() -> connection.receive(text));
        }

        /** Sends {@code {"action":…,"data":…}}. */
        void act(String action, Map<String, ?> data) {
            try {
                send(JSON.writeValueAsString(Map.of("action", action, "data", data)));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new UncheckedIOException(e);
            }
        }

        void act(String action) {
            act(action, Map.of());
        }

        void close() {
            connection.queue().force(() -> connection.closed(() -> {}));
        }

        List<String> frames() {
            return socket.take();
        }

        /** The only frame sent since the last look, parsed. */
        JsonNode reply() {
            List<String> frames = frames();
            if (frames.size() != 1) {
                throw new AssertionError("expected one frame, got " + frames);
            }
            return parse(frames.get(0));
        }
    }

    /** A connected client of {@code group} with a session cookie. */
    Client connect(String group) {
        return connect(new Upgrade(new Visitor(group, ""), true, PATH, Map.of()));
    }

    Client connect(Upgrade upgrade) {
        Client c = new Client(upgrade, INLINE, 16);
        c.connection.queue().force(c.connection::connect);
        return c;
    }

    /** A connected client of {@code group} whose queue and socket run on {@code pool}. */
    Client connect(String group, Executor pool, int queueCapacity) {
        Client c =
                new Client(
                        new Upgrade(new Visitor(group, ""), true, PATH, Map.of()),
                        pool,
                        queueCapacity,
                        pool);
        c.connection.queue().force(c.connection::connect);
        return c;
    }

    /** A client whose queue runs nothing until told to (to fill it). */
    Client connectStalled(String group, List<Runnable> stalled, int capacity) {
        Client c =
                new Client(
                        new Upgrade(new Visitor(group, ""), true, PATH, Map.of()),
                        stalled::add,
                        capacity);
        c.connection.connect(); // directly: its queue never drains by itself
        return c;
    }

    /** The HTTP session of {@code group} on the page path, as a request from it sees it. */
    PageSession<CounterPage.Counter> http(String group, Map<String, String> query) {
        return httpStates
                .acquire(group, PATH, INLINE)
                .session()
                .forRequest(new Visitor(group, ""), query);
    }

    static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode parse(byte[] json) {
        return parse(new String(json, StandardCharsets.UTF_8));
    }
}
