package io.github.livetemplate.runtime.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class SerialQueueTest {

    @Test
    void runsTasksOneAtATimeInOrder() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            SerialQueue q = new SerialQueue(pool, 100_000);
            List<Integer> seen =
                    new ArrayList<>(); // unsynchronized on purpose: the queue serializes
            AtomicInteger running = new AtomicInteger();
            AtomicInteger overlaps = new AtomicInteger();
            int n = 20_000;
            CountDownLatch done = new CountDownLatch(n);
            for (int i = 0; i < n; i++) {
                int v = i;
                assertTrue(
                        q.offer(
                                () -> {
                                    if (running.incrementAndGet() != 1) {
                                        overlaps.incrementAndGet();
                                    }
                                    seen.add(v);
                                    running.decrementAndGet();
                                    done.countDown();
                                }));
            }
            assertTrue(done.await(10, TimeUnit.SECONDS));
            assertEquals(0, overlaps.get());
            for (int i = 0; i < n; i++) {
                assertEquals(i, seen.get(i));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void boundedAndSurvivesFailingTasks() throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            SerialQueue q = new SerialQueue(pool, 2);
            CountDownLatch release = new CountDownLatch(1);
            CountDownLatch started = new CountDownLatch(1);
            assertTrue(
                    q.offer(
                            () -> {
                                started.countDown();
                                try {
                                    release.await(5, TimeUnit.SECONDS);
                                } catch (InterruptedException e) {
                                    Thread.currentThread().interrupt();
                                }
                                throw new RuntimeException("task failure is contained");
                            }));
            assertTrue(started.await(5, TimeUnit.SECONDS));
            CountDownLatch ran = new CountDownLatch(2);
            assertTrue(q.offer(ran::countDown));
            assertFalse(q.offer(ran::countDown), "full");
            q.force(ran::countDown);
            release.countDown();
            assertTrue(ran.await(5, TimeUnit.SECONDS));
            CountDownLatch after = new CountDownLatch(1);
            assertTrue(q.offer(after::countDown));
            assertTrue(after.await(5, TimeUnit.SECONDS));
        } finally {
            pool.shutdownNow();
        }
    }
}
