package io.github.livetemplate.undertow.internal;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Internal: warnings about what clients get wrong (a bad host, a malformed request), rate-limited
 * so that a flood of bad requests cannot flood the log: at most one line per kind every {@value
 * #INTERVAL_SECONDS} seconds, telling how many were left out since the last one.
 */
final class ClientErrors {
    private static final Logger LOG = LoggerFactory.getLogger("io.github.livetemplate");
    static final long INTERVAL_SECONDS = 10;

    private record Window(AtomicLong last, AtomicLong suppressed) {}

    private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();

    /** Logs {@code message} under {@code kind} unless one was logged within the interval. */
    void warn(String kind, String message) {
        Window w =
                windows.computeIfAbsent(
                        kind, k -> new Window(new AtomicLong(Long.MIN_VALUE), new AtomicLong()));
        long now = System.nanoTime();
        long last = w.last().get();
        if (last != Long.MIN_VALUE && now - last < TimeUnit.SECONDS.toNanos(INTERVAL_SECONDS)) {
            w.suppressed().incrementAndGet();
            return;
        }
        if (!w.last().compareAndSet(last, now)) {
            w.suppressed().incrementAndGet();
            return;
        }
        long left = w.suppressed().getAndSet(0);
        LOG.warn(
                left == 0
                        ? message
                        : message
                                + " ("
                                + left
                                + " more like it in the last "
                                + INTERVAL_SECONDS
                                + " s not logged)");
    }
}
