package io.github.livetemplate.undertow.internal;

import io.github.livetemplate.runtime.engine.LogLimiter;
import io.github.livetemplate.runtime.engine.Socket;
import io.undertow.websockets.core.WebSocketCallback;
import io.undertow.websockets.core.WebSocketChannel;
import io.undertow.websockets.core.WebSockets;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnio.IoUtils;

/**
 * The engine's {@link Socket} over an Undertow WebSocket channel, with a bounded outbound queue.
 *
 * <p>Undertow queues every frame it is asked to send until the client reads it, without bound. This
 * socket counts the frames (and their bytes) not yet written to the network; a frame that would
 * pass {@link Limits#outboundBytes()}, or {@link Limits#outboundMessages()} while nothing has been
 * written for a second, is dropped and the client is closed as too slow ({@value #TOO_SLOW},
 * "client too slow"), counted and logged (rate-limited, {@link LogLimiter}). Sending never blocks,
 * so a stalled client delays nobody: not the publisher, not the other connections.
 *
 * <p>Only {@value #IN_FLIGHT} frames at a time are handed to Undertow; the rest wait here and are
 * handed over on the channel's I/O thread as earlier ones are written. Undertow runs a flush of
 * every frame it holds on the I/O thread for each frame handed to it from a worker thread, so a
 * client that stopped reading, holding many frames there, made each push cost its I/O thread work
 * in proportion to them, and the other connections of that thread waited (docs/runtime.md §19). A
 * frame waiting here costs the I/O thread nothing.
 */
final class UndertowSocket implements Socket, WebSocketCallback<Integer>, Runnable {
    private static final Logger LOG = LoggerFactory.getLogger("io.github.livetemplate");

    /** The close code of a client that does not keep up: policy violation (RFC 6455 §7.4.1). */
    static final int TOO_SLOW = 1008;

    /** The channel attribute holding a channel's socket (for closes sent from outside it). */
    static final String ATTRIBUTE = UndertowSocket.class.getName();

    /** Frames handed to Undertow and not yet written, at most. */
    static final int IN_FLIGHT = 4;

    /**
     * Frames not yet written past which the socket is {@linkplain #backlogged() backlogged}: the
     * window is full and as many wait behind it. Pushes are then coalesced (docs/runtime.md §19).
     */
    static final int BACKLOG = 2 * IN_FLIGHT;

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
    private final LogLimiter warnings;
    private final String path;
    // Plain volatile fields changed through VarHandles, and this object as the send callback and
    // the pump task: every idle connection has one, so it holds no atomics or callback objects.
    private volatile int pendingMessages;
    private volatile long pendingBytes;
    private volatile boolean tooSlow;

    /** When a frame was last written (or the socket opened): whether the client reads at all. */
    private volatile long lastProgress = System.nanoTime();

    /** Frames (and at most one close) not yet handed to Undertow, in order. */
    private final Queue<Object> waiting = new ConcurrentLinkedQueue<>();

    /** Frames handed to Undertow and not yet written; changed on the I/O thread only. */
    private volatile int inFlight;

    /** Whether a {@link #pump} is queued on the I/O thread. */
    private volatile boolean pumpQueued;

    /** Runs once the backlog drained ({@link #whenDrained}); {@code null} when none waits. */
    private volatile Runnable drainListener;

    /** Whether {@link #pump} is running (on the I/O thread): a completion inside it only counts. */
    private boolean pumping;

    /** Whether the too-slow close frame was handed to Undertow; on the I/O thread only. */
    private boolean tooSlowCloseSent;

    /** A close frame to send once the frames before it are handed over. */
    private record Close(int code, String reason, WebSocketCallback<Void> callback) {}

    private static final VarHandle PENDING_MESSAGES;
    private static final VarHandle PENDING_BYTES;
    private static final VarHandle SLOW;
    private static final VarHandle PUMP_QUEUED;
    private static final VarHandle DRAIN;

