package io.github.livetemplate.undertow.internal;

import io.github.livetemplate.runtime.engine.HttpStates;
import io.github.livetemplate.runtime.engine.LiveConnection;
import io.github.livetemplate.runtime.engine.PageEngine;
import io.github.livetemplate.runtime.engine.SerialQueue;
import io.github.livetemplate.runtime.engine.Upgrade;
import io.undertow.server.HttpHandler;
import io.undertow.util.AttachmentKey;
import io.undertow.websockets.WebSocketConnectionCallback;
import io.undertow.websockets.WebSocketProtocolHandshakeHandler;
import io.undertow.websockets.core.AbstractReceiveListener;
import io.undertow.websockets.core.BufferedBinaryMessage;
import io.undertow.websockets.core.CloseMessage;
import io.undertow.websockets.core.StreamSourceFrameChannel;
import io.undertow.websockets.core.WebSocketCallback;
import io.undertow.websockets.core.WebSocketChannel;
import io.undertow.websockets.core.WebSockets;
import io.undertow.websockets.spi.WebSocketHttpExchange;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.atomic.AtomicLongFieldUpdater;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnio.ChannelListener;
import org.xnio.IoUtils;

/**
 * Internal: the WebSocket side of a live page. The HTTP layer checks the origin, resolves the
 * session and attaches an {@link Upgrade} to the exchange before handing it to {@link
 * #handshakeHandler()}; each accepted socket becomes a {@link LiveConnection} with its own bounded
 * {@link SerialQueue}.
 *
 * @param <S> the state record type
 */
public final class WebSocketEndpoint<S> implements WebSocketConnectionCallback {
    private static final Logger LOG = LoggerFactory.getLogger("io.github.livetemplate");

    /** The exchange attachment carrying the {@link Upgrade}. */
    public static final AttachmentKey<Upgrade> UPGRADE = AttachmentKey.create(Upgrade.class);

    /** The close code of a connection over a cap: try again later (RFC 6455 §7.4.1, IANA). */
    static final int TRY_AGAIN_LATER = 1013;

    /** The close code of persistent rate-limit abuse: policy violation. */
    static final int POLICY_VIOLATION = 1008;

    /** The error of a message refused by the rate limit. */
    static final String RATE_LIMITED = "too many messages: slow down";

    /** The error of a message that arrives while the server shuts down. */
    static final String SHUTTING_DOWN = "the server is restarting: try again";

    /** The error of a message refused because the connection's queue is full. */
    static final String BUSY = "the server is busy with this page's earlier messages: try again";

    private final PageEngine<S> engine;
    private final HttpStates<S> httpStates;
    private final int maxMessageBytes;
    private final int queueCapacity;
    private final Limits limits;
    private final Counters counters;
    private final WebSocketProtocolHandshakeHandler handshake;
    private final AtomicInteger open = new AtomicInteger();

    /** Open channels and their connection's queue. */
    private final ConcurrentHashMap<WebSocketChannel, SerialQueue> channels =
            new ConcurrentHashMap<>();

    /** Connections whose {@code closed()} (onDisconnect, state handed to HTTP) has not run. */
    private final AtomicInteger live = new AtomicInteger();

    /** Set by {@link #drain()}: messages are refused, new connections closed. */
    private volatile boolean draining;

    /** Open connections per session group (only groups with one). */
    private final ConcurrentHashMap<String, AtomicInteger> perGroup = new ConcurrentHashMap<>();

    /**
     * How many characters of text messages may wait in one connection's queue before the socket
     * stops being read: about three upload chunks of the client (docs/runtime.md, Uploads).
     */
    static final long MAX_QUEUED_TEXT = 1L << 20;

    /**
     * How an upload chunk of the client begins (docs/protocol.md §9.1); such a message is bounded
     * by the upload limits and the text backpressure instead of the action rate limit.
     */
    private static final String CHUNK_PREFIX = "{\"action\":\"upload_chunk\"";

    /**
     * @param notWebSocket handles upgrade requests the handshake does not accept
     */
    public WebSocketEndpoint(
            PageEngine<S> engine,
            HttpStates<S> httpStates,
            int maxMessageBytes,
            int queueCapacity,
            HttpHandler notWebSocket) {
        this(
                engine,
                httpStates,
                maxMessageBytes,
                queueCapacity,
                Limits.DEFAULT,
                new Counters(),
                notWebSocket);
    }

