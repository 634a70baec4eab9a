package io.github.livetemplate.runtime.generated;

/**
 * The depth bound of recursive {@code {{template}}} calls, per rendering thread. Support for
 * generated code, not API.
 *
 * <p>Go's {@code text/template} stops at 100000 nested calls; a Java thread's stack holds far fewer
 * frames, so a render stops at {@link #MAX_DEPTH} nested calls of recursive templates with a clear
 * error instead of a {@link StackOverflowError}.
 */
public final class Recursion {
    /** How deep recursive templates may nest in one render. */
    public static final int MAX_DEPTH = 1000;

    private static final ThreadLocal<int[]> DEPTH = ThreadLocal.withInitial(() -> new int[1]);

    private Recursion() {}

    /**
     * Enters one call of the recursive template {@code name}.
     *
     * @throws IllegalStateException when the calls nest deeper than {@link #MAX_DEPTH}
     */
    public static void enter(String name) {
        int[] depth = DEPTH.get();
        if (depth[0] >= MAX_DEPTH) {
            throw new IllegalStateException(
                    "template \""
                            + name
                            + "\" nests deeper than "
                            + MAX_DEPTH
                            + " recursive calls (is the data cyclic?)");
        }
        depth[0]++;
    }

    /** Leaves the call {@link #enter} entered. */
    public static void exit() {
        DEPTH.get()[0]--;
    }
}
