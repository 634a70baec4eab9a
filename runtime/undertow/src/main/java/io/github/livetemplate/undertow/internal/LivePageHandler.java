package io.github.livetemplate.undertow.internal;

import io.github.livetemplate.runtime.FrameListener;
import io.github.livetemplate.runtime.engine.HttpStates;
import io.github.livetemplate.runtime.engine.PageEngine;
import io.github.livetemplate.runtime.engine.PageSession;
import io.github.livetemplate.runtime.engine.Reply;
import io.github.livetemplate.runtime.engine.Upgrade;
import io.github.livetemplate.runtime.engine.Visitor;
import io.undertow.io.Receiver;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderMap;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;
import io.undertow.util.SameThreadExecutor;
import io.undertow.util.StatusCodes;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Internal: the HTTP side of one live page (docs/protocol.md §2, §3.4, §3.5). Routes
 *
 * <ul>
 *   <li>{@code GET <mount>/_lvt/client-<version>.js} → the client script;
 *   <li>{@code HEAD} → 200 with {@code X-LiveTemplate-WebSocket}, no body, no render;
 *   <li>{@code GET} with {@code Upgrade: websocket} → origin check, session, handshake;
 *   <li>{@code GET} with {@code Accept: application/json} → the full tree with meta;
 *   <li>other {@code GET}s → the page: mount, render, script tag, session cookie;
 *   <li>{@code POST} of {@code application/json} → origin check, the action on the session group's
 *       HTTP state, the full tree with meta.
 * </ul>
 *
 * <p>Only HTTP I/O happens here (routing, origin check, cookie, body, status and headers): what a
 * request does to the page is a step of the session group's {@link PageSession}, run on its serial
 * queue on a worker thread.
 *
 * @param <S> the state record type
 */
public final class LivePageHandler<S> implements HttpHandler {
    private static final Logger LOG = LoggerFactory.getLogger("io.github.livetemplate");

    /** The header the client's HEAD probe reads. */
    public static final HttpString WEBSOCKET_HEADER = new HttpString("X-LiveTemplate-WebSocket");

    private static final String JSON = "application/json";
    private static final String HTML = "text/html; charset=utf-8";

    private final PageEngine<S> engine;
    private final HandlerConfig config;
    private final HttpStates<S> httpStates;
    private final WebSocketEndpoint<S> webSockets;
    private final RequestOrigin origin;
    private final SessionCookie cookie;
    private final String wsHeaderValue;
    private final FormConfig forms;
    private final UserConfig users;
    private final HostCheck hosts;
    private final SecurityHeaders securityHeaders;
    private final long bodyTimeoutMillis;

    /** Set when a graceful shutdown begins: page loads and upgrades get 503. */
    private volatile boolean shuttingDown;

    /** The user identified for an exchange, so that the authenticator runs once per request. */
    private static final io.undertow.util.AttachmentKey<String> USER =
            io.undertow.util.AttachmentKey.create(String.class);

    private final java.util.concurrent.atomic.AtomicLong refusedForms =
            new java.util.concurrent.atomic.AtomicLong();

    public LivePageHandler(PageEngine<S> engine, HandlerConfig config) {
        this(engine, config, Limits.DEFAULT, FormConfig.DEFAULT, UserConfig.NONE);
    }

    /**
     * A handler with its limits, native form and sign-in settings.
     *
     * @param unresolved outbound bounds, rate limits and connection caps of the WebSockets
     */
    public LivePageHandler(
            PageEngine<S> engine,
            HandlerConfig config,
            Limits unresolved,
            FormConfig forms,
            UserConfig users) {
        Limits limits = unresolved.resolvedFor(config.heartbeatMillis());
        this.users = users;
        this.forms = forms;
        this.engine = engine;
        this.config = config;
        this.httpStates =
                new HttpStates<>(
                        engine,
                        config.httpStateTtlMillis(),
                        config.maxHttpStates(),
                        config.queueCapacity());
        this.webSockets =
                new WebSocketEndpoint<>(
                        engine,
                        httpStates,
                        config.maxMessageBytes(),
                        config.queueCapacity(),
                        limits,
                        new Counters(),
                        ex ->
                                plain(
                                        ex,
                                        StatusCodes.BAD_REQUEST,
                                        "not a valid WebSocket handshake"));
        this.origin = new RequestOrigin(config.trustForwardedHeaders(), config.allowedOrigins());
        this.cookie = new SessionCookie(config.cookieName(), origin);
        this.wsHeaderValue = config.webSocket() ? "enabled" : "disabled";
        this.hosts = new HostCheck(limits.allowedHosts(), origin);
        this.securityHeaders = limits.headers();
        this.bodyTimeoutMillis = limits.bodyTimeoutMillis();
    }

    public WebSocketEndpoint<S> webSockets() {
        return webSockets;
    }

    /**
     * How many state-changing requests were refused for a missing or wrong CSRF token, a foreign
     * origin or {@code Sec-Fetch-Site: cross-site}.
     */
    public long refusedRequests() {
        return refusedForms.get();
    }

