package io.github.livetemplate.runtime.generated;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.livetemplate.runtime.TrustedHtml;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Expected values are Go's fmt output (most from Go's own fmt tests, with Go types mapped). */
class GoFmtTest {

    private static void f(String want, String format, Object... args) {
        assertEquals(want, GoFmt.sprintf(format, args), () -> format + " " + Arrays.toString(args));
    }

    @Test
    void basics() {
        f("12345", "%d", 12345);
        f("12345", "%v", 12345);
        f("true", "%t", true);
        f("abc", "%s", "abc");
        f("\"abc\"", "%q", "abc");
        f("616263", "%x", "abc");
        f("78797A", "%X", "xyz");
        f("78 79 7a", "% x", "xyz");
        f("0x78797a", "%#x", "xyz");
        f("0X78 0X79 0X7A", "%# X", "xyz");
        f("", "%x", "");
        f("  ", "%2x", "");
        f("c3a9", "%x", "é");
        f("100%", "%d%%", 100);
        f("%", "%5%");
        f("hello, world", "%s, %s", "hello", "world");
        f("a", "%s", 'a');
        f("<b>", "%s", TrustedHtml.of("<b>"));
    }

    @Test
    void quoting() {
        f("\"\"", "%q", "");
        f("``", "%#q", "");
        f("\"\\\"\"", "%q", "\"");
        f("`\"`", "%#q", "\"");
        f("\"`\"", "%#q", "`");
        f("\"\\n\"", "%#q", "\n");
        f("\"\\\\n\"", "%q", "\\n");
        f("`\\n`", "%#q", "\\n");
        f("\"日本語\"", "%q", "日本語");
        f("\"\\u65e5\\u672c\\u8a9e\"", "%+q", "日本語");
        f("`日本語`", "%#+q", "日本語");
        f("\"\\a\\b\\f\\n\\r\\t\\v\\\"\\\\\"", "%q", "\u0007\b\f\n\r\t\u000b\"\\");
        f("\"☺\"", "% q", "☺");
        f("\"\\u263a\"", "%+q", "☺");
        f("       \"⌘\"", "%10q", "⌘");
        f("  \"\\u2318\"", "%+10q", "⌘");
        f("\"⌘\"       ", "%-10q", "⌘");
        f("0000000\"⌘\"", "%010q", "⌘");
        f("\"⌘\"       ", "%-010q", "⌘");
        f("\"\\U0010ffff\"", "%q", "\uDBFF\uDFFF");
        f("\"\\x00\\x7f\"", "%q", "\u0000\u007f");
        f("\"\\u200b\"", "%q", "\u200b");
        f("\"😀\"", "%q", "😀");
        f("\"\\U0001f600\"", "%+q", "😀");
        f("\"abcde\"", "%.5q", "abcdefghijklmnopqrstuvwxyz");
        f("\"日本語\"", "%.3q", "日本語日本語");
        f("       \"日\"", "%10.1q", "日本語日本語");
    }

    @Test
    void characters() {
        f("x", "%c", (int) 'x');
        f("ä", "%c", 0xe4);
        f("本", "%c", 0x672c);
        f("⌘", "%.0c", (int) '⌘');
        f("  ⌘", "%3c", (int) '⌘');
        f("⌘  ", "%-3c", (int) '⌘');
        f("�", "%c", -1);
        f("�", "%c", 0xDC80);
        f("�", "%c", 0x110000);
        f("😀", "%c", 0x1F600);
        f("x", "%c", 'x');
        f("'\\x00'", "%q", 0);
        f("'\"'", "%q", (int) '"');
        f("'\\''", "%q", (int) '\'');
        f("'`'", "%q", (int) '`');
        f("'ÿ'", "%q", (int) 'ÿ');
        f("'\\u00ff'", "%+q", (int) 'ÿ');
        f("'\\n'", "%q", (int) '\n');
        f("'☺'", "%.0q", (int) '☺');
        f("0000000'⌘'", "%010q", (int) '⌘');
        f("'\\u0e00'", "%q", 0x0e00);
        f("%!q(int=-1)", "%q", -1);
        f("'�'", "%q", 0xDC80);
        f("%!q(int=1114112)", "%q", 0x110000);
        f("%!q(int64=68719476735)", "%q", 0xFFFFFFFFFL);
    }

