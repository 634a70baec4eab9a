package io.github.livetemplate.runtime.engine;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.livetemplate.runtime.Flash;
import io.github.livetemplate.runtime.TemplateContext;
import io.github.livetemplate.runtime.TopicForbiddenException;
import io.github.livetemplate.runtime.UploadedFile;
import io.github.livetemplate.runtime.Utf8Buffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Internal: one session of a live page — the state the client was last sent, its flash messages,
 * the page URL's query, who it belongs to and what it last persisted — and every step on it. A
 * WebSocket connection has one of its own; the HTTP requests of one session group and page path
 * share one. {@link #receive(Inbound)} handles a client message for both transports: reserved
 * actions, running the action, rendering, falling back on failure, keeping the result and
 * committing its server push. A WebSocket answers with a diff, HTTP with the full tree
 * (docs/protocol.md §3.5).
 *
 * <p>Not thread-safe: every step runs on the owner's {@link SerialQueue}.
 *
 * @param <S> the state record type
 */
public final class PageSession<S> {
    private static final Logger LOG = LoggerFactory.getLogger("io.github.livetemplate");

    /**
     * The reserved pushed action that closes a signed-out user's sockets (sent to the user through
     * the push hub, so it reaches every instance).
     */
    public static final String SIGN_OUT = "__lvt_sign_out__";

    /** The action the client's change auto-wiring sends (docs/protocol.md §7.6). */
    static final String CHANGE = "change";

    private final PageEngine<S> engine;
    private final Lifecycle<S> lifecycle;

    /** The WebSocket this session belongs to; {@code null} for an HTTP session. */
    private final LiveConnection<S> connection;

    private final String path;

    private Visitor visitor;
    private Map<String, String> query;

    /** What was last loaded from or saved to the session store; {@code null}: never persist. */
    private PersistMark mark;

    /** {@code null} until mounted. */
    private S state;

    private Flash flash = Flash.none();

    /** The {@code .lvt} context of the state the client was last sent (its errors and flash). */
    private TemplateContext lvt = TemplateContext.empty();

    /**
     * The state (and context) the client was last sent while pushes are coalesced for it, else
     * {@code null}: {@link #state} has moved on without an update (docs/runtime.md §19).
     */
    private S sentState;

    private TemplateContext sentLvt;

    /**
     * Flash set by a native form post that succeeded, shown by the next page load (after the
     * redirect) and then dropped.
     */
    private Flash carried = Flash.none();

    /** The request's cookies (HTTP) or the upgrade's (WebSocket). */
    private Map<String, String> cookies = Map.of();

    /** Where the last step asked to send the browser, or {@code null}. */
    private String redirect;

    /** Async jobs taken by the connection whose {@code apply} has not run yet. */
    private int startedAsync;

    /** Work the last step registered with {@code ctx.async}, for the connection to start. */
    private List<io.github.livetemplate.runtime.Context.AsyncJob<?, ?>> asyncJobs = List.of();

    /** The cookies the last HTTP step set. */
    private List<io.github.livetemplate.runtime.ResponseCookie> setCookies = List.of();

    /**
     * Staged uploads of a WebSocket session; {@code null} until its first upload message. Volatile:
     * an HTTP thread asks it whether it announced a proxied file ({@link #announcedProxied}).
     */
    private volatile UploadSession uploads;

    /** The completed uploads of the action being run; empty outside {@link #receiveWithUploads}. */
    private Map<String, List<UploadedFile>> callUploads = Map.of();

    PageSession(
            PageEngine<S> engine,
            LiveConnection<S> connection,
            Visitor visitor,
            String path,
            Map<String, String> query,
            PersistMark mark) {
        this.engine = engine;
        this.lifecycle = engine.lifecycle();
        this.connection = connection;
        this.visitor = visitor;
        this.path = path;
        this.query = query;
        this.mark = mark;
    }

    // ------------------------------------------------------------------ client messages

    /** Handles one message as text (a WebSocket frame). */
    Reply receive(String text) {
        Inbound msg;
        try {
            JsonNode root = Inbound.tree(text, engine.inboundMapper(), engine.jsonLimits());
            if (!overHttp() && state != null && UploadSession.claims(root)) {
                return uploads().receive(root, this); // docs/protocol.md §9.1
            }
            msg = Inbound.fromTree(root);
        } catch (Inbound.MalformedException e) {
            return malformed(e);
        }
        return receive(msg);
    }

    /**
     * Handles a WebSocket message that was let past the action rate limit because it looks like an
     * upload chunk: it is run only when it is one, otherwise answered with {@code refusal}.
     */
    Reply receiveUploadChunk(String text, String refusal) {
        JsonNode root;
        try {
            root = Inbound.tree(text, engine.inboundMapper(), engine.jsonLimits());
        } catch (Inbound.MalformedException e) {
            return malformed(e);
        }
        if (overHttp() || state == null || !UploadSession.isChunk(root)) {
            return refusal(text, refusal);
        }
        return uploads().receive(root, this);
    }

    /** This session's uploads (a WebSocket's or an HTTP group's), created on first use. */
    private UploadSession uploads() {
        if (uploads == null) {
            uploads =
                    new UploadSession(
                            engine.uploadRules(),
                            connection == null ? null : connection::offerUploadRefresh);
        }
        return uploads;
    }

    /**
     * Runs action {@code msg} with {@code files} as the call's {@link
     * io.github.livetemplate.runtime.Context#uploads completed uploads}.
     */
    Reply receiveWithUploads(Inbound msg, Map<String, List<UploadedFile>> files) {
        callUploads = files;
        try {
            return receive(msg);
        } finally {
            callUploads = Map.of();
        }
    }

    /**
     * Handles an upload message posted over HTTP with {@code X-Lvt-Upload: start} or {@code
     * complete} (docs/protocol.md, Uploads over HTTP): the same checks as over the WebSocket,
     * against this HTTP session's entries and budget.
     */
    public Reply receiveUpload(byte[] utf8) {
        clearEffects();
        if (state == null) {
            Reply failed = mountOnDemand();
            if (failed != null) {
                return failed;
            }
        }
        JsonNode root;
        try {
            root =
                    Inbound.tree(
                            new String(utf8, java.nio.charset.StandardCharsets.UTF_8),
                            engine.inboundMapper(),
                            engine.jsonLimits());
        } catch (Inbound.MalformedException e) {
            return malformed(e);
        }
        if (!UploadSession.claims(root) || UploadSession.isChunk(root)) {
            Utf8Buffer out = buffer();
            Outbound.failure(
                    out,
                    Map.of(Outcome.ERROR_KEY, "X-Lvt-Upload takes upload_start or upload_complete"),
                    null);
            return Reply.of(bytes(out));
        }
        return uploads().receive(root, this, true);
    }

    /**
     * Reads a multipart post's parts (docs/runtime.md, Uploads over HTTP): fields are collected,
     * each file part of a declared upload is checked like a chunked upload and handed to its action
     * (staged, or streamed in proxied mode). See {@link MultipartUpload}.
     *
     * @param tokenValid checks the {@code lvt-csrf} field before any file is read; {@code null}
     *     when the request needs no token (it carries {@code X-Lvt-Upload})
     */
    public MultipartUpload.Result receiveMultipart(
            MultipartUpload.Parts parts,
            java.util.function.Predicate<String> tokenValid,
            boolean json)
            throws java.io.IOException {
        clearEffects();
        if (state == null && mountOnDemand() != null) {
            return MultipartUpload.Result.pageBroken();
        }
        return new MultipartUpload(engine.uploadRules(), uploads(), this, json)
                .read(parts, tokenValid);
    }

    /**
     * Whether this (WebSocket) session announced proxied file {@code clientName} of {@code upload}.
     */
    boolean announcedProxied(String upload, String clientName) {
        UploadSession u = uploads;
        return u != null && u.announcedProxied(upload, clientName);
    }

    /**
     * The HTTP answer to a proxied post that ran on this WebSocket session: an empty tree (the
     * socket sent the update; applying it twice could repeat a range's insertions) and the meta of
     * the state now shown, for the client's form lifecycle.
     */
    byte[] unchangedAnswer(String action) {
        Utf8Buffer out = buffer();
        Outbound.beginUpdate(out);
        out.writeAscii("{}");
        Outbound.endUpdate(out, lvt.errors(), action);
        return bytes(out);
    }

    /** A form post refused before its action ran: the page shows {@code errors}. */
    Submitted refusedForm(Map<String, String> errors) {
        state = lifecycle.display(state, errors, flash);
        return new Submitted(false, errors);
    }

    /** Like {@link #submit} with {@code files} as the call's completed uploads. */
    Submitted submitWithUploads(
            String action, Map<String, Object> data, Map<String, List<UploadedFile>> files) {
        callUploads = files;
        try {
            return submit(action, "", data);
        } finally {
            callUploads = Map.of();
        }
    }

    /** Handles one message as UTF-8 bytes (a POST body). */
    public Reply receive(byte[] utf8) {
        Inbound msg;
        try {
            msg = Inbound.parse(utf8, 0, utf8.length, engine.inboundMapper(), engine.jsonLimits());
        } catch (Inbound.MalformedException e) {
            return malformed(e);
        }
        return receive(msg);
    }

    /**
     * Handles one client message: {@code __ping__}, {@code __navigate__} or an action. A WebSocket
     * session that is not live ignores it; an HTTP session mounts first when it has no state yet.
     */
    Reply receive(Inbound msg) {
        clearEffects();
        if (state == null) {
            if (!overHttp()) {
                return Reply.NONE;
            }
            Reply failed = mountOnDemand();
            if (failed != null) {
                return failed;
            }
        }
        String action = msg.action();
        if (action.equals(Inbound.PING) && !overHttp()) {
            return Reply.of(Outbound.PONG); // docs/protocol.md §7.1: exactly this, nothing rendered
        }
        long started = clock();
        PushContext push = hub().callContext(connection);
        Outcome<S> o;
        Map<String, String> keptQuery = query;
        if (action.equals(Inbound.PING)) {
            o = Outcome.unchanged(state, flash); // over HTTP: answered with the full tree
        } else if (action.equals(Inbound.NAVIGATE)) {
            o = lifecycle.navigate(this, msg, push);
            keptQuery = msg.dataAsQuery();
        } else {
            o = lifecycle.act(this, msg, push);
        }
        S previous = state;
        return answer(
                o,
                action,
                action,
                push,
                keptQuery,
                () -> update(previous, o, action),
                engine.metricAction(action),
                started);
    }

    /**
     * The failure reply to a message that is refused without being run (a rate limit, a full
     * queue): {@code "tree":{}}, {@code meta.success:false}, {@code error} under {@code _error},
     * and the message's action when it can be read, so that the client completes its form.
     */
    Reply refusal(String text, String error) {
        String action;
        try {
            action = Inbound.parse(text, engine.inboundMapper(), engine.jsonLimits()).action();
        } catch (Inbound.MalformedException e) {
            action = e.action();
        }
        Utf8Buffer out = buffer();
        Outbound.failure(out, Map.of(Outcome.ERROR_KEY, error), action);
        return Reply.of(bytes(out));
    }

    private Reply malformed(Inbound.MalformedException e) {
        Utf8Buffer out = buffer();
        Outbound.failure(out, Map.of(Outcome.ERROR_KEY, e.getMessage()), e.action());
        return Reply.of(bytes(out));
    }

    // ------------------------------------------------------------------ WebSocket lifecycle

    /** Mounts a new WebSocket, runs onConnect and answers with the first, full tree. */
    Reply connect() {
        return connect(null, false);
    }

    /**
     * Like {@link #connect()}; when {@code handedOff} is not null (the state an HTTP answer just
     * showed, see {@link HttpStates#handOff}), mount still runs (subscriptions) but the page goes
     * on from {@code handedOff}.
     */
    Reply connect(S handedOff, boolean reconnect) {
        clearEffects();
        List<byte[]> sent = new ArrayList<>(2);
        PushContext push = hub().callContext(connection);
        S initial = engine.initialState();
        Outcome<S> o;
        try {
            o = lifecycle.mountConnection(this, initial, push, reconnect);
            if (handedOff != null && redirect == null) {
                o = new Outcome<>(handedOff, o.flash(), o.errors(), false);
            }
        } catch (TopicForbiddenException e) {
            // docs/protocol.md §5.5: tell the client, keep the socket open, and give it a usable
            // page
            // (the initial state) so that it leaves its loading state.
            LOG.debug("mount refused a topic on " + path, e);
            sent.add(Outbound.topicForbidden(e.topic()));
            o = lifecycle.refused(initial, e);
            push = null;
        } catch (Exception | LinkageError | StackOverflowError e) {
            engine.warnings().warn("mount", "mount failed for a WebSocket on {}", path, e);
            return Reply.broken("mount failed", sent);
        }
        byte[] tree;
        try {
            Utf8Buffer out = buffer();
            if (redirect != null) {
                Outbound.redirect(out, redirect, o.errors(), null);
            } else {
                Outbound.beginUpdate(out);
                long started = clock();
                engine.renderer().writeTree(o.state(), context(o), out);
                rendered(started, false);
                Outbound.endFirstTree(out, o.errors(), null, engine.hasAction(CHANGE));
            }
            tree = bytes(out);
        } catch (RuntimeException | LinkageError | StackOverflowError e) {
            engine.warnings().warn("render", "rendering the first tree failed on {}", path, e);
            if (engine.devMode()) {
                sent.add(
                        DevErrors.envelope(
                                "template", null, "rendering failed: " + DevErrors.describe(e)));
            }
            return Reply.broken("render failed", sent);
        }
        keep(o, query);
        hub().register(connection);
        if (push != null) {
            push.commit(o.success());
        }
        sent.add(tree);
        if (engine.devMode() && engine.devProblem() != null) {
            sent.add(DevErrors.envelope("template", null, engine.devProblem()));
        }
        return new Reply(sent, null);
    }

    /**
     * Dev mode: the page's problem (or that there is none) and the full tree of the current state
     * with the engine's current renderer, as an update.
     */
    Reply refresh() {
        if (state == null) {
            return Reply.NONE;
        }
        byte[] problem = DevErrors.envelope("template", null, engine.devProblem());
        Utf8Buffer out = buffer();
        try {
            Outbound.beginUpdate(out);
            engine.renderer().writeTree(state, lvt, out);
            Outbound.endUpdate(out, Map.of(), null);
        } catch (RuntimeException | LinkageError | StackOverflowError e) {
            LOG.warn("rendering the reloaded template failed on " + path, e);
            out.release();
            return Reply.of(
                    DevErrors.envelope(
                            "template", null, "rendering failed: " + DevErrors.describe(e)));
        }
        return new Reply(List.of(problem, bytes(out)), null);
    }

    /**
     * Runs a triggered or published action and answers with its update (no {@code meta.action}).
     * Connections whose states move alike share one rendered update through {@code f}.
     */
    Reply push(PushHub.Fanout f) {
        return push(f, false);
    }

    /**
     * Runs a pushed action for a connection whose client is behind (docs/runtime.md §19): the state
     * moves on and the push commits, but nothing is rendered; {@link #catchUp} later sends one diff
     * from the state the client was last sent. A failure or a redirect is not coalesced: it is
     * answered after the catch-up diff.
     */
    Reply pushBehind(PushHub.Fanout f) {
        return push(f, true);
    }

    private Reply push(PushHub.Fanout f, boolean behind) {
        if (state == null) {
            return Reply.NONE;
        }
        if (f.action().equals(SIGN_OUT)) {
            return Reply.broken(Reply.SIGNED_OUT, List.of());
        }
        clearEffects();
        long started = clock();
        PushContext push = hub().pushedContext(connection);
        S previous = state;
        Outcome<S> o = lifecycle.act(this, f.message(), push);
        String metric = engine.metricAction(f.action());
        Supplier<byte[]> render = () -> update(previous, o, null);
        if (!behind) {
            Supplier<byte[]> shared =
                    o.success()
                            ? () -> f.update(previous, lvt, o.state(), context(o), render)
                            : render;
            return answer(o, f.action(), null, push, query, shared, metric, started);
        }
        if (o.failed() || (redirect != null && o.success())) {
            Reply caught = catchUp();
            if (caught.broken()) {
                return caught;
            }
            Reply r = answer(o, f.action(), null, push, query, render, metric, started);
            List<byte[]> all = new ArrayList<>(caught.messages());
            all.addAll(r.messages());
            return new Reply(all, r.failure());
        }
        if (sentState == null) {
            sentState = state;
            sentLvt = lvt;
        }
        keep(o, query);
        push.commit(o.success());
        counted(metric, o.success() ? Metrics.SUCCESS : Metrics.ERROR, started);
        return Reply.NONE;
    }

    /** Whether pushes were coalesced since the client was last sent an update. */
    boolean behind() {
        return sentState != null;
    }

    /**
     * The one diff from the state the client was last sent to the current one, once pushes were
     * coalesced ({@link Reply#NONE} otherwise). If it cannot be rendered the page is broken: the
     * client cannot be brought up to date, so the socket closes and the client reconnects.
     */
    Reply catchUp() {
        if (sentState == null) {
            return Reply.NONE;
        }
        S from = sentState;
        TemplateContext fromLvt = sentLvt;
        sentState = null;
        sentLvt = null;
        Utf8Buffer out = buffer();
        try {
            Outbound.beginUpdate(out);
            long started = clock();
            engine.renderer().writeDiff(from, fromLvt, state, lvt, out);
            rendered(started, true);
            Outbound.endUpdate(out, lvt.errors(), null);
        } catch (RuntimeException | LinkageError | StackOverflowError e) {
            out.release();
            engine.warnings().warn("render", "rendering the catch-up update failed on {}", path, e);
            return Reply.broken("render failed", List.of());
        }
        byte[] bytes = bytes(out);
        Metrics m = engine.metrics();
        if (m != Metrics.NONE) {
            m.update(bytes.length);
        }
        return Reply.of(bytes);
    }

    /** Runs onDisconnect on the socket's last state; only its publishes go out. */
    void disconnect() {
        if (uploads != null) {
            uploads.discardAll(); // staged files never outlive their connection
        }
        PushContext push = hub().callContext(null); // no connection any more: publishes only
        if (lifecycle.disconnect(this, push)) {
            push.commit(true);
        }
    }

    // ------------------------------------------------------------------ HTTP

    /** Who the current HTTP request is from and the query of its URL; every request tells anew. */
    public PageSession<S> forRequest(Visitor visitor, Map<String, String> query) {
        return forRequest(visitor, query, Map.of());
    }

    /** Like {@link #forRequest(Visitor, Map)}, with the request's cookies. */
    public PageSession<S> forRequest(
            Visitor visitor, Map<String, String> query, Map<String, String> cookies) {
        this.visitor = visitor;
        this.query = query;
        this.cookies = Map.copyOf(cookies); // once, so that each call's Context shares it
        return this;
    }

    /**
     * Where the last step (page load, form post, JSON post) asked to send the browser ({@link
     * io.github.livetemplate.runtime.Context#redirect}), or {@code null}.
     */
    public String redirect() {
        return redirect;
    }

    /** The cookies the last HTTP step set, in order. */
    public List<io.github.livetemplate.runtime.ResponseCookie> cookiesToSet() {
        return setCookies;
    }

    /** {@code list} followed by {@code more}, immutable; no list is held while there is none. */
    private void setCookie(io.github.livetemplate.runtime.ResponseCookie cookie) {
        setCookies = append(setCookies, List.of(cookie));
    }

    private static <T> List<T> append(List<T> list, List<? extends T> more) {
        if (more.isEmpty()) {
            return list;
        }
        if (list.isEmpty()) {
            return List.copyOf(more);
        }
        List<T> all = new ArrayList<>(list);
        all.addAll(more);
        return List.copyOf(all);
    }

    /** Takes what a completed call asked for: a redirect (only on success) and cookies. */
    void effects(io.github.livetemplate.runtime.Context ctx, boolean success) {
        if (success && ctx.redirectLocation() != null) {
            redirect = ctx.redirectLocation();
        }
        setCookies = append(setCookies, ctx.cookiesToSet());
        asyncJobs = append(asyncJobs, ctx.asyncJobs());
    }

    private void clearEffects() {
        redirect = null;
        setCookies = List.of();
        asyncJobs = List.of();
    }

    /** Takes the work the last step registered with {@code ctx.async}. */
    List<io.github.livetemplate.runtime.Context.AsyncJob<?, ?>> takeAsyncJobs() {
        if (asyncJobs.isEmpty()) {
            return List.of();
        }
        List<io.github.livetemplate.runtime.Context.AsyncJob<?, ?>> out = asyncJobs;
        asyncJobs = List.of();
        startedAsync += out.size();
        return out;
    }

    /** Applies finished async work to the current state and answers with the update. */
    Reply applyAsync(
            io.github.livetemplate.runtime.Context.AsyncJob<?, ?> job,
            Object result,
            Throwable error) {
        if (state == null) {
            return Reply.NONE;
        }
        clearEffects();
        long started = clock();
        startedAsync = Math.max(0, startedAsync - 1); // this one is done: .lvt.Pending may flip
        PushContext push = hub().callContext(connection);
        S previous = state;
        Outcome<S> o = lifecycle.applyAsync(this, job, result, error, push);
        return answer(
                o, "async", null, push, query, () -> update(previous, o, null), "async", started);
    }

    /**
     * Mounts from the initial state for a page load: a page load starts over, and its state is the
     * session's from now on.
     *
     * @return false when mount failed (logged)
     */
    public boolean load() {
        clearEffects();
        PushContext push = hub().callContext(null);
        Outcome<S> o;
        Flash shown =
                engine.flashCarrier()
                        .pickUp(PersistedState.key(this), carried, cookies, this::setCookie);
        carried = Flash.none();
        try {
            o = lifecycle.mountPage(this, engine.initialState(), shown, push);
            push.commit(o.success());
        } catch (Exception | LinkageError | StackOverflowError e) {
            engine.warnings().warn("mount", "mount failed for {}", path, e);
            return false;
        }
        keep(o, query);
        return true;
    }

    /** The full page of the current state, after {@link #load()}. */
    public Utf8Buffer html(String wrapperId, boolean loading) {
        Utf8Buffer out = new Utf8Buffer(engine.sizeHint() + 256);
        long started = clock();
        engine.renderer().writeHtml(state, lvt, wrapperId, loading, out);
        rendered(started, false);
        engine.sizeSeen(out.length());
        return out;
    }

    /** The full tree with meta (the JSON GET of HTTP mode); mounts first when not yet mounted. */
    public Reply tree() {
        if (state == null) {
            Reply failed = mountOnDemand();
            if (failed != null) {
                return failed;
            }
        }
        Utf8Buffer out = buffer();
        Outbound.beginUpdate(out);
        long started = clock();
        engine.renderer().writeTree(state, lvt, out);
        rendered(started, false);
        Outbound.endFirstTree(out, Map.of(), null, engine.hasAction(CHANGE));
        return Reply.of(bytes(out));
    }

    /** What a native form post did: the page failed, or the action ran with these errors. */
    public record Submitted(boolean broken, Map<String, String> errors) {
        /** Whether the action succeeded (answer with a redirect to the page). */
        public boolean success() {
            return !broken && errors.isEmpty();
        }
    }

    /**
     * Runs the action of a form posted without the client (docs/runtime.md, "Forms without
     * JavaScript"). On success the state is kept and the action's flash is carried to the next
     * {@link #load()} (the page the transport redirects to); with errors the state, with the errors
     * as page data, is kept for the transport to render with {@link #html}.
     *
     * @param data the form's fields (strings, or lists of strings for repeated names)
     */
    public Submitted submit(String action, String submitter, Map<String, Object> data) {
        if (state == null && mountOnDemand() != null) {
            return new Submitted(true, Map.of(Outcome.ERROR_KEY, "the page could not be loaded"));
        }
        clearEffects();
        long started = clock();
        PushContext push = hub().callContext(null);
        Outcome<S> o = lifecycle.act(this, new Inbound(action, data, submitter), push);
        counted(
                engine.metricAction(action),
                o.failed() ? Metrics.FAILED : o.success() ? Metrics.SUCCESS : Metrics.ERROR,
                started);
        if (o.failed()) {
            // Nothing ran to completion; show the message with the state as it was.
            state = lifecycle.display(state, o.errors(), flash);
            return new Submitted(false, o.errors());
        }
        keep(o, query);
        push.commit(o.success());
        if (o.success()) {
            carried =
                    engine.flashCarrier()
                            .carry(PersistedState.key(this), o.flash(), this::setCookie);
        }
        return new Submitted(false, o.errors());
    }

    /**
     * Runs a form's action posted by the client as a form (a multipart post of plain file inputs,
     * docs/protocol.md §7.7) and answers with the full tree, like a JSON post.
     */
    public Reply receiveForm(String action, String submitter, Map<String, Object> data) {
        return receive(new Inbound(action, data, submitter));
    }

    /** Mounts an HTTP session on its first request; {@code null} when it worked. */
    private Reply mountOnDemand() {
        if (load()) {
            return null;
        }
        Utf8Buffer out = buffer();
        Outbound.failure(out, Map.of(Outcome.ERROR_KEY, "the page could not be loaded"), null);
        return Reply.broken("mount failed", List.of(bytes(out)));
    }

    /** Takes over a closed WebSocket's last state, flash and persisted mark. */
    void adopt(S lastState, Flash lastFlash, PersistMark lastMark) {
        state = lastState;
        flash = lastFlash;
        lvt = TemplateContext.of(Map.of(), lastFlash, engine.devMode());
        if (lastMark != null) {
            mark = lastMark;
        }
    }

    // ------------------------------------------------------------------ one step's answer

    /**
     * Renders {@code o} (or its failure), keeps it when it rendered, commits its push and answers.
     *
     * @param action the action, for logs and error messages
     * @param echo {@code meta.action}, or {@code null} to leave it out
     * @param keptQuery the query the session has once {@code o} is kept
     * @param metric the action's name in the metrics (never free client input)
     * @param started {@link #clock()} before the action ran
     */
    private Reply answer(
            Outcome<S> o,
            String action,
            String echo,
            PushContext push,
            Map<String, String> keptQuery,
            Supplier<byte[]> render,
            String metric,
            long started) {
        if (o.failed()) {
            Utf8Buffer out = buffer();
            Outbound.failure(out, o.errors(), echo);
            counted(metric, Metrics.FAILED, started);
            if (engine.devMode() && !overHttp()) {
                // docs/dev-mode.md: the page's dev script shows why the action failed.
                return new Reply(
                        List.of(
                                DevErrors.envelope(
                                        "action", action, o.errors().get(Outcome.ERROR_KEY)),
                                bytes(out)),
                        null);
            }
            return Reply.of(bytes(out));
        }
        byte[] bytes;
        try {
            if (redirect != null && o.success()) {
                Utf8Buffer out = buffer();
                Outbound.redirect(out, redirect, o.errors(), echo);
                bytes = bytes(out);
            } else {
                bytes = render.get();
            }
        } catch (RuntimeException | LinkageError | StackOverflowError e) {
            engine.warnings()
                    .warn("render", "rendering after action \"{}\" failed on {}", action, path, e);
            String message = "action \"" + action + "\" failed (render error)";
            if (engine.devMode()) {
                // docs/dev-mode.md: the generated methods in the frames name template lines.
                message += ": " + DevErrors.describe(e);
            }
            Utf8Buffer out = buffer();
            Outbound.failure(out, Map.of(Outcome.ERROR_KEY, message), echo);
            counted(metric, Metrics.RENDER_ERROR, started);
            if (engine.devMode() && !overHttp()) {
                return new Reply(
                        List.of(DevErrors.envelope("action", action, message), bytes(out)), null);
            }
            return Reply.of(bytes(out));
        }
        keep(o, keptQuery);
        push.commit(o.success());
        counted(metric, o.success() ? Metrics.SUCCESS : Metrics.ERROR, started);
        Metrics m = engine.metrics();
        if (m != Metrics.NONE) {
            m.update(bytes.length);
        }
        return Reply.of(bytes);
    }

    /** {@link System#nanoTime()} when metrics are on, else 0 (no clock read without them). */
    private long clock() {
        return engine.metrics() == Metrics.NONE ? 0 : System.nanoTime();
    }

    /** Reports an action that ran, timed from {@code started}. */
    private void counted(String metric, String outcome, long started) {
        Metrics m = engine.metrics();
        if (m != Metrics.NONE) {
            m.action(metric, outcome, System.nanoTime() - started);
        }
    }

    /** Reports a full render ({@code diff} false) or a diff timed from {@code started}. */
    private void rendered(long started, boolean diff) {
        Metrics m = engine.metrics();
        if (m != Metrics.NONE) {
            long nanos = System.nanoTime() - started;
            if (diff) {
                m.diff(nanos);
            } else {
                m.render(nanos);
            }
        }
    }

    /** The update from {@code previous}: a diff over a WebSocket, the full tree over HTTP. */
    private byte[] update(S previous, Outcome<S> o, String echo) {
        Utf8Buffer out = buffer();
        Outbound.beginUpdate(out);
        TemplateContext next = context(o);
        long started = clock();
        if (overHttp()) {
            engine.renderer().writeTree(o.state(), next, out);
        } else {
            engine.renderer().writeDiff(previous, lvt, o.state(), next, out);
        }
        rendered(started, !overHttp());
        Outbound.endUpdate(out, o.errors(), echo);
        return bytes(out);
    }

    private void keep(Outcome<S> o, Map<String, String> keptQuery) {
        state = o.state();
        flash = o.flash();
        lvt = context(o);
        query = keptQuery;
    }

    /**
     * The {@code .lvt} context a step's result renders with: its field errors, the flash, and
     * whether the page runs in dev mode ({@code .lvt.DevMode}).
     */
    private TemplateContext context(Outcome<?> o) {
        TemplateContext c =
                TemplateContext.of(o.errors(), o.flash(), engine.devMode())
                        .withPending(pendingAsync() > 0);
        return uploads == null ? c : c.withUploads(uploads.snapshot());
    }

    /** Async work registered or running and not applied yet: {@code .lvt.Pending} while > 0. */
    private int pendingAsync() {
        return asyncJobs.size() + startedAsync;
    }

    /**
     * Over a WebSocket: the update that shows the connection's changed upload entries ({@code
     * .lvt.Uploads}), or {@code null} when nothing shown changed.
     */
    byte[] refreshUploads() {
        if (overHttp() || state == null || uploads == null) {
            return null;
        }
        TemplateContext next = lvt.withUploads(uploads.snapshot());
        if (next.equals(lvt)) {
            return null;
        }
        Utf8Buffer out = buffer();
        Outbound.beginUpdate(out);
        boolean changed = engine.renderer().writeDiff(state, lvt, state, next, out);
        lvt = next;
        if (!changed) {
            out.release();
            return null; // the template shows no upload state
        }
        Outbound.endUpdate(out, lvt.errors(), null);
        return bytes(out);
    }

    /**
     * The worker thread's spare buffer: an idle session holds none (docs/PERFORMANCE.md, heap per
     * session). Give it back with {@link #bytes}.
     */
    private Utf8Buffer buffer() {
        return Utf8Buffer.borrow(engine.sizeHint());
    }

    /** The bytes written into a {@link #buffer()}, which goes back to its thread. */
    private static byte[] bytes(Utf8Buffer out) {
        byte[] b = out.toByteArray();
        out.release();
        return b;
    }

    private PushHub<S> hub() {
        return engine.hub();
    }

    // ------------------------------------------------------------------ read by the lifecycle

    /** Whether the session has a state (mounted, or adopted from a closed socket). */
    boolean mounted() {
        return state != null;
    }

    boolean overHttp() {
        return connection == null;
    }

    S state() {
        return state;
    }

    TemplateContext templateContext() {
        return lvt;
    }

    Flash flash() {
        return flash;
    }

    Map<String, List<UploadedFile>> callUploads() {
        return callUploads;
    }

    Map<String, String> query() {
        return query;
    }

    Map<String, String> cookies() {
        return cookies;
    }

    Visitor visitor() {
        return visitor;
    }

    PersistMark mark() {
        return mark;
    }

    String path() {
        return path;
    }
}
