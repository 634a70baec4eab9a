package io.github.livetemplate.undertow.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Internal: the page re-rendered after a native form post with errors (docs/runtime.md, "Forms
 * without JavaScript"): {@code aria-invalid="true"} on every field named in the errors, and the
 * values the user typed put back into text inputs, text areas and checkboxes (passwords and file
 * inputs are never echoed), so nothing typed is lost.
 */
final class FormEcho {
    private static final Set<String> NOT_ECHOED =
            Set.of("password", "hidden", "file", "submit", "button", "reset", "image");

    private FormEcho() {}

    /** {@code html} with the errors marked and {@code posted} values put back. */
    static String apply(String html, Map<String, String> errors, Map<String, Object> posted) {
        StringBuilder out = new StringBuilder(html.length() + 256);
        int i = 0;
        int n = html.length();
        while (i < n) {
            int lt = html.indexOf('<', i);
            if (lt < 0) {
                break;
            }
            String element = elementAt(html, lt);
            if (element == null) {
                out.append(html, i, lt + 1);
                i = lt + 1;
                continue;
            }
            int end = tagEnd(html, lt + 1 + element.length());
            if (end < 0) {
                break;
            }
            out.append(html, i, lt);
            List<String[]> attrs = attributes(html, lt + 1 + element.length(), end);
            String name = value(attrs, "name");
            i = end + 1;
            if (name == null) {
                out.append(html, lt, end + 1);
                continue;
            }
            if (errors.containsKey(name) && value(attrs, "aria-invalid") == null) {
                attrs.add(new String[] {"aria-invalid", "true"});
            }
            Object typed = posted.get(name);
            String type = value(attrs, "type");
            type = type == null ? "text" : type.toLowerCase(Locale.ROOT);
            boolean closeTextarea = false;
            if (element.equals("input") && typed != null) {
                if (type.equals("checkbox") || type.equals("radio")) {
                    String own = value(attrs, "value");
                    boolean checked = contains(typed, own == null ? "on" : own);
                    attrs.removeIf(a -> a[0].equals("checked"));
                    if (checked) {
                        attrs.add(new String[] {"checked", null});
                    }
                } else if (!NOT_ECHOED.contains(type)) {
                    attrs.removeIf(a -> a[0].equals("value"));
                    attrs.add(new String[] {"value", text(typed)});
                }
            } else if (element.equals("input")
                    && (type.equals("checkbox") || type.equals("radio"))
                    && !posted.isEmpty()) {
                attrs.removeIf(a -> a[0].equals("checked")); // unchecked: not posted
            } else if (element.equals("textarea") && typed != null) {
                closeTextarea = true;
            }
            out.append('<').append(html, lt + 1, lt + 1 + element.length());
            for (String[] a : attrs) {
                out.append(' ').append(a[0]);
                if (a[1] != null) {
                    out.append("=\"").append(escape(a[1])).append('"');
                }
            }
            out.append(html.charAt(end - 1) == '/' ? "/>" : ">");
            if (closeTextarea) {
                int close = html.toLowerCase(Locale.ROOT).indexOf("</textarea", i);
                if (close >= 0) {
                    out.append(escape(text(typed)));
                    i = close;
                }
            }
        }
        out.append(html, Math.min(i, n), n);
        return out.toString();
    }

    /** {@code input}, {@code select} or {@code textarea} when a start tag of one begins at lt. */
    private static String elementAt(String html, int lt) {
        for (String e : new String[] {"input", "select", "textarea"}) {
            int after = lt + 1 + e.length();
            if (html.regionMatches(true, lt + 1, e, 0, e.length())
                    && after < html.length()
                    && (Character.isWhitespace(html.charAt(after))
                            || html.charAt(after) == '>'
                            || html.charAt(after) == '/')) {
                return e;
            }
        }
        return null;
    }

    /** The {@code >} ending the tag, quotes respected; -1 when there is none. */
    private static int tagEnd(String html, int from) {
        char quote = 0;
        for (int i = from; i < html.length(); i++) {
            char c = html.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '>') {
                return i;
            }
        }
        return -1;
    }

    /** Attributes of html[from, end): lower-case name and decoded-as-written value (or null). */
    private static List<String[]> attributes(String html, int from, int end) {
        List<String[]> out = new ArrayList<>();
        int i = from;
        while (i < end) {
            char c = html.charAt(i);
            if (Character.isWhitespace(c) || c == '/') {
                i++;
                continue;
            }
            int nameStart = i;
            while (i < end
                    && !Character.isWhitespace(html.charAt(i))
                    && html.charAt(i) != '='
                    && html.charAt(i) != '/') {
                i++;
            }
            String name = html.substring(nameStart, i).toLowerCase(Locale.ROOT);
            while (i < end && Character.isWhitespace(html.charAt(i))) {
                i++;
            }
            String value = null;
            if (i < end && html.charAt(i) == '=') {
                i++;
                while (i < end && Character.isWhitespace(html.charAt(i))) {
                    i++;
                }
                if (i < end && (html.charAt(i) == '"' || html.charAt(i) == '\'')) {
                    char q = html.charAt(i);
                    int close = html.indexOf(q, i + 1);
                    close = close < 0 || close > end ? end : close;
                    value = unescape(html.substring(i + 1, close));
                    i = close + 1;
                } else {
                    int vs = i;
                    while (i < end && !Character.isWhitespace(html.charAt(i))) {
                        i++;
                    }
                    value = unescape(html.substring(vs, i));
                }
            }
            if (!name.isEmpty()) {
                out.add(new String[] {name, value});
            }
        }
        return out;
    }

    private static String value(List<String[]> attrs, String name) {
        for (String[] a : attrs) {
            if (a[0].equals(name)) {
                return a[1] == null ? "" : a[1];
            }
        }
        return null;
    }

    private static boolean contains(Object typed, String v) {
        if (typed instanceof List<?> l) {
            return l.contains(v);
        }
        return v.equals(typed);
    }

    private static String text(Object typed) {
        if (typed instanceof List<?> l) {
            return l.isEmpty() ? "" : String.valueOf(l.get(l.size() - 1));
        }
        return String.valueOf(typed);
    }

    /** Undoes the escapes our renderers write (Go's html/template set). */
    private static String unescape(String s) {
        if (s.indexOf('&') < 0) {
            return s;
        }
        return s.replace("&#34;", "\"")
                .replace("&quot;", "\"")
                .replace("&#39;", "'")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&#43;", "+")
                .replace("&amp;", "&");
    }

    static String escape(String s) {
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
}
