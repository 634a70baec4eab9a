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
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
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
    private static final Logger LOG = Logger.getLogger("io.github.livetemplate");

    /** The exchange attachment carrying the {@link Upgrade}. */
    public static final AttachmentKey<Upgrade> UPGRADE = AttachmentKey.create(Upgrade.class);

    private final PageEngine<S> engine;
    private final HttpStates<S> httpStates;
    private final int maxMessageBytes;
    private final int queueCapacity;
    private final WebSocketProtocolHandshakeHandler handshake;
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicLong dropped = new AtomicLong();

    /**
     * How many characters of text messages may wait in one connection's queue before the socket
     * stops being read: about three upload chunks of the client (docs/runtime.md §13).
     */
    static final long MAX_QUEUED_TEXT = 1L << 20;

    private final Set<WebSocketChannel> channels = ConcurrentHashMap.newKeySet();

    /**
     * @param notWebSocket handles upgrade requests the handshake does not accept
     */
    public WebSocketEndpoint(
            PageEngine<S> engine,
            HttpStates<S> httpStates,
            int maxMessageBytes,
            int queueCapacity,
            HttpHandler notWebSocket) {
        this.engine = engine;
        this.httpStates = httpStates;
        this.maxMessageBytes = maxMessageBytes;
        this.queueCapacity = queueCapacity;
        this.handshake = new WebSocketProtocolHandshakeHandler(this, notWebSocket);
    }

    /** Performs the handshake for a request carrying an {@link #UPGRADE} attachment. */
    public HttpHandler handshakeHandler() {
        return handshake;
    }

    /** Open connections. */
    public int openConnections() {
        return open.get();
    }

    /** Messages (from clients, or pushed actions) dropped because a connection's queue was full. */
    public long droppedMessages() {
        return dropped.get() + engine.hub().droppedPushes();
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
        for (WebSocketChannel channel : channels) {
            if (!channel.isOpen() || channel.isCloseFrameSent()) {
                continue;
            }
            n++;
            WebSockets.sendClose(
                    code,
                    reason,
                    channel,
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
                    });
        }
        return n;
    }

    @Override
    public void onConnect(WebSocketHttpExchange exchange, WebSocketChannel channel) {
        Upgrade upgrade = exchange.getAttachment(UPGRADE);
        if (upgrade == null) {
            LOG.warning("WebSocket without session information; closing");
            IoUtils.safeClose(channel);
            return;
        }
        SerialQueue queue = new SerialQueue(channel.getWorker(), queueCapacity);
        LiveConnection<S> conn =
                new LiveConnection<>(
                        new UndertowSocket(channel), queue, engine, httpStates, upgrade);
        open.incrementAndGet();
        channels.add(channel);
        channel.addCloseTask(
                ch -> {
                    channels.remove(channel);
                    open.decrementAndGet();
                    queue.force(conn::closed);
                });
        channel.getReceiveSetter().set(new Receiver(conn));
        queue.force(conn::connect);
        channel.resumeReceives();
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

        /** Set once a message has been refused: later text messages are dropped unread. */
        private boolean refused;

        /** Characters of text messages waiting in the connection's queue. */
        private final AtomicLong queuedText = new AtomicLong();

        /** Whether reading is suspended because too much text waits in the queue. */
        private final AtomicBoolean paused = new AtomicBoolean();

        Receiver(LiveConnection<S> conn) {
            this.conn = conn;
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
                            dispatch(channel, new String(bytes, 0, length, StandardCharsets.UTF_8));
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
                LOG.log(
                        Level.FINE,
                        "closing a WebSocket: a text message passed {0} bytes",
                        maxMessageBytes);
                WebSockets.sendClose(CloseMessage.MSG_TOO_BIG, "message too big", channel, null);
                // Give the close frame time to reach the client, then tear the connection down
                // whether or not it answers.
                channel.getIoThread()
                        .executeAfter(() -> IoUtils.safeClose(channel), 2, TimeUnit.SECONDS);
            }
        }

        /**
         * Queues a message. Backpressure: while more than {@link #MAX_QUEUED_TEXT} characters wait
         * in the queue (upload chunks, which the client sends without waiting, are about 350 KB
         * each), the socket is not read, so TCP holds the client back; reading resumes once the
         * queue is down to half of that.
         */
        private void dispatch(WebSocketChannel channel, String text) {
            long size = text.length();
            if (queuedText.addAndGet(size) > MAX_QUEUED_TEXT && paused.compareAndSet(false, true)) {
                channel.suspendReceives();
            }
            boolean queued =
                    conn.queue()
                            .offer(
                                    () -> {
                                        try {
                                            conn.receive(text);
                                        } finally {
                                            taken(channel, size);
                                        }
                                    });
            if (!queued) {
                taken(channel, size);
                long n = dropped.incrementAndGet();
                LOG.log(
                        Level.WARNING,
                        "dropped a WebSocket message: the connection''s queue is full"
                                + " ({0} dropped in total)",
                        n);
            }
        }

        /** A queued message left the queue; resumes reading when the queue has room again. */
        private void taken(WebSocketChannel channel, long size) {
            if (queuedText.addAndGet(-size) <= MAX_QUEUED_TEXT / 2
                    && paused.compareAndSet(true, false)) {
                channel.getIoThread().execute(channel::resumeReceives);
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
                LOG.log(Level.FINE, "closing a WebSocket after an over-large message", error);
                channel.getIoThread()
                        .executeAfter(() -> IoUtils.safeClose(channel), 2, TimeUnit.SECONDS);
                return;
            }
            if (!(error instanceof IOException)) {
                LOG.log(Level.WARNING, "WebSocket error; closing", error);
            } else {
                LOG.log(Level.FINE, "WebSocket I/O error; closing", error);
            }
            IoUtils.safeClose(channel);
        }
    }
}