    /** Counts a refused request; logs it once at INFO, later ones at FINE. */
    private void refuse(HttpServerExchange exchange, String why) {
        long n = refusedForms.incrementAndGet();
        if (n == 1) {
            LOG.info(
                    "refused a request on "
                            + exchange.getRequestPath()
                            + ": "
                            + why
                            + " (further refusals are logged at DEBUG)");
        } else if (LOG.isDebugEnabled()) {
            LOG.debug("refused a request on " + exchange.getRequestPath() + ": " + why);
        }
        plain(exchange, StatusCodes.FORBIDDEN, why);
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        securityHeaders.apply(exchange);
        if (!hosts.allowed(exchange)) {
            engine.warnings()
                    .warn(
                            "host",
                            "refused a request for host \""
                                    + sanitize(origin.host(exchange))
                                    + "\" on "
                                    + exchange.getRequestPath()
                                    + ": not an allowed host");
            exchange.setPersistent(false);
            plain(exchange, StatusCodes.BAD_REQUEST, "unknown host");
            return;
        }
        try {
            route(exchange);
        } catch (IllegalStateException | IllegalArgumentException e) {
            // Undertow parses cookies, query and headers lazily: too many cookies, a bad escape...
            if (exchange.isResponseStarted()) {
                throw e;
            }
            engine.warnings()
                    .warn(
                            "malformed",
                            "refused a malformed request on "
                                    + exchange.getRequestPath()
                                    + ": "
                                    + sanitize(e.getMessage()));
            exchange.setPersistent(false);
            plain(exchange, StatusCodes.BAD_REQUEST, "malformed request");
        }
    }

    /** At most 200 printable characters of client-supplied text, for a log line. */
    private static String sanitize(String s) {
        if (s == null) {
            return "";
        }
        String t = s.length() > 200 ? s.substring(0, 200) + "…" : s;
        return t.replaceAll("[\\p{Cntrl}]", "?");
    }

    private void route(HttpServerExchange exchange) throws Exception {
        if (isClientScript(exchange)) {
            ClientScript.instance().handleRequest(exchange);
            return;
        }
        if (engine.devMode() && DevScript.PATH.equals(relative(exchange))) {
            DevScript.serve(exchange);
            return;
        }
        HttpString method = exchange.getRequestMethod();
        exchange.getResponseHeaders().put(WEBSOCKET_HEADER, wsHeaderValue);
        if (shuttingDown && method.equals(Methods.GET)) {
            // A page load or upgrade during the drain: let the load balancer send it elsewhere.
            exchange.getResponseHeaders().put(Headers.RETRY_AFTER, "1");
            exchange.setPersistent(false);
            plain(exchange, StatusCodes.SERVICE_UNAVAILABLE, "shutting down");
            return;
        }
        if (method.equals(Methods.HEAD)) {
            exchange.setStatusCode(StatusCodes.OK);
            exchange.endExchange();
        } else if (refusedAnonymous(exchange)) {
            return;
        } else if (method.equals(Methods.GET)) {
            if (isUpgrade(exchange)) {
                upgrade(exchange);
            } else if (wantsJson(exchange)) {
                jsonGet(exchange);
            } else {
                pageGet(exchange);
            }
        } else if (method.equals(Methods.POST)) {
            post(exchange);
        } else {
            exchange.getResponseHeaders().put(Headers.ALLOW, "GET, HEAD, POST");
            plain(exchange, StatusCodes.METHOD_NOT_ALLOWED, "method not allowed");
        }
    }

    /** Whether {@link #shutdown} has begun. */
    public boolean shuttingDown() {
        return shuttingDown;
    }

    /**
     * A graceful shutdown within {@code deadlineNanos} ({@link System#nanoTime()}): page loads and
     * upgrades get 503 from now on; messages arriving on open sockets are answered with a failure;
     * what is queued runs to its end (replies sent, persisted state saved); then every socket is
     * closed with 1001 and its close handled (onDisconnect, state to HTTP); HTTP requests in flight
     * finish. Whatever is still open at the deadline is cut off.
     *
     * @return whether everything finished before the deadline
     */
    public boolean shutdown(long deadlineNanos) throws InterruptedException {
        shuttingDown = true;
        webSockets.drain();
        // Leave a fifth of the time for the close handshakes.
        long total = deadlineNanos - System.nanoTime();
        long drainUntil = System.nanoTime() + total * 4 / 5;
        awaitUntil(webSockets::idle, drainUntil);
        webSockets.closeAll(1001, "server shutting down");
        boolean closed = awaitUntil(() -> webSockets.live() == 0, deadlineNanos);
        boolean httpIdle = awaitUntil(httpStates::idle, deadlineNanos);
        if (!closed) {
            LOG.warn(
                    "shutdown deadline passed with "
                            + webSockets.live()
                            + " WebSocket(s) still open; closing them");
            webSockets.abortAll();
        }
        if (engine.devStates() != null) {
            engine.devStates().save(); // dev mode: open pages get their state back after a restart
        }
        return closed && httpIdle;
    }

    private static boolean awaitUntil(java.util.function.BooleanSupplier done, long deadline)
            throws InterruptedException {
        while (!done.getAsBoolean()) {
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
            Thread.sleep(5);
        }
        return true;
    }

