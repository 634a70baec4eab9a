package io.github.livetemplate.undertow;

import io.github.livetemplate.runtime.Context;
import io.github.livetemplate.runtime.FrameListener;
import io.github.livetemplate.runtime.LiveRenderer;
import io.github.livetemplate.runtime.SessionHandle;
import io.github.livetemplate.runtime.TopicAccess;
import io.github.livetemplate.runtime.UserHandle;
import io.github.livetemplate.runtime.engine.CsrfTokens;
import io.github.livetemplate.runtime.engine.JsonLimits;
import io.github.livetemplate.runtime.engine.PageEngine;
import io.github.livetemplate.runtime.engine.PageSession;
import io.github.livetemplate.runtime.engine.PushHub;
import io.github.livetemplate.runtime.generated.Actions;
import io.github.livetemplate.runtime.pubsub.Broadcaster;
import io.github.livetemplate.runtime.pubsub.InProcessBroadcaster;
import io.github.livetemplate.runtime.session.MemorySessionStore;
import io.github.livetemplate.runtime.session.SessionStore;
import io.github.livetemplate.undertow.internal.AccessLog;
import io.github.livetemplate.undertow.internal.ClientScript;
import io.github.livetemplate.undertow.internal.FormConfig;
import io.github.livetemplate.undertow.internal.HandlerConfig;
import io.github.livetemplate.undertow.internal.Limits;
import io.github.livetemplate.undertow.internal.LivePageHandler;
import io.github.livetemplate.undertow.internal.MicrometerMetrics;
import io.github.livetemplate.undertow.internal.SecurityHeaders;
import io.github.livetemplate.undertow.internal.UserConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * An Undertow handler that serves one live page to the unmodified {@code @livetemplate/client}
 * browser client: the HTML page, the WebSocket on the same URL, the HTTP fallback (JSON GET and
 * POST) and the client script.
 *
 * <pre>{@code
 * LiveHandler<Counter> counter = LiveHandler.builder(new CounterRenderer(), new CounterLive(), new Counter(0))
 *     .build();
 * Undertow.builder()
 *     .addHttpListener(8080, "localhost")
 *     .setHandler(Handlers.path()
 *         .addPrefixPath("/counter", counter)          // page, WebSocket, fallback, /counter/_lvt/…
 *         .addPrefixPath("/static", staticFiles))
 *     .build()
 *     .start();
 * }</pre>
 *
 * <p>What it answers on the page's URL (mount it with a prefix path so that the client script below
 * it is reachable too):
 *
 * <ul>
 *   <li>{@code GET} (HTML): runs {@link Actions#mount} with the query parameters and renders the
 *       full page with a wrapper {@code data-lvt-id}, the client {@code <script defer>} before
 *       {@code </head>} and the session cookie if the browser has none;
 *   <li>{@code HEAD}: {@code X-LiveTemplate-WebSocket: enabled} (or {@code disabled});
 *   <li>WebSocket upgrade: mount, {@link Actions#onConnect}, the full tree; then one update per
 *       message, {@link Actions#onDisconnect} on close;
 *   <li>{@code GET} with {@code Accept: application/json}: the full tree;
 *   <li>{@code POST application/json}: an action on the session group's HTTP state, answered with
 *       the full tree;
 *   <li>{@code GET <mount path>}{@value #CLIENT_SCRIPT_PATH}: the client script.
 * </ul>
 *
 * <p>Every lifecycle call and action of a connection runs on that connection's own serial queue on
 * Undertow's worker pool: one at a time, never on an I/O thread. See {@code docs/runtime.md}.
 *
 * @param <S> the state record type
 */
public final class LiveHandler<S> implements HttpHandler {

    /** The version of the bundled {@code @livetemplate/client}. */
    public static final String CLIENT_VERSION = ClientScript.VERSION;

    /**
     * The path, relative to a page's mount path, of the client script: {@code
     * /_lvt/client-0.25.1.js}. A page mounted at {@code /todos} loads {@code
     * /todos/_lvt/client-0.25.1.js}.
     */
    public static final String CLIENT_SCRIPT_PATH = ClientScript.PATH;

    private final LivePageHandler<S> delegate;
    private final PushHub<S> push;
    private final PageEngine<S> engine;
    private final boolean accessLog;

    private LiveHandler(
            LivePageHandler<S> delegate, PushHub<S> push, PageEngine<S> engine, boolean accessLog) {
        this.delegate = delegate;
        this.push = push;
        this.engine = engine;
        this.accessLog = accessLog;
    }

    /**
     * Starts a handler for one page.
     *
     * @param renderer the page's generated renderer
     * @param actions the page's actions (the generated {@code <Controller>Live})
     * @param initialState the state every page load, connection and HTTP session starts from
     */
    public static <S> Builder<S> builder(
            LiveRenderer<S> renderer, Actions<S> actions, S initialState) {
        return new Builder<>(renderer, actions, initialState);
    }

    /**
     * A handler serving only the client script (with one-year immutable caching), for applications
     * that mount it at a path of their own; point pages at it with {@link
     * Builder#clientScriptUrl(String)}.
     */
    public static HttpHandler clientScript() {
        return ClientScript.instance();
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        if (accessLog) {
            AccessLog.attach(exchange);
        }
        delegate.handleRequest(exchange);
    }

    /** The number of open WebSocket connections. */
    public int openConnections() {
        return delegate.webSockets().openConnections();
    }

    /** What the handler holds, by kind, for leak checks in tests (all but HTTP states end at 0). */
    Map<String, Integer> holdings() {
        var ws = delegate.webSockets();
        return Map.of(
                "connections", ws.openConnections(),
                "live", ws.live(),
                "queues", ws.queues(),
                "groupCounts", ws.trackedGroups(),
                "hubMembers", push.members(),
                "hubSubscriptions", push.heldSubscriptions(),
                "httpStates", ws.httpStates());
    }

    /**
     * The number of state-changing requests refused: a missing or wrong CSRF token on a form post,
     * a foreign {@code Origin}, or {@code Sec-Fetch-Site: cross-site} (each answered with 403).
     */
    public long refusedRequests() {
        return delegate.refusedRequests();
    }

    /**
     * Signs {@code userId} out of this page everywhere: every WebSocket of the user, here and
     * (through the broadcaster) on other instances, closes with 1008 "signed out" and its state is
     * dropped. Call it when the user signs out, after revoking what its {@link Authenticator}
     * reads, so that the reconnecting tabs are anonymous (and refused when the page requires a
     * sign-in).
     *
     * @return how many local connections were told to close
     */
    public int signOut(String userId) {
        Objects.requireNonNull(userId, "userId");
        return push.user(userId).trigger(PageSession.SIGN_OUT, Map.of());
    }

    /**
     * The number of messages dropped because a connection's queue was full: WebSocket messages from
     * clients and pushed actions ({@link SessionHandle#trigger}, publishes).
     */
    public long droppedMessages() {
        return delegate.webSockets().droppedMessages();
    }

    /**
     * The number of upload files and messages refused: a type, size, count or per-connection limit,
     * a chunk at the wrong offset, an image whose bytes are not the image it claims (the first is
     * logged as a warning).
     */
    public long refusedUploads() {
        return engine.refusedUploads();
    }

    /**
     * The number of upload entries refused because nothing arrived for them within the idle timeout
     * ({@link Builder#uploadIdleTimeout}), and of multipart posts closed because their body stalled
     * for the request body timeout ({@link Builder#requestBodyTimeout}); also counted in {@link
     * #refusedUploads()}.
     */
    public long timedOutUploads() {
        return engine.timedOutUploads();
    }

    /**
     * The number of {@link Context#publish} calls dropped by the one-hop rule (made while handling
     * a triggered or published action).
     */
    public long droppedPublishes() {
        return push.droppedPublishes();
    }

    /**
     * Messages for other instances (triggers and publishes) that did not reach the broadcaster: its
     * bounded queue was full or it refused them, e.g. while Redis is unreachable or hung. Local
     * connections got them regardless.
     */
    public long broadcastFailures() {
        return push.broadcastFailures();
    }

    /**
     * Connections closed because their client did not read its updates fast enough (the outbound
     * queue of {@link Builder#outboundQueue} filled up).
     */
    public long slowClientCloses() {
        return delegate.webSockets().counters().slowClientCloses.get();
    }

    /** Inbound WebSocket messages refused by the rate limit ({@link Builder#rateLimit}). */
    public long rateLimitedMessages() {
        return delegate.webSockets().counters().rateLimited.get();
    }

    /** Connections closed for sending over the rate limit persistently. */
    public long abuseCloses() {
        return delegate.webSockets().counters().abuseCloses.get();
    }

    /**
     * WebSocket upgrades refused (503) or connections closed (1013) because {@link
     * Builder#maxConnections} or {@link Builder#maxConnectionsPerGroup} was reached.
     */
    public long refusedConnections() {
        return delegate.webSockets().counters().connectionsRefused.get();
    }

    /** Waits until the broadcaster calls queued so far have run (for tests). */
    boolean awaitBroadcaster(Duration timeout) throws InterruptedException {
        return push.awaitBroadcaster(timeout);
    }

    /**
     * A handle on session group {@code groupId} (the value of {@link Context#groupId()}), for
     * server push from outside any action: a background job, a message consumer, another page.
     */
    public SessionHandle session(String groupId) {
        return push.session(groupId);
    }

    /**
     * A handle on signed-in user {@code userId} (the value of {@link Context#userId()}, as told by
     * {@link Builder#authenticator}): its {@link UserHandle#trigger} runs an action on every
     * connection of that user, in every browser, here and (through the broadcaster) on other
     * instances.
     */
    public UserHandle user(String userId) {
        return push.user(userId);
    }

    /**
     * Runs {@code action} with {@code data} on every connection subscribed to a topic matching
     * {@code topic}, here and (through the broadcaster) on other instances. Usable from any thread;
     * no access rule applies (this is server code) and no connection is excluded.
     *
     * @param topic a concrete topic (no {@code *})
     * @return how many local connections it was queued on (for more than 128, handed to: the hub's
     *     lanes queue them off the caller, docs/runtime.md §10)
     * @throws IllegalArgumentException if the topic is malformed or the action empty
     */
    public int publish(String topic, String action, Map<String, ?> data) {
        return push.publish(topic, action, data, null, false);
    }

    /** The number of local WebSocket connections subscribed to a topic matching {@code topic}. */
    public int subscribers(String topic) {
        return push.subscribers(topic);
    }

    /** The broadcaster carrying pushed actions to other instances. */
    public Broadcaster broadcaster() {
        return push.broadcaster();
    }

    /**
     * Closes every open WebSocket connection of this handler with close code 1001 ("going away").
     * Each connection ends as if its client had closed it: {@code onDisconnect} runs and its state
     * becomes the session group's HTTP state. The 0.25.1 client does not reconnect at once: it
     * sends its next actions as HTTP {@code POST}s and reconnects on its next heartbeat. Useful
     * before stopping a server, and in tests.
     *
     * @return how many connections were asked to close
     */
    public int closeConnections() {
        return delegate.webSockets().closeAll(1001, "server closing");
    }

    /**
     * Shuts this handler down gracefully within {@code timeout}, for a rolling restart:
     *
     * <ol>
     *   <li>page loads and WebSocket upgrades are answered with 503 ({@code Retry-After: 1}), so a
     *       load balancer sends them to another instance;
     *   <li>messages arriving on open sockets are answered with a failure ("the server is
     *       restarting") instead of being run; what is queued already runs to its end, replies
     *       included, and saves its persisted state;
     *   <li>every socket is closed with 1001 ("going away"): the client falls back to POSTs and
     *       reconnects, elsewhere, with its heartbeat; {@code onDisconnect} runs;
     *   <li>HTTP requests in flight finish and the publishes queued for other instances are handed
     *       to the broadcaster.
     * </ol>
     *
     * Sockets still open at the deadline are cut off. The handler keeps answering 503 afterwards;
     * stop the Undertow server next. The broadcaster and the session store are the application's to
     * close.
     *
     * @return whether everything finished within {@code timeout}
     */
    public boolean shutdown(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean done = delegate.shutdown(deadline);
        long left = deadline - System.nanoTime();
        return push.awaitBroadcaster(Duration.ofNanos(Math.max(left, 0))) && done;
    }

    /** Whether {@link #shutdown} has begun. */
    public boolean isShuttingDown() {
        return delegate.shuttingDown();
    }

    /** Whether the handler was built with {@link Builder#devMode(boolean)} on. */
    public boolean devMode() {
        return engine.devMode();
    }

    /**
     * Dev mode only (docs/dev-mode.md; {@code livetemplate-dev} calls it when a template changed):
     * renders with {@code renderer} from now on (when not null) and sends every open page the full
     * tree of its current state with it; {@code problem} (the compiler's message when the edited
     * template does not compile, else null) is shown on every open page and on page loads until a
     * later call clears it.
     *
     * @return how many open connections were sent the new page
     * @throws IllegalStateException when the handler is not in dev mode
     */
    public int reload(LiveRenderer<S> renderer, String problem) {
        return engine.reload(renderer, problem);
    }

    /** Configures a {@link LiveHandler}. */
    public static final class Builder<S> {
        private final LiveRenderer<S> renderer;
        private final Actions<S> actions;
        private final S initialState;
        private final List<String> allowedOrigins = new ArrayList<>();
        private boolean trustForwardedHeaders;
        private boolean webSocket = true;
        private int maxMessageBytes = 64 * 1024;
        private boolean loading = true;
        private int heartbeatMillis = -1;
        private String cookieName = "livetemplate-id";
        private int maxQueuedMessages = 256;
        private Duration httpStateTtl = Duration.ofMinutes(30);
        private int maxHttpStates = 100_000;
        private String clientScriptUrl;
        private FrameListener frameListener;
        private Function<HttpServerExchange, String> identify;
        private Broadcaster broadcaster;
        private TopicAccess topicAccess;
        private boolean openTopics;
        private SessionStore sessionStore;
        private int outboundMessages = Limits.DEFAULT.outboundMessages();
        private long outboundBytes = Limits.DEFAULT.outboundBytes();
        private double actionsPerSecond = Limits.DEFAULT.actionsPerSecond();
        private int actionBurst = Limits.DEFAULT.actionBurst();
        private int maxConnections;
        private int maxConnectionsPerGroup;
        private JsonLimits jsonLimits;
        private final List<String> allowedHosts = new ArrayList<>();
        private String contentSecurityPolicy = SecurityHeaders.DEFAULT_CSP;
        private String referrerPolicy = SecurityHeaders.DEFAULT_REFERRER_POLICY;
        private long webSocketIdleMillis = -1;
        private long bodyTimeoutMillis = Limits.DEFAULT.bodyTimeoutMillis();
        private boolean nativeForms = true;
        private long maxFormBytes = FormConfig.DEFAULT.maxBytes();
        private CsrfTokens csrf;
        private String signInPath;
        private boolean groupPerUser;
        private Authenticator authenticator;
        private Path uploadDirectory;
        private long maxUploadBytesPerConnection = 1_000_000_000L;
        private io.github.livetemplate.runtime.Presigner presigner;
        private Duration uploadIdleTimeout = Duration.ofSeconds(60);

        /** A Micrometer {@code MeterRegistry}, typed Object so that Micrometer stays optional. */
        private Object meterRegistry;

        private String metricsPage;
        private boolean accessLog;
        private boolean devMode = Boolean.getBoolean(DEV_PROPERTY);

        private Builder(LiveRenderer<S> renderer, Actions<S> actions, S initialState) {
            this.renderer = Objects.requireNonNull(renderer, "renderer");
            this.actions = Objects.requireNonNull(actions, "actions");
            this.initialState = Objects.requireNonNull(initialState, "initialState");
        }

        /**
         * Origins (such as {@code https://app.example.com}) allowed to open the WebSocket and POST
         * actions besides the page's own; {@code "*"} allows every origin (development only).
         */
        public Builder<S> allowedOrigins(String... origins) {
            for (String o : origins) {
                allowedOrigins.add(Objects.requireNonNull(o, "origin"));
            }
            return this;
        }

        /**
         * Whether to believe {@code X-Forwarded-Proto}, {@code X-Forwarded-Host} and {@code
         * Forwarded} when checking origins and marking cookies secure. Default {@code false};
         * enable only behind a proxy that sets or strips these headers.
         */
        public Builder<S> trustForwardedHeaders(boolean trust) {
            this.trustForwardedHeaders = trust;
            return this;
        }

        /**
         * Whether to accept WebSocket connections (default {@code true}). With {@code false} the
         * page runs in HTTP mode: the HEAD probe answers {@code X-LiveTemplate-WebSocket: disabled}
         * and the client sends every action as a POST.
         */
        public Builder<S> webSocket(boolean enabled) {
            this.webSocket = enabled;
            return this;
        }

        /**
         * The largest accepted message (default 64 KiB): a larger WebSocket message closes the
         * socket with code 1009, a larger POST body is answered with 413.
         */
        public Builder<S> maxMessageBytes(int bytes) {
            if (bytes < 256) {
                throw new IllegalArgumentException(
                        "maxMessageBytes must be at least 256: " + bytes);
            }
            this.maxMessageBytes = bytes;
            return this;
        }

        /**
         * Whether pages carry {@code data-lvt-loading="true"} (default {@code true}): the client
         * shows a loading bar and keeps forms disabled until its first tree arrives.
         */
        public Builder<S> loading(boolean loading) {
            this.loading = loading;
            return this;
        }

        /**
         * The client's heartbeat interval ({@code data-lvt-heartbeat-ms}); {@code 0} disables it.
         * Unset (the default), the client uses 20 s.
         */
        public Builder<S> heartbeatMillis(int millis) {
            if (millis < 0) {
                throw new IllegalArgumentException(
                        "heartbeatMillis must not be negative: " + millis);
            }
            this.heartbeatMillis = millis;
            return this;
        }

        /** The session cookie's name (default {@code livetemplate-id}). */
        public Builder<S> sessionCookie(String name) {
            if (name == null || !name.matches("[A-Za-z0-9!#$%&'*+.^_`|~-]+")) {
                throw new IllegalArgumentException("not a valid cookie name: " + name);
            }
            this.cookieName = name;
            return this;
        }

        /**
         * How many messages may wait per connection (default 256); further messages are dropped,
         * counted ({@link LiveHandler#droppedMessages()}) and logged. POSTs beyond the bound of a
         * session's HTTP queue are answered with 503.
         */
        public Builder<S> maxQueuedMessages(int messages) {
            if (messages < 1) {
                throw new IllegalArgumentException(
                        "maxQueuedMessages must be positive: " + messages);
            }
            this.maxQueuedMessages = messages;
            return this;
        }

        /**
         * How long the HTTP state of an idle session group is kept (default 30 minutes), and how
         * many such states at most (default 100 000; the least recently used goes first).
         */
        public Builder<S> httpStates(Duration idleTtl, int maxStates) {
            if (idleTtl.isNegative() || idleTtl.isZero() || maxStates < 1) {
                throw new IllegalArgumentException("need a positive TTL and bound");
            }
            this.httpStateTtl = idleTtl;
            this.maxHttpStates = maxStates;
            return this;
        }

        /**
         * The URL pages load the client script from, when {@link LiveHandler#clientScript()} is
         * mounted elsewhere (or served by a CDN). Default: {@code <mount path>} {@value
         * LiveHandler#CLIENT_SCRIPT_PATH}.
         */
        public Builder<S> clientScriptUrl(String url) {
            this.clientScriptUrl = Objects.requireNonNull(url, "url");
            return this;
        }

        /**
         * Observes every protocol message in and out (WebSocket frames, POST bodies, JSON answers),
         * for tests and debugging; see {@link FrameListener}. Default: none.
         */
        public Builder<S> frameListener(FrameListener listener) {
            this.frameListener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * The page's users: who the signed-in user of a request is, how their connections are
         * grouped, and what anonymous requests get (see {@link Authenticator}). Default: every
         * visitor is anonymous, groups per browser, nothing refused. Not together with the
         * shortcuts {@link #identify}, {@link #requireSignIn} and {@link #sessionGroupPerUser}
         * ({@link #build} throws).
         */
        public Builder<S> authenticator(Authenticator authenticator) {
            this.authenticator = Objects.requireNonNull(authenticator, "authenticator");
            return this;
        }

        /**
         * Shortcut for {@link #authenticator}{@code (Authenticator.of(userId))}: how to tell the
         * signed-in user of a request (from a header, a verified session, a security handler in
         * front of this one), called once per page load, POST and WebSocket upgrade; the result is
         * {@link Context#userId()} ({@code null} or empty for anonymous visitors).
         */
        public Builder<S> identify(Function<HttpServerExchange, String> userId) {
            this.identify = Objects.requireNonNull(userId, "userId");
            return this;
        }

        /**
         * Carries pushed actions ({@link SessionHandle#trigger}, publishes) to and from other
         * instances, e.g. a {@link io.github.livetemplate.redis.RedisBroadcaster}. Default: a new
         * {@link InProcessBroadcaster} (one JVM; nothing crosses it). Give each handler its own
         * broadcaster; the application closes it when it stops.
         */
        public Builder<S> broadcaster(Broadcaster broadcaster) {
            this.broadcaster = Objects.requireNonNull(broadcaster, "broadcaster");
            return this;
        }

        /**
         * The rule deciding which topics a connection may subscribe to and publish on ({@link
         * Context#subscribe}, {@link Context#publish}). Without it (and without {@link
         * #openTopics()}) every topic is refused.
         */
        public Builder<S> topicAccess(TopicAccess rule) {
            this.topicAccess = Objects.requireNonNull(rule, "rule");
            return this;
        }

        /** Allows every topic to every connection (no access rule). */
        public Builder<S> openTopics() {
            this.openTopics = true;
            return this;
        }

        /**
         * Where the {@link Persist} components of the state are kept per session group, e.g. a
         * {@link RedisSessionStore} shared by every instance. Default: a new {@link
         * MemorySessionStore} (this JVM only). Unused when the state has no persisted components.
         */
        public Builder<S> sessionStore(SessionStore store) {
            this.sessionStore = Objects.requireNonNull(store, "store");
            return this;
        }

        /**
         * The bound of each connection's outbound queue: frames handed to the socket and not yet
         * read by the client (default 50 messages, 4 MiB). A client that falls that far behind is
         * closed with code 1008 ("client too slow"), counted ({@link
         * LiveHandler#slowClientCloses()}) and logged once; the frame that did not fit is dropped
         * and counted ({@link LiveHandler#droppedMessages()}). Sending never blocks.
         */
        public Builder<S> outboundQueue(int messages, long bytes) {
            if (messages < 1 || bytes < 1) {
                throw new IllegalArgumentException("outbound bounds must be positive");
            }
            this.outboundMessages = messages;
            this.outboundBytes = bytes;
            return this;
        }

        /**
         * A token bucket per WebSocket connection for the messages it sends (default 10 a second,
         * bursts of 20; {@code perSecond == 0} disables it). A message over the limit is not run:
         * it is answered with {@code meta.success:false} and an {@code _error}, counted ({@link
         * LiveHandler#rateLimitedMessages()}) and logged once per connection. A client that keeps
         * going (100 refusals beyond one per second per allowed message) is closed with 1008.
         */
        public Builder<S> rateLimit(double perSecond, int burst) {
            if (perSecond < 0 || Double.isNaN(perSecond) || (perSecond > 0 && burst < 1)) {
                throw new IllegalArgumentException(
                        "need perSecond >= 0 and burst >= 1: " + perSecond + ", " + burst);
            }
            this.actionsPerSecond = perSecond;
            this.actionBurst = perSecond == 0 ? 0 : burst;
            return this;
        }

        /**
         * Open WebSockets of this handler at most (default {@code 0}: unlimited). Further upgrades
         * are answered with 503 and {@code Retry-After: 5} before the handshake.
         */
        public Builder<S> maxConnections(int connections) {
            if (connections < 0) {
                throw new IllegalArgumentException("must not be negative: " + connections);
            }
            this.maxConnections = connections;
            return this;
        }

        /**
         * Open WebSockets of one session group (browser) at most (default {@code 0}: unlimited);
         * further upgrades of that group get 503.
         */
        public Builder<S> maxConnectionsPerGroup(int connections) {
            if (connections < 0) {
                throw new IllegalArgumentException("must not be negative: " + connections);
            }
            this.maxConnectionsPerGroup = connections;
            return this;
        }

        /**
         * What a client message (WebSocket frame or POST body) may contain, checked while it is
         * parsed: objects and arrays nested at most {@code maxDepth} deep (default 32, the envelope
         * being level 1) and strings of at most {@code maxStringLength} characters (default: {@link
         * #maxMessageBytes}, so that only the message size bounds them); numbers are limited to 64
         * characters. A message over a bound is answered like a malformed one ({@code
         * meta.success:false}, {@code _error}); the session goes on.
         */
        public Builder<S> inboundJson(int maxDepth, int maxStringLength) {
            this.jsonLimits =
                    new JsonLimits(maxDepth, maxStringLength, JsonLimits.DEFAULT.maxNumberLength());
            return this;
        }

        /**
         * The host names (or addresses) this server is known by, such as {@code app.example.com},
         * {@code localhost}, {@code 127.0.0.1}; {@code host:port} matches that port only. A request
         * whose {@code Host} (or trusted forwarded host) is not listed is answered with 400 and a
         * rate-limited warning: this stops DNS rebinding, where a hostile page's own name points at
         * this server and its requests pass the same-origin check. Default: any host.
         */
        public Builder<S> allowedHosts(String... hosts) {
            for (String h : hosts) {
                if (h == null || h.isBlank() || h.contains("/")) {
                    throw new IllegalArgumentException("not a host: " + h);
                }
                allowedHosts.add(h.trim());
            }
            return this;
        }

        /**
         * The {@code Content-Security-Policy} of every answer (default {@code frame-ancestors
         * 'self'}: only pages of the same origin may frame the page; {@code X-Frame-Options:
         * SAMEORIGIN} goes with the default for older browsers). {@code ""} sends none.
         */
        public Builder<S> contentSecurityPolicy(String policy) {
            this.contentSecurityPolicy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /**
         * The {@code Referrer-Policy} of every answer (default {@code
         * strict-origin-when-cross-origin}); {@code ""} sends none. {@code X-Content-Type-Options:
         * nosniff} is always sent.
         */
        public Builder<S> referrerPolicy(String policy) {
            this.referrerPolicy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /**
         * How long a WebSocket may stay silent (nothing received, nothing could be sent) before it
         * is closed; {@link Duration#ZERO} keeps silent sockets open. Default: three heartbeat
         * intervals (60 s with the client's 20 s heartbeat), none when the heartbeat is disabled.
         */
        public Builder<S> webSocketIdleTimeout(Duration timeout) {
            if (timeout.isNegative()) {
                throw new IllegalArgumentException("must not be negative: " + timeout);
            }
            this.webSocketIdleMillis = timeout.toMillis();
            return this;
        }

        /**
         * How long a POST body may take to arrive once its headers have (default 30 s; {@link
         * Duration#ZERO}: forever). A client that stops in the middle of its body is disconnected
         * and a rate-limited warning logged. (Undertow's own timeouts: {@link ServerDefaults}.)
         */
        public Builder<S> requestBodyTimeout(Duration timeout) {
            if (timeout.isNegative()) {
                throw new IllegalArgumentException("must not be negative: " + timeout);
            }
            this.bodyTimeoutMillis = timeout.toMillis();
            return this;
        }

        /**
         * Whether forms posted without the client ({@code application/x-www-form-urlencoded} or
         * {@code multipart/form-data}: JavaScript off, or {@code lvt-form:no-intercept}) run their
         * action, answered with 303 to the page or the page re-rendered with its errors (default
         * {@code true}). With {@code false} they get 415, as before this feature. See {@code
         * docs/runtime.md}, "Forms without JavaScript".
         */
        public Builder<S> nativeForms(boolean enabled) {
            this.nativeForms = enabled;
            return this;
        }

        /** The largest accepted native form body, files included (default 1 MiB). */
        public Builder<S> maxFormBytes(long bytes) {
            if (bytes < 1024) {
                throw new IllegalArgumentException("maxFormBytes must be at least 1024: " + bytes);
            }
            this.maxFormBytes = bytes;
            return this;
        }

        /**
         * The server secret (at least 32 bytes) signing the CSRF tokens of POST forms. Default: a
         * random secret of this JVM, which is right for one instance; several instances behind one
         * address must share a secret. See {@code docs/runtime.md}, "Security".
         */
        public Builder<S> csrfSecret(byte[] secret) {
            this.csrf = CsrfTokens.of(secret, null, 0, System::currentTimeMillis);
            return this;
        }

        /**
         * Rotates the CSRF secret: tokens of {@code previous} (pages rendered before the rotation)
         * are still accepted for {@code grace} from now, tokens of {@code secret} from now on.
         */
        public Builder<S> csrfSecret(byte[] secret, byte[] previous, Duration grace) {
            Objects.requireNonNull(previous, "previous");
            if (grace.isNegative()) {
                throw new IllegalArgumentException("grace must not be negative");
            }
            this.csrf =
                    CsrfTokens.of(
                            secret,
                            previous,
                            System.currentTimeMillis() + grace.toMillis(),
                            System::currentTimeMillis);
            return this;
        }

        /**
         * Shortcut for {@link Authenticator#requireSignIn} on the {@link #identify} function: the
         * page is for signed-in users only; an anonymous page load is answered with {@code 303} to
         * {@code signInPath} with {@code ?next=} the page (a path on this site), every other
         * anonymous request (JSON, form post, WebSocket upgrade) with {@code 401} and {@code
         * WWW-Authenticate: LiveTemplate realm="sign-in"} ({@link
         * Authenticator.Refusal#signInPage}).
         */
        public Builder<S> requireSignIn(String signInPath) {
            Authenticator.Refusal.signInPage(signInPath); // checks it now
            this.signInPath = signInPath;
            return this;
        }

        /**
         * Shortcut for {@link Authenticator#withSessionGroups}{@code (PER_USER)} on the {@link
         * #identify} function: whether a signed-in user's connections share one session group (per
         * user, across browsers and devices: state, triggers, persisted components) instead of one
         * per browser (default {@code false}). Anonymous visitors keep their browser's group.
         */
        public Builder<S> sessionGroupPerUser(boolean perUser) {
            this.groupPerUser = perUser;
            return this;
        }

        /**
         * Where the files of the page's {@code @Upload}s are staged, and how many bytes one
         * WebSocket connection may upload in all. Default: a fresh owner-only temporary directory
         * and 1 GB. A given directory is created owner-only if missing, and staged files an earlier
         * run left in it are deleted when the handler is built.
         *
         * @param directory the staging directory, or null for a fresh temporary one
         */
        public Builder<S> uploads(Path directory, long maxBytesPerConnection) {
            if (maxBytesPerConnection < 1) {
                throw new IllegalArgumentException(
                        "maxBytesPerConnection must be positive: " + maxBytesPerConnection);
            }
            this.uploadDirectory = directory;
            this.maxUploadBytesPerConnection = maxBytesPerConnection;
            return this;
        }

        /**
         * Reports this page's meters to {@code registry} (Micrometer, an optional dependency: an
         * application that does not call this needs none of it). Every meter carries the tag {@code
         * page} with {@code page}; the names and tags are listed in {@code docs/runtime.md},
         * "Metrics".
         *
         * @param page the {@code page} tag, e.g. {@code "todos"}: one per handler ({@link #build()}
         *     throws {@link IllegalStateException} when another handler reports to the registry
         *     under the same one)
         */
        public Builder<S> metrics(MeterRegistry registry, String page) {
            Objects.requireNonNull(registry, "registry");
            if (page == null || page.isBlank()) {
                throw new IllegalArgumentException("the page tag must not be blank");
            }
            this.meterRegistry = registry;
            this.metricsPage = page;
            return this;
        }

        /**
         * The signer of the page's direct-mode uploads ({@code @Upload(mode = DIRECT)}): it returns
         * the URL and headers the browser PUTs each file to (docs/runtime.md, Uploads). Without
         * one, a direct upload's files are refused.
         */
        public Builder<S> presigner(io.github.livetemplate.runtime.Presigner presigner) {
            this.presigner = java.util.Objects.requireNonNull(presigner, "presigner");
            return this;
        }

        /**
         * Whether every request this handler answers (page loads, posts, WebSocket upgrades, the
         * client script) is logged when it completes, at INFO on logger {@code
         * io.github.livetemplate.access} (default {@code false}): method, path, the names of the
         * query parameters (never their values), status ({@code 101} for an upgrade), bytes sent
         * and duration, as {@code GET /chat?room 200 5123 B 2.4 ms}. No cookies, no headers.
         */
        public Builder<S> accessLog(boolean enabled) {
            this.accessLog = enabled;
            return this;
        }

        /** The authenticator, or the one the shortcuts describe; {@code null} when no users. */
        private Authenticator users() {
            boolean shortcuts = identify != null || signInPath != null || groupPerUser;
            if (authenticator != null) {
                if (shortcuts) {
                    throw new IllegalStateException(
                            "authenticator(...) is set: configure its refusal and session groups"
                                    + " there instead of identify/requireSignIn/sessionGroupPerUser");
                }
                return authenticator;
            }
            if (!shortcuts) {
                return null;
            }
            Authenticator a = Authenticator.of(identify != null ? identify : exchange -> null);
            if (signInPath != null) {
                a = a.requireSignIn(signInPath);
            }
            return groupPerUser ? a.withSessionGroups(Authenticator.SessionGroups.PER_USER) : a;
        }

        /**
         * How long an upload entry may receive nothing (its announcement, then each chunk) before
         * it is refused, its staged file deleted and the refusal counted. Default 60 s.
         */
        public Builder<S> uploadIdleTimeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("the upload idle timeout must be positive");
            }
            this.uploadIdleTimeout = timeout;
            return this;
        }

        /**
         * Dev mode (docs/dev-mode.md); default: the system property {@value #DEV_PROPERTY}, else
         * off. Pages get a small script that shows template errors, the exception of an action that
         * threw and a banner while the server is unreachable, and reconnects as soon as the server
         * answers again; the heartbeat defaults to 1 s; {@link LiveHandler#reload} swaps the
         * renderer. Never in production: exceptions reach the browser.
         */
        public Builder<S> devMode(boolean on) {
            this.devMode = on;
            return this;
        }

        /** The system property that turns {@link #devMode(boolean)} on by default. */
        public static final String DEV_PROPERTY = "livetemplate.dev";

        /** Builds the handler. */
        public LiveHandler<S> build() {
            if (meterRegistry != null) {
                MicrometerMetrics.requireUnused(meterRegistry, metricsPage);
            }
            Authenticator users = users();
            if (openTopics && topicAccess != null) {
                throw new IllegalStateException(
                        "topicAccess and openTopics are mutually exclusive");
            }
            TopicAccess access = openTopics ? (topic, ctx) -> true : topicAccess;
            PushHub<S> push =
                    new PushHub<>(
                            broadcaster != null ? broadcaster : new InProcessBroadcaster(), access);
            // A page with uploads takes the client's 256 KiB chunks in one message.
            int messageBytes = PageEngine.maxMessageBytes(actions, maxMessageBytes);
            HandlerConfig config =
                    new HandlerConfig(
                            allowedOrigins,
                            trustForwardedHeaders,
                            webSocket,
                            messageBytes,
                            loading,
                            devMode && heartbeatMillis < 0 ? 1000 : heartbeatMillis,
                            cookieName,
                            maxQueuedMessages,
                            httpStateTtl.toMillis(),
                            maxHttpStates,
                            clientScriptUrl,
                            users == null ? null : users::user);
            PageEngine<S> engine =
                    new PageEngine<>(
                            renderer,
                            actions,
                            initialState,
                            frameListener,
                            sessionStore != null ? sessionStore : new MemorySessionStore(),
                            push,
                            csrf != null ? csrf : CsrfTokens.perJvm(),
                            jsonLimits != null
                                    ? jsonLimits
                                    // Strings as long as a message may be: the size bounds them.
                                    : new JsonLimits(
                                            JsonLimits.DEFAULT.maxDepth(),
                                            Math.max(messageBytes, 1),
                                            JsonLimits.DEFAULT.maxNumberLength()));
            engine.configureUploads(uploadDirectory, maxUploadBytesPerConnection);
            engine.configureUploads(presigner, uploadIdleTimeout);
            engine.devMode(devMode);
            Limits limits =
                    new Limits(
                            outboundMessages,
                            outboundBytes,
                            actionsPerSecond,
                            Math.max(actionBurst, actionsPerSecond > 0 ? 1 : 0),
                            Limits.DEFAULT.refusalsBeforeClose(),
                            maxConnections,
                            maxConnectionsPerGroup,
                            allowedHosts,
                            new SecurityHeaders(contentSecurityPolicy, referrerPolicy),
                            webSocketIdleMillis,
                            bodyTimeoutMillis);
            LivePageHandler<S> page =
                    new LivePageHandler<>(
                            engine,
                            config,
                            limits,
                            new FormConfig(nativeForms, maxFormBytes),
                            UserConfig.of(users));
            if (meterRegistry != null) {
                // The only reference to Micrometer's classes, reached only with a registry.
                engine.configureMetrics(
                        MicrometerMetrics.bind(
                                meterRegistry,
                                metricsPage,
                                page.webSockets().counters(),
                                page.webSockets()::openConnections,
                                engine,
                                push));
            }
            return new LiveHandler<>(page, push, engine, accessLog);
        }

        @Override
        public String toString() {
            return "LiveHandler.Builder[origins=" + Arrays.toString(allowedOrigins.toArray()) + "]";
        }
    }
}
