package io.github.livetemplate.runtime.testing;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** A listener that queues what it receives, with bounded waits. */
public final class Inbox<T> implements Consumer<T> {
    public final LinkedBlockingQueue<T> queue = new LinkedBlockingQueue<>();

    @Override
    public void accept(T t) {
        queue.add(t);
    }

    public T next() throws InterruptedException {
        return next(Duration.ofSeconds(3));
    }

    public T next(Duration timeout) throws InterruptedException {
        T t = queue.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        assertNotNull(t, "nothing received within " + timeout);
        return t;
    }

    public T poll(Duration timeout) throws InterruptedException {
        return queue.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public void assertEmpty(Duration wait) throws InterruptedException {
        assertNull(queue.poll(wait.toMillis(), TimeUnit.MILLISECONDS), "unexpected message");
    }
}