    // ------------------------------------------------------------------ routing helpers

    private static String relative(HttpServerExchange exchange) {
        String rel = exchange.getRelativePath();
        return rel.startsWith("/") ? rel : "/" + rel;
    }

    private static boolean isClientScript(HttpServerExchange exchange) {
        String rel = exchange.getRelativePath();
        return rel.equals(ClientScript.PATH)
                || (!rel.startsWith("/") && ("/" + rel).equals(ClientScript.PATH));
    }

    /** The URL pages of this handler load the client from. */
    private String scriptUrl(HttpServerExchange exchange) {
        if (config.clientScriptUrl() != null) {
            return config.clientScriptUrl();
        }
        return mountPath(exchange) + ClientScript.PATH;
    }

    /** The handler's mount path, without a trailing slash. */
    private static String mountPath(HttpServerExchange exchange) {
        String mount = exchange.getResolvedPath();
        if (mount == null) {
            mount = "";
        }
        while (mount.endsWith("/")) {
            mount = mount.substring(0, mount.length() - 1);
        }
        return mount;
    }

    private static boolean isUpgrade(HttpServerExchange exchange) {
        String up = exchange.getRequestHeaders().getFirst(Headers.UPGRADE);
        return up != null && up.toLowerCase(Locale.ROOT).contains("websocket");
    }

    private static boolean wantsJson(HttpServerExchange exchange) {
        String accept = exchange.getRequestHeaders().getFirst(Headers.ACCEPT);
        if (accept == null) {
            return false;
        }
        String a = accept.toLowerCase(Locale.ROOT);
        return a.contains(JSON) && !a.contains("text/html");
    }

    private static Map<String, String> query(HttpServerExchange exchange) {
        Map<String, Deque<String>> params = exchange.getQueryParameters();
        if (params.isEmpty()) {
            return Map.of();
        }
        Map<String, String> q = new LinkedHashMap<>();
        params.forEach(
                (k, v) -> {
                    if (!v.isEmpty()) {
                        q.put(k, v.getLast());
                    }
                });
        return q;
    }

    private static Executor worker(HttpServerExchange exchange) {
        return exchange.getConnection().getWorker();
    }

    /** The session group and the signed-in user (from the configured authenticator). */
    private Visitor visitor(HttpServerExchange exchange, String group) {
        return new Visitor(group, user(exchange));
    }

    /**
     * The signed-in user of the request (the authenticator's, once per request), {@code ""} if
     * none.
     */
    private String user(HttpServerExchange exchange) {
        String cached = exchange.getAttachment(USER);
        if (cached != null) {
            return cached;
        }
        String user = config.identify() == null ? null : config.identify().apply(exchange);
        user = user == null ? "" : user;
        exchange.putAttachment(USER, user);
        return user;
    }

    /**
     * The request's session group: the signed-in user's own with groups per user, otherwise the
     * session cookie's ({@code null} when it has none).
     */
    private String sessionGroup(HttpServerExchange exchange) {
        if (users.groupPerUser()) {
            String user = user(exchange);
            if (!user.isEmpty()) {
                return UserConfig.groupOf(user);
            }
        }
        return cookie.read(exchange);
    }

    /**
     * Whether the page refused an anonymous request: a page load is sent to the sign-in page if
     * there is one ({@code 303}, {@code ?next=} the page), anything else gets {@code 401}.
     */
    private boolean refusedAnonymous(HttpServerExchange exchange) {
        if (!users.refused() || !user(exchange).isEmpty()) {
            return false;
        }
        if (users.signInPath() != null
                && exchange.getRequestMethod().equals(Methods.GET)
                && !isUpgrade(exchange)
                && !wantsJson(exchange)) {
            seeOther(
                    exchange,
                    users.signInPath()
                            + (users.signInPath().contains("?") ? "&" : "?")
                            + "next="
                            + java.net.URLEncoder.encode(
                                    pageUrl(exchange), StandardCharsets.UTF_8));
        } else {
            exchange.getResponseHeaders().put(Headers.WWW_AUTHENTICATE, users.challenge());
            plain(exchange, StatusCodes.UNAUTHORIZED, "sign in first");
        }
        return true;
    }

    /** The group of the request's cookie; a new one (with the cookie set) when missing. */
    private String groupOrIssue(HttpServerExchange exchange) {
        String group = sessionGroup(exchange);
        return group != null ? group : cookie.issue(exchange);
    }

