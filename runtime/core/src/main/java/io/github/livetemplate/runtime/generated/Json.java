package io.github.livetemplate.runtime.generated;

import io.github.livetemplate.runtime.Utf8Buffer;
import java.nio.charset.StandardCharsets;

/**
 * Tree JSON framing for generated renderers. Support for generated code, not API.
 *
 * <p>Trees are written with a leading comma before each slot ({@code ,"3":…}); diffs write entries
 * with a trailing comma ({@code "3":…,}) so that an empty nested diff can be rolled back and the
 * last comma replaced by the closing brace.
 */
public final class Json {
    private static final int CACHED = 256;
    private static final byte[][] TREE_KEYS = new byte[CACHED][];
    private static final byte[][] DIFF_KEYS = new byte[CACHED][];
    private static final byte[] EMPTY_STRING = {'"', '"'};

    static {
        for (int i = 0; i < CACHED; i++) {
            TREE_KEYS[i] = (",\"" + i + "\":").getBytes(StandardCharsets.US_ASCII);
            DIFF_KEYS[i] = ("\"" + i + "\":").getBytes(StandardCharsets.US_ASCII);
        }
    }

    private Json() {}

    /** Writes {@code ,"i":} (a slot of a complete node). */
    public static void slot(Utf8Buffer out, int i) {
        if (i < CACHED) {
            out.write(TREE_KEYS[i]);
        } else {
            out.writeAscii(",\"" + i + "\":");
        }
    }

    /** Writes {@code "i":} (a changed slot in a diff; the caller ends the entry with a comma). */
    public static void entry(Utf8Buffer out, int i) {
        if (i < CACHED) {
            out.write(DIFF_KEYS[i]);
        } else {
            out.writeAscii("\"" + i + "\":");
        }
    }

    private static final byte[] SINGLE_SLOT_NODE =
            "{\"s\":[\"\",\"\"],\"0\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SINGLE_SLOT_DIFF = "{\"0\":".getBytes(StandardCharsets.US_ASCII);

    /**
     * Opens {@code {"s":["",""],"0":}: a node whose only slot is the value that follows (the
     * caller closes it). Used to keep a value out of the client's top level.
     */
    public static void openSingleSlotNode(Utf8Buffer out) {
        out.write(SINGLE_SLOT_NODE);
    }

    /** Opens {@code {"0":}: the diff of such a node. */
    public static void openSingleSlotDiff(Utf8Buffer out) {
        out.write(SINGLE_SLOT_DIFF);
    }

    /** Writes {@code "i":"",}: a slot that now renders nothing. */
    public static void clear(Utf8Buffer out, int i) {
        entry(out, i);
        out.write(EMPTY_STRING);
        out.writeByte(',');
    }

    /**
     * Ends an object of diff entries opened at {@code mark} by the caller, who wrote a key and
     * {@code {}: when nothing was written inside, everything since {@code mark} is dropped;
     * otherwise the trailing comma becomes {@code }} and the entry gets its own trailing comma.
     */
    public static void endNested(Utf8Buffer out, int mark) {
        byte[] b = out.array();
        int n = out.length();
        if (b[n - 1] == '{') {
            out.setLength(mark);
            return;
        }
        b[n - 1] = '}';
        out.writeByte(',');
    }

    /**
     * Ends the top-level diff object opened at {@code mark}.
     *
     * @return whether anything changed
     */
    public static boolean endDiff(Utf8Buffer out, int mark) {
        byte[] b = out.array();
        int n = out.length();
        if (b[n - 1] == '{') {
            out.writeByte('}');
            return false;
        }
        b[n - 1] = '}';
        return true;
    }

    /** Writes {@code "digits"}. */
    public static void number(Utf8Buffer out, long v) {
        out.writeByte('"');
        out.writeLong(v);
        out.writeByte('"');
    }

    /** Writes {@code "true"} or {@code "false"}. */
    public static void bool(Utf8Buffer out, boolean v) {
        out.writeAscii(v ? "\"true\"" : "\"false\"");
    }
}
