package io.github.livetemplate.test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The browser client's value typing (docs/protocol.md §4.4), applied to the strings a test submits
 * or clicks with, so that a controller sees what it would see from a browser: {@code "42"} becomes
 * the number 42, {@code "true"} a boolean, {@code "007"} stays a string.
 */
final class ClientValues {
    private ClientValues() {}

    /** Numbers whose JavaScript {@code String(n)} gives back the same text. */
    private static final Pattern CANONICAL_NUMBER =
            Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]*[1-9])?");

    /** {@code Number.MAX_SAFE_INTEGER}: larger integers stay strings. */
    private static final long MAX_SAFE = (1L << 53) - 1;

    /**
     * A copy of {@code data} with every string value (also inside lists) typed as the client does.
     */
    static Map<String, Object> typed(Map<String, ?> data) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (data != null) {
            data.forEach((k, v) -> out.put(k, typedValue(v)));
        }
        return out;
    }

    /** A copy of {@code data} as the client sends {@code change} values: as given (no typing). */
    static Map<String, Object> raw(Map<String, ?> data) {
        return data == null ? new LinkedHashMap<>() : new LinkedHashMap<>(data);
    }

    private static Object typedValue(Object v) {
        if (v instanceof String s) {
            return parse(s);
        }
        if (v instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            for (Object o : list) {
                out.add(typedValue(o));
            }
            return out;
        }
        return v;
    }

    /** One value: a number, a boolean or the original string. */
    static Object parse(String s) {
        if (s.equals("true")) {
            return Boolean.TRUE;
        }
        if (s.equals("false")) {
            return Boolean.FALSE;
        }
        String t = s.trim();
        if (!CANONICAL_NUMBER.matcher(t).matches() || t.equals("-0")) {
            return s;
        }
        BigDecimal d = new BigDecimal(t);
        if (d.scale() <= 0) {
            try {
                long n = d.longValueExact();
                return Math.abs(n) <= MAX_SAFE ? (Object) n : s;
            } catch (ArithmeticException e) {
                return s;
            }
        }
        // JavaScript prints |x| < 1e-6 in exponent form and keeps about 15-17 significant digits.
        if (d.abs().compareTo(new BigDecimal("0.000001")) < 0 || d.precision() > 15) {
            return s;
        }
        return d.doubleValue();
    }
}
