package io.github.livetemplate.runtime;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable byte buffer that renderers write UTF-8 into: pre-encoded statics are copied, dynamic
 * values are encoded (and escaped) straight into it. Reuse one buffer per thread or connection with
 * {@link #reset()} to render without allocating.
 *
 * <p>Not thread-safe.
 */
public final class Utf8Buffer {

    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    /** A borrowed buffer that grew past this many bytes is dropped, not kept for its thread. */
    static final int KEEP = 256 * 1024;

    /** Each thread's spare buffer for {@link #borrow}; empty while the buffer is lent out. */
    private static final ThreadLocal<Utf8Buffer> SPARE = new ThreadLocal<>();

    private byte[] bytes;
    private int length;

    /** A buffer with room for 1 KiB before it grows. */
    public Utf8Buffer() {
        this(1024);
    }

    /** A buffer with room for {@code capacity} bytes before it grows. */
    public Utf8Buffer(int capacity) {
        bytes = new byte[Math.max(16, capacity)];
    }

    /**
     * An empty buffer for one render on this thread: the thread's spare buffer, or a new one of
     * {@code capacity} bytes. Give it back with {@link #release()} or {@link #releaseAsString()},
     * and use it no more afterwards. The spare is taken out of its slot while lent, so a render
     * nested inside another on the same thread gets a buffer of its own. This is how the String
     * views of generated renderers allocate only their result.
     */
    public static Utf8Buffer borrow(int capacity) {
        Utf8Buffer spare = SPARE.get();
        if (spare == null) {
            return new Utf8Buffer(capacity);
        }
        SPARE.set(null);
        spare.reset();
        return spare;
    }

    /** Returns a {@linkplain #borrow borrowed} buffer to this thread (unless it grew too large). */
    public void release() {
        if (bytes.length <= KEEP) {
            SPARE.set(this);
        }
    }

    /** The written text; then {@link #release()}. */
    public String releaseAsString() {
        String s = toString();
        release();
        return s;
    }

    /** The number of bytes written. */
    public int length() {
        return length;
    }

    /** Truncates the buffer to {@code newLength} bytes (a mark taken with {@link #length()}). */
    public void setLength(int newLength) {
        if (newLength < 0 || newLength > length) {
            throw new IndexOutOfBoundsException("length " + newLength + " of " + length);
        }
        length = newLength;
    }

    /** Empties the buffer, keeping its capacity. */
    public void reset() {
        length = 0;
    }

    /** The backing array; valid bytes are {@code [0, length())}. */
    public byte[] array() {
        return bytes;
    }

    /** A copy of the written bytes. */
    public byte[] toByteArray() {
        return Arrays.copyOf(bytes, length);
    }

    /** The written bytes decoded as UTF-8. */
    @Override
    public String toString() {
        return new String(bytes, 0, length, StandardCharsets.UTF_8);
    }

    /** Copies the written bytes to {@code out}. */
    public void writeTo(OutputStream out) throws IOException {
        out.write(bytes, 0, length);
    }

    /** Whether the bytes since {@code mark} equal {@code expected}. */
    public boolean endsWith(int mark, byte[] expected) {
        return length - mark == expected.length
                && Arrays.equals(bytes, mark, length, expected, 0, expected.length);
    }

    private void ensure(int extra) {
        int needed = length + extra;
        if (needed > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(needed, bytes.length << 1));
        }
    }

    /** Appends pre-encoded bytes. */
    public void write(byte[] b) {
        ensure(b.length);
        System.arraycopy(b, 0, bytes, length, b.length);
        length += b.length;
    }

    /** Appends {@code len} bytes of {@code b} from {@code off}. */
    public void write(byte[] b, int off, int len) {
        ensure(len);
        System.arraycopy(b, off, bytes, length, len);
        length += len;
    }

    /** Appends one byte. */
    public void writeByte(int b) {
        ensure(1);
        bytes[length++] = (byte) b;
    }

    /** Appends two bytes. */
    public void writeBytes(int b1, int b2) {
        ensure(2);
        bytes[length++] = (byte) b1;
        bytes[length++] = (byte) b2;
    }

    /** Appends the decimal form of {@code v}. */
    public void writeInt(int v) {
        writeLong(v);
    }

    /** Appends the decimal form of {@code v}. */
    public void writeLong(long v) {
        if (v == Long.MIN_VALUE) {
            writeAscii("-9223372036854775808");
            return;
        }
        ensure(20);
        if (v < 0) {
            bytes[length++] = '-';
            v = -v;
        }
        if (v < 10) {
            bytes[length++] = (byte) ('0' + v);
            return;
        }
        int digits = 0;
        for (long t = v; t != 0; t /= 10) {
            digits++;
        }
        int end = length + digits;
        for (int i = end - 1; i >= length; i--) {
            bytes[i] = (byte) ('0' + (v % 10));
            v /= 10;
        }
        length = end;
    }

    /** Appends a string known to be ASCII, without escaping. */
    public void writeAscii(String s) {
        int n = s.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            bytes[length++] = (byte) s.charAt(i);
        }
    }

    /**
     * Appends chars {@code [start, end)} of {@code s}, known to be ASCII, without escaping. Lets
     * escapers copy runs of safe characters in one step.
     */
    public void writeAscii(CharSequence s, int start, int end) {
        int n = end - start;
        if (n <= 0) {
            return;
        }
        ensure(n);
        for (int i = start; i < end; i++) {
            bytes[length++] = (byte) s.charAt(i);
        }
    }

    /** Appends {@code s} encoded as UTF-8, without escaping. */
    public void writeUtf8(CharSequence s) {
        int n = s.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                ensure(1);
                bytes[length++] = (byte) c;
            } else {
                i = writeNonAscii(s, i, c);
            }
        }
    }

    /**
     * Appends {@code c} (or {@code s} from index {@code i} when {@code c} starts a surrogate pair)
     * as UTF-8 and returns the index of the last char consumed. Lone surrogates become U+FFFD.
     */
    public int writeNonAscii(CharSequence s, int i, char c) {
        if (Character.isHighSurrogate(c)
                && i + 1 < s.length()
                && Character.isLowSurrogate(s.charAt(i + 1))) {
            ensure(4);
            int cp = Character.toCodePoint(c, s.charAt(i + 1));
            bytes[length++] = (byte) (0xF0 | (cp >> 18));
            bytes[length++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
            bytes[length++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
            bytes[length++] = (byte) (0x80 | (cp & 0x3F));
            return i + 1;
        }
        writeChar(c);
        return i;
    }

    /**
     * Appends one character as the content of a JSON string: quote, backslash and control
     * characters are escaped, everything else is UTF-8.
     */
    public void writeJsonChar(char c) {
        if (c >= 0x20 && c != '"' && c != '\\') {
            if (c < 0x80) {
                writeByte(c);
            } else {
                writeChar(c);
            }
            return;
        }
        switch (c) {
            case '"' -> writeBytes('\\', '"');
            case '\\' -> writeBytes('\\', '\\');
            case '\n' -> writeBytes('\\', 'n');
            case '\r' -> writeBytes('\\', 'r');
            case '\t' -> writeBytes('\\', 't');
            case '\b' -> writeBytes('\\', 'b');
            case '\f' -> writeBytes('\\', 'f');
            default -> {
                ensure(6);
                bytes[length++] = '\\';
                bytes[length++] = 'u';
                bytes[length++] = '0';
                bytes[length++] = '0';
                bytes[length++] = HEX[(c >> 4) & 0xF];
                bytes[length++] = HEX[c & 0xF];
            }
        }
    }

    /**
     * Appends one BMP char as UTF-8 without allocating; a surrogate (half of a pair, which a single
     * char cannot complete) becomes U+FFFD.
     */
    private void writeChar(char c) {
        ensure(3);
        if (c < 0x80) {
            bytes[length++] = (byte) c;
        } else if (c < 0x800) {
            bytes[length++] = (byte) (0xC0 | (c >> 6));
            bytes[length++] = (byte) (0x80 | (c & 0x3F));
        } else if (Character.isSurrogate(c)) {
            bytes[length++] = (byte) 0xEF;
            bytes[length++] = (byte) 0xBF;
            bytes[length++] = (byte) 0xBD;
        } else {
            bytes[length++] = (byte) (0xE0 | (c >> 12));
            bytes[length++] = (byte) (0x80 | ((c >> 6) & 0x3F));
            bytes[length++] = (byte) (0x80 | (c & 0x3F));
        }
    }

    /** Appends {@code s} as the content of a JSON string (no surrounding quotes). */
    public void writeJsonContent(CharSequence s) {
        int n = s.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
                ensure(1);
                bytes[length++] = (byte) c;
            } else if (c >= 0x80) {
                i = writeNonAscii(s, i, c);
            } else {
                writeJsonChar(c);
            }
        }
    }

    /** Appends {@code s} as a quoted JSON string. */
    public void writeJsonString(CharSequence s) {
        writeByte('"');
        writeJsonContent(s);
        writeByte('"');
    }
}
