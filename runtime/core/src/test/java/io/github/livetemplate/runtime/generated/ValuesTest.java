package io.github.livetemplate.runtime.generated;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.livetemplate.runtime.TrustedHtml;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ValuesTest {

    record R(int a) {}

    @Test
    void truth() {
        for (Object falsy :
                new Object[] {
                    null,
                    false,
                    0,
                    0L,
                    (short) 0,
                    (byte) 0,
                    0.0,
                    -0.0,
                    0f,
                    BigInteger.ZERO,
                    new BigDecimal("0.00"),
                    "",
                    new StringBuilder(),
                    TrustedHtml.of(""),
                    List.of(),
                    Set.of(),
                    Map.of(),
                    new int[0],
                    new Object[0],
                    Optional.empty()
                }) {
            assertFalse(Values.truth(falsy), () -> "falsy " + falsy);
        }
        for (Object truthy :
                new Object[] {
                    true,
                    1,
                    -1L,
                    0.5,
                    Double.NaN,
                    BigInteger.ONE,
                    new BigDecimal("0.01"),
                    "0",
                    " ",
                    "false",
                    List.of(0),
                    Map.of("", ""),
                    new int[1],
                    Optional.of(0),
                    Optional.of(""),
                    new R(0),
                    'x',
                    new Object()
                }) {
            assertTrue(Values.truth(truthy), () -> "truthy " + truthy);
        }
    }

    @Test
    void len() {
        assertEquals(0, Values.len(""));
        assertEquals(3, Values.len("abc"));
        assertEquals(2, Values.len("é"));
        assertEquals(3, Values.len("漢"));
        assertEquals(4, Values.len("😀"));
        assertEquals(3, Values.len("\uD800")); // encoded as U+FFFD
        assertEquals(3, Values.len(new StringBuilder("a\u00e9")));
        assertEquals(2, Values.len(List.of(1, 2)));
        assertEquals(1, Values.len(Map.of("a", 1)));
        assertEquals(4, Values.len(new int[4]));
        assertEquals(2, Values.len(new String[2]));
        assertEquals(3, Values.len(Optional.of("abc")));
        assertEquals(
                "len of type int",
                assertThrows(IllegalArgumentException.class, () -> Values.len(5)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> Values.len(null));
    }

    @Test
    void index() {
        List<String> list = List.of("a", "b", "c");
        assertEquals("b", Values.index(list, 1));
        assertEquals("b", Values.index(list, 1L));
        assertEquals(
                "index out of range: 5",
                assertThrows(IndexOutOfBoundsException.class, () -> Values.index(list, 5))
                        .getMessage());
        assertEquals(
                "index out of range: -1",
                assertThrows(IndexOutOfBoundsException.class, () -> Values.index(list, -1))
                        .getMessage());
        assertThrows(IllegalArgumentException.class, () -> Values.index(list, "1"));
        assertEquals(20, Values.index(new int[] {10, 20}, 1));
        assertEquals("y", Values.index(new String[] {"x", "y"}, 1));
        Map<String, Object> m = new HashMap<>();
        m.put("k", List.of(1, 2, 3));
        m.put("n", null);
        assertEquals(List.of(1, 2, 3), Values.index(m, "k"));
        assertEquals(3, Values.index(m, "k", 2));
        assertNull(Values.index(m, "missing"));
        assertNull(Values.index(m, "n"));
        assertEquals("x", Values.index(Map.of(7L, "x"), 7)); // int key finds a Long key
        assertEquals("c", Values.index(Map.of('c', "c"), "c"));
        // Strings index bytes, giving the byte value.
        assertEquals((int) 'b', Values.index("abc", 1));
        assertEquals(0xC3, Values.index("é", 0));
        assertEquals(0xA9, Values.index("é", 1));
        assertThrows(IndexOutOfBoundsException.class, () -> Values.index("é", 2));
        assertEquals(
                "can't index item of type int",
                assertThrows(IllegalArgumentException.class, () -> Values.index(5, 0))
                        .getMessage());
        assertThrows(IllegalArgumentException.class, () -> Values.index(null, 0));
        assertEquals(list, Values.index(list)); // no keys: the item itself
        assertEquals("b", Values.index(Optional.of(list), 1));
    }

    @Test
    void slice() {
        List<Integer> list = List.of(1, 2, 3, 4);
        assertEquals(List.of(1, 2, 3, 4), Values.slice(list));
        assertEquals(List.of(2, 3, 4), Values.slice(list, 1));
        assertEquals(List.of(2, 3), Values.slice(list, 1, 3));
        assertEquals(List.of(), Values.slice(list, 4));
        assertEquals(List.of(2), Values.slice(list, 1, 2, 3));
        Object copy = Values.slice(list, 0, 2);
        assertTrue(copy instanceof ArrayList<?>);
        assertEquals(
                "index out of range: 5",
                assertThrows(IndexOutOfBoundsException.class, () -> Values.slice(list, 5))
                        .getMessage());
        assertEquals(
                "invalid slice index: 3 > 1",
                assertThrows(IndexOutOfBoundsException.class, () -> Values.slice(list, 3, 1))
                        .getMessage());
        assertThrows(IndexOutOfBoundsException.class, () -> Values.slice(list, 0, 3, 2));
        assertArrayEquals(new int[] {2, 3}, (int[]) Values.slice(new int[] {1, 2, 3}, 1));
        assertArrayEquals(
                new String[] {"a"}, (String[]) Values.slice(new String[] {"a", "b"}, 0, 1));
        assertEquals("bc", Values.slice("abcd", 1, 3));
        assertEquals("cd", Values.slice("abcd", 2));
        assertEquals("é", Values.slice("aéb", 1, 3)); // byte offsets
        assertEquals("\uFFFD", Values.slice("é", 0, 1)); // half a character
        assertThrows(IllegalArgumentException.class, () -> Values.slice("abc", 0, 1, 2));
        assertThrows(IllegalArgumentException.class, () -> Values.slice(5, 0));
    }

    @Test
    void eqAcrossNumericTypes() {
        assertTrue(Values.eq(1, 1L));
        assertTrue(Values.eq((byte) 1, (short) 1));
        assertTrue(Values.eq(1, 1.0));
        assertTrue(Values.eq(1.5f, 1.5));
        assertFalse(Values.eq(0.1f, 0.1)); // different binary values, as in Go's float32 vs float64
        assertTrue(Values.eq(BigInteger.TEN, 10));
        assertTrue(Values.eq(new BigDecimal("10.00"), 10L));
        assertTrue(Values.eq(0.0, -0.0));
        assertFalse(Values.eq(Double.NaN, Double.NaN));
        assertFalse(Values.eq(1, 2));
        assertTrue(Values.eq(Long.MAX_VALUE, new BigInteger("9223372036854775807")));
        assertFalse(Values.eq(Long.MAX_VALUE, 9.223372036854775807E18)); // exact comparison
    }

    @Test
    void eqOtherKinds() {
        assertTrue(Values.eq("a", "a"));
        assertTrue(Values.eq("a", new StringBuilder("a")));
        assertTrue(Values.eq('a', "a"));
        assertTrue(Values.eq(TrustedHtml.of("x"), "x"));
        assertFalse(Values.eq("a", "b"));
        assertTrue(Values.eq(true, true));
        assertFalse(Values.eq(true, false));
        assertTrue(Values.eq(null, null));
        assertFalse(Values.eq(null, 1));
        assertFalse(Values.eq("", null));
        assertTrue(Values.eq(Optional.of(3), 3));
        assertTrue(Values.eq(new R(1), new R(1)));
        assertFalse(Values.eq(new R(1), new R(2)));
        for (Object[] pair : new Object[][] {{1, "1"}, {true, 1}, {"true", true}, {new R(1), 1}}) {
            assertEquals(
                    "incompatible types for comparison",
                    assertThrows(IllegalArgumentException.class, () -> Values.eq(pair[0], pair[1]))
                            .getMessage());
        }
    }

    @Test
    void compare() {
        assertTrue(Values.compare(1, 2) < 0);
        assertTrue(Values.compare(2L, 1) > 0);
        assertEquals(0, Values.compare(2, 2.0));
        assertTrue(Values.compare(1, 1.5) < 0);
        assertTrue(Values.compare(new BigDecimal("1.5"), 1.25f) > 0);
        assertTrue(Values.compare(new BigInteger("99999999999999999999"), Long.MAX_VALUE) > 0);
        assertTrue(Values.compare(Long.MAX_VALUE, 9.223372036854775807E18) < 0);
        assertTrue(Values.compare(Double.NEGATIVE_INFINITY, Long.MIN_VALUE) < 0);
        assertTrue(
                Values.compare(Double.POSITIVE_INFINITY, new BigInteger("1" + "0".repeat(400)))
                        > 0);
        assertTrue(Values.compare("a", "b") < 0);
        assertTrue(Values.compare("b", "ab") > 0);
        assertEquals(0, Values.compare('x', "x"));
        assertTrue(Values.compare("", "a") < 0);
        assertEquals(
                "incompatible types for comparison",
                assertThrows(IllegalArgumentException.class, () -> Values.compare(1, "1"))
                        .getMessage());
        assertEquals(
                "invalid type for comparison",
                assertThrows(IllegalArgumentException.class, () -> Values.compare(true, false))
                        .getMessage());
        assertThrows(IllegalArgumentException.class, () -> Values.compare(null, 1));
        assertThrows(IllegalArgumentException.class, () -> Values.compare(List.of(), List.of()));
    }

    @Test
    void htmlFunc() {
        assertEquals(
                "&lt;a href=&#34;x&#34;&gt;&amp;&#39;&lt;/a&gt;",
                Values.html("<a href=\"x\">&'</a>"));
        assertEquals("a\uFFFDb", Values.html("a\u0000b"));
        assertEquals("plain", Values.html("plain"));
        assertEquals("1 2", Values.html(1, 2));
        assertEquals("a1", Values.html("a", 1));
        assertEquals("+=`", Values.html("+=`"));
    }

    @Test
    void urlqueryFunc() {
        assertEquals("a+b%26c%3Dd%2F%3F%25", Values.urlquery("a b&c=d/?%"));
        assertEquals("-_.~AZaz09", Values.urlquery("-_.~AZaz09"));
        assertEquals("%C3%A9%E6%BC%A2%F0%9F%98%80", Values.urlquery("é漢😀"));
        assertEquals("%2B%27%22%3C%3E", Values.urlquery("+'\"<>"));
        assertEquals("1+2", Values.urlquery(1, 2));
        assertEquals("", Values.urlquery());
    }

    @Test
    void jsFunc() {
        assertEquals("\\\\ \\' \\\"", Values.js("\\ ' \""));
        assertEquals("\\u003Cscript\\u003E\\u0026\\u003D", Values.js("<script>&="));
        assertEquals("\\u000A\\u000D\\u0009\\u0000\\u001F", Values.js("\n\r\t\u0000\u001f"));
        assertEquals("é漢😀\u007f", Values.js("é漢😀\u007f"));
        assertEquals("\\u2028\\u2029\\u00AD", Values.js("\u2028\u2029\u00ad"));
        assertEquals("`+/", Values.js("`+/"));
        assertEquals("1 2", Values.js(1, 2));
    }
}