    /**
     * @param limits outbound bounds, rate limits and connection caps
     * @param counters where refusals are counted
     * @param notWebSocket handles upgrade requests the handshake does not accept
     */
    public WebSocketEndpoint(
            PageEngine<S> engine,
            HttpStates<S> httpStates,
            int maxMessageBytes,
            int queueCapacity,
            Limits limits,
            Counters counters,
            HttpHandler notWebSocket) {
        this.engine = engine;
        this.httpStates = httpStates;
        this.maxMessageBytes = maxMessageBytes;
        this.queueCapacity = queueCapacity;
        this.limits = limits;
        this.counters = counters;
        this.handshake = new WebSocketProtocolHandshakeHandler(this, notWebSocket);
    }

    /** What the limits refused. */
    public Counters counters() {
        return counters;
    }

    /**
     * Whether a new connection of {@code group} fits under the connection caps (checked before the
     * upgrade, so that a refusal can be a 503; {@link #onConnect} checks again).
     */
    public boolean admits(String group) {
        if (limits.maxConnections() > 0 && open.get() >= limits.maxConnections()) {
            return false;
        }
        if (limits.maxConnectionsPerGroup() > 0) {
            AtomicInteger n = perGroup.get(group);
            return n == null || n.get() < limits.maxConnectionsPerGroup();
        }
        return true;
    }

    /** Performs the handshake for a request carrying an {@link #UPGRADE} attachment. */
    public HttpHandler handshakeHandler() {
        return handshake;
    }

    /** Open connections. */
    public int openConnections() {
        return open.get();
    }

    /** Connections with an inbound queue (for leak checks: 0 once every socket has closed). */
    public int queues() {
        return channels.size();
    }

    /** Session groups with a connection count (for leak checks). */
    public int trackedGroups() {
        return perGroup.size();
    }

    /** HTTP states kept (bounded by their TTL and cap). */
    public int httpStates() {
        return httpStates.size();
    }

    /** Messages (from clients, or pushed actions) dropped because a connection's queue was full. */
    public long droppedMessages() {
        return counters.inboundDropped.get()
                + counters.outboundDropped.get()
                + engine.hub().droppedPushes();
    }

    /**
     * Starts closing every open connection with a close frame ({@code code}, {@code reason}); each
     * one then ends as if the client had closed it ({@code onDisconnect}, its state becomes the
     * HTTP state).
     *
     * @return how many connections were asked to close
     */
    public int closeAll(int code, String reason) {
        int n = 0;
        for (WebSocketChannel channel : channels.keySet()) {
            if (!channel.isOpen() || channel.isCloseFrameSent()) {
                continue;
            }
            n++;
            // Through the socket, so that the close frame follows the frames queued before it.
            UndertowSocket socket = (UndertowSocket) channel.getAttribute(UndertowSocket.ATTRIBUTE);
            WebSocketCallback<Void> cutOff =
                    new WebSocketCallback<Void>() {
                        @Override
                        public void complete(WebSocketChannel ch, Void context) {
                            // Undertow closes the channel when the client answers the close frame;
                            // do not wait
                            // for a client that never answers.
                            ch.getIoThread()
                                    .executeAfter(() -> IoUtils.safeClose(ch), 5, TimeUnit.SECONDS);
                        }

                        @Override
                        public void onError(
                                WebSocketChannel ch, Void context, Throwable throwable) {
                            IoUtils.safeClose(ch);
                        }
                    };
            if (socket != null) {
                socket.close(code, reason, cutOff);
            } else {
                WebSockets.sendClose(code, reason, channel, cutOff);
            }
        }
        return n;
    }

    /**
     * Starts a graceful shutdown: from now on messages are answered with a failure ({@value
     * #SHUTTING_DOWN}) instead of being run, and connections that complete their handshake are
     * closed with 1001. What is queued already still runs.
     */
    public void drain() {
        draining = true;
    }

    /** Whether every connection's queue is empty (nothing queued or running). */
    public boolean idle() {
        for (SerialQueue q : channels.values()) {
            if (q.size() > 0) {
                return false;
            }
        }
        return true;
    }

    /** Connections whose close has not been handled yet (onDisconnect, state handed over). */
    public int live() {
        return live.get();
    }