    /**
     * Runs {@code step} on the session of the request's group and path, on its queue, answering 503
     * when the queue is full. The session first learns who the request is from and its query.
     */
    private void onSession(
            HttpServerExchange exchange,
            String group,
            Map<String, String> query,
            Consumer<PageSession<S>> step) {
        HttpStates.Entry<S> entry =
                httpStates.acquire(group, exchange.getRequestPath(), worker(exchange));
        Runnable safe =
                () -> {
                    try {
                        step.accept(
                                entry.session()
                                        .forRequest(
                                                visitor(exchange, group),
                                                query,
                                                cookies(exchange)));
                    } catch (RuntimeException | LinkageError | StackOverflowError e) {
                        failed(exchange, e);
                        if (!exchange.isResponseStarted()) {
                            plain(exchange, StatusCodes.INTERNAL_SERVER_ERROR, "internal error");
                        } else {
                            exchange.endExchange();
                        }
                    }
                };
        exchange.dispatch(
                SameThreadExecutor.INSTANCE,
                () -> {
                    if (!entry.queue().offer(safe)) {
                        engine.warnings()
                                .warn(
                                        "busy",
                                        "busy: dropped a request on {}",
                                        exchange.getRequestPath());
                        exchange.getResponseHeaders().put(Headers.RETRY_AFTER, "1");
                        plain(exchange, StatusCodes.SERVICE_UNAVAILABLE, "busy");
                    }
                });
    }

    /** The request's cookies by name (the first of each name). */
    private static Map<String, String> cookies(HttpServerExchange exchange) {
        Map<String, String> out = new LinkedHashMap<>();
        for (io.undertow.server.handlers.Cookie c : exchange.requestCookies()) {
            out.putIfAbsent(c.getName(), c.getValue());
        }
        // Kept with the HTTP state or the connection: the usual one cookie as a compact map.
        return out.size() <= 1 ? Map.copyOf(out) : out;
    }

    /**
     * Puts the cookies the step set on the response; one named like the session cookie is refused
     * (it would move the browser to another session group) and logged.
     */
    private void setCookies(HttpServerExchange exchange, PageSession<S> session) {
        for (io.github.livetemplate.runtime.ResponseCookie c : session.cookiesToSet()) {
            if (c.name().equals(config.cookieName())) {
                LOG.warn(
                        "an action tried to set the session cookie \""
                                + c.name()
                                + "\"; refused (the runtime owns it)");
                continue;
            }
            io.undertow.server.handlers.CookieImpl out =
                    new io.undertow.server.handlers.CookieImpl(c.name(), c.value());
            out.setPath(c.path());
            out.setHttpOnly(c.httpOnly());
            out.setSameSiteMode(c.sameSite());
            if (c.maxAge() != null) {
                out.setMaxAge((int) Math.min(Integer.MAX_VALUE, c.maxAge().toSeconds()));
            }
            if ((c.secureOnHttps() && origin.secure(exchange)) || c.sameSite().equals("None")) {
                out.setSecure(true);
            }
            exchange.setResponseCookie(out);
        }
    }

    // ------------------------------------------------------------------ page GET

    private void pageGet(HttpServerExchange exchange) {
        String group = groupOrIssue(exchange);
        httpStates.notePageLoad(group, exchange.getRequestPath());
        String scriptUrl = scriptUrl(exchange);
        onSession(
                exchange,
                group,
                query(exchange),
                session -> {
                    if (!session.load()) {
                        plain(exchange, StatusCodes.INTERNAL_SERVER_ERROR, "internal error");
                        return;
                    }
                    setCookies(exchange, session);
                    if (session.redirect() != null) {
                        seeOther(exchange, session.redirect());
                        return;
                    }
                    sendPage(exchange, session, group, scriptUrl, null, null);
                });
    }

    /**
     * Sends the page of the session's current state, the CSRF field stamped; after a form post with
     * errors, with {@code errors} marked and the {@code posted} values put back.
     */
    private void sendPage(
            HttpServerExchange exchange,
            PageSession<S> session,
            String group,
            String scriptUrl,
            Map<String, String> errors,
            Map<String, Object> posted) {
        String wrapperId = PageHtml.wrapperId(engine.defaultWrapperId(), exchange.getRequestPath());
        byte[] page =
                PageHtml.assemble(
                        session.html(wrapperId, config.loading()),
                        scriptUrl,
                        wrapperId,
                        config.heartbeatMillis(),
                        engine.devMode()
                                ? DevScript.tag(mountPath(exchange), engine.devProblem())
                                : "");
        if (errors != null) {
            page =
                    FormEcho.apply(new String(page, StandardCharsets.UTF_8), errors, posted)
                            .getBytes(StandardCharsets.UTF_8);
        }
        page = engine.csrf().stamp(page, group);
        HeaderMap h = exchange.getResponseHeaders();
        h.put(Headers.CONTENT_TYPE, HTML);
        h.put(Headers.CACHE_CONTROL, "no-store");
        h.put(Headers.VARY, "Accept");
        exchange.setResponseContentLength(page.length);
        exchange.getResponseSender().send(ByteBuffer.wrap(page));
    }

    // ------------------------------------------------------------------ native form POST

