package io.github.livetemplate.examples;

import io.github.livetemplate.dev.LiveReload;
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
import io.github.livetemplate.examples.profile.AvatarStore;
import io.github.livetemplate.examples.profile.Profile;
import io.github.livetemplate.examples.profile.ProfileController;
import io.github.livetemplate.examples.profile.ProfileControllerLive;
import io.github.livetemplate.examples.todo.TodoController;
import io.github.livetemplate.examples.todo.TodoControllerLive;
import io.github.livetemplate.examples.todo.TodoRepository;
import io.github.livetemplate.examples.todo.TodoState;
import io.github.livetemplate.redis.RedisBroadcaster;
import io.github.livetemplate.runtime.HealthCheck;
import io.github.livetemplate.runtime.pubsub.Broadcaster;
import io.github.livetemplate.runtime.pubsub.InProcessBroadcaster;
import io.github.livetemplate.undertow.Health;
import io.github.livetemplate.undertow.LiveHandler;
import io.github.livetemplate.undertow.ServerDefaults;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.undertow.Handlers;
import io.undertow.Undertow;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.PathHandler;
import io.undertow.server.handlers.ResponseCodeHandler;
import io.undertow.util.Headers;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Serves the example apps with Undertow, in-process: the to-do app at {@code /}, the counter at
 * {@code /counter}, the chat at {@code /chat}, a profile page with an avatar upload at {@code
 * /profile}, and sign-up ({@code /signup}), sign-in ({@code /signin}) and a protected account page
 * ({@code /account}), which work with JavaScript off too.
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
    /** How long a graceful shutdown may take ({@code $SHUTDOWN_SECONDS}, default 10). */
    static final Duration SHUTDOWN_TIMEOUT =
            Duration.ofSeconds(
                    Long.parseLong(System.getenv().getOrDefault("SHUTDOWN_SECONDS", "10").trim()));

    /**
     * The names this server answers to ({@code $ALLOWED_HOSTS}, comma separated; default the
     * loopback names): any other {@code Host} is refused, which stops DNS rebinding.
     */
    static final String[] ALLOWED_HOSTS =
            System.getenv().getOrDefault("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]").split(",");

    /** Whether each page writes an access log line per request ({@code $ACCESS_LOG} set). */
    static final boolean ACCESS_LOG = System.getenv("ACCESS_LOG") != null;

    private Main() {}

    /**
     * Shuts {@code pages} down gracefully, together, within {@code timeout} (503 for new page loads
     * and upgrades, queued actions finish, sockets close with 1001), then stops {@code server}.
     *
     * @return whether every page finished in time
     */
    public static boolean shutdown(Undertow server, Duration timeout, LiveHandler<?>... pages) {
        List<CompletableFuture<Boolean>> drains = new ArrayList<>();
        for (LiveHandler<?> page : pages) {
            drains.add(
                    CompletableFuture.supplyAsync(
                            () -> {
                                try {
                                    return page.shutdown(timeout);
                                } catch (InterruptedException e) {
                                    Thread.currentThread().interrupt();
                                    return false;
                                }
                            }));
        }
        boolean clean = true;
        for (CompletableFuture<Boolean> d : drains) {
            clean &= d.join();
        }
        server.stop();
        return clean;
    }

    /** Starts the server on {@code localhost:$PORT} (default 8080) and runs until killed. */
    public static void main(String[] args) {
        String env = System.getenv("PORT");
        int port = env == null || env.isBlank() ? 8080 : Integer.parseInt(env.trim());
        Broadcaster broadcaster =
                RedisBroadcaster.fromEnvironment(); // in-process without REDIS_URL
        App app = App.create(broadcaster);
        Undertow server;
        try {
            server = start("localhost", port, app.routes());
        } catch (RuntimeException e) {
            broadcaster.close();
            throw e;
        }
        if (LiveReload.enabled()) {
            // docs/dev-mode.md: template edits go live, the pages' state kept.
            LiveReload reload = app.watch(LiveReload.start());
            System.out.println("Dev mode:  watching templates under " + reload.sourceRoot());
        }
        // On SIGTERM (a rolling restart): drain the pages, then stop; see docs/runtime.md §20.
        Runtime.getRuntime()
                .addShutdownHook(
                        new Thread(
                                () -> {
                                    app.shutdown(server, SHUTDOWN_TIMEOUT);
                                    broadcaster.close();
                                },
                                "shutdown"));
        System.out.println("To-do app: http://localhost:" + port(server) + "/");
        System.out.println("Counter:   http://localhost:" + port(server) + "/counter");
        System.out.println("Sign up:   http://localhost:" + port(server) + "/signup");
        System.out.println("Sign in:   http://localhost:" + port(server) + "/signin");
        System.out.println("Profile:   http://localhost:" + port(server) + "/profile");
        System.out.println("Health:    http://localhost:" + port(server) + "/health/ready");
        System.out.println("Metrics:   http://localhost:" + port(server) + "/metrics");
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
        return start(host, port, App.create(chatBroadcaster).routes());
    }

    /**
     * The example's pages with their health endpoints, metrics and routes.
     *
     * @param metrics every page's meters (docs/runtime.md, "Metrics")
     * @param routes the pages, {@code /health/live}, {@code /health/ready} and {@code /metrics}
     */
    public record App(
            LiveHandler<TodoState> todos,
            LiveHandler<Counter> counter,
            LiveHandler<ChatState> chat,
            LiveHandler<SignUp> signUp,
            LiveHandler<SignIn> signIn,
            LiveHandler<Account> account,
            LiveHandler<Profile> profile,
            Health health,
            PrometheusMeterRegistry metrics,
            PathHandler routes) {

        /** Builds every page with default settings, the chat on {@code chatBroadcaster}. */
        public static App create(Broadcaster chatBroadcaster) {
            PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            ChatController chatController = new ChatController(new ChatRooms());
            LiveHandler<TodoState> todos =
                    observed(todoPage(new TodoRepository()), metrics, "todos").build();
            LiveHandler<Counter> counter = observed(counterPage(), metrics, "counter").build();
            LiveHandler<ChatState> chat =
                    Main.chat(
                            chatController,
                            observed(chatPage(chatController, chatBroadcaster), metrics, "chat"));
            Accounts accounts = new Accounts();
            SignIns signIns = new SignIns();
            AccountController accountController = new AccountController(accounts, signIns);
            LiveHandler<SignUp> signUp = observed(signUpPage(accounts), metrics, "signup").build();
            LiveHandler<SignIn> signIn =
                    observed(signInPage(accounts, signIns), metrics, "signin").build();
            LiveHandler<Account> account =
                    Main.account(
                            accountController,
                            observed(accountPage(accountController, signIns), metrics, "account"));
            LiveHandler<Profile> profile =
                    observed(profilePage(new AvatarStore()), metrics, "profile").build();
            Health health =
                    Health.builder()
                            .check(
                                    "broadcaster",
                                    chatBroadcaster instanceof RedisBroadcaster r
                                            ? r.healthCheck()
                                            : HealthCheck.broadcaster(chatBroadcaster))
                            .drains(todos, counter, chat, signUp, signIn, account, profile)
                            .build();
            PathHandler routes =
                    Main.routes(todos, counter, chat)
                            .addPrefixPath("/signup", signUp)
                            .addPrefixPath("/signin", signIn)
                            .addPrefixPath("/account", account)
                            .addPrefixPath("/profile", profile);
            return new App(
                    todos,
                    counter,
                    chat,
                    signUp,
                    signIn,
                    account,
                    profile,
                    health,
                    metrics,
                    withHealth(routes, health).addExactPath("/metrics", prometheus(metrics)));
        }

        /** Dev mode: reloads each page when one of its templates changes. */
        public LiveReload watch(LiveReload reload) {
            return reload.watch(todos, TodoState.class)
                    .watch(counter, Counter.class)
                    .watch(chat, ChatState.class)
                    .watch(signUp, SignUp.class)
                    .watch(signIn, SignIn.class)
                    .watch(account, Account.class)
                    .watch(profile, Profile.class);
        }

        /** Drains every page together within {@code timeout}, then stops {@code server}. */
        public boolean shutdown(Undertow server, Duration timeout) {
            return Main.shutdown(
                    server, timeout, todos, counter, chat, signUp, signIn, account, profile);
        }
    }

    /**
     * {@code page} reporting its meters to {@code metrics} under the tag {@code page=name}, with an
     * access log when {@code $ACCESS_LOG} is set (docs/runtime.md, "Logging").
     */
    static <S> LiveHandler.Builder<S> observed(
            LiveHandler.Builder<S> page, MeterRegistry metrics, String name) {
        return page.metrics(metrics, name).accessLog(ACCESS_LOG);
    }

    /**
     * {@code /metrics}: the meters as Prometheus text, scraped on a worker thread. Open to anyone
     * who reaches the port, like the health endpoints; behind a proxy, keep it internal.
     */
    public static HttpHandler prometheus(PrometheusMeterRegistry metrics) {
        return new HttpHandler() {
            @Override
            public void handleRequest(HttpServerExchange exchange) {
                if (exchange.isInIoThread()) {
                    exchange.dispatch(this);
                    return;
                }
                exchange.getResponseHeaders()
                        .put(Headers.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8");
                exchange.getResponseSender().send(metrics.scrape());
            }
        };
    }

    /** Starts Undertow on {@code host}:{@code port} serving {@code handler}. */
    public static Undertow start(String host, int port, HttpHandler handler) {
        // Undertow's request-parse, idle and keep-alive timeouts (docs/runtime.md §22).
        Undertow server =
                ServerDefaults.apply(Undertow.builder())
                        .addHttpListener(port, host)
                        .setHandler(handler)
                        .build();
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

    /**
     * Adds {@code /health/live} and {@code /health/ready} to {@code routes} (docs/runtime.md §21).
     */
    public static PathHandler withHealth(PathHandler routes, Health health) {
        return routes.addExactPath("/health/live", health.live())
                .addExactPath("/health/ready", health.ready());
    }

    /** The to-do page, storing lists in {@code repository}; add options before {@code build()}. */
    public static LiveHandler.Builder<TodoState> todoPage(TodoRepository repository) {
        return TodoControllerLive.builder(new TodoController(repository), TodoState.initial())
                .allowedHosts(ALLOWED_HOSTS);
    }

    /**
     * The profile page with its avatar upload, keeping avatars in {@code store}; add options (such
     * as {@code uploads(directory, budget)}) before {@code build()}.
     */
    public static LiveHandler.Builder<Profile> profilePage(AvatarStore store) {
        return ProfileControllerLive.builder(new ProfileController(store), Profile.initial())
                .allowedHosts(ALLOWED_HOSTS);
    }

    /** The counter page; add options before {@code build()}. */
    public static LiveHandler.Builder<Counter> counterPage() {
        return CounterControllerLive.builder(new CounterController(), Counter.initial())
                .allowedHosts(ALLOWED_HOSTS);
    }

    /**
     * The sign-up page, creating accounts in {@code accounts}; add options before {@code build()}.
     */
    public static LiveHandler.Builder<SignUp> signUpPage(Accounts accounts) {
        return SignUpControllerLive.builder(new SignUpController(accounts), SignUp.initial())
                .allowedHosts(ALLOWED_HOSTS);
    }

    /** The sign-in page; add options before {@code build()}. */
    public static LiveHandler.Builder<SignIn> signInPage(Accounts accounts, SignIns signIns) {
        return SignInControllerLive.builder(
                        new SignInController(accounts, signIns), SignIn.initial())
                .allowedHosts(ALLOWED_HOSTS);
    }

    /**
     * The account page, for signed-in users only: its authenticator reads the sign-in cookie,
     * anonymous page loads go to {@code /signin}. Add options, then pass the builder to {@link
     * #account}.
     */
    public static LiveHandler.Builder<Account> accountPage(
            AccountController controller, SignIns signIns) {
        return AccountControllerLive.builder(controller, Account.initial())
                .authenticator(signIns.authenticator().requireSignIn("/signin"))
                .allowedHosts(ALLOWED_HOSTS);
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
                .allowedHosts(ALLOWED_HOSTS)
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
