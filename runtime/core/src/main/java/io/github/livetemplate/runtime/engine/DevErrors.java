package io.github.livetemplate.runtime.engine;

import io.github.livetemplate.runtime.Utf8Buffer;

/**
 * Internal, dev mode only (docs/dev-mode.md): what a page shows a developer — an exception's class,
 * message and top frames, and the {@code lvt_dev} error envelope that carries a problem to the
 * page's dev script. The envelope is the client's own error message (docs/protocol.md §5.5): the
 * client raises {@code lvt:error} on the wrapper with {@code detail.topic} and leaves the DOM and
 * the socket alone.
 */
final class DevErrors {
    /** The frames of an exception shown on the page. */
    static final int FRAMES = 8;

    private DevErrors() {}

    /** {@code class: message}, the top frames, and the same for each cause. */
    static String describe(Throwable e) {
        StringBuilder b = new StringBuilder();
        int depth = 0;
        for (Throwable t = e; t != null && depth < 4; t = t.getCause(), depth++) {
            if (depth > 0) {
                b.append("Caused by: ");
            }
            b.append(t.getClass().getName());
            if (t.getMessage() != null) {
                b.append(": ").append(t.getMessage());
            }
            b.append('\n');
            StackTraceElement[] frames = t.getStackTrace();
            for (int i = 0; i < Math.min(FRAMES, frames.length); i++) {
                b.append("    at ").append(frames[i]).append('\n');
            }
            if (frames.length > FRAMES) {
                b.append("    … ").append(frames.length - FRAMES).append(" more\n");
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return b.toString();
    }

    /**
     * {@code {"type":"error","code":"lvt_dev","topic":{"kind":…,"action":…,"text":…}}}; {@code
     * text} null clears what the page shows of that kind.
     *
     * @param kind {@code template} (a template that does not compile) or {@code action}
     * @param action the action that failed, or null
     */
    static byte[] envelope(String kind, String action, String text) {
        Utf8Buffer out = new Utf8Buffer(128 + (text == null ? 0 : text.length()));
        out.writeAscii("{\"type\":\"error\",\"code\":\"lvt_dev\",\"topic\":{\"kind\":");
        out.writeJsonString(kind);
        if (action != null) {
            out.writeAscii(",\"action\":");
            out.writeJsonString(action);
        }
        out.writeAscii(",\"text\":");
        if (text == null) {
            out.writeAscii("null");
        } else {
            out.writeJsonString(text);
        }
        out.writeAscii("}}");
        return out.toByteArray();
    }
}