    /**
     * A form posted as {@code application/x-www-form-urlencoded} or {@code multipart/form-data}
     * (docs/runtime.md, "Forms without JavaScript"): parsed on a worker thread, its CSRF token
     * checked against the session cookie's group, then its action run on the group's HTTP state.
     * Success answers 303 to the page; errors re-render the page with status 200. A client that
     * asked for JSON (its multipart post of plain file inputs) gets the full tree.
     */
    private void formPost(HttpServerExchange exchange) {
        if (exchange.getRequestContentLength() > forms.maxBytes()) {
            plain(exchange, StatusCodes.REQUEST_ENTITY_TOO_LARGE, "form too large");
            return;
        }
        if (exchange.isInIoThread()) {
            exchange.dispatch(() -> formPost(exchange));
            return;
        }
        exchange.startBlocking();
        FormPost.Posted posted;
        try {
            posted = FormPost.parse(exchange, forms.maxBytes(), engine::hasAction);
        } catch (IOException e) {
            boolean tooLarge =
                    e instanceof io.undertow.server.RequestTooBigException
                            || e
                                    instanceof
                                    io.undertow.server.handlers.form.MultiPartParserDefinition
                                            .FileTooLargeException;
            LOG.debug("cannot read a form post", e);
            exchange.setPersistent(false);
            if (tooLarge) {
                plain(exchange, StatusCodes.REQUEST_ENTITY_TOO_LARGE, "form too large");
            } else {
                plain(exchange, StatusCodes.BAD_REQUEST, "cannot read the form");
            }
            return;
        }
        String group = sessionGroup(exchange);
        if (group == null || !engine.csrf().valid(group, posted.token())) {
            refuse(
                    exchange,
                    posted.token() == null
                            ? "missing form token"
                            : "invalid form token for this session");
            return;
        }
        boolean json = wantsJson(exchange);
        String scriptUrl = scriptUrl(exchange);
        onSession(
                exchange,
                group,
                query(exchange),
                session -> {
                    if (json) {
                        Reply reply =
                                session.receiveForm(
                                        posted.action(), posted.submitter(), posted.data());
                        setCookies(exchange, session);
                        json(exchange, reply, group);
                        return;
                    }
                    PageSession.Submitted r =
                            session.submit(posted.action(), posted.submitter(), posted.data());
                    setCookies(exchange, session);
                    if (r.broken()) {
                        plain(exchange, StatusCodes.INTERNAL_SERVER_ERROR, "internal error");
                    } else if (r.success()) {
                        seeOther(
                                exchange,
                                session.redirect() != null
                                        ? session.redirect()
                                        : pageUrl(exchange));
                    } else {
                        httpStates.handOff(group, exchange.getRequestPath(), session);
                        sendPage(exchange, session, group, scriptUrl, r.errors(), posted.data());
                    }
                });
    }

    /** The page's own URL (path and query), where a successful form post redirects. */
    private static String pageUrl(HttpServerExchange exchange) {
        String q = exchange.getQueryString();
        return exchange.getRequestURI() + (q == null || q.isEmpty() ? "" : "?" + q);
    }

    /** 303 See Other to {@code location}: the browser GETs it (Post/Redirect/Get). */
    static void seeOther(HttpServerExchange exchange, String location) {
        exchange.setStatusCode(StatusCodes.SEE_OTHER);
        exchange.getResponseHeaders().put(Headers.LOCATION, location);
        exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-store");
        exchange.setResponseContentLength(0);
        exchange.endExchange();
    }

    // ------------------------------------------------------------------ JSON GET

    private void jsonGet(HttpServerExchange exchange) {
        String group = groupOrIssue(exchange);
        onSession(
                exchange, group, query(exchange), session -> json(exchange, session.tree(), group));
    }

    // ------------------------------------------------------------------ POST

    private void post(HttpServerExchange exchange) {
        if (foreign(exchange, "POST", "request")) {
            return;
        }
        String type = exchange.getRequestHeaders().getFirst(Headers.CONTENT_TYPE);
        String upload = exchange.getRequestHeaders().getFirst(UPLOAD_HEADER);
        if (upload != null || (engine.declaresUploads() && forms.enabled() && isMultipart(type))) {
            if (isMultipart(type)) {
                multipartPost(exchange, type, upload == null);
                return;
            }
        }
        if (forms.enabled() && FormPost.isForm(type)) {
            formPost(exchange);
            return;
        }
        if (type == null || !type.toLowerCase(Locale.ROOT).trim().startsWith(JSON)) {
            plain(exchange, StatusCodes.UNSUPPORTED_MEDIA_TYPE, "expected application/json");
            return;
        }
        long declared = exchange.getRequestContentLength();
        if (declared > config.maxMessageBytes()) {
            plain(exchange, StatusCodes.REQUEST_ENTITY_TOO_LARGE, "message too large");
            return;
        }
        String group = groupOrIssue(exchange);
        Map<String, String> query = query(exchange);
        Receiver receiver = exchange.getRequestReceiver();
        receiver.setMaxBufferSize(config.maxMessageBytes());
        java.util.concurrent.atomic.AtomicBoolean received =
                new java.util.concurrent.atomic.AtomicBoolean();
        if (bodyTimeoutMillis > 0) {
            // A client that stops in the middle of its body must not hold the connection.
            exchange.getIoThread()
                    .executeAfter(
                            () -> {
                                if (received.compareAndSet(false, true)) {
                                    engine.warnings()
                                            .warn(
                                                    "body-timeout",
                                                    "closing a connection: its POST body on "
                                                            + exchange.getRequestPath()
                                                            + " did not arrive within "
                                                            + bodyTimeoutMillis
                                                            + " ms");
                                    org.xnio.IoUtils.safeClose(exchange.getConnection());
                                }
                            },
                            bodyTimeoutMillis,
                            java.util.concurrent.TimeUnit.MILLISECONDS);
        }
        receiver.receiveFullBytes(
                (ex, body) -> {
                    if (!received.compareAndSet(false, true)) {
                        return; // timed out; the connection is closed
                    }
                    onSession(
                            ex,
                            group,
                            query,
                            session -> {
                                if (engine.observed()) {
                                    engine.observe(
                                            FrameListener.Transport.HTTP,
                                            FrameListener.Direction.RECEIVED,
                                            ex.getRequestPath(),
                                            new String(body, StandardCharsets.UTF_8));
                                }
                                Reply reply =
                                        upload != null
                                                ? session.receiveUpload(body)
                                                : session.receive(body);
                                setCookies(ex, session);
                                json(ex, reply, group);
                            });
                },
                (ex, error) -> {
                    received.set(true);
                    if (error instanceof Receiver.RequestToLargeException) {
                        plain(ex, StatusCodes.REQUEST_ENTITY_TOO_LARGE, "message too large");
                    } else {
                        LOG.debug("cannot read a POST body", error);
                        ex.setPersistent(false);
                        plain(ex, StatusCodes.BAD_REQUEST, "cannot read the request body");
                    }
                });
    }

