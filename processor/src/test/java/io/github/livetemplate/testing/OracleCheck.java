package io.github.livetemplate.testing;

import io.github.livetemplate.runtime.LiveRenderer;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Differential test of a {@link LiveRenderer} against the real client (see "Testing against the
 * client" in docs/protocol.md).
 *
 * <p>For each seed: a random state {@code s0}; the client oracle is reset and gets {@code
 * tree(s0)}, and its HTML must equal the wrapper's inner HTML of {@code html(s0)}. Then {@code
 * steps} times: {@code s1 = mutate(s0)}, the oracle gets {@code diff(s0, s1)} and its HTML must
 * equal the inner HTML of {@code html(s1)}; also {@code diff(s1, s1)} must be {@code {}}.
 *
 * <p>Seeds are {@code 0 .. seeds-1}, so a failure report's seed reproduces with {@link #runSeed}.
 */
public final class OracleCheck {

    private static final Pattern WRAPPER_START =
            Pattern.compile("<div\\b[^>]*?\\sdata-lvt-id=\"[^\"]*\"[^>]*>");

    private OracleCheck() {}

    /** Runs seeds {@code 0 .. seeds-1} with {@code steps} transitions each. */
    public static <R extends Record> void run(
            LiveRenderer<R> renderer, Class<R> type, int seeds, int steps) {
        run(renderer, type, seeds, steps, RandomStates.DEFAULT_MAX_SIZE);
    }

    /** As {@link #run(LiveRenderer, Class, int, int)} with lists of at most {@code maxSize}. */
    public static <R extends Record> void run(
            LiveRenderer<R> renderer, Class<R> type, int seeds, int steps, int maxSize) {
        try (ClientOracle oracle = ClientOracle.start()) {
            for (long seed = 0; seed < seeds; seed++) {
                runSeed(oracle, renderer, type, seed, steps, maxSize);
            }
        }
    }

    /** Runs one seed (to reproduce a reported failure). */
    public static <R extends Record> void runSeed(
            LiveRenderer<R> renderer, Class<R> type, long seed, int steps, int maxSize) {
        try (ClientOracle oracle = ClientOracle.start()) {
            runSeed(oracle, renderer, type, seed, steps, maxSize);
        }
    }

    private static <R extends Record> void runSeed(
            ClientOracle oracle,
            LiveRenderer<R> renderer,
            Class<R> type,
            long seed,
            int steps,
            int maxSize) {
        Random rnd = new Random(seed);
        R prev = RandomStates.random(type, rnd, maxSize);
        oracle.reset();
        String tree = renderStep(() -> renderer.tree(prev), type, seed, 0, null, prev, "tree");
        String expected =
                renderStep(() -> innerHtml(renderer.html(prev)), type, seed, 0, null, prev, "html");
        String actual = applyStep(oracle, tree, type, seed, 0, null, prev);
        if (!expected.equals(actual)) {
            throw new AssertionError(
                    header(type, seed, 0)
                            + "the first tree renders differently in the client.\n"
                            + "state: "
                            + prev
                            + "\n"
                            + "tree JSON: "
                            + tree
                            + "\n"
                            + comparison(expected, actual));
        }

        R current = prev;
        for (int step = 1; step <= steps; step++) {
            R before = current;
            R next = RandomStates.mutate(before, rnd, maxSize);
            final int s = step;
            String diff =
                    renderStep(
                            () -> renderer.diff(before, next), type, seed, s, before, next, "diff");
            String want =
                    renderStep(
                            () -> innerHtml(renderer.html(next)),
                            type,
                            seed,
                            s,
                            before,
                            next,
                            "html");
            String got = applyStep(oracle, diff, type, seed, step, before, next);
            if (!want.equals(got)) {
                throw new AssertionError(
                        header(type, seed, step)
                                + "the update renders differently in the client.\n"
                                + "previous state: "
                                + before
                                + "\n"
                                + "next state:     "
                                + next
                                + "\n"
                                + "diff JSON: "
                                + diff
                                + "\n"
                                + comparison(want, got)
                                + "\n"
                                + minimalTransition(oracle, renderer, before, next, want));
            }
            String none =
                    renderStep(() -> renderer.diff(next, next), type, seed, s, next, next, "diff");
            if (!"{}".equals(none.strip())) {
                throw new AssertionError(
                        header(type, seed, step)
                                + "diff(state, state) must be {} but was "
                                + none
                                + "\nstate: "
                                + next);
            }
            current = next;
        }
    }

