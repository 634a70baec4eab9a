package io.github.livetemplate.runtime.engine;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;

/**
 * Warnings that many connections or requests can trigger at once (slow clients, refusals, bad
 * requests), rate-limited per kind: the first of a window of {@link #INTERVAL_SECONDS} seconds is
 * logged, the others are counted, and when the window ends one line tells how many were left out.
 * So at most two lines per kind per window, however many clients misbehave.
 *
 * <p>Why not log each one: logging is usually synchronous (a console or file handler under a lock),
 * and these warnings come from the threads that serve everyone else. 200 clients closed as too slow
 * in the same few milliseconds wrote 200 lines from the fan-out threads and held up every other
 * client's pushes by about 40 ms (docs/runtime.md §19). The exact figures are in the handler's
 * counters and metrics, never in the log.
 */
public final class LogLimiter {
    /** The length of a window, per kind. */
    public static final long INTERVAL_SECONDS = 10;

    private static final ScheduledExecutorService SUMMARIES =
            Executors.newSingleThreadScheduledExecutor(
                    r -> {
                        Thread t = new Thread(r, "livetemplate-log-summaries");
                        t.setDaemon(true);
                        return t;
                    });

    private final Logger log;
    private final long intervalNanos;
    private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();

    /** One kind's window: when it opened, what it left out, whether its summary is scheduled. */
    private static final class Window {
        final AtomicLong opened = new AtomicLong(Long.MIN_VALUE);
        final AtomicLong suppressed = new AtomicLong();
        final AtomicBoolean summaryDue = new AtomicBoolean();
    }

    /**
     * @param log where the lines go; kinds are a fixed set of the caller's, one word or kebab-case
     *     (never client input, which would grow the map)
     */
    public LogLimiter(Logger log) {
        this(log, TimeUnit.SECONDS.toNanos(INTERVAL_SECONDS));
    }

    /** With windows of {@code intervalNanos} (tests). */
    LogLimiter(Logger log, long intervalNanos) {
        this.log = log;
        this.intervalNanos = intervalNanos;
    }

    /**
     * Logs a warning (SLF4J {@code {}} placeholders; a trailing {@link Throwable} is logged with
     * its stack trace) unless one of this {@code kind} was logged in the current window; then it is
     * only counted. Any thread; formats nothing when it does not log.
     */
    public void warn(String kind, String format, Object... args) {
        if (first(kind)) {
            log.atWarn().addKeyValue("kind", kind).log(format, args);
        }
    }

    /** Like {@link #warn}, at ERROR: what the application's code threw, say. */
    public void error(String kind, String format, Object... args) {
        if (first(kind)) {
            log.atError().addKeyValue("kind", kind).log(format, args);
        }
    }

    /** Whether {@code kind}'s line is the first of its window; else counts it. */
    private boolean first(String kind) {
        Window w = windows.computeIfAbsent(kind, k -> new Window());
        long now = System.nanoTime();
        long opened = w.opened.get();
        boolean open = opened != Long.MIN_VALUE && now - opened < intervalNanos;
        if (open || !w.opened.compareAndSet(opened, now)) {
            w.suppressed.incrementAndGet();
            if (w.summaryDue.compareAndSet(false, true)) {
                long left = Math.max(0, w.opened.get() + intervalNanos - now);
                SUMMARIES.schedule(() -> summarize(kind, w), left, TimeUnit.NANOSECONDS);
            }
            return false;
        }
        return true;
    }

    /** The end of a window that left lines out: one line with their number. */
    private void summarize(String kind, Window w) {
        w.summaryDue.set(false);
        long left = w.suppressed.getAndSet(0);
        if (left > 0) {
            log.atWarn()
                    .addKeyValue("kind", kind)
                    .addKeyValue("suppressed", left)
                    .log(
                            "{} more like the last one of this kind in {} s were not logged (see"
                                    + " the handler's counters)",
                            left,
                            intervalNanos / 1e9);
        }
    }
}
