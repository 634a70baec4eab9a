package io.github.livetemplate.runtime.engine;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.livetemplate.runtime.Flash;
import io.github.livetemplate.runtime.TopicForbiddenException;
import io.github.livetemplate.runtime.UploadedFile;
import io.github.livetemplate.runtime.Utf8Buffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

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
    private static final Logger LOG = Logger.getLogger("io.github.livetemplate");

    private final PageEngine<S> engine;
    private final Lifecycle<S> lifecycle;

    /** The WebSocket this session belongs to; {@code null} for an HTTP session. */
    private final LiveConnection<S> connection;

    private final String path;

    /**
     * The buffer a WebSocket session reuses; HTTP sessions (kept long, many) allocate per answer.
     */
    private final Utf8Buffer socketBuffer;

    private Visitor visitor;
    private Map<String, String> query;

    /** What was last loaded from or saved to the session store; {@code null}: never persist. */
    private PersistMark mark;

    /** {@code null} until mounted. */
    private S state;

    private Flash flash = Flash.none();

    /** Staged uploads of a WebSocket session; {@code null} until its first upload message. */
    private UploadSession uploads;

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
        this.socketBuffer = connection != null ? new Utf8Buffer(4096) : null;
    }

    // ------------------------------------------------------------------ client messages

    /** Handles one message as text (a WebSocket frame). */
    Reply receive(String text) {
        Inbound msg;
        try {
            JsonNode root = Inbound.tree(text);
            if (!overHttp() && state != null && UploadSession.claims(root)) {
                return uploads().receive(root, this); // docs/protocol.md §9.1
            }
            msg = Inbound.fromTree(root);
        } catch (Inbound.MalformedException e) {
            return malformed(e);
        }
        return receive(msg);
    }

    /** This WebSocket's uploads, created on its first upload message. */
    private UploadSession uploads() {
        if (uploads == null) {
            uploads = new UploadSession(engine.uploadRules());
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

    /** Handles one message as UTF-8 bytes (a POST body). */
    public Reply receive(byte[] utf8) {
        Inbound msg;
        try {
            msg = Inbound.parse(utf8, 0, utf8.length);
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
        return answer(o, action, action, push, keptQuery, () -> update(previous, o, action));
    }

    private Reply malformed(Inbound.MalformedException e) {
        Utf8Buffer out = buffer();
        Outbound.failure(out, Map.of(Outcome.ERROR_KEY, e.getMessage()), e.action());
        return Reply.of(out.toByteArray());
    }

    // ------------------------------------------------------------------ WebSocket lifecycle

    /** Mounts a new WebSocket, runs onConnect and answers with the first, full tree. */
    Reply connect() {
        List<byte[]> sent = new ArrayList<>(2);
        PushContext push = hub().callContext(connection);
        S initial = engine.initialState();
        Outcome<S> o;
        try {
            o = lifecycle.mountConnection(this, initial, push);
        } catch (TopicForbiddenException e) {
            // docs/protocol.md §5.5: tell the client, keep the socket open, and give it a usable
            // page
            // (the initial state) so that it leaves its loading state.
            LOG.log(Level.FINE, "mount refused a topic on " + path, e);
            sent.add(Outbound.topicForbidden(e.topic()));
            o = lifecycle.refused(initial, e);
            push = null;
        } catch (Exception | LinkageError | StackOverflowError e) {
            LOG.log(Level.WARNING, "mount failed for a WebSocket on " + path, e);
            return Reply.broken("mount failed", sent);
        }
        byte[] tree;
        try {
            Utf8Buffer out = buffer();
            Outbound.beginUpdate(out);
            engine.renderer().writeTree(o.state(), out);
            Outbound.endUpdate(out, o.errors(), null);
            tree = out.toByteArray();
        } catch (RuntimeException | LinkageError | StackOverflowError e) {
            LOG.log(Level.WARNING, "rendering the first tree failed on " + path, e);
            return Reply.broken("render failed", sent);
        }
        keep(o, query);
        hub().register(connection);
        if (push != null) {
            push.commit(o.success());
        }
        sent.add(tree);
        return new Reply(sent, null);
    }

    /**
     * Runs a triggered or published action and answers with its update (no {@code meta.action}).
     * Connections whose states move alike share one rendered update through {@code f}.
     */
    Reply push(PushHub.Fanout f) {
        if (state == null) {
            return Reply.NONE;
        }
        PushContext push = hub().pushedContext(connection);
        S previous = state;
        Outcome<S> o = lifecycle.act(this, f.message(), push);
        Supplier<byte[]> render = () -> update(previous, o, null);
        return answer(
                o,
                f.action(),
                null,
                push,
                query,
                o.success() ? () -> f.update(previous, o.state(), render) : render);
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
        this.visitor = visitor;
        this.query = query;
        return this;
    }

    /**
     * Mounts from the initial state for a page load: a page load starts over, and its state is the
     * session's from now on.
     *
     * @return false when mount failed (logged)
     */
    public boolean load() {
        PushContext push = hub().callContext(null);
        Outcome<S> o;
        try {
            o = lifecycle.mountPage(this, engine.initialState(), push);
            push.commit(o.success());
        } catch (Exception | LinkageError | StackOverflowError e) {
            LOG.log(Level.WARNING, "mount failed for " + path, e);
            return false;
        }
        keep(o, query);
        return true;
    }

    /** The full page of the current state, after {@link #load()}. */
    public Utf8Buffer html(String wrapperId, boolean loading) {
        Utf8Buffer out = new Utf8Buffer(engine.sizeHint() + 256);
        engine.renderer().writeHtml(state, wrapperId, loading, out);
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
        engine.renderer().writeTree(state, out);
        Outbound.endUpdate(out, Map.of(), null);
        return Reply.of(out.toByteArray());
    }

    /** Mounts an HTTP session on its first request; {@code null} when it worked. */
    private Reply mountOnDemand() {
        if (load()) {
            return null;
        }
        Utf8Buffer out = buffer();
        Outbound.failure(out, Map.of(Outcome.ERROR_KEY, "the page could not be loaded"), null);
        return Reply.broken("mount failed", List.of(out.toByteArray()));
    }

    /** Takes over a closed WebSocket's last state, flash and persisted mark. */
    void adopt(S lastState, Flash lastFlash, PersistMark lastMark) {
        state = lastState;
        flash = lastFlash;
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
     */
    private Reply answer(
            Outcome<S> o,
            String action,
            String echo,
            PushContext push,
            Map<String, String> keptQuery,
            Supplier<byte[]> render) {
        if (o.failed()) {
            Utf8Buffer out = buffer();
            Outbound.failure(out, o.errors(), echo);
            return Reply.of(out.toByteArray());
        }
        byte[] bytes;
        try {
            bytes = render.get();
        } catch (RuntimeException | LinkageError | StackOverflowError e) {
            LOG.log(Level.WARNING, "rendering after action \"" + action + "\" failed", e);
            Utf8Buffer out = buffer();
            Outbound.failure(
                    out,
                    Map.of(Outcome.ERROR_KEY, "action \"" + action + "\" failed (render error)"),
                    echo);
            return Reply.of(out.toByteArray());
        }
        keep(o, keptQuery);
        push.commit(o.success());
        return Reply.of(bytes);
    }

    /** The update from {@code previous}: a diff over a WebSocket, the full tree over HTTP. */
    private byte[] update(S previous, Outcome<S> o, String echo) {
        Utf8Buffer out = buffer();
        Outbound.beginUpdate(out);
        if (overHttp()) {
            engine.renderer().writeTree(o.state(), out);
        } else {
            engine.renderer().writeDiff(previous, o.state(), out);
        }
        Outbound.endUpdate(out, o.errors(), echo);
        return out.toByteArray();
    }

    private void keep(Outcome<S> o, Map<String, String> keptQuery) {
        state = o.state();
        flash = o.flash();
        query = keptQuery;
    }

    private Utf8Buffer buffer() {
        if (socketBuffer == null) {
            return new Utf8Buffer(engine.sizeHint());
        }
        socketBuffer.reset();
        return socketBuffer;
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

    Flash flash() {
        return flash;
    }

    Map<String, List<UploadedFile>> callUploads() {
        return callUploads;
    }

    Map<String, String> query() {
        return query;
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
