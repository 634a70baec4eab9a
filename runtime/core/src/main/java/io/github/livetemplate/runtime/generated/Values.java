package io.github.livetemplate.runtime.generated;

import io.github.livetemplate.runtime.TrustedHtml;
import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Go template built-ins for values whose types are only known at run time. Support for generated
 * code, not API.
 */
public final class Values {

    private Values() {}

    /**
     * Go truthiness: null, false, numeric zero, empty strings, collections, maps and arrays, and
     * Optional.empty are false; everything else (a present Optional included) is true.
     */
    public static boolean truth(Object v) {
        if (v == null) {
            return false;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof Number n) {
            return !isZero(n);
        }
        if (v instanceof CharSequence s) {
            return s.length() > 0;
        }
        if (v instanceof TrustedHtml t) {
            return !t.html().isEmpty();
        }
        if (v instanceof Collection<?> c) {
            return !c.isEmpty();
        }
        if (v instanceof Map<?, ?> m) {
            return !m.isEmpty();
        }
        if (v instanceof Optional<?> o) {
            return o.isPresent();
        }
        if (v.getClass().isArray()) {
            return Array.getLength(v) > 0;
        }
        return true;
    }

    private static boolean isZero(Number n) {
        if (n instanceof Integer || n instanceof Long || n instanceof Short || n instanceof Byte) {
            return n.longValue() == 0;
        }
        if (n instanceof BigInteger b) {
            return b.signum() == 0;
        }
        if (n instanceof BigDecimal b) {
            return b.signum() == 0;
        }
        return n.doubleValue() == 0; // NaN is not zero, so true, as in Go
    }

    /**
     * Go {@code len}: strings by UTF-8 byte length, collections, maps and arrays by size.
     *
     * @throws IllegalArgumentException for other values ({@code len of type int})
     */
    public static int len(Object v) {
        if (v instanceof Optional<?> o) {
            v = o.orElse(null);
        }
        if (v instanceof CharSequence s) {
            return utf8Length(s);
        }
        if (v instanceof TrustedHtml t) {
            return utf8Length(t.html());
        }
        if (v instanceof Collection<?> c) {
            return c.size();
        }
        if (v instanceof Map<?, ?> m) {
            return m.size();
        }
        if (v != null && v.getClass().isArray()) {
            return Array.getLength(v);
        }
        throw new IllegalArgumentException(
                "len of " + (v == null ? "nil pointer" : "type " + GoFmt.typeName(v)));
    }

