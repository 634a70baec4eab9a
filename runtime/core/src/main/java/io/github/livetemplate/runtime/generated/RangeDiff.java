package io.github.livetemplate.runtime.generated;

import io.github.livetemplate.runtime.Utf8Buffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Computes the client's range operations between two row lists. Generated renderers subclass it
 * once per {@code {{range}}}, supplying how rows are keyed, rendered and compared; this class
 * decides which rows were removed, updated, inserted or moved. Support for generated code, not API.
 *
 * <p>Cost is proportional to the rows that changed plus one key comparison per unchanged row at the
 * start and end of the list: a change in one row of a thousand compares keys and row references,
 * and writes one {@code ["u", key, {...}]}. Only a change in the middle of the list (a move or a
 * mixed insert/remove) builds key maps.
 *
 * @param <E> the row type
 */
public abstract class RangeDiff<E> {
    private static final byte[] UPDATE =
            "[\"u\",".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final byte[] REMOVE =
            "[\"r\",".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final byte[] APPEND =
            "[\"a\",[".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final byte[] PREPEND =
            "[\"p\",[".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final byte[] INSERT =
            "[\"i\",".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final byte[] ORDER =
            "[\"o\",[".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private final boolean rowsReadOnlyThemselves;
    private final boolean rowsReadIndex;

    /**
     * @param rowsReadOnlyThemselves whether a row's output depends only on the row and its index
     *     (so one row object at one place always renders the same), which lets unchanged rows be
     *     skipped by reference
     * @param rowsReadIndex whether a row's output depends on its position
     */
    protected RangeDiff(boolean rowsReadOnlyThemselves, boolean rowsReadIndex) {
        this.rowsReadOnlyThemselves = rowsReadOnlyThemselves;
        this.rowsReadIndex = rowsReadIndex;
    }

    /**
     * Whether row {@code a} at {@code ia} of the old list and {@code b} at {@code ib} of the new
     * have one key.
     */
    protected abstract boolean sameKey(E a, int ia, E b, int ib);

    /** The key of {@code row} at {@code index}. */
    protected abstract String key(E row, int index);

    /** Writes the complete row: {@code {"_k":…,"0":…}}. */
    protected abstract void writeRow(E row, int index, Utf8Buffer out);

    /**
     * Whether a kept row certainly renders the same (the same row object at the same place, and
     * nothing it reads from outside changed); checked before anything is written for it.
     */
    protected boolean unchanged(E a, int ia, E b, int ib) {
        return false;
    }

    /** Writes the changed slots of a row as diff entries ({@code "3":…,}). */
    protected abstract void diffRow(E a, int ia, E b, int ib, Utf8Buffer out);

    /** Writes the complete range node ({@code {"s":…,"d":[…]}}) for {@code rows}. */
    protected abstract void writeRange(List<E> rows, Utf8Buffer out);

    /**
     * Writes the slot value that turns the client's {@code old} rows into {@code rows}: a list of
     * operations, or the complete range when keys are not unique.
     *
     * @return whether anything was written
     */
    public final boolean diff(List<E> old, List<E> rows, Utf8Buffer out) {
        int mark = out.length();
        int n0 = old.size();
        int n1 = rows.size();
        if (n1 == 0 && n0 > 0) {
            // Emptied: send the complete (empty) range instead of removals. For removal ops the
            // 0.25.1 client may take its targeted DOM path, which mutates the rows in place and
            // then
            // skips the rows' whole parent element when it morphs the rest, so a {{else}} (or any
            // other slot) in that element would never appear.
            writeRange(rows, out);
            return true;
        }
        out.writeByte('[');
        // Rows kept at the start and the end are compared in the same pass that finds them; an
        // identical row object needs no key or content comparison when nothing outside it is read.
        int prefix = 0;
        int limit = Math.min(n0, n1);
        while (prefix < limit) {
            E a = old.get(prefix);
            E b = rows.get(prefix);
            if (a != b || !rowsReadOnlyThemselves) {
                if (!sameKey(a, prefix, b, prefix)) {
                    break;
                }
                update(a, prefix, b, prefix, out);
            }
            prefix++;
        }
        int suffix = 0;
        while (suffix < n0 - prefix && suffix < n1 - prefix) {
            int ia = n0 - 1 - suffix;
            int ib = n1 - 1 - suffix;
            E a = old.get(ia);
            E b = rows.get(ib);
            if (a != b || !rowsReadOnlyThemselves || (rowsReadIndex && ia != ib)) {
                if (!sameKey(a, ia, b, ib)) {
                    break;
                }
                update(a, ia, b, ib, out);
            }
            suffix++;
        }
        int oldEnd = n0 - suffix;
        int newEnd = n1 - suffix;
        if (prefix == oldEnd) {
            if (prefix < newEnd) {
                insert(rows, prefix, newEnd, n0 == prefix && suffix == 0, out);
            }
        } else if (prefix == newEnd) {
            for (int i = prefix; i < oldEnd; i++) {
                remove(key(old.get(i), i), out);
            }
        } else if (!reconcile(old, rows, prefix, oldEnd, newEnd, out)) {
            out.setLength(mark);
            writeRange(rows, out);
            return true;
        }
        byte[] b = out.array();
        if (b[out.length() - 1] == '[') {
            out.setLength(mark);
            return false;
        }
        b[out.length() - 1] = ']';
        return true;
    }

