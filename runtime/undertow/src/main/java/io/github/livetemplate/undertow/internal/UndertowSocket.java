package io.github.livetemplate.undertow.internal;

import io.github.livetemplate.runtime.engine.Socket;
import io.undertow.websockets.core.WebSocketCallback;
import io.undertow.websockets.core.WebSocketChannel;
import io.undertow.websockets.core.WebSockets;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnio.IoUtils;

/**
 * The engine's {@link Socket} over an Undertow WebSocket channel, with a bounded outbound queue.
 *
 * <p>Undertow queues every frame it is asked to send until the client reads it, without bound. This
 * socket counts the frames (and their bytes) handed to Undertow and not yet written to the network;
 * a frame that would pass {@link Limits#outboundBytes()}, or {@link Limits#outboundMessages()}
 * while nothing has been written for a second, is dropped and the client is closed as too slow
 * ({@value #TOO_SLOW}, "client too slow"), counted and logged once. Sending never blocks, so a
 * stalled client delays nobody: not the publisher, not the other connections.
 */
final class UndertowSocket implements Socket, WebSocketCallback<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger("io.github.livetemplate");

    /** The close code of a client that does not keep up: policy violation (RFC 6455 §7.4.1). */
    static final int TOO_SLOW = 1008;

    /**
     * A full message queue closes the client only when nothing was written for this long: a client
     * that reads, behind a burst of replies or a busy I/O thread, is not "too slow". The byte bound
     * holds regardless.
     */
    private static final long PROGRESS_GRACE_NANOS = TimeUnit.SECONDS.toNanos(1);

    /** How long a closing slow client has to read the close frame before it is cut off. */
    private static final long CLOSE_GRACE_SECONDS = 2;

    private final WebSocketChannel channel;
    private final Limits limits;
    private final Counters counters;
    private final String path;
    // Plain volatile fields changed through VarHandles, and this object as the send callback:
    // every idle connection has one, so it holds no atomics or callback objects of its own.
    private volatile int pendingMessages;
    private volatile long pendingBytes;
    private volatile boolean tooSlow;

    /** When a frame was last written (or the socket opened): whether the client reads at all. */
    private volatile long lastProgress = System.nanoTime();

    private static final VarHandle PENDING_MESSAGES;
    private static final VarHandle PENDING_BYTES;
    private static final VarHandle SLOW;

    static {
        MethodHandles.Lookup l = MethodHandles.lookup();
        try {
            PENDING_MESSAGES = l.findVarHandle(UndertowSocket.class, "pendingMessages", int.class);
            PENDING_BYTES = l.findVarHandle(UndertowSocket.class, "pendingBytes", long.class);
            SLOW = l.findVarHandle(UndertowSocket.class, "tooSlow", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** One frame has been written: releases its share of the bound. */
    @Override
    public void complete(WebSocketChannel ch, Integer bytes) {
        release(bytes);
    }

    /** One frame failed: releases its share and closes. */
    @Override
    public void onError(WebSocketChannel ch, Integer bytes, Throwable throwable) {
        release(bytes);
        LOG.debug("WebSocket send failed; closing", throwable);
        IoUtils.safeClose(ch);
    }

    UndertowSocket(WebSocketChannel channel, Limits limits, Counters counters, String path) {
        this.channel = channel;
        this.limits = limits;
        this.counters = counters;
        this.path = path;
    }

    @Override
    public boolean canSend() {
        return !tooSlow && channel.isOpen() && !channel.isCloseFrameSent();
    }

    @Override
    public void send(byte[] utf8Json) {
        if (tooSlow) {
            counters.outboundDropped.incrementAndGet();
            return;
        }
        int messages = (int) PENDING_MESSAGES.getAndAdd(this, 1) + 1;
        long bytes = (long) PENDING_BYTES.getAndAdd(this, (long) utf8Json.length) + utf8Json.length;
        if (bytes > limits.outboundBytes()
                || (messages > limits.outboundMessages()
                        && System.nanoTime() - lastProgress > PROGRESS_GRACE_NANOS)) {
            release(utf8Json.length);
            counters.outboundDropped.incrementAndGet();
            closeTooSlow(messages - 1, bytes - utf8Json.length);
            return;
        }
        WebSockets.sendText(ByteBuffer.wrap(utf8Json), channel, this, utf8Json.length);
    }

    /** Frames handed to Undertow and not yet written. */
    int pendingMessages() {
        return pendingMessages;
    }

    private void release(int bytes) {
        lastProgress = System.nanoTime();
        PENDING_MESSAGES.getAndAdd(this, -1);
        PENDING_BYTES.getAndAdd(this, (long) -bytes);
    }

    private void closeTooSlow(int messages, long bytes) {
        if (!SLOW.compareAndSet(this, false, true)) {
            return;
        }
        counters.slowClientCloses.incrementAndGet();
        LOG.warn(
                "closing a WebSocket on {}: the client is too slow ({} messages, {} bytes"
                        + " waiting to be sent)",
                path,
                messages,
                bytes);
        WebSockets.sendClose(TOO_SLOW, "client too slow", channel, null);
        // The close frame waits behind what the client did not read: cut the connection off if it
        // does not get through, freeing every frame still queued.
        channel.getIoThread()
                .executeAfter(
                        () -> IoUtils.safeClose(channel), CLOSE_GRACE_SECONDS, TimeUnit.SECONDS);
    }

    @Override
    public void close(int code, String reason) {
        WebSockets.sendClose(code, reason, channel, null);
    }

    @Override
    public Executor executor() {
        return channel.getWorker();
    }
}
