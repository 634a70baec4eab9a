package io.github.livetemplate.processor.check;

import io.github.livetemplate.processor.parse.Pos;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Problems found in one template, in the order found. */
public final class Diagnostics {

    /** One problem at a template position. */
    public record Diagnostic(Pos pos, boolean error, String key, String message) {}

    private final List<Diagnostic> list = new ArrayList<>();

    /**
     * Records an error.
     *
     * @param key a stable, searchable name such as {@code UnknownField}
     */
    public void error(Pos pos, String key, String message) {
        list.add(new Diagnostic(pos, true, key, message));
    }

    /** Records a warning. */
    public void warning(Pos pos, String key, String message) {
        list.add(new Diagnostic(pos, false, key, message));
    }

    public boolean hasErrors() {
        return list.stream().anyMatch(Diagnostic::error);
    }

    public List<Diagnostic> all() {
        return list;
    }

    /** "did you mean" help: the candidate closest to {@code name}, or null when none is close. */
    public static String nearest(String name, Collection<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String c : candidates) {
            int d =
                    distance(
                            name.toLowerCase(java.util.Locale.ROOT),
                            c.toLowerCase(java.util.Locale.ROOT));
            if (d < bestDistance) {
                bestDistance = d;
                best = c;
            }
        }
        return best != null && bestDistance <= Math.max(2, name.length() / 3) ? best : null;
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
