package io.github.livetemplate.runtime.engine;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Internal: runs submitted tasks one at a time, in submission order, on a shared executor (the
 * Undertow worker pool), without holding a thread while idle. Bounded: {@link #offer} refuses a
 * task when {@code capacity} tasks are waiting.
 *
 * <p>A drain runs at most {@value #BATCH} tasks before it yields the worker thread to other queues,
 * so one busy connection cannot starve the rest.
 */
public final class SerialQueue {
    private static final Logger LOG = LoggerFactory.getLogger(SerialQueue.class);
    private static final int BATCH = 32;

    private final Executor executor;
    private final int capacity;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicInteger size = new AtomicInteger();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final Runnable drain = this::drain;

    public SerialQueue(Executor executor, int capacity) {
        this.executor = executor;
        this.capacity = capacity;
    }

    /** Queues {@code task}; {@code false} (and nothing queued) when the queue is full. */
    public boolean offer(Runnable task) {
        if (size.incrementAndGet() > capacity) {
            size.decrementAndGet();
            return false;
        }
        tasks.add(task);
        schedule();
        return true;
    }

    /**
     * Queues {@code task} even when the queue is full (lifecycle work such as a disconnect that
     * must not be lost).
     */
    public void force(Runnable task) {
        size.incrementAndGet();
        tasks.add(task);
        schedule();
    }

    /** The number of tasks waiting or running. */
    public int size() {
        return size.get();
    }

    private void schedule() {
        if (scheduled.compareAndSet(false, true)) {
            try {
                executor.execute(drain);
            } catch (RejectedExecutionException e) {
                // The worker pool is shutting down: finish the work here so that lifecycle calls
                // such
                // as onDisconnect still happen.
                scheduled.set(false);
                LOG.debug("worker pool refused a task; running it on the caller thread", e);
                if (scheduled.compareAndSet(false, true)) {
                    drain();
                }
            }
        }
    }

    private void drain() {
        int ran = 0;
        Runnable task;
        while (ran < BATCH && (task = tasks.poll()) != null) {
            try {
                task.run();
            } catch (Throwable t) {
                LOG.error("a queued task failed", t);
            } finally {
                size.decrementAndGet();
            }
            ran++;
        }
        scheduled.set(false);
        if (!tasks.isEmpty()) {
            schedule();
        }
    }
}
