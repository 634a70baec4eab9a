package io.github.livetemplate.pubsub;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** A listener that queues what it receives, with bounded waits. */
final class Inbox<T> implements Consumer<T> {
  final LinkedBlockingQueue<T> queue = new LinkedBlockingQueue<>();

  @Override
  public void accept(T t) {
    queue.add(t);
  }

  T next() throws InterruptedException {
    return next(Duration.ofSeconds(3));
  }

  T next(Duration timeout) throws InterruptedException {
    T t = queue.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    assertNotNull(t, "nothing received within " + timeout);
    return t;
  }

  T poll(Duration timeout) throws InterruptedException {
    return queue.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  void assertEmpty(Duration wait) throws InterruptedException {
    assertNull(queue.poll(wait.toMillis(), TimeUnit.MILLISECONDS), "unexpected message");
  }
}
