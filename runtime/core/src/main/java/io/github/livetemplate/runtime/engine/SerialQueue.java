package io.github.livetemplate.runtime.engine;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Internal: runs submitted tasks one at a time, in submission order, on a shared executor (the
 * Undertow worker pool), without holding a thread while idle. Bounded: {@link #offer} refuses a
 * task when {@code capacity} tasks are waiting.
 *
 * <p>A drain runs at most {@value #BATCH} tasks before it yields the worker thread to other queues,
 * so one busy connection cannot starve the rest.
 *
 * <p>Every live connection and HTTP state has one, mostly idle: an idle queue is this object alone
 * (no queue nodes, no atomics, no drain lambda), and a waiting task costs one small node. The
 * monitor is held only to link or unlink a node, never while a task runs.
 */
public final class SerialQueue implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(SerialQueue.class);
    private static final int BATCH = 32;

    /** One waiting task. */
    private static final class Node {
        final Runnable task;
        Node next;

        Node(Runnable task) {
            this.task = task;
        }
    }

    private final Executor executor;
    private final int capacity;

    // Guarded by this.
    private Node head;
    private Node tail;

    /** Tasks waiting or running. */
    private int size;

    /** Whether a drain is queued on the executor or running. */
    private boolean scheduled;

    public SerialQueue(Executor executor, int capacity) {
        this.executor = executor;
        this.capacity = capacity;
    }

    /** Queues {@code task}; {@code false} (and nothing queued) when the queue is full. */
    public boolean offer(Runnable task) {
        return add(task, false);
    }

    /**
     * Queues {@code task} even when the queue is full (lifecycle work such as a disconnect that
     * must not be lost).
     */
    public void force(Runnable task) {
        add(task, true);
    }

    /**
     * Runs {@code task} on the calling thread at once if the queue is idle (nothing waiting or
     * running), else queues it like {@link #offer}. The fan-out uses it so that a push to an idle
     * connection costs no hand-off to the executor (docs/runtime.md §10).
     *
     * @return {@code false} (and nothing run or queued) when the queue is full
     */
    public boolean offerOrRun(Runnable task) {
        synchronized (this) {
            if (scheduled) {
                if (size >= capacity) {
                    return false;
                }
                append(new Node(task));
                return true;
            }
            scheduled = true;
            size++;
        }
        try {
            task.run();
        } catch (Throwable t) {
            LOG.error("a queued task failed", t);
        }
        boolean more;
        synchronized (this) {
            size--;
            more = head != null;
            if (!more) {
                scheduled = false;
            }
        }
        if (more) {
            schedule(); // what arrived meanwhile runs on the executor, not on this thread
        }
        return true;
    }

    /** The executor the queue drains on. */
    public Executor executor() {
        return executor;
    }

    /** The number of tasks waiting or running. */
    public synchronized int size() {
        return size;
    }

    /** Appends {@code n} to the waiting tasks; under the lock. */
    private void append(Node n) {
        size++;
        if (tail == null) {
            head = n;
        } else {
            tail.next = n;
        }
        tail = n;
    }

    private boolean add(Runnable task, boolean forced) {
        Node n = new Node(task);
        boolean start;
        synchronized (this) {
            if (!forced && size >= capacity) {
                return false;
            }
            append(n);
            start = !scheduled;
            scheduled = true;
        }
        if (start) {
            schedule();
        }
        return true;
    }

    private void schedule() {
        try {
            executor.execute(this);
        } catch (RejectedExecutionException e) {
            // The worker pool is shutting down: finish the work here so that lifecycle calls such
            // as onDisconnect still happen.
            LOG.debug("worker pool refused a task; running it on the caller thread", e);
            run();
        }
    }

    /** The drain: runs up to {@value #BATCH} tasks, then yields (reschedules) if more wait. */
    @Override
    public void run() {
        for (int ran = 0; ran < BATCH; ran++) {
            Runnable task;
            synchronized (this) {
                Node n = head;
                if (n == null) {
                    scheduled = false;
                    return;
                }
                head = n.next;
                if (head == null) {
                    tail = null;
                }
                task = n.task;
            }
            try {
                task.run();
            } catch (Throwable t) {
                LOG.error("a queued task failed", t);
            } finally {
                synchronized (this) {
                    size--;
                }
            }
        }
        synchronized (this) {
            if (head == null) {
                scheduled = false;
                return;
            }
        }
        schedule(); // still scheduled: no other thread starts a drain meanwhile
    }
}