    // ------------------------------------------------------------------ multipart uploads

    /** The client's upload header: {@code start}, {@code complete} (JSON) or {@code proxied}. */
    static final HttpString UPLOAD_HEADER = new HttpString("X-Lvt-Upload");

    private static boolean isMultipart(String type) {
        return type != null
                && type.toLowerCase(Locale.ROOT).trim().startsWith("multipart/form-data");
    }

    /**
     * A multipart post to a page that declares uploads (docs/runtime.md, Uploads over HTTP), read
     * as it streams in on the session's queue: the client's {@code X-Lvt-Upload: proxied} post
     * (needs no token: the custom header cannot be sent cross-site without a preflight the origin
     * check answers) or a form's post (its {@code lvt-csrf} field must precede the files).
     */
    private void multipartPost(HttpServerExchange exchange, String type, boolean needsToken) {
        String boundary = MultipartStream.boundary(type);
        if (boundary == null) {
            plain(exchange, StatusCodes.BAD_REQUEST, "multipart body without a boundary");
            return;
        }
        long max = engine.maxMultipartBytes(forms.maxBytes());
        if (exchange.getRequestContentLength() > max) {
            exchange.setPersistent(false);
            plain(exchange, StatusCodes.REQUEST_ENTITY_TOO_LARGE, "upload too large");
            return;
        }
        if (exchange.isInIoThread()) {
            exchange.dispatch(() -> multipartPost(exchange, type, needsToken));
            return;
        }
        String group = needsToken ? sessionGroup(exchange) : groupOrIssue(exchange);
        if (group == null) {
            refuse(exchange, "missing form token");
            return;
        }
        exchange.setMaxEntitySize(max);
        exchange.startBlocking();
        boolean json = wantsJson(exchange);
        String scriptUrl = scriptUrl(exchange);
        // A body that stalls must not hold the group's queue (§22 for multipart).
        StalledBody body =
                StalledBody.watch(
                        exchange,
                        exchange.getInputStream(),
                        bodyTimeoutMillis,
                        () ->
                                engine.uploadTimedOut(
                                        "closing a connection: its multipart body on "
                                                + exchange.getRequestPath()
                                                + " stalled for "
                                                + bodyTimeoutMillis
                                                + " ms"));
        io.github.livetemplate.runtime.engine.MultipartUpload.Parts parts =
                new MultipartStream(body, boundary);
        if (!needsToken) {
            // The client's proxied post: it runs on the WebSocket that announced its file.
            try {
                PeekedParts peeked = PeekedParts.read(parts);
                parts = peeked;
                io.github.livetemplate.runtime.engine.LiveConnection<S> socket =
                        peeked.fileName() == null
                                ? null
                                : engine.proxiedAnnouncer(
                                        group,
                                        exchange.getRequestPath(),
                                        peeked.fileField(),
                                        peeked.fileName());
                if (socket != null) {
                    proxiedOnSocket(exchange, socket, peeked, body, group);
                    return;
                }
            } catch (IOException e) {
                body.finish();
                unreadable(exchange, e);
                return;
            }
        }
        io.github.livetemplate.runtime.engine.MultipartUpload.Parts read = parts;
        onSession(
                exchange,
                group,
                query(exchange),
                session -> {
                    io.github.livetemplate.runtime.engine.MultipartUpload.Result r =
                            received(
                                    exchange,
                                    body,
                                    () ->
                                            session.receiveMultipart(
                                                    read,
                                                    needsToken
                                                            ? t -> engine.csrf().valid(group, t)
                                                            : null,
                                                    json));
                    if (r == null) {
                        return;
                    }
                    setCookies(exchange, session);
                    if (r.tokenRefused()) {
                        refuse(exchange, "missing or invalid form token");
                    } else if (r.broken()) {
                        plain(exchange, StatusCodes.INTERNAL_SERVER_ERROR, "internal error");
                    } else if (r.refusal() != null) {
                        exchange.setPersistent(false); // the rest of the body is not read
                        if (json) {
                            plain(exchange, 422, r.refusal());
                        } else {
                            httpStates.handOff(group, exchange.getRequestPath(), session);
                            sendPage(
                                    exchange,
                                    session,
                                    group,
                                    scriptUrl,
                                    r.submitted().errors(),
                                    null);
                        }
                    } else {
                        answerMultipart(exchange, session, group, scriptUrl, json, r);
                    }
                });
    }