    static {
        MethodHandles.Lookup l = MethodHandles.lookup();
        try {
            PENDING_MESSAGES = l.findVarHandle(UndertowSocket.class, "pendingMessages", int.class);
            PENDING_BYTES = l.findVarHandle(UndertowSocket.class, "pendingBytes", long.class);
            SLOW = l.findVarHandle(UndertowSocket.class, "tooSlow", boolean.class);
            PUMP_QUEUED = l.findVarHandle(UndertowSocket.class, "pumpQueued", boolean.class);
            DRAIN = l.findVarHandle(UndertowSocket.class, "drainListener", Runnable.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** One frame has been written, on the I/O thread. */
    @Override
    public void complete(WebSocketChannel ch, Integer bytes) {
        written(bytes);
    }

    /** One frame failed, on the I/O thread: its share is released and the channel closed. */
    @Override
    public void onError(WebSocketChannel ch, Integer bytes, Throwable throwable) {
        written(bytes);
        LOG.debug("WebSocket send failed; closing", throwable);
        IoUtils.safeClose(ch);
    }

    /** The queued pump, on the I/O thread. */
    @Override
    public void run() {
        pumpQueued = false;
        pump();
    }

    UndertowSocket(
            WebSocketChannel channel,
            Limits limits,
            Counters counters,
            LogLimiter warnings,
            String path) {
        this.channel = channel;
        this.warnings = warnings;
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
        enqueue(utf8Json);
    }

    /**
     * Whether more than {@link #BACKLOG} frames are not yet written. A client that made no progress
     * for a second meanwhile is closed as too slow here: coalesced pushes send nothing, so the
     * check in {@link #send} would not see it.
     */
    @Override
    public boolean backlogged() {
        int messages = pendingMessages;
        if (messages <= BACKLOG) {
            return false;
        }
        if (System.nanoTime() - lastProgress > PROGRESS_GRACE_NANOS) {
            closeTooSlow(messages, pendingBytes);
        }
        return true;
    }

    @Override
    public void whenDrained(Runnable listener) {
        drainListener = listener;
        if (pendingMessages <= BACKLOG) {
            drained(); // drained before the listener was set (pump reads it after it lowers)
        }
    }

    /** Hands the drain listener, once, to the worker pool (never run on the I/O thread). */
    private void drained() {
        Runnable l = drainListener;
        if (l != null && DRAIN.compareAndSet(this, l, null)) {
            try {
                channel.getWorker().execute(l);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                LOG.debug("the worker pool is stopping: no catch-up update", e);
            }
        }
    }

    /** Frames not yet written (waiting here or in Undertow). */
    int pendingMessages() {
        return pendingMessages;
    }

    /**
     * Queues {@code item} and makes sure a pump will see it: one is queued unless the window is
     * full, in which case the next completion pumps (it lowers {@link #inFlight} before it polls;
     * this adds before it reads {@link #inFlight}, so one of the two sees the other).
     */
    private void enqueue(Object item) {
        waiting.add(item);
        if (inFlight < IN_FLIGHT || item instanceof Close) {
            schedulePump();
        }
    }

    private void schedulePump() {
        if (channel.getIoThread() == Thread.currentThread()) {
            pump();
        } else if (PUMP_QUEUED.compareAndSet(this, false, true)) {
            channel.getIoThread().execute(this);
        }
    }

    /** Hands waiting frames to Undertow while the window allows; on the I/O thread only. */
    private void pump() {
        if (pumping) {
            return; // a frame completed inside the loop below, which goes on
        }
        pumping = true;
        try {
            if (tooSlow) {
                dropWaiting();
                return;
            }
            Object next;
            while ((next = waiting.peek()) != null) {
                if (next instanceof Close c) {
                    waiting.poll();
                    WebSockets.sendClose(c.code(), c.reason(), channel, c.callback());
                    continue;
                }
                if (!channel.isOpen() || channel.isCloseFrameSent()) {
                    waiting.poll();
                    byte[] frame = (byte[]) next;
                    release(frame.length); // never to be written: closed meanwhile
                    continue;
                }
                if (inFlight >= IN_FLIGHT) {
                    return;
                }
                waiting.poll();
                byte[] frame = (byte[]) next;
                inFlight++;
                WebSockets.sendText(ByteBuffer.wrap(frame), channel, this, frame.length);
            }
            if (drainListener != null && inFlight < IN_FLIGHT) {
                drained(); // nothing waits and the window has room: the catch-up diff can go
            }
        } finally {
            pumping = false;
        }
    }

    /**
     * A too slow client will not read what waits here: drop it, so that the close frame queues
     * behind the frames already handed to Undertow only; on the I/O thread only.
     */
    private void dropWaiting() {
        Object item;
        while ((item = waiting.poll()) != null) {
            if (item instanceof byte[] frame) {
                release(frame.length);
                counters.outboundDropped.incrementAndGet();
            }
        }
        if (!tooSlowCloseSent) {
            tooSlowCloseSent = true;
            WebSockets.sendClose(TOO_SLOW, "client too slow", channel, null);
        }
    }

    private void written(int bytes) {
        inFlight--;
        release(bytes);
        pump();
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
        warnings.warn(
                "client-too-slow",
                "closing a WebSocket on {}: the client is too slow ({} messages, {} bytes"
                        + " waiting to be sent)",
                path,
                messages,
                bytes);
        schedulePump(); // drops what waits here and sends the close frame
        // The close frame waits behind what the client did not read: cut the connection off if it
        // does not get through, freeing every frame still queued.
        channel.getIoThread()
                .executeAfter(
                        () -> IoUtils.safeClose(channel), CLOSE_GRACE_SECONDS, TimeUnit.SECONDS);
    }

    @Override
    public void close(int code, String reason) {
        close(code, reason, null);
    }

    /** Sends a close frame after the frames queued before it. */
    void close(int code, String reason, WebSocketCallback<Void> callback) {
        enqueue(new Close(code, reason, callback));
    }

    @Override
    public Executor executor() {
        return channel.getWorker();
    }
}