    /** Closes every channel at once, without a close handshake (the end of a shutdown). */
    public void abortAll() {
        for (WebSocketChannel channel : channels.keySet()) {
            IoUtils.safeClose(channel);
        }
    }

    @Override
    public void onConnect(WebSocketHttpExchange exchange, WebSocketChannel channel) {
        Upgrade upgrade = exchange.getAttachment(UPGRADE);
        if (upgrade == null) {
            LOG.warn("WebSocket without session information; closing");
            IoUtils.safeClose(channel);
            return;
        }
        String group = upgrade.visitor().groupId();
        int total = open.incrementAndGet();
        int ofGroup =
                perGroup.compute(
                                group,
                                (g, n) -> {
                                    AtomicInteger c = n == null ? new AtomicInteger() : n;
                                    c.incrementAndGet();
                                    return c;
                                })
                        .get();
        channel.addCloseTask(ch -> leave(group));
        if (draining) {
            WebSockets.sendClose(1001, "server shutting down", channel, null);
            channel.getIoThread()
                    .executeAfter(() -> IoUtils.safeClose(channel), 2, TimeUnit.SECONDS);
            return;
        }
        if ((limits.maxConnections() > 0 && total > limits.maxConnections())
                || (limits.maxConnectionsPerGroup() > 0
                        && ofGroup > limits.maxConnectionsPerGroup())) {
            // Upgrades racing past the check before the handshake: the cap holds for live
            // connections.
            counters.connectionsRefused.incrementAndGet();
            WebSockets.sendClose(TRY_AGAIN_LATER, "too many connections", channel, null);
            channel.getIoThread()
                    .executeAfter(() -> IoUtils.safeClose(channel), 2, TimeUnit.SECONDS);
            return;
        }
        if (limits.webSocketIdleMillis() > 0) {
            // A socket silent for that long (no heartbeat, no action) is closed; so is one whose
            // client stopped reading, once nothing could be written for that long.
            channel.setIdleTimeout(limits.webSocketIdleMillis());
        }
        SerialQueue queue = new SerialQueue(channel.getWorker(), queueCapacity);
        UndertowSocket socket =
                new UndertowSocket(channel, limits, counters, engine.warnings(), upgrade.path());
        channel.setAttribute(UndertowSocket.ATTRIBUTE, socket);
        LiveConnection<S> conn = new LiveConnection<>(socket, queue, engine, httpStates, upgrade);
        channels.put(channel, queue);
        live.incrementAndGet();
        channel.addCloseTask(
                ch -> {
                    channels.remove(channel);
                    queue.force(() -> conn.closed(live::decrementAndGet));
                });
        channel.getReceiveSetter().set(new Receiver(conn, channel, upgrade.path()));
        queue.force(conn::connect);
        channel.resumeReceives();
    }

    // Field updaters rather than atomics: an idle connection's Receiver holds no extra objects.
    @SuppressWarnings("rawtypes")
    private static final AtomicLongFieldUpdater<WebSocketEndpoint.Receiver> QUEUED =
            AtomicLongFieldUpdater.newUpdater(WebSocketEndpoint.Receiver.class, "queuedText");

    @SuppressWarnings("rawtypes")
    private static final AtomicIntegerFieldUpdater<WebSocketEndpoint.Receiver> PAUSED =
            AtomicIntegerFieldUpdater.newUpdater(WebSocketEndpoint.Receiver.class, "paused");

    private void leave(String group) {
        open.decrementAndGet();
        perGroup.computeIfPresent(group, (g, n) -> n.decrementAndGet() <= 0 ? null : n);
    }

    /**
     * Reads the socket's messages. Text messages are read here rather than by {@link
     * AbstractReceiveListener}'s buffering, which checks its size limit only against the bytes that
     * were already there when the message began (one pooled buffer) and not against those that
     * arrive later, so it buffered text messages of any size. Binary messages (the client sends
     * none) keep Undertow's buffering, whose limit holds.
     */
    private final class Receiver extends AbstractReceiveListener {
        private final LiveConnection<S> conn;
        private final WebSocketChannel channel;
        private final String path;

        /** Set once a message has been refused: later text messages are dropped unread. */
        private boolean refused;

        /** Inbound messages allowed; {@code null} without a rate limit. */
        private final TokenBucket rate;

        /** Refusals tolerated before the socket is closed as abusive. */
        private final TokenBucket patience;