    /**
     * The wrapper's inner HTML: after the {@code <div data-lvt-id="…">} start tag, up to the last
     * {@code </div>} before {@code </body>} (full documents) or of the whole string (fragments).
     */
    public static String innerHtml(String html) {
        Matcher m = WRAPPER_START.matcher(html);
        if (!m.find()) {
            throw new AssertionError("no <div data-lvt-id=\"…\"> wrapper in html():\n" + html);
        }
        int start = m.end();
        int bodyEnd = html.lastIndexOf("</body>");
        int limit = bodyEnd >= start ? bodyEnd : html.length();
        int end = html.lastIndexOf("</div>", limit - 1);
        if (end < start) {
            throw new AssertionError(
                    "the wrapper <div data-lvt-id> is not closed in html():\n" + html);
        }
        return html.substring(start, end);
    }

    // ------------------------------------------------------------------------------ reporting

    private interface Render {
        String get();
    }

    private static String renderStep(
            Render render,
            Class<?> type,
            long seed,
            int step,
            Object prev,
            Object next,
            String what) {
        try {
            return render.get();
        } catch (AssertionError e) {
            throw e;
        } catch (RuntimeException e) {
            throw new AssertionError(
                    header(type, seed, step)
                            + "renderer."
                            + what
                            + "(…) threw "
                            + e
                            + "\n"
                            + (prev == null ? "" : "previous state: " + prev + "\n")
                            + "state: "
                            + next,
                    e);
        }
    }

    private static String applyStep(
            ClientOracle oracle,
            String json,
            Class<?> type,
            long seed,
            int step,
            Object prev,
            Object next) {
        try {
            return oracle.apply(json);
        } catch (AssertionError e) {
            throw new AssertionError(
                    header(type, seed, step)
                            + "the client oracle rejected the "
                            + (step == 0 ? "tree" : "diff")
                            + ".\n"
                            + (prev == null ? "" : "previous state: " + prev + "\n")
                            + "state: "
                            + next
                            + "\n"
                            + "JSON: "
                            + json
                            + "\n"
                            + e.getMessage(),
                    e);
        }
    }

    private static String header(Class<?> type, long seed, int step) {
        return "OracleCheck "
                + type.getSimpleName()
                + ": seed "
                + seed
                + ", step "
                + step
                + (step == 0 ? " (first tree)" : "")
                + ": ";
    }

    private static <R> String minimalTransition(
            ClientOracle oracle, LiveRenderer<R> renderer, R prev, R next, String want) {
        StringBuilder sb =
                new StringBuilder("minimal transition (reset, tree(prev), diff(prev, next)): ");
        try {
            oracle.reset();
            ClientOracle.Result first = oracle.applyResult(renderer.tree(prev));
            String prevHtml = innerHtml(renderer.html(prev));
            ClientOracle.Result second = oracle.applyResult(renderer.diff(prev, next));
            if (!first.html().equals(prevHtml)) {
                sb.append("tree(prev) alone already renders wrong — ")
                        .append(comparison(prevHtml, first.html()));
            } else if (second.html().equals(want) && second.errors().isEmpty()) {
                sb.append("does NOT reproduce in isolation (depends on the earlier updates).");
            } else {
                sb.append("REPRODUCES in isolation.");
                if (!second.errors().isEmpty()) {
                    sb.append(" client errors: ").append(second.errors());
                }
            }
        } catch (AssertionError | RuntimeException e) {
            sb.append("could not run: ").append(e.getMessage());
        }
        return sb.toString();
    }

    /** Expected vs actual with the first differing index marked. */
    static String comparison(String expected, String actual) {
        int i = 0;
        int n = Math.min(expected.length(), actual.length());
        while (i < n && expected.charAt(i) == actual.charAt(i)) {
            i++;
        }
        return "expected (renderer html):\n  "
                + expected
                + "\n"
                + "actual (client oracle):\n  "
                + actual
                + "\n"
                + "first difference at index "
                + i
                + ":\n"
                + "  expected: "
                + around(expected, i)
                + "\n"
                + "  actual:   "
                + around(actual, i);
    }

    private static String around(String s, int i) {
        int from = Math.max(0, i - 40);
        int to = Math.min(s.length(), i + 40);
        return (from > 0 ? "…" : "")
                + escape(s.substring(from, Math.min(i, s.length())))
                + "⟦HERE⟧"
                + escape(s.substring(Math.min(i, s.length()), to))
                + (to < s.length() ? "…" : "");
    }

    private static String escape(String s) {
        return s.replace("\n", "\\n").replace("\t", "\\t").replace("\r", "\\r");
    }
}
