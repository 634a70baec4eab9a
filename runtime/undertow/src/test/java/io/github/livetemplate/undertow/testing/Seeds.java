package io.github.livetemplate.undertow.testing;

/**
 * Runs a randomized test from a seed: {@code -Dfuzz.seed=N} replays one, else a fresh seed is
 * taken. The seed is printed before the run and named in any failure, so every failure can be
 * replayed.
 */
public final class Seeds {
    private Seeds() {}

    /** A test body that draws everything random from {@code seed}. */
    @FunctionalInterface
    public interface Body {
        void run(long seed) throws Exception;
    }

    /** Runs {@code body} with the seed, wrapping a failure in one that names it. */
    public static void run(String test, Body body) {
        long seed = Long.getLong("fuzz.seed", System.nanoTime());
        System.out.println(test + " seed=" + seed + " (replay: -Dfuzz.seed=" + seed + ")");
        try {
            body.run(seed);
        } catch (Throwable t) {
            throw new AssertionError(test + " failed with seed " + seed + ": " + t, t);
        }
    }
}