    /**
     * The general case for the middle of the lists: removes, updates, inserts and, when the kept
     * rows changed order, a reorder. Returns false when keys repeat (ops would be ambiguous).
     */
    private boolean reconcile(
            List<E> old, List<E> rows, int from, int oldEnd, int newEnd, Utf8Buffer out) {
        Map<String, Integer> oldIndex = new HashMap<>();
        for (int i = from; i < oldEnd; i++) {
            if (oldIndex.put(key(old.get(i), i), i) != null) {
                return false;
            }
        }
        Map<String, Integer> newIndex = new HashMap<>();
        String[] newKeys = new String[newEnd - from];
        for (int j = from; j < newEnd; j++) {
            String k = key(rows.get(j), j);
            newKeys[j - from] = k;
            if (newIndex.put(k, j) != null) {
                return false;
            }
        }
        for (int i = from; i < oldEnd; i++) {
            String k = key(old.get(i), i);
            if (!newIndex.containsKey(k)) {
                remove(k, out);
            }
        }
        boolean ordered = true;
        int lastOld = -1;
        for (int j = from; j < newEnd; j++) {
            Integer i = oldIndex.get(newKeys[j - from]);
            if (i != null) {
                update(old.get(i), i, rows.get(j), j, out);
                ordered &= i > lastOld;
                lastOld = i;
            }
        }
        for (int j = from; j < newEnd; ) {
            if (oldIndex.containsKey(newKeys[j - from])) {
                j++;
                continue;
            }
            int runEnd = j;
            while (runEnd < newEnd && !oldIndex.containsKey(newKeys[runEnd - from])) {
                runEnd++;
            }
            insert(rows, j, runEnd, false, out);
            j = runEnd;
        }
        if (!ordered) {
            out.write(ORDER);
            for (int j = 0; j < rows.size(); j++) {
                if (j > 0) {
                    out.writeByte(',');
                }
                out.writeJsonString(key(rows.get(j), j));
            }
            out.writeBytes(']', ']');
            out.writeByte(',');
        }
        return true;
    }

    private void update(E a, int ia, E b, int ib, Utf8Buffer out) {
        if (unchanged(a, ia, b, ib)) {
            return;
        }
        int mark = out.length();
        out.write(UPDATE);
        out.writeJsonString(key(b, ib));
        out.writeBytes(',', '{');
        diffRow(a, ia, b, ib, out);
        byte[] bytes = out.array();
        if (bytes[out.length() - 1] == '{') {
            out.setLength(mark);
            return;
        }
        bytes[out.length() - 1] = '}';
        out.writeBytes(']', ',');
    }

    private void remove(String key, Utf8Buffer out) {
        out.write(REMOVE);
        out.writeJsonString(key);
        out.writeBytes(']', ',');
    }

    /** Inserts rows {@code [from, to)} after the row before {@code from}. */
    private void insert(List<E> rows, int from, int to, boolean append, Utf8Buffer out) {
        if (append) {
            out.write(APPEND);
        } else if (from == 0) {
            out.write(PREPEND);
        } else {
            out.write(INSERT);
            out.writeJsonString(key(rows.get(from - 1), from - 1));
            out.writeBytes(',', '[');
        }
        for (int j = from; j < to; j++) {
            if (j > from) {
                out.writeByte(',');
            }
            writeRow(rows.get(j), j, out);
        }
        out.writeBytes(']', ']');
        out.writeByte(',');
    }
}
