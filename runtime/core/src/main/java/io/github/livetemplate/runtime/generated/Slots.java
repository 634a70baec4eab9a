package io.github.livetemplate.runtime.generated;

import io.github.livetemplate.runtime.TrustedAttr;
import io.github.livetemplate.runtime.TrustedHtml;
import io.github.livetemplate.runtime.Utf8Buffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Printing template values and the page wrapper. Support for generated code, not API.
 *
 * <p>A template prints {@code null} (and an empty Optional) as nothing, unlike Go's {@code <no
 * value>}: Java state has nulls where Go state has zero values.
 */
public final class Slots {
    private static final byte[] WRAPPER_OPEN =
            "<div data-lvt-id=\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] LOADING =
            "\" data-lvt-loading=\"true\">".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] WRAPPER_CLOSE = "</div>".getBytes(StandardCharsets.US_ASCII);

    private Slots() {}

    /** A string slot: null prints as nothing. */
    public static String text(String s) {
        return s == null ? "" : s;
    }

    /** Any value as Go's {@code %v} prints it; null and empty Optional print as nothing. */
    public static String text(Object v) {
        if (v == null) {
            return "";
        }
        if (v instanceof String s) {
            return s;
        }
        if (v instanceof Optional<?> o) {
            return o.isPresent() ? text(o.get()) : "";
        }
        if (v instanceof TrustedHtml h) {
            return h.html();
        }
        if (v instanceof TrustedAttr a) {
            return a.attr();
        }
        if (v instanceof Enum<?> || v instanceof CharSequence || v instanceof Character) {
            return v.toString();
        }
        return GoFmt.toString(v);
    }

    /** An integer as text. */
    public static String text(long v) {
        return Long.toString(v);
    }

    /** A char as the one-character string it is (Go would print a rune's number). */
    public static String text(char v) {
        return String.valueOf(v);
    }

    /** A float as Go prints it ({@code %v}). */
    public static String text(double v) {
        return Double.isFinite(v) ? FloatFormat.format(v, 64, 'g', -1) : GoFmt.toString(v);
    }

    /**
     * Writes a float64 as Go's {@code %v} prints it, with no intermediate String. Its characters
     * need no escaping in HTML text, unquoted or quoted attributes, or JSON strings.
     */
    public static void number(double v, Utf8Buffer out) {
        FloatFormat.writeShortest(v, out);
    }

    /** A boolean as text. */
    public static String text(boolean v) {
        return v ? "true" : "false";
    }

    /** A value printed in HTML text: trusted markup passes, everything else is escaped. */
    public static void textContent(Object v, Utf8Buffer out, boolean json) {
        if (v instanceof TrustedHtml h) {
            Escape.trusted(h.html(), out, json);
        } else {
            Escape.html(text(v), out, json);
        }
    }

    /**
     * A value where an attribute name may start ({@code <input {{.X}}>}) or inside one: a {@link
     * TrustedAttr} as it is, anything else through {@link Escape#attrName}.
     */
    public static void attrName(Object v, Utf8Buffer out, boolean json) {
        if (v instanceof TrustedAttr a) {
            Escape.trusted(a.attr(), out, json);
        } else {
            Escape.attrName(text(v), out, json);
        }
    }

    /** Writes {@code <div data-lvt-id="id">}, with {@code data-lvt-loading} when asked. */
    public static void openWrapper(Utf8Buffer out, String id, boolean loading) {
        out.write(WRAPPER_OPEN);
        Escape.html(id, out, false);
        if (loading) {
            out.write(LOADING);
        } else {
            out.writeBytes('"', '>');
        }
    }

    /** Writes {@code </div>}. */
    public static void closeWrapper(Utf8Buffer out) {
        out.write(WRAPPER_CLOSE);
    }
}
