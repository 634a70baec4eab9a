package io.github.livetemplate.examples;

import io.github.livetemplate.examples.chat.ChatController;
import io.github.livetemplate.examples.chat.ChatControllerLive;
import io.github.livetemplate.examples.chat.ChatRooms;
import io.github.livetemplate.examples.chat.ChatState;
import io.github.livetemplate.examples.counter.Counter;
import io.github.livetemplate.examples.counter.CounterController;
import io.github.livetemplate.examples.counter.CounterControllerLive;
import io.github.livetemplate.examples.profile.AvatarStore;
import io.github.livetemplate.examples.profile.Profile;
import io.github.livetemplate.examples.profile.ProfileController;
import io.github.livetemplate.examples.profile.ProfileControllerLive;
import io.github.livetemplate.examples.todo.TodoController;
import io.github.livetemplate.examples.todo.TodoControllerLive;
import io.github.livetemplate.examples.todo.TodoRepository;
import io.github.livetemplate.examples.todo.TodoState;
import io.github.livetemplate.redis.RedisBroadcaster;
import io.github.livetemplate.runtime.pubsub.Broadcaster;
import io.github.livetemplate.runtime.pubsub.InProcessBroadcaster;
import io.github.livetemplate.undertow.LiveHandler;
import io.undertow.Handlers;
import io.undertow.Undertow;
import io.undertow.server.HttpHandler;
import io.undertow.server.handlers.PathHandler;
import io.undertow.server.handlers.ResponseCodeHandler;
import java.net.InetSocketAddress;

/**
 * Serves the example apps with Undertow, in-process: the to-do app at {@code /}, the counter at
 * {@code /counter}, the chat at {@code /chat} and a profile page with an avatar upload at {@code
 * /profile}.
 *
 * <pre>
 * mvn -q install -DskipTests &amp;&amp; mvn -q -pl examples exec:java
 * </pre>
 *
 * <p>then open http://localhost:8080 (set {@code $PORT} for another port). With {@code $REDIS_URL}
 * set, the chat uses a {@link RedisBroadcaster}, so several instances (on different ports) share
 * the chat rooms; see {@code docs/scaling.md}, "Chat example".
 */
public final class Main {
    private Main() {}

    /** Starts the server on {@code localhost:$PORT} (default 8080) and runs until killed. */
    public static void main(String[] args) {
        String env = System.getenv("PORT");
        int port = env == null || env.isBlank() ? 8080 : Integer.parseInt(env.trim());
        Broadcaster broadcaster =
                RedisBroadcaster.fromEnvironment(); // in-process without REDIS_URL
        Undertow server;
        try {
            server = start("localhost", port, broadcaster);
        } catch (RuntimeException e) {
            broadcaster.close();
            throw e;
        }
        Runtime.getRuntime()
                .addShutdownHook(
                        new Thread(
                                () -> {
                                    server.stop();
                                    broadcaster.close();
                                },
                                "shutdown"));
        System.out.println("To-do app: http://localhost:" + port(server) + "/");
        System.out.println("Counter:   http://localhost:" + port(server) + "/counter");
        System.out.println("Profile:   http://localhost:" + port(server) + "/profile");
        System.out.println(
                "Chat:      http://localhost:"
                        + port(server)
                        + "/chat?room=lobby"
                        + (broadcaster instanceof RedisBroadcaster r
                                ? " (rooms shared through " + r.endpoint() + ")"
                                : ""));
    }

    /**
     * Starts both apps with default settings on {@code host}:{@code port} ({@code 0}: a free port,
     * see {@link #port(Undertow)}). Stop it with {@link Undertow#stop()}.
     */
    public static Undertow start(String host, int port) {
        return start(host, port, new InProcessBroadcaster());
    }

    /**
     * Starts the apps on {@code host}:{@code port}, the chat connected to other instances through
     * {@code chatBroadcaster} (which the caller closes after stopping the server).
     */
    public static Undertow start(String host, int port, Broadcaster chatBroadcaster) {
        ChatController chat = new ChatController(new ChatRooms());
        return start(
                host,
                port,
                routes(
                                todoPage(new TodoRepository()).build(),
                                counterPage().build(),
                                chat(chat, chatPage(chat, chatBroadcaster)))
                        .addPrefixPath("/profile", profilePage(new AvatarStore()).build()));
    }

    /** Starts Undertow on {@code host}:{@code port} serving {@code handler}. */
    public static Undertow start(String host, int port, HttpHandler handler) {
        Undertow server =
                Undertow.builder().addHttpListener(port, host).setHandler(handler).build();
        server.start();
        return server;
    }

    /**
     * The example's routes: {@code counter} at {@code /counter}, {@code todos} at {@code /} (and
     * below, including each page's {@code /_lvt/client-0.25.1.js}).
     */
    public static PathHandler routes(HttpHandler todos, HttpHandler counter) {
        return Handlers.path()
                .addExactPath("/favicon.ico", ResponseCodeHandler.HANDLE_404)
                .addPrefixPath("/counter", counter)
                .addPrefixPath("/", todos);
    }

    /** The example's routes with the chat at {@code /chat} as well. */
    public static PathHandler routes(HttpHandler todos, HttpHandler counter, HttpHandler chat) {
        return routes(todos, counter).addPrefixPath("/chat", chat);
    }

    /** The to-do page, storing lists in {@code repository}; add options before {@code build()}. */
    public static LiveHandler.Builder<TodoState> todoPage(TodoRepository repository) {
        return TodoControllerLive.builder(new TodoController(repository), TodoState.initial());
    }

    /**
     * The profile page with its avatar upload, keeping avatars in {@code store}; add options (such
     * as {@code uploads(directory, budget)}) before {@code build()}.
     */
    public static LiveHandler.Builder<Profile> profilePage(AvatarStore store) {
        return ProfileControllerLive.builder(new ProfileController(store), Profile.initial());
    }

    /** The counter page; add options before {@code build()}. */
    public static LiveHandler.Builder<Counter> counterPage() {
        return CounterControllerLive.builder(new CounterController(), Counter.initial());
    }

    /**
     * The chat page served by {@code controller}, connected to other instances through {@code
     * broadcaster}, allowing the {@code chat/<room>} topics only; add options, then pass the
     * builder to {@link #chat} (not {@code build()} directly).
     */
    public static LiveHandler.Builder<ChatState> chatPage(
            ChatController controller, Broadcaster broadcaster) {
        return ChatControllerLive.builder(controller, ChatState.initial())
                .broadcaster(broadcaster)
                .topicAccess(ChatController.ACCESS);
    }

    /** Builds the chat page and attaches it to {@code controller} (for presence answers). */
    public static LiveHandler<ChatState> chat(
            ChatController controller, LiveHandler.Builder<ChatState> page) {
        return controller.attach(page.build());
    }

    /** The port {@code server}'s (first) listener is bound to. */
    public static int port(Undertow server) {
        return ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
    }
}
