package io.github.livetemplate.examples;

import io.github.livetemplate.examples.account.Account;
import io.github.livetemplate.examples.account.AccountController;
import io.github.livetemplate.examples.account.AccountControllerLive;
import io.github.livetemplate.examples.account.Accounts;
import io.github.livetemplate.examples.account.SignIn;
import io.github.livetemplate.examples.account.SignInController;
import io.github.livetemplate.examples.account.SignInControllerLive;
import io.github.livetemplate.examples.account.SignIns;
import io.github.livetemplate.examples.account.SignUp;
import io.github.livetemplate.examples.account.SignUpController;
import io.github.livetemplate.examples.account.SignUpControllerLive;
import io.github.livetemplate.examples.chat.ChatController;
import io.github.livetemplate.examples.chat.ChatControllerLive;
import io.github.livetemplate.examples.chat.ChatRooms;
import io.github.livetemplate.examples.chat.ChatState;
import io.github.livetemplate.examples.counter.Counter;
import io.github.livetemplate.examples.counter.CounterController;
import io.github.livetemplate.examples.counter.CounterControllerLive;
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
 * {@code /counter}, the chat at {@code /chat}, and sign-up ({@code /signup}), sign-in ({@code
 * /signin}) and a protected account page ({@code /account}), which work with JavaScript off too.
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
        System.out.println("Sign up:   http://localhost:" + port(server) + "/signup");
        System.out.println("Sign in:   http://localhost:" + port(server) + "/signin");
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
        Accounts accounts = new Accounts();
        SignIns signIns = new SignIns();
        AccountController accountController = new AccountController(accounts, signIns);
        return start(
                host,
                port,
                routes(
                                todoPage(new TodoRepository()).build(),
                                counterPage().build(),
                                chat(chat, chatPage(chat, chatBroadcaster)))
                        .addPrefixPath("/signup", signUpPage(accounts).build())
                        .addPrefixPath("/signin", signInPage(accounts, signIns).build())
                        .addPrefixPath(
                                "/account",
                                account(
                                        accountController,
                                        accountPage(accountController, signIns))));
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

    /** The counter page; add options before {@code build()}. */
    public static LiveHandler.Builder<Counter> counterPage() {
        return CounterControllerLive.builder(new CounterController(), Counter.initial());
    }

    /**
     * The sign-up page, creating accounts in {@code accounts}; add options before {@code build()}.
     */
    public static LiveHandler.Builder<SignUp> signUpPage(Accounts accounts) {
        return SignUpControllerLive.builder(new SignUpController(accounts), SignUp.initial());
    }

    /** The sign-in page; add options before {@code build()}. */
    public static LiveHandler.Builder<SignIn> signInPage(Accounts accounts, SignIns signIns) {
        return SignInControllerLive.builder(
                new SignInController(accounts, signIns), SignIn.initial());
    }

    /**
     * The account page, for signed-in users only: {@code identify} reads the sign-in cookie,
     * anonymous page loads go to {@code /signin}. Add options, then pass the builder to {@link
     * #account}.
     */
    public static LiveHandler.Builder<Account> accountPage(
            AccountController controller, SignIns signIns) {
        return AccountControllerLive.builder(controller, Account.initial())
                .identify(
                        ex -> {
                            var c = ex.getRequestCookie(SignIns.COOKIE);
                            return c == null ? null : signIns.user(c.getValue());
                        })
                .requireSignIn("/signin");
    }

    /** Builds the account page and attaches it to {@code controller} (to sign users out). */
    public static LiveHandler<Account> account(
            AccountController controller, LiveHandler.Builder<Account> page) {
        return controller.attach(page.build());
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