    @Test
    void widthAndPrecisionOnStrings() {
        f("  abc", "%5s", "abc");
        f(" ☺", "%2s", "☺");
        f("abc  ", "%-5s", "abc");
        f("00abc", "%05s", "abc");
        f("abc  ", "%0-5s", "abc");
        f("abcdefghijklmnopqrstuvwxyz", "%5s", "abcdefghijklmnopqrstuvwxyz");
        f("abcde", "%.5s", "abcdefghijklmnopqrstuvwxyz");
        f("", "%.0s", "日本語日本語");
        f("日本語日本", "%.5s", "日本語日本語");
        f("日本語日本語", "%.10s", "日本語日本語");
        f("6162636465", "%.5x", "abcdefghijklmnopqrstuvwxyz");
        f("e6", "%.1x", "日本語");
        f("               qwert", "%20.5s", "qwertyuiop");
        f("qwert               ", "%-20.5s", "qwertyuiop");
        f("     <nil>", "%10v", (Object) null);
        f("<nil>     ", "%-10v", (Object) null);
        f("      ab", "%8x", "\u00ab".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        f("00000xab", "%#08x", new byte[] {(byte) 0xab});
        f(" 0xab 0xcd", "%# 10x", new byte[] {(byte) 0xab, (byte) 0xcd});
        f("00xab 0xcd", "%# 010x", new byte[] {(byte) 0xab, (byte) 0xcd});
        f("0XAB 0XCD ", "%# -010X", new byte[] {(byte) 0xab, (byte) 0xcd});
        f("00", "% 02x", "");
    }

    @Test
    void integers() {
        f("-12345", "%d", -12345);
        f("-128", "%d", (byte) -128);
        f("-32768", "%d", (short) -32768);
        f("-2147483648", "%d", Integer.MIN_VALUE);
        f("-9223372036854775808", "%d", Long.MIN_VALUE);
        f("18446744073709551615", "%d", new BigInteger("18446744073709551615"));
        f("", "%.d", 0);
        f("", "%.0d", 0);
        f("      ", "%6.0d", 0);
        f("      ", "%06.0d", 0);
        f(" 12345", "% d", 12345);
        f("+12345", "%+d", 12345);
        f("-12345", "%+d", -12345);
        f("111", "%b", 7);
        f("-110", "%b", -6);
        f("0b111", "%#b", 7);
        f("-0b110", "%#b", -6);
        f("-1" + "0".repeat(63), "%b", Long.MIN_VALUE);
        f("1234", "%o", 01234);
        f("-1234", "%o", -01234);
        f("01234", "%#o", 01234);
        f("-01234", "%#o", -01234);
        f("0o1234", "%O", 01234);
        f("-0o1234", "%O", -01234);
        f("0X0", "%#X", 0);
        f("12abcdef", "%x", 0x12abcdef);
        f("12ABCDEF", "%X", 0x12abcdef);
        f("-ff", "%x", -255);
        f("00000000000000000111", "%.20b", 7);
        f("     12345", "%10d", 12345);
        f("    -12345", "%10d", -12345);
        f("    +12345", "%+10d", 12345);
        f("0000012345", "%010d", 12345);
        f("-000012345", "%010d", -12345);
        f("            00001234", "%20.8d", 1234);
        f("           -00001234", "%20.8d", -1234);
        f("            00001234", "%020.8d", 1234);
        f("00001234            ", "%-20.8d", 1234);
        f("-00001234           ", "%-20.8d", -1234);
        f("0x01234abc          ", "%-#20.8x", 0x1234abc);
        f("0X01234ABC          ", "%-#20.8X", 0x1234abc);
        f("00001234            ", "%-#20.8o", 01234);
        f("0".repeat(67) + "1", "%068d", 1);
        f("-" + "0".repeat(66) + "1", "%068d", -1);
        f("0x" + "0".repeat(66) + "2a", "%#.68x", 42);
        f("0x000000ff", "%#08x", 255);
        f("   0x1", "%#6x", 1);
        f("0x000001", "%#06x", 1);
        f("12345678901234567890123", "%d", new BigInteger("12345678901234567890123"));
        f("-29d42b64e76714244cb", "%x", new BigInteger("-12345678901234567890123"));
        f("42", "%v", new java.util.concurrent.atomic.AtomicInteger(42));
    }

    @Test
    void unicodeVerb() {
        f("U+0000", "%U", 0);
        f("U+FFFFFFFFFFFFFFFF", "%U", -1);
        f("U+000A", "%U", (int) '\n');
        f("U+000A", "%#U", (int) '\n');
        f("U+0078", "%+U", (int) 'x');
        f("U+0078 'x'", "%# U", (int) 'x');
        f("U+0078 'x'", "%#.2U", (int) 'x');
        f("U+263A", "%U", 0x263a);
        f("U+263A '☺'", "%#U", 0x263a);
        f("U+1D6C2 '\uD835\uDEC2'", "%#U", 0x1D6C2);
        f("  U+002318 '⌘'", "%#14.6U", (int) '⌘');
        f("U+002318 '⌘'  ", "%#-14.6U", (int) '⌘');
        f("  U+002318 '⌘'", "%#014.6U", (int) '⌘');
        f("U+0041", "%U", 'A');
    }

    @Test
    void floats() {
        f("+0.000e+00", "%+.3e", 0.0);
        f("+1.000e+00", "%+.3e", 1.0);
        f("+0x0.000p+00", "%+.3x", 0.0);
        f("+0x1.000p+00", "%+.3x", 1.0);
        f("-1.000", "%+.3f", -1.0);
        f("-1.000", "%+.3F", -1.0);
        f("-1.000", "%+.3F", -1.0f);
        f("+001.00", "%+07.2f", 1.0);
        f("-001.00", "%+07.2f", -1.0);
        f("1.00   ", "%-07.2f", 1.0);
        f("-1.00  ", "%-07.2f", -1.0);
        f("+1.00  ", "%+-07.2f", 1.0);
        f("     +1.00", "%+10.2f", 1.0);
        f("-1.000E+00", "% .3E", -1.0);
        f(" 1.000e+00", "% .3e", 1.0);
        f("-0X1.000P+00", "% .3X", -1.0);
        f(" 0x1.000p+00", "% .3x", 1.0);
        f("+0", "%+.3g", 0.0);
        f("+1", "%+.3g", 1.0);
        f("-1", "% .3g", -1.0);
        f(" 1", "% .3g", 1.0);
        f("8388608p-23", "%b", 1.0f);
        f("4503599627370496p-52", "%b", 1.0);
        f("-4503599627370496p-52", "%.4b", -1.0);
        f("1.00000e-323", "%#g", 1e-323);
        f("-1.00000", "%#g", -1.0);
        f("1.10000", "%#g", 1.1);
        f("123456.", "%#g", 123456.0);
        f("1.234567e+06", "%#g", 1234567.0);
        f("1.23000e+06", "%#g", 1230000.0);
        f("1.00000e+06", "%#g", 1000000.0);
        f("1.", "%#.0f", 1.0);
        f("1.e+00", "%#.0e", 1.0);
        f("0x1.p+00", "%#.0x", 1.0);
        f("1.", "%#.0g", 1.0);
        f("1.e+06", "%#.0g", 1100000.0);
        f("1.0000", "%#.4f", 1.0);
        f("1.0000e+00", "%#.4e", 1.0);
        f("0x1.0000p+00", "%#.4x", 1.0);
        f("1.000", "%#.4g", 1.0);
        f("1.000e+05", "%#.4g", 100000.0);
        f("123.", "%#.0f", 123.0);
        f("1.e+02", "%#.0e", 123.0);
        f("0x1.p+07", "%#.0x", 123.0);
        f("1.e+02", "%#.0g", 123.0);
        f("1.2300e+02", "%#.4e", 123.0);
        f("0x1.ec00p+06", "%#.4x", 123.0);
        f("123.0", "%#.4g", 123.0);
        f("1.230e+05", "%#.4g", 123000.0);
        f("    1.000", "%#9.4g", 1.0);
        f("1." + "0".repeat(68), "%.68f", 1.0);
        f("+Inf", "%f", Double.POSITIVE_INFINITY);
        f("-Inf", "%.1f", Double.NEGATIVE_INFINITY);
        f(" NaN", "% f", Double.NaN);
        f("                +Inf", "%20f", Double.POSITIVE_INFINITY);
        f("                 Inf", "% 20F", Double.POSITIVE_INFINITY);
        f("                -Inf", "% 20e", Double.NEGATIVE_INFINITY);
        f("                 NaN", "%20e", Double.NaN);
        f("                +NaN", "% +20E", Double.NaN);
        f(" NaN                ", "% -20g", Double.NaN);
        f("                +Inf", "%+020e", Double.POSITIVE_INFINITY);
        f("NaN                 ", "%-020E", Double.NaN);
        f("1.000000e+00", "%e", 1.0);
        f("1.234568e+06", "%e", 1234.5678e3);
        f("1.234568e-05", "%e", 1234.5678e-8);
        f("-7.000000e+00", "%e", -7.0);
        f("-1.000000e-09", "%e", -1e-9);
        f("1234567.800000", "%f", 1234.5678e3);
        f("0.000012", "%f", 1234.5678e-8);
        f("-0.000000", "%f", -1e-9);
        f("1.2345678e+06", "%g", 1234.5678e3);
        f("1.2345678e+06", "%g", 1234.5678e3f);
        f("1.2345678e-05", "%g", 1234.5678e-8);
        f("-7", "%g", -7.0);
        f("-1e-09", "%g", -1e-9);
        f("-1e-09", "%g", -1e-9f);
        f("1.2345678E+06", "%G", 1234.5678e3);
        f("-1E-09", "%G", -1e-9);
        f("        1.234500e+03", "%20.6e", 1.2345e3);
        f("      1.23450000e+03", "%20.8e", 1.2345e3);
        f("         1234.567890", "%20f", 1.23456789e3);
        f("            0.001235", "%20f", 1.23456789e-3);
        f("  12345678901.234568", "%20f", 12345678901.23456789);
        f("1234.567890         ", "%-20f", 1.23456789e3);
        f("          0.00123457", "%20.8f", 1.23456789e-3);
        f("1234.56789", "%g", 1.23456789e3);
        f("0.00123456789", "%g", 1.23456789e-3);
        f("1.23456789e+20", "%g", 1.23456789e20);
        f("1.2345678", "%v", 1.2345678);
        f("1.2345678", "%v", 1.2345678f);
        f("1.0  ", "%-05.1f", 1.0);
        f("2", "%.0f", 2.5); // half to even on the exact value
        f("4", "%.0f", 3.5);
        f("0.12", "%.2f", 0.125);
        f("0.14", "%.2f", 0.135); // 0.135 is slightly above .135 in binary
        f("0.1", "%.1f", 0.15); // and 0.15 slightly below
        f("1.23e+03", "%.3g", 1234.5678);
        f("3.1", "%.2v", 3.14159);
    }

    @Test
    void floatValueFormsLikeGo() {
        assertEquals("1e+06", GoFmt.toString(1e6));
        assertEquals("100000", GoFmt.toString(100000.0));
        assertEquals("1.234567e+06", GoFmt.toString(1234567.0));
        assertEquals("1e+21", GoFmt.toString(1e21));
        assertEquals("1e-05", GoFmt.toString(1e-5));
        assertEquals("0.0001", GoFmt.toString(1e-4));
        assertEquals("33.333333333333336", GoFmt.toString(100.0 / 3));
        assertEquals("2.5", GoFmt.toString(2.5));
        assertEquals("0", GoFmt.toString(0.0));
        assertEquals("-0", GoFmt.toString(-0.0));
        assertEquals("0.1", GoFmt.toString(0.1));
        assertEquals("0.3", GoFmt.toString(0.3));
        assertEquals("0.30000000000000004", GoFmt.toString(0.1 + 0.2));
        assertEquals("0.1", GoFmt.toString(0.1f));
        assertEquals("1.6777216e+07", GoFmt.toString(16777216f));
        assertEquals("123456", GoFmt.toString(123456f));
        assertEquals("3.4028235e+38", GoFmt.toString(Float.MAX_VALUE));
        assertEquals("1e-45", GoFmt.toString(Float.MIN_VALUE));
        assertEquals("1.7976931348623157e+308", GoFmt.toString(Double.MAX_VALUE));
        assertEquals("5e-324", GoFmt.toString(Double.MIN_VALUE));
        assertEquals("2.2250738585072014e-308", GoFmt.toString(Double.MIN_NORMAL));
        // Values where JDK 17's Double.toString is not the shortest form.
        assertEquals("2e+23", GoFmt.toString(2e23));
        assertEquals("1e+23", GoFmt.toString(1e23));
        assertEquals("5e-324", GoFmt.toString(4.9e-324));
        assertEquals("9.007199254740994e+15", GoFmt.toString(9007199254740994.0));
        assertEquals("+Inf", GoFmt.toString(Double.POSITIVE_INFINITY));
        assertEquals("-Inf", GoFmt.toString(Double.NEGATIVE_INFINITY));
        assertEquals("NaN", GoFmt.toString(Double.NaN));
        assertEquals("1.25", GoFmt.toString(new BigDecimal("1.2500")));
        assertEquals("1e+30", GoFmt.toString(new BigDecimal("1E+30")));
    }

    @Test
    void shortestRoundTripsAndIsMinimalForManyDoubles() {
        java.util.Random random = new java.util.Random(42);
        for (int i = 0; i < 1500; i++) {
            double d =
                    i % 2 == 0
                            ? Double.longBitsToDouble(random.nextLong())
                            : random.nextDouble() * Math.pow(10, random.nextInt(40) - 20);
            if (Double.isNaN(d) || Double.isInfinite(d) || d == 0) {
                continue;
            }
            String g = GoFmt.toString(d);
            assertEquals(d, Double.parseDouble(g), () -> g);
            BigDecimal digits = new BigDecimal(g).stripTrailingZeros();
            int n = digits.precision();
            BigDecimal exact = new BigDecimal(d);
            // No decimal with one digit fewer reads back as d.
            if (n > 1) {
                for (java.math.RoundingMode mode :
                        new java.math.RoundingMode[] {
                            java.math.RoundingMode.FLOOR, java.math.RoundingMode.CEILING
                        }) {
                    BigDecimal shorter = exact.round(new java.math.MathContext(n - 1, mode));
                    assertEquals(
                            false,
                            Double.parseDouble(shorter.toString()) == d,
                            () -> g + " vs " + shorter);
                }
            }
            // And it is the nearest n-digit decimal whenever that one reads back.
            BigDecimal nearest =
                    exact.round(new java.math.MathContext(n, java.math.RoundingMode.HALF_EVEN));
            if (Double.parseDouble(nearest.toString()) == d) {
                assertEquals(0, nearest.compareTo(digits), () -> g + " vs " + nearest);
            }
        }
    }

    @Test
    void compositeValues() {
        f("[1 2 3 4 5]", "%v", new int[] {1, 2, 3, 4, 5});
        List<Object> mixed = new ArrayList<>(Arrays.asList(1, "hello", 2.5, null));
        f("[1 hello 2.5 <nil>]", "%v", mixed);
        f("[65 66 67]", "%v", new byte[] {65, 66, 67});
        f("[1000001 1000010 1000011]", "%b", new byte[] {65, 66, 67});
        f("[A B C]", "%c", new byte[] {65, 66, 67});
        f("[101 102 103]", "%o", new byte[] {65, 66, 67});
        f("[U+0041 U+0042 U+0043]", "%U", new byte[] {65, 66, 67});
        f("[]", "%012v", new byte[0]);
        f("[     1     11    111]", "%6v", new byte[] {1, 11, 111});
        f("[000001 000011 000111]", "%06v", new byte[] {1, 11, 111});
        f("[1      11     111   ]", "%-06v", new byte[] {1, 11, 111});
        f("[ 1  11  111]", "% v", new byte[] {1, 11, 111});
        f("[1 11 111]", "%+v", new byte[] {1, 11, 111});
        f("[+1 +11 +111]", "%+d", new byte[] {1, 11, 111});
        f("[255]", "%v", new byte[] {-1});
        f("abc", "%s", "abc".getBytes());
        f("\"abc\"", "%q", "abc".getBytes());
        f("[0x1 0x2 0xf]", "%#x", List.of(1, 2, 15));
        f("[1 2 f]", "%x", List.of(1, 2, 15));
        f("[\"a\" \"b\"]", "%q", List.of("a", "b"));
        f("[61 62]", "%x", List.of("a", "b"));
        f("[%!d(string=a) 1]", "%d", List.of("a", 1));
        f("[000010 000010]", "%06v", List.of(10.0, 10));
        f("[-00010 000010]", "%06v", List.of(-10.0, 10));
        f("[000001 002 00x]", "%03.6v", List.of(1, 2.0, "x"));
        f("[    002 000]", "%03.0v", List.of(0, 2.0, "x"));
        f("[<nil>]", "%d", mixed.subList(3, 4));
        f("[[1 2] [3]]", "%v", List.of(List.of(1, 2), List.of(3)));
        f("[true false]", "%v", new boolean[] {true, false});
        f("[a b]", "%v", (Object) new String[] {"a", "b"});
        f("[1.5 2]", "%v", new double[] {1.5, 2});
    }

    record A(int i, long j, String s, List<Integer> x) {}

    record B(Object inner, Optional<String> name) {}

    @Test
    void mapsAndRecords() {
        Map<String, Integer> m = new LinkedHashMap<>();
        m.put("b", 2);
        m.put("a", 1);
        m.put("c", 3);
        f("map[a:1 b:2 c:3]", "%v", m);
        // The verb applies to keys too, flags included.
        f("map[%!d(string=0a):01 %!d(string=0b):02 %!d(string=0c):03]", "%02d", m);
        Map<Integer, String> n = new LinkedHashMap<>();
        n.put(10, "x");
        n.put(-1, "y");
        n.put(2, "z");
        f("map[-1:y 2:z 10:x]", "%v", n);
        Map<Object, Object> withNil = new LinkedHashMap<>();
        withNil.put(true, null);
        withNil.put(false, 1);
        f("map[false:1 true:<nil>]", "%v", withNil);
        f("map[]", "%v", new TreeMap<>());
        f("{1 2 a [1 2]}", "%v", new A(1, 2, "a", List.of(1, 2)));
        f("{i:1 j:2 s:a x:[1 2]}", "%+v", new A(1, 2, "a", List.of(1, 2)));
        f("{{1 2 a []} <nil>}", "%v", new B(new A(1, 2, "a", List.of()), Optional.empty()));
        f("{inner:<nil> name:n}", "%+v", new B(null, Optional.of("n")));
        f("{%!d(string=a)}", "%d", new C("a"));
        f("map[01:01 02:02]", "%02d", new TreeMap<>(Map.of(2, 2, 1, 1)));
    }

    record C(String s) {}

    enum Color {
        RED
    }

    @Test
    void nilOptionalAndStringers() {
        f("<nil>", "%v", (Object) null);
        f("%!d(<nil>)", "%d", (Object) null);
        f("%!s(<nil>)", "%s", (Object) null);
        f("<nil>", "%v", Optional.empty());
        f("7", "%v", Optional.of(7));
        f("RED", "%v", Color.RED);
        f("RED", "%s", Color.RED);
        f("\"RED\"", "%q", Color.RED);
        f("524544", "%x", Color.RED);
        f("%!d(Color=RED)", "%d", Color.RED);
        f("<i>", "%v", TrustedHtml.of("<i>"));
        f("%!d(template.HTML=<i>)", "%d", TrustedHtml.of("<i>"));
    }

    @Test
    void typesAndErrors() {
        f("int", "%T", 1);
        f("int64", "%T", 1L);
        f("float64", "%T", 1.0);
        f("float32", "%T", 1f);
        f("string", "%T", "x");
        f("bool", "%T", true);
        f("   int", "%6T", 1);
        f("     <nil>", "%10T", (Object) null);
        f("%!d(string=hi)", "%d", "hi");
        f("%!d(string=   hi)", "%5d", "hi");
        f("%!s(int=5)", "%s", 5);
        f("%!t(int=1)", "%t", 1);
        f("%!d(bool=true)", "%d", true);
        f("%!d(float64=1.5)", "%d", 1.5);
        f("%!f(int=1)", "%f", 1);
        f("%!z(int=1)", "%z", 1);
        f("%!☠(int=0)", "%☠", 0);
        f("%!p(int=27)", "%p", 27);
        f("%!d(MISSING)", "%d");
        f("1 %!d(MISSING)", "%d %d", 1);
        f("1%!(EXTRA int=3)", "%d", 1, 3);
        f("1%!(EXTRA int=2, string=x, <nil>)", "%d", 1, 2, "x", null);
        f("%!(EXTRA <nil>)", "", (Object) null);
        f("no args%!(EXTRA string=hello)", "no args", "hello");
        f("hello %!(NOVERB)", "%s %", "hello");
        f("hello %!(NOVERB)", "%s %.2", "hello");
        f("%!.(int=3)", "%.", 3);
        f("%!(NOVERB)%!(EXTRA string=12345)", "%010.2", "12345");
        f("%!d(BADINDEX)", "%[3]d", 1, 2);
        f("2 1", "%[2]d %[1]d", 1, 2);
        f("1 2 1", "%d %d %[1]d", 1, 2);
        f("%!(BADWIDTH)5", "%*d", "x", 5);
        f("%!(BADPREC)5", "%.*d", "x", 5);
        f("   42", "%*d", 5, 42);
        f("42   ", "%*d", -5, 42);
        f("3.14", "%.*f", 2, 3.14159);
        f("  3.1", "%*.*f", 5, 1, 3.14159);
        f("%!(BADWIDTH)1", "%*d", 10_000_000, 1);
    }

    @Test
    void sprintAndSprintln() {
        assertEquals("1 2", GoFmt.sprint(1, 2));
        assertEquals("a1", GoFmt.sprint("a", 1));
        assertEquals("1a", GoFmt.sprint(1, "a"));
        assertEquals("ab", GoFmt.sprint("a", "b"));
        assertEquals("1 2a3 <nil>", GoFmt.sprint(1, 2, "a", 3, null));
        assertEquals("<nil>", GoFmt.sprint((Object) null));
        assertEquals("", GoFmt.sprint());
        assertEquals("true false", GoFmt.sprint(true, false));
        assertEquals("1.5 [1 2]", GoFmt.sprint(1.5, List.of(1, 2)));
        assertEquals("a b 1\n", GoFmt.sprintln("a", "b", 1));
        assertEquals("\n", GoFmt.sprintln());
        assertEquals("x", GoFmt.toString("x"));
        assertEquals("<nil>", GoFmt.toString(null));
        assertEquals("[a b]", GoFmt.toString(List.of("a", "b")));
        assertEquals("-42", GoFmt.toString(-42));
        assertEquals("c", GoFmt.toString('c'));
    }
}