        /** Whether a rate-limited or dropped message was logged for this connection. */
        private boolean loggedRate;

        private boolean loggedBusy;

        /** Whether a full queue has been answered since the last message it took. */
        private boolean busyAnswered;

        /** Whether the page declares uploads (whose chunks skip the rate limit). */
        private final boolean uploads = engine.declaresUploads();

        /** Characters of text messages waiting in the connection's queue ({@link #QUEUED}). */
        volatile long queuedText;

        /**
         * Whether reading is suspended because too much text waits in the queue ({@link #PAUSED}).
         */
        volatile int paused;

        Receiver(LiveConnection<S> conn, WebSocketChannel channel, String path) {
            this.conn = conn;
            this.channel = channel;
            this.path = path;
            long now = System.nanoTime();
            if (limits.rateLimited()) {
                rate = new TokenBucket(limits.actionsPerSecond(), limits.actionBurst(), now);
                patience =
                        new TokenBucket(
                                limits.actionsPerSecond(), limits.refusalsBeforeClose(), now);
            } else {
                rate = null;
                patience = null;
            }
        }

        @Override
        protected long getMaxBinaryBufferSize() {
            return maxMessageBytes;
        }

        @Override
        protected void onText(WebSocketChannel channel, StreamSourceFrameChannel message) {
            if (refused) {
                IoUtils.safeClose(message);
                return;
            }
            new TextMessage(channel).handleEvent(message);
        }

        /**
         * One text message (all its fragments: Undertow hands them over as one stream), read on the
         * I/O thread as its bytes arrive and refused as soon as they pass {@code maxMessageBytes}.
         */
        private final class TextMessage implements ChannelListener<StreamSourceFrameChannel> {
            private final WebSocketChannel channel;

            /**
             * One byte more than the limit, so that passing it is seen (or the largest array, which
             * is refused too).
             */
            private final int capacity =
                    (int) Math.min(maxMessageBytes + 1L, Integer.MAX_VALUE - 8);

            private byte[] bytes = new byte[Math.min(capacity, 4096)];
            private int length;
            private boolean listening;

            TextMessage(WebSocketChannel channel) {
                this.channel = channel;
            }

            @Override
            public void handleEvent(StreamSourceFrameChannel message) {
                try {
                    for (; ; ) {
                        if (length == bytes.length) {
                            bytes =
                                    Arrays.copyOf(
                                            bytes, (int) Math.min(2L * bytes.length, capacity));
                        }
                        int n = message.read(ByteBuffer.wrap(bytes, length, bytes.length - length));
                        if (n == -1) {
                            // Undertow has checked the UTF-8 as it arrived.
                            dispatch(new String(bytes, 0, length, StandardCharsets.UTF_8));
                            bytes = null;
                            return;
                        }
                        if (n == 0) {
                            if (!listening) {
                                listening = true;
                                message.getReadSetter().set(this);
                            }
                            message.resumeReads();
                            return;
                        }
                        length += n;
                        if (length >= capacity) {
                            refuse(message);
                            return;
                        }
                    }
                } catch (IOException e) {
                    bytes = null;
                    message.getReadSetter().set(null);
                    IoUtils.safeClose(message);
                    onError(channel, e);
                }
            }

            private void refuse(StreamSourceFrameChannel message) {
                refused = true;
                bytes = null;
                // A closed frame channel frees what it holds and drops the rest of the message as
                // it
                // arrives, whatever its size.
                message.getReadSetter().set(null);
                message.suspendReads();
                IoUtils.safeClose(message);
                LOG.debug("closing a WebSocket: a text message passed {} bytes", maxMessageBytes);
                WebSockets.sendClose(CloseMessage.MSG_TOO_BIG, "message too big", channel, null);
                // Give the close frame time to reach the client, then tear the connection down
                // whether or not it answers.
                channel.getIoThread()
                        .executeAfter(() -> IoUtils.safeClose(channel), 2, TimeUnit.SECONDS);
            }
        }

