package io.github.livetemplate.runtime.generated;

import io.github.livetemplate.runtime.Utf8Buffer;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Go {@code strconv.FormatFloat} semantics for Java floating-point values.
 *
 * <p>Digits are produced from the exact binary value with {@link BigDecimal}, so fixed precisions
 * round half-to-even on the exact value exactly like Go, and the shortest form is searched directly
 * (JDK 17's {@link Double#toString} is not always shortest, so it is only used as an upper bound).
 * This is slower than Ryu but correct; floats are rare in templates.
 */
final class FloatFormat {

    private FloatFormat() {}

    /**
     * Decimal digits {@code d} (no trailing zeros, empty for zero) with value {@code 0.d × 10^dp}.
     */
    record Digits(String d, int dp) {
        static final Digits ZERO = new Digits("", 0);

        int nd() {
            return d.length();
        }

        static Digits of(BigDecimal r) {
            if (r.signum() == 0) {
                return ZERO;
            }
            BigDecimal s = r.stripTrailingZeros();
            String digits = s.unscaledValue().abs().toString();
            return new Digits(digits, digits.length() - s.scale());
        }
    }

    /** Shortest digits that read back as {@code abs} (non-negative, finite) as a double. */
    static Digits shortest(double abs) {
        if (abs == 0) {
            return Digits.ZERO;
        }
        if (abs < 1e15 && abs == Math.floor(abs)) {
            // An integer below 2^53 is its own shortest form (ulp <= 1, so no shorter neighbour).
            return Digits.of(BigDecimal.valueOf((long) abs));
        }
        Digits fast = fewDecimals(abs);
        if (fast != null) {
            return fast;
        }
        BigDecimal exact = new BigDecimal(abs);
        int max = new BigDecimal(Double.toString(abs)).stripTrailingZeros().precision();
        return search(exact, max, false, abs, 0f);
    }

    private static final double[] POW10 = {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
        1e17, 1e18, 1e19, 1e20, 1e21, 1e22
    };

    /**
     * The common case without BigDecimal: a value with up to 15 significant digits, such as 33.5 or
     * 0.07, is m / 10^k for a small integer m. The smallest k for which some m within one of
     * round(abs·10^k) reads back exactly gives the fewest digits (fewer fraction digits did not
     * read back, and with k fixed the integer m is determined). Null when no such k exists.
     */
    private static Digits fewDecimals(double abs) {
        long found = fewDecimalsMantissa(abs);
        if (found < 0) {
            return null;
        }
        long c = found >>> 5;
        int k = (int) (found & 31);
        String digits = Long.toString(stripZeros(c));
        return new Digits(digits, digitCount(c) - k);
    }

    /**
     * {@link #fewDecimals} without allocating: {@code m << 5 | k} for the integer {@code m} and the
     * power {@code k} (below 2^5) with {@code abs == m / 10^k}, or -1 when there is none.
     */
    private static long fewDecimalsMantissa(double abs) {
        for (int k = 1; k < POW10.length; k++) {
            double scaled = abs * POW10[k];
            if (scaled >= 1e15) {
                return -1;
            }
            long m = Math.round(scaled);
            for (long c = Math.max(1, m - 1); c <= m + 1; c++) {
                if (c / POW10[k] == abs) {
                    return c << 5 | k;
                }
            }
        }
        return -1;
    }

    private static final long[] LONG_POW10 = {
        1L,
        10L,
        100L,
        1_000L,
        10_000L,
        100_000L,
        1_000_000L,
        10_000_000L,
        100_000_000L,
        1_000_000_000L,
        10_000_000_000L,
        100_000_000_000L,
        1_000_000_000_000L,
        10_000_000_000_000L,
        100_000_000_000_000L,
        1_000_000_000_000_000L
    };

    /** Decimal digits of {@code m} (positive, below 10^16). */
    private static int digitCount(long m) {
        int n = 1;
        while (n < LONG_POW10.length && m >= LONG_POW10[n]) {
            n++;
        }
        return n;
    }

    private static long stripZeros(long m) {
        while (m != 0 && m % 10 == 0) {
            m /= 10;
        }
        return m;
    }

    /**
     * Writes {@code v} as Go's {@code %v} prints a float64 ({@code strconv.FormatFloat(v, 'g', -1,
     * 64)}), straight into {@code out}. Values of up to 15 significant digits, the ones pages show,
     * allocate nothing; others take the exact path of {@link #format(double, int, char, int)}. The
     * output is ASCII from {@code [0-9.e+-]}, NaN and ±Inf: safe in HTML text, attributes and JSON
     * strings.
     */
    static void writeShortest(double v, Utf8Buffer out) {
        if (!Double.isFinite(v)) {
            out.writeAscii(Double.isNaN(v) ? "NaN" : v > 0 ? "+Inf" : "-Inf");
            return;
        }
        double abs = Math.abs(v);
        long m;
        int dp;
        if (abs == 0) {
            m = 0;
            dp = 0;
        } else if (abs < 1e15 && abs == Math.floor(abs)) {
            long n = (long) abs;
            dp = digitCount(n);
            m = stripZeros(n);
        } else {
            long found = fewDecimalsMantissa(abs);
            if (found < 0) {
                out.writeAscii(format(v, 64, 'g', -1));
                return;
            }
            long c = found >>> 5;
            dp = digitCount(c) - (int) (found & 31);
            m = stripZeros(c);
        }
        if (Double.doubleToRawLongBits(v) < 0) {
            out.writeByte('-');
        }
        int nd = m == 0 ? 0 : digitCount(m);
        int exp = dp - 1;
        // %g with the shortest digits: %e below 1e-4 and from 1e6 (strconv's precision 6 rule).
        if (nd > 0 && (exp < -4 || exp >= 6)) {
            out.writeByte(digit(m, nd, 0));
            if (nd > 1) {
                out.writeByte('.');
                for (int j = 1; j < nd; j++) {
                    out.writeByte(digit(m, nd, j));
                }
            }
            out.writeBytes('e', exp < 0 ? '-' : '+');
            int e = Math.abs(exp);
            if (e < 10) {
                out.writeByte('0');
            }
            out.writeInt(e);
            return;
        }
        if (dp > 0) {
            for (int j = 0; j < dp; j++) {
                out.writeByte(j < nd ? digit(m, nd, j) : '0');
            }
        } else {
            out.writeByte('0');
        }
        int fraction = Math.max(nd - dp, 0);
        if (fraction > 0) {
            out.writeByte('.');
            for (int i = 1; i <= fraction; i++) {
                int j = dp + i - 1;
                out.writeByte(j >= 0 ? digit(m, nd, j) : '0');
            }
        }
    }

    /** The {@code j}-th (from the left) of the {@code nd} decimal digits of {@code m}. */
    private static int digit(long m, int nd, int j) {
        return '0' + (int) (m / LONG_POW10[nd - 1 - j] % 10);
    }

    /** Shortest digits that read back as {@code abs} (non-negative, finite) as a float. */
    static Digits shortest(float abs) {
        if (abs == 0) {
            return Digits.ZERO;
        }
        BigDecimal exact = new BigDecimal((double) abs);
        int max = new BigDecimal(Float.toString(abs)).stripTrailingZeros().precision();
        return search(exact, max, true, 0, abs);
    }

    /**
     * Binary search for the fewest digits that read back. The JDK's string (max digits) reads back,
     * and success is monotonic in the digit count: if some p-digit decimal lies in the rounding
     * interval, it is also a (p+1)-digit decimal, and the nearest decimal on its side of the exact
     * value (one of the two {@link #roundTrip} tries) is at least as close.
     */
    private static Digits search(BigDecimal exact, int max, boolean f32, double d, float f) {
        int lo = 1;
        int hi = max;
        BigDecimal best = null;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            BigDecimal r = roundTrip(exact, mid, f32, d, f);
            if (r != null) {
                hi = mid;
                best = r;
            } else {
                lo = mid + 1;
            }
        }
        if (best == null || best.precision() > hi) {
            best = roundTrip(exact, hi, f32, d, f);
        }
        if (best == null) {
            // Cannot happen (the JDK's digits read back); stay correct regardless.
            best = exact.round(new MathContext(f32 ? 9 : 17, RoundingMode.HALF_EVEN));
        }
        return Digits.of(best);
    }

    /**
     * The {@code p}-digit decimal nearest to {@code exact} that reads back as the target, trying
     * the nearest first and then the neighbour on the other side (the rounding interval is
     * asymmetric at powers of two); null when none does.
     */
    private static BigDecimal roundTrip(
            BigDecimal exact, int p, boolean f32, double target, float target32) {
        BigDecimal nearest = exact.round(new MathContext(p, RoundingMode.HALF_EVEN));
        if (reads(nearest, f32, target, target32)) {
            return nearest;
        }
        RoundingMode other =
                nearest.compareTo(exact) > 0 ? RoundingMode.FLOOR : RoundingMode.CEILING;
        BigDecimal alt = exact.round(new MathContext(p, other));
        return reads(alt, f32, target, target32) ? alt : null;
    }

    private static boolean reads(BigDecimal r, boolean f32, double target, float target32) {
        String s = r.toString();
        return f32 ? Float.parseFloat(s) == target32 : Double.parseDouble(s) == target;
    }

    /** {@code n} significant digits of {@code x}, rounded half-to-even. */
    static Digits significant(BigDecimal x, int n) {
        if (x.signum() == 0) {
            return Digits.ZERO;
        }
        return Digits.of(x.round(new MathContext(n, RoundingMode.HALF_EVEN)));
    }

    /** {@code x} rounded half-to-even to {@code p} fraction digits. */
    static Digits fraction(BigDecimal x, int p) {
        return Digits.of(x.setScale(p, RoundingMode.HALF_EVEN));
    }

    /**
     * Go {@code strconv.FormatFloat(v, fmt, prec, bitSize)} for fmt in {@code b e E f F g G x X}
     * ({@code F} is treated as {@code f}).
     */
    static String format(double v, int bitSize, char fmt, int prec) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        boolean neg = Double.doubleToRawLongBits(v) < 0;
        if (fmt == 'b') {
            return formatBinary(v, bitSize, neg);
        }
        if (fmt == 'x' || fmt == 'X') {
            return formatHex(v, bitSize, neg, fmt, prec);
        }
        double abs = Math.abs(v);
        if (prec < 0) {
            Digits d = bitSize == 32 ? shortest((float) abs) : shortest(abs);
            return layout(neg, d, fmt, prec, true);
        }
        return formatFixed(neg, new BigDecimal(abs), fmt, prec);
    }

    /**
     * FormatFloat for an exact decimal: the shortest form of a BigDecimal is its own digits (Go's
     * {@code *big.Float} would print its binary value; we print the decimal the user holds).
     */
    static String format(BigDecimal v, char fmt, int prec) {
        boolean neg = v.signum() < 0;
        if (fmt == 'b' || fmt == 'x' || fmt == 'X') {
            return format(v.doubleValue(), 64, fmt, prec);
        }
        if (prec < 0) {
            return layout(neg, Digits.of(v.abs()), fmt, prec, true);
        }
        return formatFixed(neg, v.abs(), fmt, prec);
    }

    private static String formatFixed(boolean neg, BigDecimal abs, char fmt, int prec) {
        Digits d;
        switch (fmt) {
            case 'e', 'E' -> d = significant(abs, prec + 1);
            case 'g', 'G' -> {
                if (prec == 0) {
                    prec = 1;
                }
                d = significant(abs, prec);
            }
            default -> d = fraction(abs, prec);
        }
        return layout(neg, d, fmt, prec, false);
    }

    private static String layout(boolean neg, Digits d, char fmt, int prec, boolean shortest) {
        int nd = d.nd();
        int dp = d.dp();
        if (shortest) {
            switch (fmt) {
                case 'e', 'E' -> prec = Math.max(nd - 1, 0);
                case 'g', 'G' -> prec = nd;
                default -> prec = Math.max(nd - dp, 0);
            }
        }
        StringBuilder sb = new StringBuilder(24);
        switch (fmt) {
            case 'e', 'E' -> appendE(sb, neg, d, prec, fmt);
            case 'g', 'G' -> {
                int eprec = prec;
                if (eprec > nd && nd >= dp) {
                    eprec = nd;
                }
                // %e is used when the exponent is < -4 or >= the precision; shortest uses 6.
                if (shortest) {
                    eprec = 6;
                }
                int exp = dp - 1;
                if (exp < -4 || exp >= eprec) {
                    if (prec > nd) {
                        prec = nd;
                    }
                    appendE(sb, neg, d, prec - 1, fmt == 'g' ? 'e' : 'E');
                } else {
                    if (prec > dp) {
                        prec = nd;
                    }
                    appendF(sb, neg, d, Math.max(prec - dp, 0));
                }
            }
            default -> appendF(sb, neg, d, prec);
        }
        return sb.toString();
    }

    /** {@code -d.ddddde±dd}. */
    private static void appendE(StringBuilder sb, boolean neg, Digits d, int prec, char e) {
        String s = d.d();
        int nd = s.length();
        if (neg) {
            sb.append('-');
        }
        sb.append(nd == 0 ? '0' : s.charAt(0));
        if (prec > 0) {
            sb.append('.');
            int i = 1;
            int m = Math.min(nd, prec + 1);
            if (i < m) {
                sb.append(s, i, m);
                i = m;
            }
            for (; i <= prec; i++) {
                sb.append('0');
            }
        }
        sb.append(e);
        int exp = nd == 0 ? 0 : d.dp() - 1;
        sb.append(exp < 0 ? '-' : '+');
        exp = Math.abs(exp);
        if (exp < 10) {
            sb.append('0');
        }
        sb.append(exp);
    }

    /** {@code -ddddddd.ddddd}. */
    private static void appendF(StringBuilder sb, boolean neg, Digits d, int prec) {
        String s = d.d();
        int nd = s.length();
        int dp = d.dp();
        if (neg) {
            sb.append('-');
        }
        if (dp > 0) {
            int m = Math.min(nd, dp);
            sb.append(s, 0, m);
            for (; m < dp; m++) {
                sb.append('0');
            }
        } else {
            sb.append('0');
        }
        if (prec > 0) {
            sb.append('.');
            for (int i = 1; i <= prec; i++) {
                int j = dp + i - 1;
                sb.append(j >= 0 && j < nd ? s.charAt(j) : '0');
            }
        }
    }

    /** Mantissa and binary exponent such that |v| = mant × 2^(exp - mantBits). */
    private static long[] decompose(double v, int bitSize) {
        long mant;
        int exp;
        int mantBits;
        if (bitSize == 32) {
            int bits = Float.floatToRawIntBits((float) v);
            mantBits = 23;
            exp = (bits >>> 23) & 0xFF;
            mant = bits & ((1 << 23) - 1);
            if (exp == 0) {
                exp++;
            } else {
                mant |= 1L << 23;
            }
            exp -= 127;
        } else {
            long bits = Double.doubleToRawLongBits(v);
            mantBits = 52;
            exp = (int) ((bits >>> 52) & 0x7FF);
            mant = bits & ((1L << 52) - 1);
            if (exp == 0) {
                exp++;
            } else {
                mant |= 1L << 52;
            }
            exp -= 1023;
        }
        return new long[] {mant, exp, mantBits};
    }

    /** Go {@code %b}: {@code -ddddp±ddd}, a decimal mantissa times a power of two. */
    private static String formatBinary(double v, int bitSize, boolean neg) {
        long[] m = decompose(v, bitSize);
        long exp = m[1] - m[2];
        return (neg ? "-" : "") + m[0] + "p" + (exp >= 0 ? "+" : "") + exp;
    }

    /** Go {@code %x}: {@code -0x1.yyyyp±dd} (hex mantissa, decimal power of two). */
    private static String formatHex(double v, int bitSize, boolean neg, char fmt, int prec) {
        long[] m = decompose(v, bitSize);
        long mant = m[0];
        int exp = (int) m[1];
        if (mant == 0) {
            exp = 0;
        }
        // Normalise so the leading 1 (if any) sits at bit 60.
        mant <<= 60 - m[2];
        while (mant != 0 && (mant & (1L << 60)) == 0) {
            mant <<= 1;
            exp--;
        }
        if (prec >= 0 && prec < 15) {
            int shift = prec * 4;
            long extra = (mant << shift) & ((1L << 60) - 1);
            mant >>>= 60 - shift;
            // Round half to even on the dropped bits.
            if ((extra | (mant & 1)) > (1L << 59)) {
                mant++;
            }
            mant <<= 60 - shift;
            if ((mant & (1L << 61)) != 0) {
                mant >>>= 1;
                exp++;
            }
        }
        String hex = fmt == 'X' ? "0123456789ABCDEF" : "0123456789abcdef";
        StringBuilder sb = new StringBuilder(24);
        if (neg) {
            sb.append('-');
        }
        sb.append('0').append(fmt).append((char) ('0' + ((mant >>> 60) & 1)));
        mant <<= 4; // drop the leading digit
        if (prec < 0 && mant != 0) {
            sb.append('.');
            while (mant != 0) {
                sb.append(hex.charAt((int) ((mant >>> 60) & 15)));
                mant <<= 4;
            }
        } else if (prec > 0) {
            sb.append('.');
            for (int i = 0; i < prec; i++) {
                sb.append(hex.charAt((int) ((mant >>> 60) & 15)));
                mant <<= 4;
            }
        }
        sb.append(fmt == 'X' ? 'P' : 'p');
        sb.append(exp < 0 ? '-' : '+');
        exp = Math.abs(exp);
        if (exp < 10) {
            sb.append('0');
        }
        sb.append(exp);
        return sb.toString();
    }

    /**
     * A float as Go's encoding/json writes it (ES6 number style): fixed notation unless {@code abs
     * < 1e-6 || abs >= 1e21}, exponent without a leading zero ({@code 1e-7}). The caller handles
     * NaN and infinities.
     */
    static String json(double v, boolean f32) {
        double abs = Math.abs(v);
        char fmt = 'f';
        if (abs != 0) {
            boolean exp =
                    f32
                            ? ((float) abs < 1e-6f || (float) abs >= 1e21f)
                            : (abs < 1e-6 || abs >= 1e21);
            if (exp) {
                fmt = 'e';
            }
        }
        return jsonCleanup(format(v, f32 ? 32 : 64, fmt, -1), fmt);
    }

    /** {@link #json(double, boolean)} for an exact decimal. */
    static String json(BigDecimal v) {
        BigDecimal abs = v.abs();
        char fmt = 'f';
        if (abs.signum() != 0
                && (abs.compareTo(new BigDecimal("1e-6")) < 0
                        || abs.compareTo(new BigDecimal("1e21")) >= 0)) {
            fmt = 'e';
        }
        return jsonCleanup(format(v, fmt, -1), fmt);
    }

    private static String jsonCleanup(String s, char fmt) {
        int n = s.length();
        // Go cleans up e-09 to e-9.
        if (fmt == 'e'
                && n >= 4
                && s.charAt(n - 4) == 'e'
                && s.charAt(n - 3) == '-'
                && s.charAt(n - 2) == '0') {
            return s.substring(0, n - 2) + s.charAt(n - 1);
        }
        return s;
    }
}