    /** Reads a multipart body on a session. */
    private interface BodyRead {
        io.github.livetemplate.runtime.engine.MultipartUpload.Result read() throws IOException;
    }

    /**
     * Reads {@code body} with {@code read} and stops watching it; {@code null}, answered, when the
     * body could not be read.
     */
    private static io.github.livetemplate.runtime.engine.MultipartUpload.Result received(
            HttpServerExchange exchange, StalledBody body, BodyRead read) {
        try {
            return read.read();
        } catch (IOException e) {
            unreadable(exchange, e);
            return null;
        } finally {
            body.finish();
        }
    }

    /** Answers a multipart body that could not be read (the connection is not reused). */
    private static void unreadable(HttpServerExchange exchange, IOException e) {
        LOG.debug("cannot read a multipart post", e);
        exchange.setPersistent(false);
        if (exchange.isResponseStarted() || !exchange.getConnection().isOpen()) {
            // Cut off (a stalled body, docs/runtime.md §24): nobody is left to answer.
            exchange.endExchange();
            return;
        }
        boolean tooLarge = e instanceof io.undertow.server.RequestTooBigException;
        plain(
                exchange,
                tooLarge ? StatusCodes.REQUEST_ENTITY_TOO_LARGE : StatusCodes.BAD_REQUEST,
                tooLarge ? "upload too large" : "cannot read the multipart body");
    }

    /**
     * Runs a proxied post on the queue of the WebSocket that announced its file (docs/runtime.md
     * §24), so that the socket's state changes and the socket sends the update; the HTTP answer is
     * an empty tree. When that connection closed first (or its queue is full), the post runs on the
     * group's HTTP session as before.
     */
    private void proxiedOnSocket(
            HttpServerExchange exchange,
            io.github.livetemplate.runtime.engine.LiveConnection<S> socket,
            PeekedParts parts,
            StalledBody body,
            String group) {
        Map<String, String> query = query(exchange);
        Runnable overHttp =
                () ->
                        onSession(
                                exchange,
                                group,
                                query,
                                session -> {
                                    io.github.livetemplate.runtime.engine.MultipartUpload.Result r =
                                            received(
                                                    exchange,
                                                    body,
                                                    () ->
                                                            session.receiveMultipart(
                                                                    parts, null, true));
                                    if (r == null) {
                                        return;
                                    }
                                    setCookies(exchange, session);
                                    answerProxied(exchange, session, group, r);
                                });
        Runnable onSocket =
                () -> {
                    io.github.livetemplate.runtime.engine.MultipartUpload.Result r;
                    try {
                        r = socket.receiveProxied(parts);
                    } catch (IOException e) {
                        body.finish();
                        unreadable(exchange, e);
                        return;
                    } catch (RuntimeException | LinkageError e) {
                        body.finish();
                        failed(exchange, e);
                        plain(exchange, StatusCodes.INTERNAL_SERVER_ERROR, "internal error");
                        return;
                    }
                    if (r == null) {
                        overHttp.run(); // closed before it ran: nothing was read
                        return;
                    }
                    body.finish();
                    answerProxied(exchange, null, group, r);
                };
        exchange.dispatch(
                SameThreadExecutor.INSTANCE,
                () -> {
                    if (!socket.queue().offer(onSocket)) {
                        overHttp.run();
                    }
                });
    }

    /**
     * The answer to the client's proxied post: 422 with a refusal, else the action's JSON (run on
     * {@code session}, the HTTP one, or on a socket when {@code null}).
     */
    private void answerProxied(
            HttpServerExchange exchange,
            PageSession<S> session,
            String group,
            io.github.livetemplate.runtime.engine.MultipartUpload.Result r) {
        if (r.broken()) {
            plain(exchange, StatusCodes.INTERNAL_SERVER_ERROR, "internal error");
        } else if (r.refusal() != null) {
            exchange.setPersistent(false); // the rest of the body is not read
            plain(exchange, 422, r.refusal());
        } else if (session != null) {
            answerMultipart(exchange, session, group, null, true, r); // as any HTTP post
        } else if (r.reply() != null) {
            json(exchange, r.reply(), group);
        } else {
            plain(exchange, StatusCodes.BAD_REQUEST, "no file of a declared upload");
        }
    }

