package io.github.livetemplate.runtime.engine;

import io.github.livetemplate.runtime.Flash;
import io.github.livetemplate.runtime.FrameListener;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * Internal: one live connection of a page (a WebSocket, or any {@link Socket}) — the I/O around its
 * {@link PageSession}: hands it the received frames, sends its replies, closes the socket when the
 * page broke, and on close leaves the push hub and hands the last state to the HTTP side. Every
 * method but {@link #offerPush} runs on the connection's {@link SerialQueue}, one at a time, on a
 * worker thread.
 *
 * @param <S> the state record type
 */
public final class LiveConnection<S> {

    /** Close code for a server-side failure (RFC 6455 §7.4.1, 1011). */
    private static final org.slf4j.Logger LOG =
            org.slf4j.LoggerFactory.getLogger("io.github.livetemplate");

    private static final int UNEXPECTED_ERROR = 1011;

    /** The close code of a socket whose user signed out: "policy violation". */
    private static final int POLICY_VIOLATION = 1008;

    /** Whether the user signed out: the state is not kept for the group's HTTP side. */
    private boolean signedOut;

    private final Socket socket;
    private final SerialQueue queue;
    private final PageEngine<S> engine;
    private final HttpStates<S> httpStates;
    private final Upgrade upgrade;
    private final PageSession<S> session;

    /**
     * Subscribed topics and patterns, immutable (replaced, never changed; a single topic's set is
     * shared by all its subscribers, see {@link PushHub#subscribe}); guarded by the hub's lock.
     */
    private Set<String> topics = Set.of();

    private volatile boolean closed;

    /** Whether a dropped push was logged; set once through {@link #DROPPED}. */
    @SuppressWarnings("unused") // written through DROPPED
    private volatile boolean droppedOnce;

    private static final VarHandle DROPPED;
    private static final VarHandle REMEMBERED;

    static {
        try {
            DROPPED =
                    MethodHandles.lookup()
                            .findVarHandle(LiveConnection.class, "droppedOnce", boolean.class);
            REMEMBERED =
                    MethodHandles.lookup()
                            .findVarHandle(LiveConnection.class, "remembered", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /**
     * @param httpStates where the last state goes when the socket closes (if its group has a
     *     session cookie)
     */
    public LiveConnection(
            Socket socket,
            SerialQueue queue,
            PageEngine<S> engine,
            HttpStates<S> httpStates,
            Upgrade upgrade) {
        this.socket = socket;
        this.queue = queue;
        this.engine = engine;
        this.httpStates = httpStates;
        this.upgrade = upgrade;
        this.session = engine.webSocketSession(this, upgrade);
    }

    public SerialQueue queue() {
        return queue;
    }

    /**
     * The connection's state; {@code null} before the connection is mounted. The client was sent
     * it, or is sent one catch-up diff to it once its backlog drains (docs/runtime.md §19). Read on
     * the connection's queue (in-memory transports such as the test kit run it inline).
     */
    public S state() {
        return session.state();
    }

    /** The {@code .lvt} context the state was last sent with. Read like {@link #state()}. */
    public io.github.livetemplate.runtime.TemplateContext templateContext() {
        return session.templateContext();
    }

    /** The connection's flash messages, as last kept. Read like {@link #state()}. */
    public Flash flash() {
        return session.flash();
    }

    String groupId() {
        return upgrade.visitor().groupId();
    }

    String path() {
        return upgrade.path();
    }

    String userId() {
        return upgrade.visitor().userId();
    }

    Set<String> topics() {
        return topics;
    }

    /** Replaces the subscribed topics (under the hub's lock). */
    void topics(Set<String> now) {
        topics = now;
    }

    boolean isClosed() {
        return closed;
    }

    /**
     * Queues a pushed action; false when the queue is full or the socket is closing (a client too
     * slow to read, say: its pushes are not run at all). Any thread.
     */
    boolean offerPush(PushHub.Fanout f) {
        return !closed && socket.canSend() && queue.offer(pushTask(f));
    }

    /**
     * Runs a pushed action on the calling thread (a fan-out lane of the hub) if the queue is idle,
     * else queues it; false when the queue is full or the socket is closing.
     */
    boolean runPush(PushHub.Fanout f) {
        return !closed && socket.canSend() && queue.offerOrRun(pushTask(f));
    }

    private Runnable pushTask(PushHub.Fanout f) {
        return () -> {
            if (closed || !socket.canSend()) {
                return;
            }
            if (socket.backlogged()) {
                // The client is behind: move the state on, send one catch-up diff once it drained.
                send(session.pushBehind(f));
                if (session.behind()) {
                    socket.whenDrained(this::drained);
                }
            } else if (session.behind()) {
                send(session.pushBehind(f));
                send(session.catchUp());
            } else {
                send(session.push(f));
            }
        };
    }

    /** The socket's backlog drained: queues the catch-up diff of the coalesced pushes. */
    private void drained() {
        if (!closed && !queue.offer(this::catchUp)) {
            // A full queue: the next push sends the catch-up diff, a reply is preceded by it.
            LOG.debug("busy: the catch-up update waits for the next task");
        }
    }

    /**
     * Sends the catch-up diff of coalesced pushes, if any: before any frame computed from a newer
     * state, so that the client applies every update to the tree it was made from.
     */
    private void catchUp() {
        if (!closed && session.behind()) {
            if (socket.backlogged()) {
                socket.whenDrained(this::drained); // drained, then backed up again before this ran
                return;
            }
            send(session.catchUp());
        }
    }

    /**
     * Like {@link #catchUp()}, but regardless of the backlog: a reply follows. False when the
     * catch-up diff broke the page (the socket is closing): the message is not run.
     */
    private boolean catchUpNow() {
        if (!closed && session.behind()) {
            send(session.catchUp());
            return socket.canSend();
        }
        return true;
    }

    /** Fan-out batches of the hub's lanes that hold this connection and have not reached it. */
    private volatile int inLanes; // changed through IN_LANES

    private static final VarHandle IN_LANES;

    static {
        try {
            IN_LANES =
                    MethodHandles.lookup()
                            .findVarHandle(LiveConnection.class, "inLanes", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    void enterLane() {
        IN_LANES.getAndAdd(this, 1);
    }

    void leaveLane() {
        IN_LANES.getAndAdd(this, -1);
    }

    boolean inLanes() {
        return inLanes > 0;
    }

    java.util.concurrent.Executor executor() {
        return socket.executor();
    }

    /** Dev mode: queues the full tree of the current state (after a template reload). */
    boolean offerRefresh() {
        return !closed
                && socket.canSend()
                && queue.offer(
                        () -> {
                            if (!closed && socket.canSend()) {
                                catchUpNow();
                                send(session.refresh());
                            }
                        });
    }

    /**
     * Queues the update that shows changed upload entries (an entry the sweep timed out, off the
     * queue); a full queue drops it, and the next render shows the change.
     */
    void offerUploadRefresh() {
        if (!closed && socket.canSend()) {
            queue.offer(
                    () -> {
                        if (!closed && socket.canSend()) {
                            byte[] update = session.refreshUploads();
                            if (update != null) {
                                send(update);
                            }
                        }
                    });
        }
    }

    /**
     * Whether this connection announced proxied file {@code clientName} of {@code upload} (and is
     * open): its post should run here. Safe from any thread.
     */
    boolean announcedProxied(String upload, String clientName) {
        return !closed && session.announcedProxied(upload, clientName);
    }

    /**
     * Runs, on this connection's queue, the multipart post of a proxied file this connection
     * announced (docs/runtime.md §24): against this connection's state, its update sent on the
     * socket. The result's reply is the HTTP answer (an empty tree with the meta; a broken page's
     * reply as it is). {@code null} when the connection closed before: nothing was read.
     */
    public MultipartUpload.Result receiveProxied(MultipartUpload.Parts parts)
            throws java.io.IOException {
        if (closed || !session.mounted()) {
            return null;
        }
        MultipartUpload.Result r = session.receiveMultipart(parts, null, true);
        Reply reply = r.reply();
        if (reply == null) {
            return r;
        }
        send(reply); // the state changed with it, even when the upload was refused after
        if (reply.broken() || r.refusal() != null) {
            return r;
        }
        String action = r.actions().isEmpty() ? null : r.actions().iterator().next();
        return new MultipartUpload.Result(
                r.broken(),
                r.tokenRefused(),
                r.refusal(),
                r.refusedUpload(),
                r.fields(),
                r.actions(),
                Reply.of(session.unchangedAnswer(action)),
                r.submitted());
    }

    /** True the first time a push to this connection is dropped (so that it is logged once). */
    boolean firstDrop() {
        return DROPPED.compareAndSet(this, false, true);
    }

    /** Mounts, runs onConnect and pushes the full tree. */
    public void connect() {
        if (!closed) {
            String group = upgrade.visitor().groupId();
            boolean reconnect =
                    upgrade.persistentGroup() && !httpStates.takePageLoad(group, upgrade.path());
            S from = httpStates.takeHandoff(group, upgrade.path());
            if (from == null && reconnect && engine.devMode()) {
                from = engine.restoredState(group, upgrade.path()); // across a dev restart
            }
            send(session.connect(from, reconnect));
        }
    }

    /** Handles one text frame. */
    public void receive(String text) {
        if (ready(text)) {
            send(session.receive(text));
        }
    }

    /**
     * Whether a received frame is to be run: the connection is open and mounted, the frame was
     * shown to the frame listener, and any coalesced pushes were sent first.
     */
    private boolean ready(String text) {
        if (closed || !session.mounted()) {
            return false;
        }
        engine.observe(
                FrameListener.Transport.WEBSOCKET,
                FrameListener.Direction.RECEIVED,
                upgrade.path(),
                text);
        return catchUpNow();
    }

    /**
     * Handles a message the transport let past the action rate limit as an upload chunk; anything
     * else is refused with {@code refusal} (docs/runtime.md, Uploads).
     */
    public void receiveUploadChunk(String text, String refusal) {
        if (ready(text)) {
            send(session.receiveUploadChunk(text, refusal));
        }
    }

    /**
     * Answers a text frame that was not run (refused by a limit) with a failure naming its action
     * and {@code error}; the state stays as it is.
     */
    public void refuse(String text, String error) {
        if (closed || !session.mounted()) {
            return;
        }
        catchUpNow();
        send(session.refusal(text, error));
    }

    /**
     * The socket closed: onDisconnect, then the state becomes the group's HTTP state; {@code done}
     * runs after both (on another queue when the state is handed over, so the caller must not wait
     * for this method to mean that onDisconnect has run).
     */
    public void closed(Runnable done) {
        if (closed) {
            done.run();
            return;
        }
        closed = true;
        Set<java.util.concurrent.Future<?>> r = running;
        if (r != null) {
            for (java.util.concurrent.Future<?> f : r) {
                f.cancel(true);
            }
            r.clear();
        }
        if (!session.mounted()) {
            done.run();
            return;
        }
        boolean handedOver = false;
        try {
            engine.hub().unregister(this);
            if (upgrade.persistentGroup() && !signedOut) {
                // onDisconnect runs on the HTTP queue of the group and path, the hand-over right
                // after it: a POST of the reconnecting tab queues behind both and acts on the last
                // state.
                httpStates.adoptAfter(session, socket.executor(), () -> disconnect(done));
                handedOver = true;
            }
        } finally {
            if (!handedOver) {
                disconnect(done);
            }
        }
    }

    /** onDisconnect, and dev mode's note of the state for the next run; then {@code done}. */
    private void disconnect(Runnable done) {
        try {
            session.disconnect();
            DevStates dev = engine.devStates();
            if (dev != null) {
                rememberForRestart(dev);
            }
        } finally {
            done.run();
        }
    }

    /**
     * Async work running for this connection, interrupted when it closes; created (on the queue) by
     * the first {@code ctx.async}, so that a connection without any holds no set.
     */
    private volatile Set<java.util.concurrent.Future<?>> running;

    /** Dev mode: whether this connection's state was handed to {@link DevStates}. */
    @SuppressWarnings("unused") // written through REMEMBERED
    private volatile boolean remembered;

    /** Dev mode: hands the state to {@code dev} for the next run, once per connection. */
    void rememberForRestart(DevStates dev) {
        if (upgrade.persistentGroup()
                && !signedOut
                && session.mounted()
                && REMEMBERED.compareAndSet(this, false, true)) {
            dev.remember(upgrade.visitor().groupId(), upgrade.path(), session.state());
        }
    }

    /** Starts the work the last step registered with {@code ctx.async} (on the queue). */
    private void startAsync() {
        java.util.List<io.github.livetemplate.runtime.Context.AsyncJob<?, ?>> jobs =
                session.takeAsyncJobs();
        if (jobs.isEmpty()) {
            return;
        }
        if (running == null) {
            running = java.util.concurrent.ConcurrentHashMap.newKeySet();
        }
        Set<java.util.concurrent.Future<?>> running = this.running;
        for (io.github.livetemplate.runtime.Context.AsyncJob<?, ?> job : jobs) {
            java.util.concurrent.CompletableFuture<java.util.concurrent.Future<?>> self =
                    new java.util.concurrent.CompletableFuture<>();
            Runnable task =
                    () -> {
                        Object result = null;
                        Throwable error = null;
                        try {
                            result = job.work().call();
                        } catch (InterruptedException e) {
                            return; // cancelled: the connection closed
                        } catch (Exception | LinkageError e) {
                            error = e;
                        } finally {
                            self.thenAccept(running::remove);
                        }
                        if (closed || Thread.currentThread().isInterrupted()) {
                            return;
                        }
                        Object r = result;
                        Throwable err = error;
                        if (!queue.offer(
                                () -> {
                                    if (!closed) {
                                        catchUpNow();
                                        send(session.applyAsync(job, r, err));
                                    }
                                })) {
                            LOG.warn("busy: dropped the result of async work");
                        }
                    };
            try {
                java.util.concurrent.Future<?> f = engine.asyncPool().submit(task);
                running.add(f);
                self.complete(f);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                catchUpNow();
                send(session.applyAsync(job, null, e));
            }
        }
    }

    private void send(Reply reply) {
        for (byte[] message : reply.messages()) {
            send(message);
        }
        if (!reply.broken() && !closed) {
            startAsync();
        }
        if (reply.broken()) {
            if (Reply.SIGNED_OUT.equals(reply.failure())) {
                signedOut = true;
                socket.close(POLICY_VIOLATION, reply.failure());
            } else {
                socket.close(UNEXPECTED_ERROR, reply.failure());
            }
        }
    }

    private void send(byte[] bytes) {
        if (!socket.canSend()) {
            return;
        }
        bytes = engine.csrf().stamp(bytes, upgrade.visitor().groupId());
        if (engine.observed()) {
            engine.observe(
                    FrameListener.Transport.WEBSOCKET,
                    FrameListener.Direction.SENT,
                    upgrade.path(),
                    new String(bytes, StandardCharsets.UTF_8));
        }
        socket.send(bytes);
    }
}
