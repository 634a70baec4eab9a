package io.github.livetemplate.undertow.testing;

import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** Bounded waits for what happens on other threads (a close, a delivery, a count). */
public final class Await {
    /** How long {@link #until(BooleanSupplier, String)} waits at most. */
    public static final long TIMEOUT_SECONDS = 30;

    private Await() {}

    /** Returns once {@code condition} holds; fails after {@value #TIMEOUT_SECONDS} s. */
    public static void until(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(10);
        }
    }
}