    /**
     * After the files: the form's own action runs too when it routes to another action than the
     * uploads' (a "save" button of a form with file inputs); otherwise the uploads' answer stands.
     */
    private void answerMultipart(
            HttpServerExchange exchange,
            PageSession<S> session,
            String group,
            String scriptUrl,
            boolean json,
            io.github.livetemplate.runtime.engine.MultipartUpload.Result r) {
        Map<String, java.util.List<String>> fields = new LinkedHashMap<>(r.fields());
        FormPost.Posted posted = FormPost.route(fields, 0, engine::hasAction);
        boolean formAction =
                !r.actions().contains(posted.action())
                        && (engine.hasAction(posted.action()) || !r.ranUploads());
        boolean uploadsFailed = r.submitted() != null && !r.submitted().success();
        Reply reply = r.reply();
        PageSession.Submitted submitted = r.submitted();
        if (formAction && !uploadsFailed) {
            if (json) {
                reply = session.receiveForm(posted.action(), posted.submitter(), posted.data());
            } else {
                submitted = session.submit(posted.action(), posted.submitter(), posted.data());
            }
            setCookies(exchange, session);
        }
        if (json) {
            json(exchange, reply, group);
        } else if (submitted.broken()) {
            plain(exchange, StatusCodes.INTERNAL_SERVER_ERROR, "internal error");
        } else if (submitted.success()) {
            seeOther(exchange, session.redirect() != null ? session.redirect() : pageUrl(exchange));
        } else {
            httpStates.handOff(group, exchange.getRequestPath(), session);
            sendPage(exchange, session, group, scriptUrl, submitted.errors(), posted.data());
        }
    }

    /**
     * Refuses (403) a state-changing request from another origin or site, counted in {@code
     * refusedForms}; true when refused.
     */
    private boolean foreign(HttpServerExchange exchange, String logged, String answered) {
        if (!origin.allowed(exchange)) {
            LOG.atDebug().log(
                    () ->
                            "refused a cross-origin "
                                    + logged
                                    + " from "
                                    + exchange.getRequestHeaders().getFirst(Headers.ORIGIN));
            refusedForms.incrementAndGet();
            plain(exchange, StatusCodes.FORBIDDEN, "cross-origin " + answered + " refused");
            return true;
        }
        if (FormPost.crossSite(exchange, !config.allowedOrigins().isEmpty())) {
            refuse(exchange, "cross-site " + answered + " refused");
            return true;
        }
        return false;
    }

    // ------------------------------------------------------------------ WebSocket upgrade

    private void upgrade(HttpServerExchange exchange) throws Exception {
        if (!config.webSocket()) {
            plain(exchange, StatusCodes.BAD_REQUEST, "WebSocket disabled");
            return;
        }
        if (foreign(exchange, "WebSocket", "WebSocket")) {
            return;
        }
        String group = sessionGroup(exchange);
        boolean persistent = group != null;
        if (!persistent) {
            group = SessionCookie.newId(); // a connection of its own; nothing to share with
        }
        if (!webSockets.admits(group)) {
            webSockets.counters().connectionsRefused.incrementAndGet();
            LOG.atDebug().log(
                    () -> "refused a WebSocket on " + exchange.getRequestPath() + ": at capacity");
            exchange.getResponseHeaders().put(Headers.RETRY_AFTER, "5");
            plain(exchange, StatusCodes.SERVICE_UNAVAILABLE, "too many connections");
            return;
        }
        exchange.putAttachment(
                WebSocketEndpoint.UPGRADE,
                new Upgrade(
                        visitor(exchange, group),
                        persistent,
                        exchange.getRequestPath(),
                        query(exchange),
                        cookies(exchange)));
        webSockets.handshakeHandler().handleRequest(exchange);
    }

    // ------------------------------------------------------------------ responses

    /** Logs what the application's code threw for a request (rate-limited, docs/runtime.md §23). */
    private void failed(HttpServerExchange exchange, Throwable e) {
        engine.warnings().error("request", "request on {} failed", exchange.getRequestPath(), e);
    }

    /** Writes a session's reply: its message, with status 500 when the page broke. */
    private void json(HttpServerExchange exchange, Reply reply, String group) {
        byte[] bytes = reply.last();
        if (bytes != null && group != null) {
            bytes = engine.csrf().stamp(bytes, group);
        }
        if (engine.observed()) {
            engine.observe(
                    FrameListener.Transport.HTTP,
                    FrameListener.Direction.SENT,
                    exchange.getRequestPath(),
                    new String(bytes, StandardCharsets.UTF_8));
        }
        exchange.setStatusCode(reply.broken() ? StatusCodes.INTERNAL_SERVER_ERROR : StatusCodes.OK);
        HeaderMap h = exchange.getResponseHeaders();
        h.put(Headers.CONTENT_TYPE, JSON);
        h.put(Headers.CACHE_CONTROL, "no-store");
        h.put(Headers.VARY, "Accept");
        exchange.setResponseContentLength(bytes.length);
        exchange.getResponseSender().send(ByteBuffer.wrap(bytes));
    }

    static void plain(HttpServerExchange exchange, int status, String message) {
        exchange.setStatusCode(status);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/plain; charset=utf-8");
        exchange.getResponseSender().send(message);
    }
}