        /**
         * Runs on the I/O thread: rate limit, then the connection's queue. Backpressure: while more
         * than {@link #MAX_QUEUED_TEXT} characters wait in the queue (upload chunks, which the
         * client sends without waiting, are about 350 KB each), the socket is not read, so TCP
         * holds the client back; reading resumes once the queue is down to half of that.
         *
         * <p>Upload chunks of a page that declares uploads are not rate-limited like actions: a 20
         * MB file is 80 of them, sent as fast as the socket takes them, and the upload limits
         * (size, files, bytes per connection) and this backpressure bound them. The engine refuses
         * a message let through as a chunk that turns out to be anything else.
         */
        private void dispatch(String text) {
            if (draining) {
                if (!conn.queue().offer(() -> conn.refuse(text, SHUTTING_DOWN))) {
                    counters.inboundDropped.incrementAndGet();
                }
                return;
            }
            // Only a rate-limited page that declares uploads lets chunks past the bucket.
            boolean chunk = rate != null && uploads && text.startsWith(CHUNK_PREFIX);
            if (rate != null && !chunk) {
                long now = System.nanoTime();
                if (!rate.tryTake(now)) {
                    rateLimited(text, now);
                    return;
                }
            }
            long size = text.length();
            if (QUEUED.addAndGet(this, size) > MAX_QUEUED_TEXT
                    && PAUSED.compareAndSet(this, 0, 1)) {
                channel.suspendReceives();
            }
            boolean queued =
                    conn.queue()
                            .offer(
                                    () -> {
                                        try {
                                            if (chunk) {
                                                conn.receiveUploadChunk(text, RATE_LIMITED);
                                            } else {
                                                conn.receive(text);
                                            }
                                        } finally {
                                            taken(size);
                                        }
                                    });
            if (queued) {
                busyAnswered = false;
                return;
            }
            taken(size);
            counters.inboundDropped.incrementAndGet();
            if (!loggedBusy) {
                loggedBusy = true;
                engine.warnings()
                        .warn(
                                "inbound-queue-full",
                                "dropping WebSocket messages on {}: the connection's queue is full"
                                        + " (logged once per connection; see droppedMessages())",
                                path);
            }
            if (!busyAnswered) {
                // One answer per run of drops, so that the client's form is not left waiting.
                busyAnswered = true;
                conn.queue().force(() -> conn.refuse(text, BUSY));
            }
        }

        /** A queued message left the queue; resumes reading when the queue has room again. */
        private void taken(long size) {
            if (QUEUED.addAndGet(this, -size) <= MAX_QUEUED_TEXT / 2
                    && PAUSED.compareAndSet(this, 1, 0)) {
                channel.getIoThread().execute(channel::resumeReceives);
            }
        }

        private void rateLimited(String text, long now) {
            counters.rateLimited.incrementAndGet();
            if (!loggedRate) {
                loggedRate = true;
                engine.warnings()
                        .warn(
                                "rate-limit",
                                "rate-limiting a WebSocket on {}: more than {} messages a second"
                                        + " (burst {}); logged once per connection",
                                path,
                                limits.actionsPerSecond(),
                                limits.actionBurst());
            }
            if (!patience.tryTake(now)) {
                refused = true;
                counters.abuseCloses.incrementAndGet();
                engine.warnings()
                        .warn(
                                "abuse",
                                "closing a WebSocket on {}: it kept sending over the rate limit",
                                path);
                WebSockets.sendClose(POLICY_VIOLATION, "rate limit exceeded", channel, null);
                channel.getIoThread()
                        .executeAfter(() -> IoUtils.safeClose(channel), 2, TimeUnit.SECONDS);
                return;
            }
            if (!conn.queue().offer(() -> conn.refuse(text, RATE_LIMITED))) {
                counters.inboundDropped.incrementAndGet();
            }
        }

        @Override
        protected void onFullBinaryMessage(
                WebSocketChannel channel, BufferedBinaryMessage message) {
            // The client never sends binary frames; ignore them.
            message.getData().free();
        }

        @Override
        protected void onError(WebSocketChannel channel, Throwable error) {
            if (channel.isCloseFrameSent()) {
                // An over-large binary message: Undertow has queued a 1009 close frame. Give it
                // time
                // to reach the client before the connection is torn down.
                LOG.debug("closing a WebSocket after an over-large message", error);
                channel.getIoThread()
                        .executeAfter(() -> IoUtils.safeClose(channel), 2, TimeUnit.SECONDS);
                return;
            }
            if (!(error instanceof IOException)) {
                engine.warnings().warn("socket-error", "WebSocket error; closing", error);
            } else {
                LOG.debug("WebSocket I/O error; closing", error);
            }
            IoUtils.safeClose(channel);
        }
    }
}
