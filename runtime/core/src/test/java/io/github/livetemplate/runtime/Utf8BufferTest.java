package io.github.livetemplate.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Utf8BufferTest {

    private static String ints(long... values) {
        Utf8Buffer b = new Utf8Buffer(1);
        for (long v : values) {
            b.writeLong(v);
            b.writeByte(' ');
        }
        return b.toString();
    }

    @Test
    void integers() {
        assertEquals(
                "0 1 -1 9 10 -10 99 100 1234567890 -9223372036854775808 9223372036854775807 ",
                ints(0, 1, -1, 9, 10, -10, 99, 100, 1234567890, Long.MIN_VALUE, Long.MAX_VALUE));
        Utf8Buffer b = new Utf8Buffer(1);
        b.writeInt(Integer.MIN_VALUE);
        b.writeByte(',');
        b.writeInt(Integer.MAX_VALUE);
        b.writeByte(',');
        b.writeInt(-7);
        assertEquals("-2147483648,2147483647,-7", b.toString());
        for (long v = -100_000; v <= 100_000; v += 7) {
            Utf8Buffer x = new Utf8Buffer(16);
            x.writeLong(v);
            assertEquals(Long.toString(v), x.toString());
        }
        for (long p = 1; p > 0 && p < Long.MAX_VALUE / 10; p *= 10) {
            for (long v : new long[] {p - 1, p, p + 1, -p, -(p - 1)}) {
                Utf8Buffer x = new Utf8Buffer(16);
                x.writeLong(v);
                assertEquals(Long.toString(v), x.toString());
            }
        }
    }

    @Test
    void utf8Encoding() {
        String s = "aé漢😀\u007f\u0080\u07ff\u0800\uffff";
        Utf8Buffer b = new Utf8Buffer(1);
        b.writeUtf8(s);
        assertArrayEquals(s.getBytes(StandardCharsets.UTF_8), b.toByteArray());
        assertEquals(s, b.toString());
        // U+10FFFF, the last code point, is a surrogate pair.
        Utf8Buffer max = new Utf8Buffer(1);
        max.writeUtf8("\uDBFF\uDFFF");
        assertArrayEquals(
                new byte[] {(byte) 0xF4, (byte) 0x8F, (byte) 0xBF, (byte) 0xBF}, max.toByteArray());
    }

    @Test
    void loneSurrogatesBecomeReplacementCharacter() {
        for (String s : new String[] {"\uD800", "\uDC00", "a\uD800b", "\uDC00\uD800", "\uD83D"}) {
            Utf8Buffer b = new Utf8Buffer(1);
            b.writeUtf8(s);
            String expected = s.replaceAll("[\\uD800-\\uDFFF]", "\uFFFD");
            assertEquals(expected, b.toString(), s);
            assertArrayEquals(expected.getBytes(StandardCharsets.UTF_8), b.toByteArray());
        }
    }

    @Test
    void writeNonAsciiReturnsLastConsumedIndex() {
        Utf8Buffer b = new Utf8Buffer(1);
        assertEquals(1, b.writeNonAscii("😀", 0, '\uD83D'));
        assertEquals(0, b.writeNonAscii("é", 0, 'é'));
        assertEquals(0, b.writeNonAscii("\uD83D", 0, '\uD83D'));
        // An ASCII char is written as one byte, never as an overlong form.
        assertEquals(0, b.writeNonAscii("A", 0, 'A'));
        assertEquals("😀é\uFFFDA", b.toString());
    }

    @Test
    void jsonEscaping() {
        Utf8Buffer b = new Utf8Buffer(1);
        b.writeJsonString("a\"b\\c\n\r\t\b\f\u0000\u001f\u007f é😀\u2028/");
        assertEquals("\"a\\\"b\\\\c\\n\\r\\t\\b\\f\\u0000\\u001f\u007f é😀\u2028/\"", b.toString());
        Utf8Buffer c = new Utf8Buffer(1);
        for (char ch : "x\"\u0001é".toCharArray()) {
            c.writeJsonChar(ch);
        }
        c.writeJsonChar('\uD800');
        assertEquals("x\\\"\\u0001é\uFFFD", c.toString());
        Utf8Buffer d = new Utf8Buffer(1);
        d.writeJsonContent("\uD800x");
        assertEquals("\uFFFDx", d.toString());
    }

    @Test
    void lengthMarksAndReset() throws IOException {
        Utf8Buffer b = new Utf8Buffer(1);
        b.writeAscii("hello");
        int mark = b.length();
        b.write("world".getBytes(StandardCharsets.US_ASCII));
        assertTrue(b.endsWith(mark, "world".getBytes(StandardCharsets.US_ASCII)));
        assertFalse(b.endsWith(mark, "worl".getBytes(StandardCharsets.US_ASCII)));
        b.setLength(mark);
        assertEquals("hello", b.toString());
        b.setLength(mark); // same length is fine
        assertThrows(IndexOutOfBoundsException.class, () -> b.setLength(6));
        assertThrows(IndexOutOfBoundsException.class, () -> b.setLength(-1));
        b.writeBytes('!', '?');
        b.write(new byte[] {'x', 'y', 'z'}, 1, 2);
        assertEquals("hello!?yz", b.toString());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        b.writeTo(out);
        assertEquals("hello!?yz", out.toString(StandardCharsets.UTF_8));
        b.reset();
        assertEquals(0, b.length());
        assertEquals("", b.toString());
        assertTrue(b.array().length >= 9); // capacity kept
    }

    @Test
    void growsFromTinyCapacity() {
        Utf8Buffer b = new Utf8Buffer(0);
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 2000; i++) {
            b.writeUtf8("é");
            b.writeLong(i);
            b.writeAscii("ab", 0, 2);
            expected.append('é').append(i).append("ab");
        }
        assertEquals(expected.toString(), b.toString());
        Utf8Buffer c = new Utf8Buffer(0);
        c.writeAscii("hello", 1, 4);
        c.writeAscii("x", 1, 1);
        assertEquals("ell", c.toString());
    }

    @Test
    void aReleasedBufferIsLentAgainEmptyToItsThread() {
        Utf8Buffer first = Utf8Buffer.borrow(64);
        first.writeAscii("page");
        assertEquals("page", first.releaseAsString());
        Utf8Buffer again = Utf8Buffer.borrow(64);
        assertSame(first, again);
        assertEquals(0, again.length());
        again.release();
    }

    @Test
    void aNestedBorrowGetsABufferOfItsOwn() {
        Utf8Buffer outer = Utf8Buffer.borrow(64);
        outer.writeAscii("outer");
        Utf8Buffer inner = Utf8Buffer.borrow(64);
        assertNotSame(outer, inner);
        inner.writeAscii("inner");
        assertEquals("inner", inner.releaseAsString());
        assertEquals("outer", outer.releaseAsString());
    }

    @Test
    void aBufferThatGrewTooLargeIsNotKept() {
        Utf8Buffer big = Utf8Buffer.borrow(16);
        big.write(new byte[Utf8Buffer.KEEP + 1]);
        big.release();
        assertNotSame(big, Utf8Buffer.borrow(16));
    }
}