    /** UTF-8 byte length without encoding (lone surrogates count as U+FFFD, 3 bytes). */
    static int utf8Length(CharSequence s) {
        int n = s.length();
        int bytes = 0;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                bytes++;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c)
                    && i + 1 < n
                    && Character.isLowSurrogate(s.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    /**
     * Go {@code index}: lists and arrays by integer index, maps by key (null when missing), strings
     * by byte index giving the byte value (0–255) as an Integer. Several keys index successively.
     *
     * @throws IndexOutOfBoundsException {@code index out of range: 5}
     * @throws IllegalArgumentException for unindexable values or non-integer list indexes
     */
    public static Object index(Object item, Object... keys) {
        if (keys == null) {
            keys = new Object[] {null};
        }
        Object v = unwrap(item);
        for (Object key : keys) {
            if (v == null) {
                throw new IllegalArgumentException("index of untyped nil");
            }
            if (v instanceof Map<?, ?> m) {
                v = unwrap(mapGet(m, key));
                continue;
            }
            if (v instanceof List<?> list) {
                v = unwrap(list.get(checkIndex(key, list.size())));
            } else if (v instanceof CharSequence || v instanceof TrustedHtml) {
                byte[] b = v.toString().getBytes(StandardCharsets.UTF_8);
                v = b[checkIndex(key, b.length)] & 0xFF;
            } else if (v.getClass().isArray()) {
                v = unwrap(Array.get(v, checkIndex(key, Array.getLength(v))));
            } else if (v instanceof Collection<?> c) {
                v = unwrap(new ArrayList<>(c).get(checkIndex(key, c.size())));
            } else {
                throw new IllegalArgumentException("can't index item of type " + GoFmt.typeName(v));
            }
        }
        return v;
    }

    private static Object unwrap(Object v) {
        return v instanceof Optional<?> o ? o.orElse(null) : v;
    }

    /**
     * A map value; integral keys also match keys of another integral type (a template's {@code 1}
     * is an int, the map's keys may be Longs), and strings match Characters.
     */
    private static Object mapGet(Map<?, ?> m, Object key) {
        Object v = m.get(key);
        if (v != null || m.containsKey(key)) {
            return v;
        }
        if (key instanceof Number || key instanceof CharSequence || key instanceof Character) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                Object k = e.getKey();
                if (k != null && sameKind(k, key) && eq(k, key)) {
                    return e.getValue();
                }
            }
        }
        return null;
    }

    private static boolean sameKind(Object a, Object b) {
        return (a instanceof Number && b instanceof Number)
                || (GoFmt.isStringKind(a) && GoFmt.isStringKind(b));
    }

    private static int checkIndex(Object key, int length) {
        long i = toIndex(key, "index");
        if (i < 0 || i >= length) {
            throw new IndexOutOfBoundsException("index out of range: " + i);
        }
        return (int) i;
    }

    private static long toIndex(Object key, String what) {
        key = unwrap(key);
        if (key instanceof Integer
                || key instanceof Long
                || key instanceof Short
                || key instanceof Byte) {
            return ((Number) key).longValue();
        }
        if (key instanceof BigInteger b && b.bitLength() < 64) {
            return b.longValue();
        }
        throw new IllegalArgumentException(
                "cannot " + what + " slice/array with type " + GoFmt.typeName(key));
    }

    /**
     * Go {@code slice}: {@code slice x 1 2} is {@code x[1:2]}. Lists give a new list, arrays a new
     * array of the same type, strings slice their UTF-8 bytes (a cut inside a multi-byte character
     * decodes to U+FFFD, where Go would keep the raw bytes). A third index (capacity) is checked
     * and otherwise ignored; strings refuse it as in Go.
     *
     * @throws IndexOutOfBoundsException {@code index out of range: 5} or {@code invalid slice
     *     index: 2 > 1}
     */
    public static Object slice(Object item, int... idx) {
        Object v = unwrap(item);
        if (idx == null) {
            idx = new int[0];
        }
        if (v == null) {
            throw new IllegalArgumentException("slice of untyped nil");
        }
        if (idx.length > 3) {
            throw new IllegalArgumentException("too many slice indexes: " + idx.length);
        }
        boolean isString = v instanceof CharSequence || v instanceof TrustedHtml;
        byte[] bytes = isString ? v.toString().getBytes(StandardCharsets.UTF_8) : null;
        int length;
        if (isString) {
            length = bytes.length;
        } else if (v instanceof Collection<?> c) {
            length = c.size();
        } else if (v.getClass().isArray()) {
            length = Array.getLength(v);
        } else {
            throw new IllegalArgumentException("can't slice item of type " + GoFmt.typeName(v));
        }
        if (isString && idx.length == 3) {
            throw new IllegalArgumentException("cannot 3-index slice a string");
        }
        // Go checks every index against the capacity (here: the length) and then their order.
        int[] bounds = {0, length, length};
        for (int i = 0; i < idx.length; i++) {
            if (idx[i] < 0 || idx[i] > length) {
                throw new IndexOutOfBoundsException("index out of range: " + idx[i]);
            }
            bounds[i] = idx[i];
        }
        if (idx.length < 2) {
            bounds[1] = length;
        }
        if (bounds[0] > bounds[1]) {
            throw new IndexOutOfBoundsException(
                    "invalid slice index: " + bounds[0] + " > " + bounds[1]);
        }
        if (idx.length == 3 && bounds[1] > bounds[2]) {
            throw new IndexOutOfBoundsException(
                    "invalid slice index: " + bounds[1] + " > " + bounds[2]);
        }
        int from = bounds[0];
        int to = bounds[1];
        if (isString) {
            return new String(bytes, from, to - from, StandardCharsets.UTF_8);
        }
        if (v instanceof List<?> list) {
            return new ArrayList<>(list.subList(from, to));
        }
        if (v instanceof Collection<?> c) {
            return new ArrayList<>(new ArrayList<>(c).subList(from, to));
        }
        Object out = Array.newInstance(v.getClass().getComponentType(), to - from);
        System.arraycopy(v, from, out, 0, to - from);
        return out;
    }

    // ---------------------------------------------------------------------------------------------
    // Comparison

    private static boolean isIntegral(Object n) {
        return n instanceof Integer || n instanceof Long || n instanceof Short || n instanceof Byte;
    }

    /**
     * Go {@code eq} for two values: numbers by value across all numeric types (NaN equals nothing),
     * strings (Character as a one-char string) by content, booleans, null equals only null; other
     * values by {@link Objects#equals}.
     *
     * @throws IllegalArgumentException {@code incompatible types for comparison} when the kinds
     *     differ (a number and a string, say)
     */
    public static boolean eq(Object a, Object b) {
        a = unwrap(a);
        b = unwrap(b);
        if (a == null || b == null) {
            return a == b;
        }
        if (a instanceof Number na && b instanceof Number nb) {
            if (isNaN(na) || isNaN(nb)) {
                return false;
            }
            return compareNumbers(na, nb) == 0;
        }
        if (GoFmt.isStringKind(a) && GoFmt.isStringKind(b)) {
            return a.toString().equals(b.toString());
        }
        if (a instanceof Boolean && b instanceof Boolean) {
            return a.equals(b);
        }
        if (isBasic(a) || isBasic(b)) {
            throw new IllegalArgumentException("incompatible types for comparison");
        }
        return Objects.equals(a, b);
    }

    private static boolean isBasic(Object v) {
        return v instanceof Number || v instanceof Boolean || GoFmt.isStringKind(v);
    }

    private static boolean isNaN(Number n) {
        return (n instanceof Double d && d.isNaN()) || (n instanceof Float f && f.isNaN());
    }

    /**
     * Ordering for Go's {@code lt le gt ge}: numbers by value across all numeric types, strings
     * lexicographically by UTF-16 unit (Character as a one-char string). NaN sorts above every
     * number here (Go's comparisons with NaN are all false, which an int result cannot express).
     *
     * @throws IllegalArgumentException {@code invalid type for comparison} for booleans, null and
     *     other values; {@code incompatible types for comparison} for a number and a string
     */
    public static int compare(Object a, Object b) {
        a = unwrap(a);
        b = unwrap(b);
        if (a instanceof Number na && b instanceof Number nb) {
            return compareNumbers(na, nb);
        }
        if (GoFmt.isStringKind(a) && GoFmt.isStringKind(b)) {
            return a.toString().compareTo(b.toString());
        }
        boolean ordered = a instanceof Number || GoFmt.isStringKind(a);
        boolean orderedB = b instanceof Number || GoFmt.isStringKind(b);
        if (ordered && orderedB) {
            throw new IllegalArgumentException("incompatible types for comparison");
        }
        throw new IllegalArgumentException("invalid type for comparison");
    }

    /** Numeric order by exact value across Java's numeric types. */
    static int compareNumbers(Number a, Number b) {
        if (isIntegral(a) && isIntegral(b)) {
            return Long.compare(a.longValue(), b.longValue());
        }
        if ((a instanceof Double || a instanceof Float)
                && (b instanceof Double || b instanceof Float)) {
            return compareDoubles(a.doubleValue(), b.doubleValue());
        }
        BigDecimal x = toBigDecimal(a);
        BigDecimal y = toBigDecimal(b);
        if (x == null && y == null) {
            return compareDoubles(a.doubleValue(), b.doubleValue());
        }
        if (x == null || y == null) {
            // NaN (greatest) or an infinity against a finite value, which may itself be beyond the
            // double range (a huge BigInteger), so decide by the non-finite side alone.
            double nonFinite = (x == null ? a : b).doubleValue();
            int sign = Double.isNaN(nonFinite) || nonFinite > 0 ? 1 : -1;
            return x == null ? sign : -sign;
        }
        return x.compareTo(y);
    }

    /** Double.compare, except that -0.0 equals 0.0 as in Go. */
    private static int compareDoubles(double x, double y) {
        return x == y ? 0 : Double.compare(x, y);
    }

    private static BigDecimal toBigDecimal(Number n) {
        if (isIntegral(n)) {
            return BigDecimal.valueOf(n.longValue());
        }
        if (n instanceof BigInteger b) {
            return new BigDecimal(b);
        }
        if (n instanceof BigDecimal b) {
            return b;
        }
        double d = n.doubleValue();
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            return null;
        }
        if (n instanceof Double || n instanceof Float) {
            return new BigDecimal(d); // exact binary value
        }
        try {
            return new BigDecimal(n.toString());
        } catch (NumberFormatException e) {
            return new BigDecimal(d);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // text/template escaping functions

    /** The operand string of Go's escaping functions: a lone string as is, else Sprint. */
    private static String evalArgs(Object... args) {
        if (args != null && args.length == 1 && args[0] instanceof String s) {
            return s;
        }
        return GoFmt.sprint(args);
    }

    /**
     * Go text/template {@code html}: HTMLEscapeString of the operands ({@code ' " & < >} as {@code
     * &#39; &#34; &amp; &lt; &gt;}, NUL as U+FFFD).
     */
    public static String html(Object... args) {
        String s = evalArgs(args);
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String repl;
            switch (c) {
                case '\'' -> repl = "&#39;";
                case '"' -> repl = "&#34;";
                case '&' -> repl = "&amp;";
                case '<' -> repl = "&lt;";
                case '>' -> repl = "&gt;";
                case 0 -> repl = "\uFFFD";
                default -> repl = null;
            }
            if (repl == null) {
                if (sb != null) {
                    sb.append(c);
                }
                continue;
            }
            if (sb == null) {
                sb = new StringBuilder(s.length() + 16).append(s, 0, i);
            }
            sb.append(repl);
        }
        return sb == null ? s : sb.toString();
    }

    /**
     * Go text/template {@code urlquery}: url.QueryEscape of the operands (space as {@code +},
     * {@code [A-Za-z0-9-_.~]} kept, everything else as {@code %XX} uppercase over UTF-8).
     */
    public static String urlquery(Object... args) {
        String s = evalArgs(args);
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        StringBuilder sb = new StringBuilder(bytes.length + 16);
        for (byte x : bytes) {
            int c = x & 0xFF;
            if ((c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || c == '-'
                    || c == '_'
                    || c == '.'
                    || c == '~') {
                sb.append((char) c);
            } else if (c == ' ') {
                sb.append('+');
            } else {
                sb.append('%').append(UPPER_HEX.charAt(c >> 4)).append(UPPER_HEX.charAt(c & 0xF));
            }
        }
        return sb.toString();
    }

    private static final String UPPER_HEX = "0123456789ABCDEF";

    /**
     * Go text/template {@code js}: JSEscapeString of the operands ({@code \ ' "} backslashed,
     * {@code < > & =} and control characters as {@code \\uXXXX} uppercase hex, non-printable
     * non-ASCII as {@code \\uXXXX}).
     */
    public static String js(Object... args) {
        String s = evalArgs(args);
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            switch (cp) {
                case '\\' -> sb.append("\\\\");
                case '\'' -> sb.append("\\'");
                case '"' -> sb.append("\\\"");
                case '<' -> sb.append("\\u003C");
                case '>' -> sb.append("\\u003E");
                case '&' -> sb.append("\\u0026");
                case '=' -> sb.append("\\u003D");
                default -> {
                    if (cp < ' ') {
                        sb.append("\\u00")
                                .append(UPPER_HEX.charAt(cp >> 4))
                                .append(UPPER_HEX.charAt(cp & 0xF));
                    } else if (cp < 0x80 || GoFmt.isPrint(cp)) {
                        sb.appendCodePoint(cp);
                    } else {
                        int r = (cp >= 0xD800 && cp <= 0xDFFF) ? 0xFFFD : cp;
                        if (r == 0xFFFD) {
                            sb.append('\uFFFD'); // U+FFFD is printable
                        } else {
                            String hex = Integer.toHexString(r).toUpperCase();
                            sb.append("\\u");
                            for (int k = hex.length(); k < 4; k++) {
                                sb.append('0');
                            }
                            sb.append(hex);
                        }
                    }
                }
            }
        }
        return sb.toString();
    }
}
