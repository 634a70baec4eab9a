package io.github.livetemplate.undertow.internal;

import io.github.livetemplate.runtime.engine.BulkInputStream;
import io.undertow.server.HttpServerExchange;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.TimeUnit;

/**
 * Internal: a request body read by blocking reads (a multipart post, read on its session's queue)
 * whose connection is closed when one read waits longer than the timeout for a byte. The reading
 * thread cannot watch itself, so the connection's IO thread checks it; the time the reader spends
 * between reads (an action handling what it read) is not counted. A closed connection makes the
 * blocked read throw, which ends the post like any broken body (docs/runtime.md §24).
 */
final class StalledBody extends BulkInputStream {
    private final InputStream in;
    private final HttpServerExchange exchange;
    private final long timeoutNanos;
    private final Runnable onStall;

    /** When the read in progress started ({@link System#nanoTime()}); 0 between reads. */
    private volatile long readingSince;

    private volatile boolean finished;

    /** Whether this watch closed the connection. */
    private volatile boolean stalled;

    private StalledBody(
            InputStream in, HttpServerExchange exchange, long timeoutNanos, Runnable onStall) {
        this.in = in;
        this.exchange = exchange;
        this.timeoutNanos = timeoutNanos;
        this.onStall = onStall;
    }

    /**
     * Watches {@code exchange}'s body {@code in}; {@code timeoutMillis <= 0} watches nothing. Call
     * {@link #finish} when the body is read (or abandoned).
     */
    static StalledBody watch(
            HttpServerExchange exchange, InputStream in, long timeoutMillis, Runnable onStall) {
        StalledBody b =
                new StalledBody(
                        in, exchange, TimeUnit.MILLISECONDS.toNanos(timeoutMillis), onStall);
        if (timeoutMillis > 0) {
            b.checkAfter(b.timeoutNanos);
        }
        return b;
    }

    /** Stops watching. */
    void finish() {
        finished = true;
    }

    private void checkAfter(long nanos) {
        exchange.getIoThread().executeAfter(this::check, nanos, TimeUnit.NANOSECONDS);
    }

    private void check() {
        if (finished || exchange.isComplete()) {
            return; // read, or answered without reading (a refused or dropped post)
        }
        long since = readingSince;
        long waited = since == 0 ? 0 : System.nanoTime() - since;
        if (waited >= timeoutNanos) {
            finished = true;
            stalled = true;
            onStall.run();
            org.xnio.IoUtils.safeClose(exchange.getConnection());
        } else {
            checkAfter(timeoutNanos - waited);
        }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        readingSince = Math.max(1, System.nanoTime());
        try {
            return in.read(b, off, len);
        } catch (RuntimeException e) {
            if (stalled) {
                // Undertow's stream, closed under a blocked read, may fail with anything (a
                // NullPointerException on its released buffer): it is the cut-off body.
                throw new IOException("the body stalled; the connection was closed", e);
            }
            throw e;
        } finally {
            readingSince = 0;
        }
    }

    @Override
    public int available() throws IOException {
        return in.available();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
