package io.github.livetemplate.runtime.generated;

import io.github.livetemplate.runtime.TrustedHtml;
import java.lang.reflect.Array;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Go {@code fmt} semantics ({@code %v}, Sprint, Sprintln, Sprintf) over Java values. Support for
 * generated code, not API.
 *
 * <p>Kinds: ints = Byte/Short/Integer/Long/BigInteger; floats = Float/Double/BigDecimal; bool =
 * Boolean; strings = CharSequence/Character/TrustedHtml; slices = Collections and arrays ({@code
 * byte[]} is Go's {@code []byte}: its elements print unsigned and {@code %s %q %x %X} treat it as a
 * string); maps = Map (keys sorted like Go); records print like Go structs; null and Optional.empty
 * are Go nil; other objects are Stringers (their toString is used for the string verbs {@code v s q
 * x X}, other verbs are bad verbs).
 *
 * <p>Known differences from Go: {@code %#v} only quotes strings (no Go-syntax type prefixes);
 * {@code %p} and {@code %w} are always bad verbs; Go type names in error forms are approximations
 * ({@code Integer}→int, {@code Long}→int64, Character→string, List→[]interface {}, records and
 * other classes → their simple class name); BigDecimal prints its decimal digits exactly (Go's
 * big.Float would print its binary value); unicode.IsPrint uses Java's Unicode tables, which may
 * differ from Go's version for new characters.
 */
public final class GoFmt {

    private GoFmt() {}

    /** Go {@code fmt.Sprint(v)} for one value: {@code %v}, nil as {@code <nil>}. */
    public static String toString(Object v) {
        if (v instanceof String s) {
            return s;
        }
        if (v instanceof Integer || v instanceof Long || v instanceof Boolean) {
            return v.toString();
        }
        Printer p = new Printer();
        p.printArg(v, 'v');
        return p.buf.toString();
    }

    /** Go {@code fmt.Sprint}: operands in {@code %v}, a space between two non-string operands. */
    public static String sprint(Object... a) {
        if (a == null) {
            a = new Object[] {null};
        }
        Printer p = new Printer();
        boolean prevString = false;
        for (int i = 0; i < a.length; i++) {
            boolean isString = isStringKind(a[i]);
            if (i > 0 && !isString && !prevString) {
                p.buf.append(' ');
            }
            p.printArg(a[i], 'v');
            prevString = isString;
        }
        return p.buf.toString();
    }

    /** Go {@code fmt.Sprintln}: operands in {@code %v} separated by spaces, then a newline. */
    public static String sprintln(Object... a) {
        if (a == null) {
            a = new Object[] {null};
        }
        Printer p = new Printer();
        for (int i = 0; i < a.length; i++) {
            if (i > 0) {
                p.buf.append(' ');
            }
            p.printArg(a[i], 'v');
        }
        p.buf.append('\n');
        return p.buf.toString();
    }

    /** Go {@code fmt.Sprintf}, including its in-band error forms ({@code %!d(string=hi)} etc.). */
    public static String sprintf(String format, Object... a) {
        if (a == null) {
            a = new Object[] {null};
        }
        Printer p = new Printer();
        p.doPrintf(format, a);
        return p.buf.toString();
    }

    static boolean isStringKind(Object v) {
        return v instanceof CharSequence || v instanceof Character || v instanceof TrustedHtml;
    }

    /** An approximation of Go's type name for {@code %T} and error forms. */
    static String typeName(Object v) {
        if (v == null) {
            return "<nil>";
        }
        if (v instanceof Optional<?> o) {
            return o.isPresent() ? "*" + typeName(o.get()) : "<nil>";
        }
        if (v instanceof Integer) {
            return "int";
        }
        if (v instanceof Long) {
            return "int64";
        }
        if (v instanceof Short) {
            return "int16";
        }
        if (v instanceof Byte) {
            return "int8";
        }
        if (v instanceof BigInteger) {
            return "*big.Int";
        }
        if (v instanceof Double) {
            return "float64";
        }
        if (v instanceof Float) {
            return "float32";
        }
        if (v instanceof BigDecimal) {
            return "*big.Float";
        }
        if (v instanceof Boolean) {
            return "bool";
        }
        if (v instanceof TrustedHtml) {
            return "template.HTML";
        }
        if (v instanceof CharSequence || v instanceof Character) {
            return "string";
        }
        if (v instanceof Map) {
            return "map[interface {}]interface {}";
        }
        if (v instanceof Collection) {
            return "[]interface {}";
        }
        Class<?> c = v.getClass();
        if (c.isArray()) {
            Class<?> e = c.getComponentType();
            String elem;
            if (e == byte.class) {
                elem = "uint8";
            } else if (e == int.class) {
                elem = "int";
            } else if (e == long.class) {
                elem = "int64";
            } else if (e == short.class) {
                elem = "int16";
            } else if (e == char.class) {
                elem = "int32";
            } else if (e == double.class) {
                elem = "float64";
            } else if (e == float.class) {
                elem = "float32";
            } else if (e == boolean.class) {
                elem = "bool";
            } else if (e == String.class) {
                elem = "string";
            } else {
                elem = "interface {}";
            }
            return "[]" + elem;
        }
        return c.getSimpleName();
    }

    /** Go unicode.IsPrint: letters, marks, numbers, punctuation, symbols and ASCII space. */
    static boolean isPrint(int cp) {
        if (cp == ' ') {
            return true;
        }
        switch (Character.getType(cp)) {
            case Character.UPPERCASE_LETTER,
            Character.LOWERCASE_LETTER,
            Character.TITLECASE_LETTER,
            Character.MODIFIER_LETTER,
            Character.OTHER_LETTER,
            Character.NON_SPACING_MARK,
            Character.ENCLOSING_MARK,
            Character.COMBINING_SPACING_MARK,
            Character.DECIMAL_DIGIT_NUMBER,
            Character.LETTER_NUMBER,
            Character.OTHER_NUMBER,
            Character.CONNECTOR_PUNCTUATION,
            Character.DASH_PUNCTUATION,
            Character.START_PUNCTUATION,
            Character.END_PUNCTUATION,
            Character.INITIAL_QUOTE_PUNCTUATION,
            Character.FINAL_QUOTE_PUNCTUATION,
            Character.OTHER_PUNCTUATION,
            Character.MATH_SYMBOL,
            Character.CURRENCY_SYMBOL,
            Character.MODIFIER_SYMBOL,
            Character.OTHER_SYMBOL:
                return true;
            default:
                return false;
        }
    }

    /** Go strconv.Quote (or QuoteToASCII when {@code ascii}). Lone surrogates count as U+FFFD. */
    static String quote(String s, boolean ascii) {
        StringBuilder sb = new StringBuilder(s.length() + 2);
        sb.append('"');
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            appendQuotedRune(
                    sb, Character.isSurrogate((char) cp) && cp < 0x10000 ? 0xFFFD : cp, '"', ascii);
        }
        return sb.append('"').toString();
    }

    /** Go strconv.QuoteRune (or QuoteRuneToASCII). */
    static String quoteRune(int r, boolean ascii) {
        if (r < 0 || r > Character.MAX_CODE_POINT || (r >= 0xD800 && r <= 0xDFFF)) {
            r = 0xFFFD;
        }
        StringBuilder sb = new StringBuilder(8).append('\'');
        appendQuotedRune(sb, r, '\'', ascii);
        return sb.append('\'').toString();
    }

    private static final String HEX = "0123456789abcdef";

    private static void appendQuotedRune(StringBuilder sb, int r, char quote, boolean ascii) {
        if (r == quote || r == '\\') {
            sb.append('\\').append((char) r);
            return;
        }
        if (ascii ? (r < 0x80 && isPrint(r)) : isPrint(r)) {
            sb.appendCodePoint(r);
            return;
        }
        switch (r) {
            case 7 -> sb.append("\\a");
            case '\b' -> sb.append("\\b");
            case '\f' -> sb.append("\\f");
            case '\n' -> sb.append("\\n");
            case '\r' -> sb.append("\\r");
            case '\t' -> sb.append("\\t");
            case 11 -> sb.append("\\v");
            default -> {
                if (r < ' ' || r == 0x7F) {
                    sb.append("\\x").append(HEX.charAt(r >> 4)).append(HEX.charAt(r & 0xF));
                } else if (r < 0x10000) {
                    sb.append("\\u");
                    for (int shift = 12; shift >= 0; shift -= 4) {
                        sb.append(HEX.charAt((r >> shift) & 0xF));
                    }
                } else {
                    sb.append("\\U");
                    for (int shift = 28; shift >= 0; shift -= 4) {
                        sb.append(HEX.charAt((r >> shift) & 0xF));
                    }
                }
            }
        }
    }

    /** Go strconv.CanBackquote. */
    static boolean canBackquote(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if ((c < ' ' && c != '\t') || c == '`' || c == 0x7F || c == '\uFEFF') {
                return false;
            }
        }
        return true;
    }

    /** One formatting run: Go's {@code pp} and {@code fmt} state in one object. */
    private static final class Printer {
        final StringBuilder buf = new StringBuilder(32);

        boolean plus;
        boolean minus;
        boolean sharp;
        boolean space;
        boolean zero;
        boolean plusV;
        boolean sharpV;
        boolean widPresent;
        boolean precPresent;
        int wid;
        int prec;

        boolean reordered;
        boolean goodArgNum;

        void clearFlags() {
            plus = minus = sharp = space = zero = plusV = sharpV = widPresent = precPresent = false;
            wid = prec = 0;
        }

        // ---- padding

        void writePadding(int n) {
            char c = zero ? '0' : ' ';
            for (int i = 0; i < n; i++) {
                buf.append(c);
            }
        }

        /** Appends {@code s} padded to the width (counted in code points). */
        void pad(String s) {
            if (!widPresent || wid == 0) {
                buf.append(s);
                return;
            }
            int width = wid - s.codePointCount(0, s.length());
            if (!minus) {
                writePadding(width);
                buf.append(s);
            } else {
                buf.append(s);
                writePadding(width);
            }
        }

        // ---- dispatch

        void printArg(Object arg, int verb) {
            if (arg instanceof Optional<?> o) {
                arg = o.orElse(null);
            }
            if (arg == null) {
                if (verb == 'T' || verb == 'v') {
                    pad("<nil>");
                } else {
                    badVerb(verb, null);
                }
                return;
            }
            if (verb == 'T') {
                fmtS(typeName(arg));
                return;
            }
            if (verb == 'p') {
                badVerb(verb, arg);
                return;
            }
            if (arg instanceof Boolean b) {
                fmtBool(b, verb, arg);
            } else if (arg instanceof Integer
                    || arg instanceof Long
                    || arg instanceof Short
                    || arg instanceof Byte) {
                fmtInteger(((Number) arg).longValue(), verb, arg);
            } else if (arg instanceof BigInteger bi) {
                if (bi.bitLength() < 64) {
                    fmtInteger(bi.longValue(), verb, arg);
                } else {
                    fmtBigInteger(bi, verb, arg);
                }
            } else if (arg instanceof Double d) {
                fmtFloatVerb(d, 64, null, verb, arg);
            } else if (arg instanceof Float f) {
                fmtFloatVerb(f, 32, null, verb, arg);
            } else if (arg instanceof BigDecimal bd) {
                fmtFloatVerb(0, 64, bd, verb, arg);
            } else if (arg instanceof Character c) {
                if (verb == 'c') {
                    fmtC(c);
                } else if (verb == 'U') {
                    fmtUnicode(c);
                } else {
                    fmtString(c.toString(), verb, arg);
                }
            } else if (arg instanceof CharSequence || arg instanceof TrustedHtml) {
                fmtString(arg.toString(), verb, arg);
            } else if (arg instanceof byte[] b) {
                fmtBytes(b, verb);
            } else if (arg instanceof Map<?, ?> m) {
                printMap(m, verb);
            } else if (arg instanceof Collection<?> c) {
                printList(new ArrayList<>(c), verb);
            } else if (arg.getClass().isArray()) {
                int n = Array.getLength(arg);
                List<Object> list = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    list.add(Array.get(arg, i));
                }
                printList(list, verb);
            } else if (arg instanceof Record r) {
                printRecord(r, verb);
            } else if (arg instanceof Number n) {
                // Other Number implementations (AtomicInteger, ...): by their value.
                double d = n.doubleValue();
                if (d == Math.rint(d) && Math.abs(d) < 9e15) {
                    fmtInteger(n.longValue(), verb, arg);
                } else {
                    fmtFloatVerb(d, 64, null, verb, arg);
                }
            } else {
                // A Stringer: its String() serves the string verbs only.
                switch (verb) {
                    case 'v', 's', 'x', 'X', 'q' -> fmtString(arg.toString(), verb, arg);
                    default -> badVerb(verb, arg);
                }
            }
        }

        /** An element of a slice, map or struct: nil prints as {@code <nil>} whatever the verb. */
        void printElement(Object e, int verb) {
            if (e == null || (e instanceof Optional<?> o && o.isEmpty())) {
                buf.append("<nil>");
            } else {
                printArg(e, verb);
            }
        }

        void badVerb(int verb, Object arg) {
            buf.append("%!").appendCodePoint(verb).append('(');
            if (arg != null) {
                buf.append(typeName(arg)).append('=');
                printArg(arg, 'v');
            } else {
                buf.append("<nil>");
            }
            buf.append(')');
        }

        // ---- booleans

        void fmtBool(boolean b, int verb, Object arg) {
            if (verb == 't' || verb == 'v') {
                pad(b ? "true" : "false");
            } else {
                badVerb(verb, arg);
            }
        }

        // ---- integers

        void fmtInteger(long v, int verb, Object arg) {
            switch (verb) {
                case 'v', 'd' ->
                        fmtIntegerDigits(
                                v < 0, Long.toUnsignedString(Math.abs(v), 10), 10, false, verb);
                case 'b' ->
                        fmtIntegerDigits(
                                v < 0, Long.toUnsignedString(Math.abs(v), 2), 2, false, verb);
                case 'o', 'O' ->
                        fmtIntegerDigits(
                                v < 0, Long.toUnsignedString(Math.abs(v), 8), 8, false, verb);
                case 'x' ->
                        fmtIntegerDigits(
                                v < 0, Long.toUnsignedString(Math.abs(v), 16), 16, false, verb);
                case 'X' ->
                        fmtIntegerDigits(
                                v < 0, Long.toUnsignedString(Math.abs(v), 16), 16, true, verb);
                case 'c' -> fmtC(v);
                case 'q' -> {
                    // Go's %q on a signed value outside the rune range is a bad verb.
                    if (v < 0 || v > Character.MAX_CODE_POINT) {
                        badVerb(verb, arg);
                    } else {
                        pad(quoteRune((int) v, plus));
                    }
                }
                case 'U' -> fmtUnicode(v);
                default -> badVerb(verb, arg);
            }
        }

        void fmtBigInteger(BigInteger v, int verb, Object arg) {
            BigInteger abs = v.abs();
            switch (verb) {
                case 'v', 'd', 's' ->
                        fmtIntegerDigits(v.signum() < 0, abs.toString(10), 10, false, verb);
                case 'b' -> fmtIntegerDigits(v.signum() < 0, abs.toString(2), 2, false, verb);
                case 'o', 'O' -> fmtIntegerDigits(v.signum() < 0, abs.toString(8), 8, false, verb);
                case 'x' -> fmtIntegerDigits(v.signum() < 0, abs.toString(16), 16, false, verb);
                case 'X' -> fmtIntegerDigits(v.signum() < 0, abs.toString(16), 16, true, verb);
                default -> badVerb(verb, arg);
            }
        }

        /** Go fmt.fmtInteger given the magnitude's digits in {@code base}. */
        void fmtIntegerDigits(boolean negative, String digits, int base, boolean upper, int verb) {
            boolean isZero = digits.equals("0");
            if (upper) {
                digits = digits.toUpperCase();
            }
            int precision = 0;
            if (precPresent) {
                precision = prec;
                // Precision 0 and value 0 means "print nothing" but padding.
                if (precision == 0 && isZero) {
                    boolean oldZero = zero;
                    zero = false;
                    writePadding(wid);
                    zero = oldZero;
                    return;
                }
            } else if (zero && !minus && widPresent) {
                // Zero padding is done as precision, leaving room for the sign.
                precision = wid;
                if (negative || plus || space) {
                    precision--;
                }
            }
            StringBuilder s = new StringBuilder(Math.max(precision, digits.length()) + 4);
            if (negative) {
                s.append('-');
            } else if (plus) {
                s.append('+');
            } else if (space) {
                s.append(' ');
            }
            if (verb == 'O') {
                s.append("0o");
            }
            if (sharp) {
                switch (base) {
                    case 2 -> s.append("0b");
                    case 8 -> {
                        if (digits.length() >= precision && digits.charAt(0) != '0') {
                            s.append('0');
                        }
                    }
                    case 16 -> s.append(upper ? "0X" : "0x");
                    default -> {}
                }
            }
            for (int i = digits.length(); i < precision; i++) {
                s.append('0');
            }
            s.append(digits);
            boolean oldZero = zero;
            zero = false;
            pad(s.toString());
            zero = oldZero;
        }

        void fmtC(long c) {
            int r =
                    (c < 0 || c > Character.MAX_CODE_POINT || (c >= 0xD800 && c <= 0xDFFF))
                            ? 0xFFFD
                            : (int) c;
            pad(new String(Character.toChars(r)));
        }

        void fmtUnicode(long u) {
            String hex = Long.toHexString(u).toUpperCase();
            int precision = 4;
            if (precPresent && prec > 4) {
                precision = prec;
            }
            StringBuilder s = new StringBuilder("U+");
            for (int i = hex.length(); i < precision; i++) {
                s.append('0');
            }
            s.append(hex);
            if (sharp && u >= 0 && u <= Character.MAX_CODE_POINT && isPrint((int) u)) {
                s.append(" '").appendCodePoint((int) u).append('\'');
            }
            boolean oldZero = zero;
            zero = false;
            pad(s.toString());
            zero = oldZero;
        }

        // ---- floats

        void fmtFloatVerb(double v, int size, BigDecimal big, int verb, Object arg) {
            switch (verb) {
                case 'v' -> fmtFloat(v, size, big, 'g', -1);
                case 'b', 'g', 'G', 'x', 'X' -> fmtFloat(v, size, big, (char) verb, -1);
                case 'f', 'e', 'E' -> fmtFloat(v, size, big, (char) verb, 6);
                case 'F' -> fmtFloat(v, size, big, 'f', 6);
                default -> badVerb(verb, arg);
            }
        }

        void fmtFloat(double v, int size, BigDecimal big, char verb, int precision) {
            if (precPresent) {
                precision = prec;
            }
            String num =
                    big != null
                            ? FloatFormat.format(big, verb, precision)
                            : FloatFormat.format(v, size, verb, precision);
            char sign = '+';
            if (num.charAt(0) == '-' || num.charAt(0) == '+') {
                sign = num.charAt(0);
                num = num.substring(1);
            }
            if (space && sign == '+' && !plus) {
                sign = ' ';
            }
            // Infinities and NaN don't look like numbers, so are never zero padded.
            if (num.charAt(0) == 'I' || num.charAt(0) == 'N') {
                boolean oldZero = zero;
                zero = false;
                if (num.charAt(0) == 'N' && !space && !plus) {
                    pad(num);
                } else {
                    pad(sign + num);
                }
                zero = oldZero;
                return;
            }
            if (sharp && verb != 'b') {
                num = sharpFloat(num, verb, precision);
            }
            if (plus || sign != '+') {
                // With zero padding the sign goes before the zeros.
                if (zero && !minus && widPresent && wid > num.length() + 1) {
                    buf.append(sign);
                    writePadding(wid - num.length() - 1);
                    buf.append(num);
                    return;
                }
                pad(sign + num);
                return;
            }
            pad(num);
        }

        /** The {@code #} flag: always a decimal point, and %g keeps its trailing zeros. */
        private static String sharpFloat(String num, char verb, int precision) {
            // Like Go, only %g/%G (and %v, which arrives as 'g') and lowercase %x restore zeros.
            int digits = 0;
            if (verb == 'g' || verb == 'G' || verb == 'x') {
                digits = precision == -1 ? 6 : precision;
            }
            String tail = "";
            boolean hasDot = false;
            boolean sawNonzero = false;
            StringBuilder body = new StringBuilder(num);
            for (int i = 0; i < body.length(); i++) {
                char c = body.charAt(i);
                if (c == '.') {
                    hasDot = true;
                } else if (c == 'p'
                        || c == 'P'
                        || ((c == 'e' || c == 'E') && verb != 'x' && verb != 'X')) {
                    tail = body.substring(i);
                    body.setLength(i);
                    break;
                } else {
                    if (c != '0') {
                        sawNonzero = true;
                    }
                    if (sawNonzero) {
                        digits--;
                    }
                }
            }
            if (!hasDot) {
                if (body.length() == 1 && body.charAt(0) == '0') {
                    digits--;
                }
                body.append('.');
            }
            while (digits > 0) {
                body.append('0');
                digits--;
            }
            return body.append(tail).toString();
        }

        // ---- strings

        void fmtString(String s, int verb, Object arg) {
            switch (verb) {
                case 'v' -> {
                    if (sharpV) {
                        fmtQ(s);
                    } else {
                        fmtS(s);
                    }
                }
                case 's' -> fmtS(s);
                case 'x' -> fmtSbx(s.getBytes(StandardCharsets.UTF_8), HEX);
                case 'X' -> fmtSbx(s.getBytes(StandardCharsets.UTF_8), "0123456789ABCDEF");
                case 'q' -> fmtQ(s);
                default -> badVerb(verb, arg);
            }
        }

        String truncate(String s) {
            if (precPresent) {
                int n = s.codePointCount(0, s.length());
                if (prec < n) {
                    return s.substring(0, s.offsetByCodePoints(0, prec));
                }
            }
            return s;
        }

        void fmtS(String s) {
            pad(truncate(s));
        }

        void fmtQ(String s) {
            s = truncate(s);
            if (sharp && canBackquote(s)) {
                pad("`" + s + "`");
            } else {
                pad(quote(s, plus));
            }
        }

        /** Hex of bytes: {@code % x} separates them, {@code #} adds 0x (per byte with space). */
        void fmtSbx(byte[] b, String digits) {
            int length = b.length;
            if (precPresent && prec < length) {
                length = prec;
            }
            int width = 2 * length;
            if (width > 0) {
                if (space) {
                    if (sharp) {
                        width *= 2;
                    }
                    width += length - 1;
                } else if (sharp) {
                    width += 2;
                }
            } else {
                if (widPresent) {
                    writePadding(wid);
                }
                return;
            }
            if (widPresent && wid > width && !minus) {
                writePadding(wid - width);
            }
            char x = digits.charAt(10) == 'a' ? 'x' : 'X';
            if (sharp) {
                buf.append('0').append(x);
            }
            for (int i = 0; i < length; i++) {
                if (space && i > 0) {
                    buf.append(' ');
                    if (sharp) {
                        buf.append('0').append(x);
                    }
                }
                int c = b[i] & 0xFF;
                buf.append(digits.charAt(c >> 4)).append(digits.charAt(c & 0xF));
            }
            if (widPresent && wid > width && minus) {
                writePadding(wid - width);
            }
        }

        void fmtBytes(byte[] b, int verb) {
            switch (verb) {
                case 's' -> fmtS(new String(b, StandardCharsets.UTF_8));
                case 'q' -> fmtQ(new String(b, StandardCharsets.UTF_8));
                case 'x' -> fmtSbx(b, HEX);
                case 'X' -> fmtSbx(b, "0123456789ABCDEF");
                default -> {
                    // Elements are Go bytes (uint8).
                    List<Object> list = new ArrayList<>(b.length);
                    for (byte x : b) {
                        list.add(x & 0xFF);
                    }
                    printList(list, verb);
                }
            }
        }

        // ---- composites

        void printList(List<?> list, int verb) {
            buf.append('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    buf.append(' ');
                }
                printElement(list.get(i), verb);
            }
            buf.append(']');
        }

        void printMap(Map<?, ?> m, int verb) {
            List<Map.Entry<?, ?>> entries = new ArrayList<>(m.entrySet());
            entries.sort((x, y) -> compareKeys(x.getKey(), y.getKey()));
            buf.append("map[");
            for (int i = 0; i < entries.size(); i++) {
                if (i > 0) {
                    buf.append(' ');
                }
                printElement(entries.get(i).getKey(), verb);
                buf.append(':');
                printElement(entries.get(i).getValue(), verb);
            }
            buf.append(']');
        }

        void printRecord(Record r, int verb) {
            RecordComponent[] components = r.getClass().getRecordComponents();
            buf.append('{');
            for (int i = 0; i < components.length; i++) {
                if (i > 0) {
                    buf.append(' ');
                }
                if (plusV) {
                    buf.append(components[i].getName()).append(':');
                }
                Object value;
                try {
                    var accessor = components[i].getAccessor();
                    accessor.setAccessible(true);
                    value = accessor.invoke(r);
                } catch (ReflectiveOperationException | RuntimeException e) {
                    value = "?";
                }
                printElement(value, verb);
            }
            buf.append('}');
        }

        // ---- Printf

        void doPrintf(String format, Object[] a) {
            int end = format.length();
            int argNum = 0;
            boolean afterIndex;
            reordered = false;
            int i = 0;
            while (i < end) {
                goodArgNum = true;
                int lasti = i;
                while (i < end && format.charAt(i) != '%') {
                    i++;
                }
                if (i > lasti) {
                    buf.append(format, lasti, i);
                }
                if (i >= end) {
                    break;
                }
                i++; // skip %
                clearFlags();
                flags:
                for (; i < end; i++) {
                    switch (format.charAt(i)) {
                        case '#' -> sharp = true;
                        case '0' -> zero = !minus; // only pad with zeros on the left
                        case '+' -> plus = true;
                        case '-' -> {
                            minus = true;
                            zero = false;
                        }
                        case ' ' -> space = true;
                        default -> {
                            break flags;
                        }
                    }
                }

                int[] r = argNumber(argNum, format, i, a.length);
                argNum = r[0];
                i = r[1];
                afterIndex = r[2] == 1;

                // Width.
                if (i < end && format.charAt(i) == '*') {
                    i++;
                    long[] w = intFromArg(a, argNum);
                    wid = (int) w[0];
                    widPresent = w[1] == 1;
                    argNum = (int) w[2];
                    if (!widPresent) {
                        buf.append("%!(BADWIDTH)");
                    }
                    if (wid < 0) {
                        wid = -wid;
                        minus = true;
                        zero = false;
                    }
                    afterIndex = false;
                } else {
                    int[] n = parseNum(format, i, end);
                    wid = n[0];
                    widPresent = n[1] == 1;
                    i = n[2];
                    if (afterIndex && widPresent) {
                        goodArgNum = false; // "%[3]2d"
                    }
                }

                // Precision.
                if (i + 1 < end && format.charAt(i) == '.') {
                    i++;
                    if (afterIndex) {
                        goodArgNum = false; // "%[3].2d"
                    }
                    r = argNumber(argNum, format, i, a.length);
                    argNum = r[0];
                    i = r[1];
                    afterIndex = r[2] == 1;
                    if (i < end && format.charAt(i) == '*') {
                        i++;
                        long[] p = intFromArg(a, argNum);
                        prec = (int) p[0];
                        precPresent = p[1] == 1;
                        argNum = (int) p[2];
                        if (prec < 0) {
                            prec = 0;
                            precPresent = false;
                        }
                        if (!precPresent) {
                            buf.append("%!(BADPREC)");
                        }
                        afterIndex = false;
                    } else {
                        int[] n = parseNum(format, i, end);
                        prec = n[0];
                        precPresent = n[1] == 1;
                        i = n[2];
                        if (!precPresent) {
                            prec = 0;
                            precPresent = true;
                        }
                    }
                }

                if (!afterIndex) {
                    r = argNumber(argNum, format, i, a.length);
                    argNum = r[0];
                    i = r[1];
                }

                if (i >= end) {
                    buf.append("%!(NOVERB)");
                    break;
                }
                int verb = format.codePointAt(i);
                i += Character.charCount(verb);

                if (verb == '%') {
                    buf.append('%'); // absorbs no operand, ignores width and precision
                } else if (!goodArgNum) {
                    buf.append("%!").appendCodePoint(verb).append("(BADINDEX)");
                } else if (argNum >= a.length) {
                    buf.append("%!").appendCodePoint(verb).append("(MISSING)");
                } else {
                    if (verb == 'v') {
                        // # means Go syntax and + means field names for %v.
                        sharpV = sharp;
                        sharp = false;
                        plusV = plus;
                        plus = false;
                    }
                    printArg(a[argNum], verb);
                    argNum++;
                }
            }

            if (!reordered && argNum < a.length) {
                clearFlags();
                buf.append("%!(EXTRA ");
                for (int k = argNum; k < a.length; k++) {
                    if (k > argNum) {
                        buf.append(", ");
                    }
                    Object arg = a[k];
                    if (arg == null) {
                        buf.append("<nil>");
                    } else {
                        buf.append(typeName(arg)).append('=');
                        printArg(arg, 'v');
                    }
                }
                buf.append(')');
            }
        }

        /** {num, isNum (1/0), newIndex}; numbers over 1e6 are rejected like Go's tooLarge. */
        static int[] parseNum(String s, int start, int end) {
            if (start >= end) {
                return new int[] {0, 0, end};
            }
            int num = 0;
            boolean isNum = false;
            int i = start;
            for (; i < end && s.charAt(i) >= '0' && s.charAt(i) <= '9'; i++) {
                if (num > 1_000_000) {
                    return new int[] {0, 0, end};
                }
                num = num * 10 + (s.charAt(i) - '0');
                isNum = true;
            }
            return new int[] {num, isNum ? 1 : 0, i};
        }

        /** {newArgNum, newIndex, found (1/0)} for an explicit {@code [n]} argument index. */
        int[] argNumber(int argNum, String format, int i, int numArgs) {
            if (format.length() <= i || format.charAt(i) != '[') {
                return new int[] {argNum, i, 0};
            }
            reordered = true;
            String rest = format.substring(i);
            // parseArgNumber: "[n]" with at least 3 chars.
            int index = 0;
            int width = 1;
            boolean ok = false;
            if (rest.length() >= 3) {
                for (int j = 1; j < rest.length(); j++) {
                    if (rest.charAt(j) == ']') {
                        int[] n = parseNum(rest, 1, j);
                        if (n[1] == 0 || n[2] != j) {
                            width = j + 1;
                        } else {
                            index = n[0] - 1;
                            width = j + 1;
                            ok = true;
                        }
                        break;
                    }
                }
            }
            if (ok && index >= 0 && index < numArgs) {
                return new int[] {index, i + width, 1};
            }
            goodArgNum = false;
            return new int[] {argNum, i + width, ok ? 1 : 0};
        }

        /** {value, isInt (1/0), newArgNum} for a {@code *} width or precision. */
        static long[] intFromArg(Object[] a, int argNum) {
            long num = 0;
            boolean isInt = false;
            int newArgNum = argNum;
            if (argNum < a.length) {
                Object v = a[argNum];
                if (v instanceof Integer
                        || v instanceof Long
                        || v instanceof Short
                        || v instanceof Byte) {
                    num = ((Number) v).longValue();
                    isInt = true;
                } else if (v instanceof BigInteger bi && bi.bitLength() < 64) {
                    num = bi.longValue();
                    isInt = true;
                }
                newArgNum = argNum + 1;
                if (num > 1_000_000 || num < -1_000_000) {
                    num = 0;
                    isInt = false;
                }
            }
            return new long[] {num, isInt ? 1 : 0, newArgNum};
        }
    }

    /** Go's fmtsort order for map keys: nil first, numbers, strings, booleans (false first). */
    static int compareKeys(Object a, Object b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : -1) : 1;
        }
        int ra = keyRank(a);
        int rb = keyRank(b);
        if (ra != rb) {
            return Integer.compare(ra, rb);
        }
        switch (ra) {
            case 0:
                return Values.compareNumbers((Number) a, (Number) b);
            case 1:
                return a.toString().compareTo(b.toString());
            case 2:
                return Boolean.compare((Boolean) a, (Boolean) b);
            default:
                int c = a.getClass().getName().compareTo(b.getClass().getName());
                return c != 0 ? c : a.toString().compareTo(b.toString());
        }
    }

    private static int keyRank(Object v) {
        if (v instanceof Number) {
            return 0;
        }
        if (isStringKind(v)) {
            return 1;
        }
        if (v instanceof Boolean) {
            return 2;
        }
        return 3;
    }
}
