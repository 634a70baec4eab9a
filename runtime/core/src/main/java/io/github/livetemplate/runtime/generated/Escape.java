package io.github.livetemplate.runtime.generated;

import io.github.livetemplate.runtime.TrustedHtml;
import io.github.livetemplate.runtime.Utf8Buffer;
import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Contextual escapers matching Go's {@code html/template}, writing UTF-8 into a {@link
 * Utf8Buffer}. Support for generated code, not API.
 *
 * <p>Every escaper takes {@code json}: when true, the produced characters are additionally
 * escaped as JSON string content in the same pass, because the tree JSON carries the
 * HTML-escaped strings inside JSON strings. So for every input, the json=true output equals the
 * JSON string content of the json=false output.
 *
 * <p>Client quirk: the browser client renders a tree string that starts with {@code {{} and ends
 * with {@code }}} as empty. Escapers whose output could have that shape ({@link #html}, {@link
 * #htmlUnquoted}, {@link #jsString}) write the first {@code {} escaped whenever the whole value
 * has it, in both modes so that HTML and tree agree.
 */
public final class Escape {

    private Escape() {}

    /** The escaping applied to a context escaper's result: the attribute's quoting. */
    public enum Delim {
        /** Element content such as {@code <script>} or {@code <style>}: no further escaping. */
        NONE,
        /** A quoted attribute value: {@link #html}. */
        QUOTED,
        /** An unquoted attribute value: {@link #htmlUnquoted}. */
        UNQUOTED
    }

    /** Where in a URL attribute a value sits. */
    public enum UrlPart {
        /** At the start: the scheme is checked, then the URL normalised. */
        START,
        /** Later in the path: normalised. */
        PATH,
        /** In the query or fragment: fully percent-encoded. */
        QUERY
    }

    /** Go's {@code filterFailsafe}: what a value that fails a safety check becomes. */
    public static final String FAILSAFE = "ZgotmplZ";

    private static final byte[] LBRACE_ENTITY = ascii("&#123;");
    private static final byte[] FFFD = "\uFFFD".getBytes(StandardCharsets.UTF_8);
    private static final byte[] FAILSAFE_BYTES = ascii(FAILSAFE);
    private static final String HEX_LOWER = "0123456789abcdef";

    /** Replacements for ASCII chars in text, RCDATA and quoted attributes (Go htmlEscaper). */
    private static final byte[][] HTML = new byte[128][];

    /** Replacements for ASCII chars in unquoted attributes (Go htmlNospaceEscaper). */
    private static final byte[][] HTML_NOSPACE = new byte[128][];

    static {
        HTML[0] = FFFD;
        HTML['"'] = ascii("&#34;");
        HTML['&'] = ascii("&amp;");
        HTML['\''] = ascii("&#39;");
        HTML['+'] = ascii("&#43;");
        HTML['<'] = ascii("&lt;");
        HTML['>'] = ascii("&gt;");

        System.arraycopy(HTML, 0, HTML_NOSPACE, 0, 128);
        HTML_NOSPACE[0] = ascii("&#xfffd;");
        HTML_NOSPACE['\t'] = ascii("&#9;");
        HTML_NOSPACE['\n'] = ascii("&#10;");
        HTML_NOSPACE[0x0B] = ascii("&#11;");
        HTML_NOSPACE['\f'] = ascii("&#12;");
        HTML_NOSPACE['\r'] = ascii("&#13;");
        HTML_NOSPACE[' '] = ascii("&#32;");
        HTML_NOSPACE['='] = ascii("&#61;");
        HTML_NOSPACE['`'] = ascii("&#96;");
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** Whether the client would render {@code s} as empty: it starts with {{ and ends with }}. */
    static boolean isMustache(String s) {
        return s.startsWith("{{") && s.endsWith("}}");
    }

    // ---------------------------------------------------------------------------------------------
    // HTML

    /**
     * Escapes text, RCDATA and quoted attribute values (Go htmlEscaper): {@code \0}→U+FFFD, {@code
     * " & ' + < >} as entities, everything else as UTF-8 (lone surrogates → U+FFFD). Allocation
     * free.
     */
    public static void html(String s, Utf8Buffer out, boolean json) {
        escapeHtml(s, HTML, false, out, json);
    }

    /**
     * Escapes unquoted attribute values (Go htmlNospaceEscaper): as {@link #html} plus whitespace,
     * {@code =} and backtick as entities, {@code \0} and the noncharacters U+FDD0–U+FDEF,
     * U+FFF0–U+FFFF as {@code &#x…;}; an empty value becomes {@code ZgotmplZ} so that the attribute
     * does not swallow the next one.
     */
    public static void htmlUnquoted(String s, Utf8Buffer out, boolean json) {
        if (s.isEmpty()) {
            out.write(FAILSAFE_BYTES);
            return;
        }
        escapeHtml(s, HTML_NOSPACE, true, out, json);
    }

    private static void escapeHtml(
            String s, byte[][] table, boolean nospace, Utf8Buffer out, boolean json) {
        int n = s.length();
        int i = 0;
        if (isMustache(s)) {
            out.write(LBRACE_ENTITY);
            i = 1;
        }
        int run = i; // start of the pending run of ASCII chars copied as they are
        for (; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                byte[] r = table[c];
                if (r == null && !(json && (c < 0x20 || c == '\\'))) {
                    continue;
                }
                out.writeAscii(s, run, i);
                if (r != null) {
                    out.write(r); // entities contain nothing JSON needs to escape
                } else {
                    out.writeJsonChar(c);
                }
            } else {
                out.writeAscii(s, run, i);
                if (nospace && isIeBadRune(s, i, c)) {
                    writeHexEntity(Character.isSurrogate(c) ? 0xFFFD : c, out);
                } else {
                    i = out.writeNonAscii(s, i, c);
                }
            }
            run = i + 1;
        }
        out.writeAscii(s, run, n);
    }

    /**
     * Noncharacters that Go writes as hex entities in unquoted attributes (IE rejects them); a lone
     * surrogate counts as U+FFFD, like an invalid byte in Go.
     */
    private static boolean isIeBadRune(String s, int i, char c) {
        if ((c >= 0xFDD0 && c <= 0xFDEF) || c >= 0xFFF0) {
            return true;
        }
        if (Character.isHighSurrogate(c)) {
            return !(i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1)));
        }
        return Character.isLowSurrogate(c);
    }

    private static void writeHexEntity(int cp, Utf8Buffer out) {
        out.writeBytes('&', '#');
        out.writeByte('x');
        boolean started = false;
        for (int shift = 12; shift >= 0; shift -= 4) {
            int d = (cp >> shift) & 0xF;
            if (d != 0 || started || shift == 0) {
                out.writeByte(HEX_LOWER.charAt(d));
                started = true;
            }
        }
        out.writeByte(';');
    }

    /** Writes raw markup; only JSON-escaped when {@code json}. */
    public static void trusted(String s, Utf8Buffer out, boolean json) {
        if (isMustache(s)) {
            // Markup shaped like {{…}} renders as nothing in the client; &#123; is the same brace.
            s = "&#123;" + s.substring(1);
        }
        if (json) {
            out.writeJsonContent(s);
        } else {
            out.writeUtf8(s);
        }
    }

    /**
     * Attribute names whose values are not plain text (URLs, scripts, styles, markup) or that Go's
     * escaper treats as unsafe to name from data; only names made of {@code [a-z0-9]} are listed,
     * since no other name passes {@link #attrName}.
     */
    private static final java.util.Set<String> NON_PLAIN_ATTRS =
            java.util.Set.of(
                    "action",
                    "archive",
                    "async",
                    "background",
                    "challenge",
                    "charset",
                    "cite",
                    "classid",
                    "codebase",
                    "content",
                    "crossorigin",
                    "data",
                    "defer",
                    "enctype",
                    "form",
                    "formaction",
                    "formenctype",
                    "formmethod",
                    "formnovalidate",
                    "href",
                    "icon",
                    "keytype",
                    "language",
                    "longdesc",
                    "manifest",
                    "method",
                    "novalidate",
                    "pattern",
                    "poster",
                    "profile",
                    "rel",
                    "sandbox",
                    "src",
                    "srcdoc",
                    "srcset",
                    "style",
                    "type",
                    "usemap",
                    "value",
                    "xmlns");

    /**
     * An untrusted value where an attribute name may start or inside a name (Go htmlNameFilter):
     * lowercased, it must be made of {@code [a-z0-9]} only and must not name an attribute whose
     * value is a URL, script, style or otherwise unsafe ({@code on…}, names containing {@code src},
     * {@code uri} or {@code url}, {@code href}, {@code style}, …); otherwise, and when empty, it
     * becomes {@code ZgotmplZ}.
     */
    public static void attrName(String s, Utf8Buffer out, boolean json) {
        String name = s.toLowerCase(java.util.Locale.ROOT);
        boolean ok = !name.isEmpty();
        for (int i = 0; ok && i < name.length(); i++) {
            char c = name.charAt(i);
            ok = c >= '0' && c <= '9' || c >= 'a' && c <= 'z';
        }
        if (ok) {
            ok =
                    !NON_PLAIN_ATTRS.contains(name)
                            && !name.startsWith("on")
                            && !name.contains("src")
                            && !name.contains("uri")
                            && !name.contains("url");
        }
        out.writeAscii(ok ? name : FAILSAFE);
    }

    /** Applies the attribute escaping of {@code delim} to a context escaper's result. */
    private static void delimit(String inner, Delim delim, Utf8Buffer out, boolean json) {
        switch (delim) {
            case QUOTED -> html(inner, out, json);
            case UNQUOTED -> htmlUnquoted(inner, out, json);
            default -> trusted(inner, out, json);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // URL

    /**
     * Escapes a value in a URL attribute. {@code START}: Go urlFilter (a value whose scheme — the
     * text before the first {@code :}, when it contains no {@code /} — is not {@code http}, {@code
     * https} or {@code mailto}, case-insensitively, becomes {@code #ZgotmplZ}), then urlNormalizer.
     * {@code PATH}: urlNormalizer (reserved characters and {@code %} kept, others percent-encoded).
     * {@code QUERY}: urlEscaper (everything but {@code [A-Za-z0-9-._~]} percent-encoded). Like Go,
     * percent escapes use lowercase hex. Then {@code delim}.
     */
    public static void url(String s, UrlPart part, Delim delim, Utf8Buffer out, boolean json) {
        if (part == UrlPart.START && !isSafeUrl(s)) {
            s = "#" + FAILSAFE;
        }
        delimit(percentEncode(s, part != UrlPart.QUERY), delim, out, json);
    }

    /**
     * Go isSafeURL: only {@code http}, {@code https} and {@code mailto} schemes pass. Like Go, only
     * a {@code /} before the colon makes it "not a scheme", so {@code ?a=b:c} is rejected too, and
     * a leading space ({@code " javascript:x"}) makes the scheme unrecognised and rejected.
     */
    static boolean isSafeUrl(String s) {
        int colon = s.indexOf(':');
        if (colon < 0) {
            return true;
        }
        int slash = s.indexOf('/');
        if (slash >= 0 && slash < colon) {
            return true;
        }
        // The scheme is s[0, colon), compared in place: no substring per URL.
        return isScheme(s, colon, "http")
                || isScheme(s, colon, "https")
                || isScheme(s, colon, "mailto");
    }

    private static boolean isScheme(String s, int colon, String scheme) {
        return colon == scheme.length() && s.regionMatches(true, 0, scheme, 0, colon);
    }

    /** Whether ASCII {@code c} passes unencoded (norm: Go urlNormalizer, else urlEscaper). */
    private static boolean urlKeeps(char c, boolean norm) {
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
            return true;
        }
        switch (c) {
            case '-', '.', '_', '~':
                return true;
            // Reserved (RFC 3986) minus ' ( ), which Go encodes so the output also fits in
            // single-quoted attributes and unquoted CSS url(...). '%' is decided by keepsPercent.
            case '!', '#', '$', '&', '*', '+', ',', '/', ':', ';', '=', '?', '@', '[', ']':
                return norm;
            default:
                return false;
        }
    }

    /** When normalizing, a valid escape ({@code %} and two hex digits) is not encoded again. */
    private static boolean keepsPercent(String s, int i, boolean norm) {
        return norm && i + 2 < s.length() && isHex(s.charAt(i + 1)) && isHex(s.charAt(i + 2));
    }

    private static String percentEncode(String s, boolean norm) {
        int n = s.length();
        int i = 0;
        while (i < n
                && s.charAt(i) < 0x80
                && (urlKeeps(s.charAt(i), norm)
                        || s.charAt(i) == '%' && keepsPercent(s, i, norm))) {
            i++;
        }
        if (i == n) {
            return s;
        }
        StringBuilder sb = new StringBuilder(n + 16);
        sb.append(s, 0, i);
        for (; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                if (urlKeeps(c, norm) || c == '%' && keepsPercent(s, i, norm)) {
                    sb.append(c);
                } else {
                    appendPercent(sb, c);
                }
                continue;
            }
            int cp = c;
            if (Character.isHighSurrogate(c)
                    && i + 1 < n
                    && Character.isLowSurrogate(s.charAt(i + 1))) {
                cp = Character.toCodePoint(c, s.charAt(++i));
            } else if (Character.isSurrogate(c)) {
                cp = 0xFFFD;
            }
            for (byte b : new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8)) {
                appendPercent(sb, b & 0xFF);
            }
        }
        return sb.toString();
    }

    private static void appendPercent(StringBuilder sb, int b) {
        sb.append('%').append(HEX_LOWER.charAt(b >> 4)).append(HEX_LOWER.charAt(b & 0xF));
    }

    // ---------------------------------------------------------------------------------------------
    // JavaScript

    /**
     * Writes a value as a JavaScript expression (Go jsValEscaper): JSON with {@code < > &}, U+2028
     * and U+2029 as {@code \\uXXXX}; padded with a space on each side when it starts or ends with
     * an identifier character, so {@code x={{.N}}in} cannot merge tokens. Then {@code delim}.
     *
     * <p>null → {@code null}; Boolean; integral numbers; floats (NaN/±Inf make the whole value, as
     * in Go, the comment {@code /* json: unsupported value: NaN *}{@code /null }); strings,
     * characters, TrustedHtml, enums and other objects (via toString) → strings; Optional → its
     * value or null; Collections and arrays → arrays ({@code byte[]} → base64 string, as Go does
     * for {@code []byte}); Maps → objects with keys sorted like Go's encoding/json.
     */
    public static void jsValue(Object v, Delim delim, Utf8Buffer out, boolean json) {
        StringBuilder sb = new StringBuilder(32);
        try {
            appendJson(v, sb);
        } catch (UnsupportedValue e) {
            delimit(
                    " /* json: unsupported value: " + e.getMessage() + " */null ",
                    delim,
                    out,
                    json);
            return;
        }
        String s = sb.toString();
        if (s.isEmpty()) {
            s = " null ";
        } else if (isJsIdentPart(s.charAt(0)) || isJsIdentPart(s.charAt(s.length() - 1))) {
            s = " " + s + " ";
        }
        delimit(s, delim, out, json);
    }

    private static boolean isJsIdentPart(char c) {
        return (c >= 'a' && c <= 'z')
                || (c >= 'A' && c <= 'Z')
                || (c >= '0' && c <= '9')
                || c == '_'
                || c == '$';
    }

    /** A float that JSON cannot represent; the message is Go's formatting of it. */
    private static final class UnsupportedValue extends Exception {
        UnsupportedValue(String message) {
            super(message, null, false, false);
        }
    }

    private static void appendJson(Object v, StringBuilder sb) throws UnsupportedValue {
        if (v instanceof Optional<?> o) {
            v = o.orElse(null);
        }
        if (v == null) {
            sb.append("null");
        } else if (v instanceof Boolean
                || v instanceof Integer
                || v instanceof Long
                || v instanceof Short
                || v instanceof Byte
                || v instanceof BigInteger) {
            sb.append(v);
        } else if (v instanceof Double d) {
            appendJsonFloat(d, false, sb);
        } else if (v instanceof Float f) {
            appendJsonFloat(f, true, sb);
        } else if (v instanceof BigDecimal d) {
            sb.append(FloatFormat.json(d));
        } else if (v instanceof Number n) {
            // Atomic* and other Number implementations: integral when they say so.
            double d = n.doubleValue();
            if (d == Math.rint(d) && Math.abs(d) < 1e15) {
                sb.append(n.longValue());
            } else {
                appendJsonFloat(d, false, sb);
            }
        } else if (v instanceof byte[] b) {
            sb.append('"').append(Base64.getEncoder().encodeToString(b)).append('"');
        } else if (v instanceof Map<?, ?> m) {
            sb.append('{');
            List<Map.Entry<String, Object>> entries = new ArrayList<>(m.size());
            for (Map.Entry<?, ?> e : m.entrySet()) {
                entries.add(Map.entry(String.valueOf(e.getKey()), boxNull(e.getValue())));
            }
            entries.sort(Map.Entry.comparingByKey()); // Go sorts keys (UTF-16 order here)
            boolean first = true;
            for (Map.Entry<String, Object> e : entries) {
                if (!first) {
                    sb.append(',');
                }
                first = false;
                appendJsonString(e.getKey(), sb);
                sb.append(':');
                appendJson(e.getValue() == NULL ? null : e.getValue(), sb);
            }
            sb.append('}');
        } else if (v instanceof Collection<?> c) {
            sb.append('[');
            boolean first = true;
            for (Object e : c) {
                if (!first) {
                    sb.append(',');
                }
                first = false;
                appendJson(e, sb);
            }
            sb.append(']');
        } else if (v.getClass().isArray()) {
            sb.append('[');
            int n = Array.getLength(v);
            for (int i = 0; i < n; i++) {
                if (i > 0) {
                    sb.append(',');
                }
                appendJson(Array.get(v, i), sb);
            }
            sb.append(']');
        } else if (v instanceof TrustedHtml t) {
            appendJsonString(t.html(), sb);
        } else {
            appendJsonString(v.toString(), sb);
        }
    }

    /** Map.entry rejects null values. */
    private static final Object NULL = new Object();

    private static Object boxNull(Object v) {
        return v == null ? NULL : v;
    }

    private static void appendJsonFloat(double d, boolean f32, StringBuilder sb)
            throws UnsupportedValue {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            throw new UnsupportedValue(Double.isNaN(d) ? "NaN" : d > 0 ? "+Inf" : "-Inf");
        }
        sb.append(FloatFormat.json(d, f32));
    }

    /** A JSON string as Go's encoding/json writes it with HTML escaping on. */
    private static void appendJsonString(String s, StringBuilder sb) {
        sb.append('"');
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                case '<', '>', '&', '\u2028', '\u2029' -> appendU4(sb, c);
                default -> {
                    if (c < 0x20) {
                        appendU4(sb, c);
                    } else if (Character.isHighSurrogate(c)
                            && i + 1 < n
                            && Character.isLowSurrogate(s.charAt(i + 1))) {
                        sb.append(c).append(s.charAt(++i));
                    } else if (Character.isSurrogate(c)) {
                        sb.append("\\ufffd"); // Go writes invalid UTF-8 as \ufffd
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }

    /** {@code \\uXXXX} with lowercase hex. */
    private static void appendU4(StringBuilder sb, int c) {
        sb.append("\\u");
        for (int shift = 12; shift >= 0; shift -= 4) {
            sb.append(HEX_LOWER.charAt((c >> shift) & 0xF));
        }
    }

    /**
     * Escapes a value inside a quoted JavaScript string (Go jsStrEscaper): control characters,
     * quotes, {@code & + / < > \} backtick, U+2028 and U+2029 escaped so the result is safe in
     * either quote style and inside HTML attributes. Then {@code delim}.
     */
    public static void jsString(String s, Delim delim, Utf8Buffer out, boolean json) {
        int n = s.length();
        StringBuilder sb = new StringBuilder(n + 16);
        int i = 0;
        if (isMustache(s)) {
            sb.append("\\u007b");
            i = 1;
        }
        for (; i < n; i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\t' -> sb.append("\\t");
                case '\n' -> sb.append("\\n");
                case '\f' -> sb.append("\\f");
                case '\r' -> sb.append("\\r");
                case '/' -> sb.append("\\/");
                case '\\' -> sb.append("\\\\");
                case '"', '&', '\'', '+', '<', '>', '`', '\u2028', '\u2029' -> appendU4(sb, c);
                default -> {
                    if (c < 0x20) {
                        appendU4(sb, c); // NUL, VT ("\\v" is "v" in old IE) and the rest
                    } else {
                        sb.append(c); // lone surrogates become U+FFFD when written as UTF-8
                    }
                }
            }
        }
        delimit(sb.toString(), delim, out, json);
    }

    // ---------------------------------------------------------------------------------------------
    // CSS

    /**
     * Filters a CSS value (Go cssValueFilter). CSS escapes are decoded first; a value containing
     * {@code \0 " ' ( ) / ; @ [ \ ] `} braces or angle brackets, or {@code --}, or whose letters,
     * digits and underscores (lowercased) contain {@code expression} or {@code mozbinding}, becomes
     * {@code ZgotmplZ}; otherwise the decoded value is written. Then {@code delim}.
     */
    public static void cssValue(String s, Delim delim, Utf8Buffer out, boolean json) {
        delimit(filterCssValue(s), delim, out, json);
    }

    static String filterCssValue(String s) {
        String b = decodeCss(s);
        StringBuilder id = new StringBuilder(b.length());
        int n = b.length();
        for (int i = 0; i < n; i++) {
            char c = b.charAt(i);
            switch (c) {
                case 0, '"', '\'', '(', ')', '/', ';', '@', '[', '\\', ']', '`', '{', '}', '<', '>':
                    return FAILSAFE;
                case '-':
                    // Disallow <!-- and -->: -- never appears in valid identifiers.
                    if (i != 0 && b.charAt(i - 1) == '-') {
                        return FAILSAFE;
                    }
                    break;
                default:
                    if ((c >= 'a' && c <= 'z')
                            || (c >= 'A' && c <= 'Z')
                            || (c >= '0' && c <= '9')
                            || c == '_') {
                        id.append(Character.toLowerCase(c));
                    }
            }
        }
        if (id.indexOf("expression") >= 0 || id.indexOf("mozbinding") >= 0) {
            return FAILSAFE;
        }
        return b;
    }

    /** Decodes CSS escapes ({@code \\} + 1–6 hex digits + optional space, or {@code \\} + char). */
    static String decodeCss(String s) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        StringBuilder b = new StringBuilder(s.length());
        int n = s.length();
        int i = 0;
        while (i < n) {
            char c = s.charAt(i);
            if (c != '\\') {
                b.append(c);
                i++;
                continue;
            }
            if (i + 1 >= n) {
                break; // a trailing backslash is dropped, as in Go
            }
            if (isHex(s.charAt(i + 1))) {
                int j = i + 2;
                while (j < n && j < i + 7 && isHex(s.charAt(j))) {
                    j++;
                }
                int r = Integer.parseInt(s.substring(i + 1, j), 16);
                if (r > Character.MAX_CODE_POINT) {
                    r /= 16;
                    j--;
                }
                if (r >= 0xD800 && r <= 0xDFFF) {
                    r = 0xFFFD;
                }
                b.appendCodePoint(r);
                i = skipCssSpace(s, j);
            } else {
                // `\\` decodes to `\` and `\"` to `"`.
                int cp = s.codePointAt(i + 1);
                b.appendCodePoint(cp);
                i += 1 + Character.charCount(cp);
            }
        }
        return b.toString();
    }

    private static int skipCssSpace(String s, int j) {
        if (j >= s.length()) {
            return j;
        }
        switch (s.charAt(j)) {
            case '\t', '\n', '\f', ' ':
                return j + 1;
            case '\r':
                return j + 1 < s.length() && s.charAt(j + 1) == '\n' ? j + 2 : j + 1;
            default:
                return j;
        }
    }

    private static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    private static boolean isCssSpace(char c) {
        return c == '\t' || c == '\n' || c == '\f' || c == '\r' || c == ' ';
    }

    private static final boolean[] CSS_HEX_ESCAPED = new boolean[128];

    static {
        for (char c : "\0\t\n\f\r\"&'()+/:;<>{}".toCharArray()) {
            CSS_HEX_ESCAPED[c] = true;
        }
    }

    /**
     * Escapes a value inside a quoted CSS string (Go cssEscaper): {@code \0 \t \n \f \r " & ' ( ) +
     * / : ; < > { }} as {@code \\} + lowercase hex, followed by a space when the next char is a hex
     * digit or CSS space or the value ends there; {@code \\} as {@code \\\\}. Then {@code delim}.
     * (Braces are always escaped, so the {{…}} client quirk cannot arise here.)
     */
    public static void cssString(String s, Delim delim, Utf8Buffer out, boolean json) {
        // Go treats a quoted CSS string as a possible URL (url("…"), @import "…"): an unsafe scheme
        // is replaced before the CSS escaping.
        if (!isSafeUrl(s)) {
            s = "#" + FAILSAFE;
        }
        int n = s.length();
        StringBuilder sb = new StringBuilder(n + 16);
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c == '\\') {
                sb.append("\\\\"); // never followed by a space
            } else if (c < 0x80 && CSS_HEX_ESCAPED[c]) {
                sb.append('\\').append(Integer.toHexString(c));
                // The space ends the escape where the next char could be read as part of it.
                if (i + 1 == n || isHex(s.charAt(i + 1)) || isCssSpace(s.charAt(i + 1))) {
                    sb.append(' ');
                }
            } else {
                sb.append(c);
            }
        }
        delimit(sb.toString(), delim, out, json);
    }
}
