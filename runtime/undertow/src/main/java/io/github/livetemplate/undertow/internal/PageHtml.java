package io.github.livetemplate.undertow.internal;

import io.github.livetemplate.runtime.Utf8Buffer;
import java.nio.charset.StandardCharsets;

/**
 * Internal: turns a renderer's page into the page we serve — the client script tag goes in before
 * {@code </head>} (found case-insensitively), a fragment without a document around it gets a
 * minimal one, and the optional heartbeat interval becomes an attribute of the wrapper.
 */
final class PageHtml {
    private static final byte[] HEAD_END = ascii("</head");
    private static final byte[] BODY_START = ascii("<body");
    private static final byte[] HTML_START = ascii("<html");

    private PageHtml() {}

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * The wrapper id of the page at {@code path}: {@code lvt-} and 16 hex digits, stable per
     * renderer and path.
     */
    static String wrapperId(String defaultWrapperId, String path) {
        long h = 0xcbf29ce484222325L;
        String key = defaultWrapperId + "|" + path;
        for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
            h ^= (b & 0xff);
            h *= 0x100000001b3L;
        }
        String hex = Long.toHexString(h);
        return "lvt-" + "0".repeat(16 - hex.length()) + hex;
    }

    /**
     * Assembles the page.
     *
     * @param rendered the renderer's output
     * @param scriptUrl the client script URL (already a safe path)
     * @param wrapperId the wrapper's {@code data-lvt-id}
     * @param heartbeatMillis {@code data-lvt-heartbeat-ms} for the wrapper, or negative for none
     */
    static byte[] assemble(
            Utf8Buffer rendered, String scriptUrl, String wrapperId, int heartbeatMillis) {
        return assemble(rendered, scriptUrl, wrapperId, heartbeatMillis, "");
    }

    /**
     * Like {@link #assemble(Utf8Buffer, String, String, int)}, with {@code before} (trusted HTML:
     * dev mode's script tag) right before the client script.
     */
    static byte[] assemble(
            Utf8Buffer rendered,
            String scriptUrl,
            String wrapperId,
            int heartbeatMillis,
            String before) {
        byte[] src = rendered.array();
        int len = rendered.length();
        byte[] script =
                (before + "<script defer src=\"" + escapeAttr(scriptUrl) + "\"></script>")
                        .getBytes(StandardCharsets.UTF_8);

        int attrAt = -1;
        byte[] attr = null;
        if (heartbeatMillis >= 0) {
            byte[] marker = ("data-lvt-id=\"" + wrapperId + "\"").getBytes(StandardCharsets.UTF_8);
            int at = indexOf(src, len, marker, 0, false);
            if (at >= 0) {
                attrAt = at + marker.length;
                attr =
                        (" data-lvt-heartbeat-ms=\"" + heartbeatMillis + "\"")
                                .getBytes(StandardCharsets.US_ASCII);
            }
        }

        Utf8Buffer out = new Utf8Buffer(len + script.length + 160);
        int headEnd = indexOfTag(src, len, HEAD_END);
        if (headEnd >= 0 && (attrAt < 0 || headEnd < attrAt)) {
            copy(src, 0, headEnd, out, attrAt, attr);
            out.write(script);
            copy(src, headEnd, len, out, attrAt, attr);
            return out.toByteArray();
        }
        int body = indexOfTag(src, len, BODY_START);
        if (body >= 0 && (attrAt < 0 || body < attrAt)) {
            // A document with <body> but no <head>: give it one.
            copy(src, 0, body, out, attrAt, attr);
            out.writeAscii("<head>");
            out.write(script);
            out.writeAscii("</head>");
            copy(src, body, len, out, attrAt, attr);
            return out.toByteArray();
        }
        int html = indexOfTag(src, len, HTML_START);
        if (html >= 0 && (attrAt < 0 || html < attrAt)) {
            // <html> without head or body: the script may go right before the wrapper.
            int wrapperStart = attrAt < 0 ? -1 : lastIndexOf(src, attrAt, (byte) '<');
            if (wrapperStart >= 0) {
                copy(src, 0, wrapperStart, out, attrAt, attr);
                out.write(script);
                copy(src, wrapperStart, len, out, attrAt, attr);
                return out.toByteArray();
            }
        }
        // A fragment: wrap it in a minimal document.
        out.writeAscii("<!DOCTYPE html><html><head><meta charset=\"utf-8\">");
        out.write(script);
        out.writeAscii("</head><body>");
        copy(src, 0, len, out, attrAt, attr);
        out.writeAscii("</body></html>");
        return out.toByteArray();
    }

    /** Copies {@code src[from, to)}, inserting {@code attr} at {@code attrAt} if it is in range. */
    private static void copy(
            byte[] src, int from, int to, Utf8Buffer out, int attrAt, byte[] attr) {
        if (attr != null && attrAt >= from && attrAt < to) {
            out.write(src, from, attrAt - from);
            out.write(attr);
            out.write(src, attrAt, to - attrAt);
        } else {
            out.write(src, from, to - from);
        }
    }

    /**
     * The first {@code <name} or {@code </name} followed by {@code >}, {@code /} or white space.
     */
    static int indexOfTag(byte[] src, int len, byte[] tag) {
        int from = 0;
        while (true) {
            int i = indexOf(src, len, tag, from, true);
            if (i < 0) {
                return -1;
            }
            int next = i + tag.length;
            if (next >= len) {
                return -1;
            }
            byte c = src[next];
            if (c == '>' || c == '/' || c == ' ' || c == '\t' || c == '\n' || c == '\r'
                    || c == '\f') {
                return i;
            }
            from = i + 1;
        }
    }

    static int indexOf(byte[] src, int len, byte[] needle, int from, boolean ignoreCase) {
        outer:
        for (int i = from; i + needle.length <= len; i++) {
            for (int j = 0; j < needle.length; j++) {
                byte a = src[i + j];
                byte b = needle[j];
                if (a != b && !(ignoreCase && lower(a) == b)) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static int lastIndexOf(byte[] src, int before, byte b) {
        for (int i = before - 1; i >= 0; i--) {
            if (src[i] == b) {
                return i;
            }
        }
        return -1;
    }

    private static byte lower(byte b) {
        return b >= 'A' && b <= 'Z' ? (byte) (b + 32) : b;
    }

    static String escapeAttr(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&#34;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }
}
