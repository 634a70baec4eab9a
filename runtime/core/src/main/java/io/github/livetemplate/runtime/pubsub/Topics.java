package io.github.livetemplate.runtime.pubsub;

/**
 * Topic syntax and matching. A topic is one or more non-empty segments joined by {@code /}; a
 * subscription may use {@code *} as a whole segment, matching exactly one segment ({@code chat/*}
 * matches {@code chat/room1} but neither {@code chat} nor {@code chat/room1/x}).
 *
 * <p>The transport accepts any segment without whitespace, control characters or the glob
 * characters {@code * ? [ ] \}; the stricter reference syntax ({@code [A-Za-z0-9_-]+}) and the
 * access rules belong to the runtime layer.
 */
public final class Topics {
    private Topics() {}

    /** Whether {@code topic} has a {@code *} segment (and must be subscribed as a pattern). */
    public static boolean isPattern(String topic) {
        int start = 0;
        while (true) {
            int end = topic.indexOf('/', start);
            int segEnd = end < 0 ? topic.length() : end;
            if (segEnd - start == 1 && topic.charAt(start) == '*') {
                return true;
            }
            if (end < 0) {
                return false;
            }
            start = end + 1;
        }
    }

    /**
     * Validates a topic ({@code allowWildcards == false}) or a subscription topic/pattern.
     *
     * @throws IllegalArgumentException if it is not well formed
     */
    public static String validate(String topic, boolean allowWildcards) {
        if (topic == null || topic.isEmpty()) {
            throw new IllegalArgumentException("topic must not be empty");
        }
        int start = 0;
        while (true) {
            int end = topic.indexOf('/', start);
            int segEnd = end < 0 ? topic.length() : end;
            if (segEnd == start) {
                throw new IllegalArgumentException("empty segment in topic: " + topic);
            }
            boolean star = segEnd - start == 1 && topic.charAt(start) == '*';
            if (star && !allowWildcards) {
                throw new IllegalArgumentException(
                        "wildcards are only allowed when subscribing: " + topic);
            }
            if (!star) {
                for (int i = start; i < segEnd; i++) {
                    char c = topic.charAt(i);
                    if (c <= ' ' || c == 0x7f || c == '*' || c == '?' || c == '[' || c == ']'
                            || c == '\\') {
                        throw new IllegalArgumentException(
                                "illegal character '" + c + "' in topic: " + topic);
                    }
                }
            }
            if (end < 0) {
                return topic;
            }
            start = end + 1;
        }
    }

    /**
     * Strict whole-segment match of a concrete {@code topic} against a subscription {@code pattern}
     * (which may be a concrete topic itself). Needed on receipt because Redis' glob {@code *} also
     * matches {@code /}.
     */
    public static boolean matches(String pattern, String topic) {
        int p = 0;
        int t = 0;
        while (true) {
            int pe = pattern.indexOf('/', p);
            int te = topic.indexOf('/', t);
            int pEnd = pe < 0 ? pattern.length() : pe;
            int tEnd = te < 0 ? topic.length() : te;
            boolean star = pEnd - p == 1 && pattern.charAt(p) == '*';
            if (!star) {
                if (pEnd - p != tEnd - t || !pattern.regionMatches(p, topic, t, pEnd - p)) {
                    return false;
                }
            } else if (tEnd == t) {
                return false;
            }
            if (pe < 0 || te < 0) {
                return pe < 0 && te < 0;
            }
            p = pe + 1;
            t = te + 1;
        }
    }

    /** Redis glob match restricted to {@code *} (the only metacharacter our names can contain). */
    static boolean globMatches(String glob, String s) {
        int g = 0;
        int i = 0;
        int starG = -1;
        int starI = 0;
        while (i < s.length()) {
            if (g < glob.length() && glob.charAt(g) == '*') {
                starG = g++;
                starI = i;
            } else if (g < glob.length() && glob.charAt(g) == s.charAt(i)) {
                g++;
                i++;
            } else if (starG >= 0) {
                g = starG + 1;
                i = ++starI;
            } else {
                return false;
            }
        }
        while (g < glob.length() && glob.charAt(g) == '*') {
            g++;
        }
        return g == glob.length();
    }
}
