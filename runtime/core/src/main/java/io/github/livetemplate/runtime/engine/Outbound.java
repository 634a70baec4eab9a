package io.github.livetemplate.runtime.engine;

import io.github.livetemplate.runtime.Utf8Buffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Internal: writes the server's JSON envelopes by hand around a tree the renderer has already
 * written into the same buffer:
 *
 * <pre>
 * Outbound.beginUpdate(out);           // {"tree":
 * renderer.writeDiff(prev, next, out); // the tree bytes, untouched
 * Outbound.endUpdate(out, errors, "increment"); // ,"meta":{…}}
 * </pre>
 */
final class Outbound {

    /** The heartbeat answer, exactly. */
    static final byte[] PONG = ascii("{\"pong\":true}");

    private static final byte[] BEGIN = ascii("{\"tree\":");
    private static final byte[] EMPTY_TREE = ascii("{}");
    private static final byte[] META_OK = ascii(",\"meta\":{\"success\":true,\"errors\":{}");
    private static final byte[] META_FAILED = ascii(",\"meta\":{\"success\":false,\"errors\":{");
    private static final byte[] ACTION = ascii(",\"action\":");

    private Outbound() {}

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** Writes {@code {"tree":}; the caller writes the tree next. */
    static void beginUpdate(Utf8Buffer out) {
        out.write(BEGIN);
    }

    /**
     * Closes an update: {@code ,"meta":{"success":…,"errors":{…},"action":"…"}}}. {@code success}
     * is {@code errors.isEmpty()}.
     *
     * @param action the echoed action name, or {@code null} to leave it out (first message)
     */
    static void endUpdate(Utf8Buffer out, Map<String, String> errors, String action) {
        endUpdate(out, errors, action, false);
    }

    /**
     * Ends the first tree of a connection: like {@link #endUpdate}, with {@code
     * "capabilities":["change"]} when {@code change} is true (the page has a {@code change} action,
     * so the client turns on its change auto-wiring, docs/protocol.md §7.6). Only the first tree
     * carries it: every message with the field would set the client's flag anew.
     */
    static void endFirstTree(
            Utf8Buffer out, Map<String, String> errors, String action, boolean change) {
        endUpdate(out, errors, action, change);
    }

    private static void endUpdate(
            Utf8Buffer out, Map<String, String> errors, String action, boolean change) {
        if (errors.isEmpty()) {
            out.write(META_OK);
        } else {
            out.write(META_FAILED);
            boolean first = true;
            for (Map.Entry<String, String> e : errors.entrySet()) {
                if (!first) {
                    out.writeByte(',');
                }
                first = false;
                out.writeJsonString(e.getKey());
                out.writeByte(':');
                out.writeJsonString(e.getValue() == null ? "" : e.getValue());
            }
            out.writeByte('}');
        }
        if (action != null) {
            out.write(ACTION);
            out.writeJsonString(action);
        }
        if (change) {
            out.writeAscii(",\"capabilities\":[\"change\"]");
        }
        out.writeBytes('}', '}');
    }

    /**
     * The error envelope refusing a topic (docs/protocol.md §5.5): {@code
     * {"type":"error","code":"topic_forbidden","topic":"…"}}.
     */
    static byte[] topicForbidden(String topic) {
        Utf8Buffer out = new Utf8Buffer(64 + topic.length());
        out.writeAscii("{\"type\":\"error\",\"code\":\"topic_forbidden\",\"topic\":");
        out.writeJsonString(topic);
        out.writeByte('}');
        return out.toByteArray();
    }

    /**
     * Writes a complete failure answer that changes nothing: {@code
     * {"tree":{},"meta":{"success":false,"errors":{…},"action":"…"}}}.
     */
    /**
     * An update that replaces the page's content with a notice sending the browser to {@code
     * location} (a checked same-site path): a {@code <meta http-equiv="refresh">}, which the
     * browser follows when the client puts it into the page, and a link for when it does not. The
     * 0.25.1 client has no redirect message (docs/protocol.md §3.3); a new root {@code s} replaces
     * the tree it holds.
     */
    static void redirect(
            Utf8Buffer out, String location, Map<String, String> errors, String action) {
        String href = attr(location);
        out.write(BEGIN);
        out.writeAscii("{\"s\":[");
        out.writeJsonString(
                "<meta http-equiv=\"refresh\" content=\"0;url="
                        + href
                        + "\"><p class=\"lvt-redirect\">Continue to <a href=\""
                        + href
                        + "\">"
                        + href
                        + "</a></p>");
        out.writeAscii("]}");
        endUpdate(out, errors, action);
    }

    private static String attr(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&#34;");
                case '\'' -> sb.append("&#39;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    static void failure(Utf8Buffer out, Map<String, String> errors, String action) {
        out.write(BEGIN);
        out.write(EMPTY_TREE);
        endUpdate(out, errors, action);
    }
}
