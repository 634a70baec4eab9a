package io.github.livetemplate.runtime.generated;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.livetemplate.runtime.Utf8Buffer;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RangeDiffTest {

    record Row(String id, String text) {}

    static final Row A = new Row("a", "A");
    static final Row B = new Row("b", "B");
    static final Row C = new Row("c", "C");
    static final Row D = new Row("d", "D");
    static final Row X = new Row("x", "X");

    /** Rows keyed by id; slot 0 is the text, slot 1 (when rows read their index) the index. */
    static final class Diff extends RangeDiff<Row> {
        private final boolean readsIndex;

        Diff(boolean readsIndex) {
            super(true, readsIndex);
            this.readsIndex = readsIndex;
        }

        @Override
        protected boolean sameKey(Row a, int ia, Row b, int ib) {
            return a.id().equals(b.id());
        }

        @Override
        protected String key(Row row, int index) {
            return row.id();
        }

        @Override
        protected void writeRow(Row row, int index, Utf8Buffer out) {
            out.writeAscii("{\"_k\":");
            out.writeJsonString(row.id());
            out.writeAscii(",\"0\":");
            out.writeJsonString(row.text());
            out.writeByte('}');
        }

        @Override
        protected void diffRow(Row a, int ia, Row b, int ib, Utf8Buffer out) {
            if (!a.text().equals(b.text())) {
                out.writeAscii("\"0\":");
                out.writeJsonString(b.text());
                out.writeByte(',');
            }
            if (readsIndex && ia != ib) {
                out.writeAscii("\"1\":\"" + ib + "\",");
            }
        }

        @Override
        protected void writeRange(List<Row> rows, Utf8Buffer out) {
            out.writeAscii("{\"d\":[");
            for (int i = 0; i < rows.size(); i++) {
                if (i > 0) {
                    out.writeByte(',');
                }
                writeRow(rows.get(i), i, out);
            }
            out.writeAscii("]}");
        }
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                // name, rows read their index, old, new, expected output ("" = nothing written)
                Arguments.of("unchanged rows", false, List.of(A, B), List.of(A, B), ""),
                Arguments.of("equal copies", false, List.of(A), List.of(new Row("a", "A")), ""),
                Arguments.of("both empty", false, List.of(), List.of(), ""),
                Arguments.of(
                        "emptied: the whole (empty) range",
                        false,
                        List.of(A, B),
                        List.of(),
                        "{\"d\":[]}"),
                Arguments.of(
                        "append",
                        false,
                        List.of(A),
                        List.of(A, B),
                        "[[\"a\",[{\"_k\":\"b\",\"0\":\"B\"}]]]"),
                Arguments.of(
                        "first rows into an empty list",
                        false,
                        List.of(),
                        List.of(A),
                        "[[\"a\",[{\"_k\":\"a\",\"0\":\"A\"}]]]"),
                Arguments.of(
                        "prepend",
                        false,
                        List.of(B),
                        List.of(A, B),
                        "[[\"p\",[{\"_k\":\"a\",\"0\":\"A\"}]]]"),
                Arguments.of(
                        "insert after a key",
                        false,
                        List.of(A, C),
                        List.of(A, B, C),
                        "[[\"i\",\"a\",[{\"_k\":\"b\",\"0\":\"B\"}]]]"),
                Arguments.of("remove", false, List.of(A, B, C), List.of(A, C), "[[\"r\",\"b\"]]"),
                Arguments.of(
                        "update one row",
                        false,
                        List.of(A, B),
                        List.of(A, new Row("b", "B2")),
                        "[[\"u\",\"b\",{\"0\":\"B2\"}]]"),
                Arguments.of(
                        "replace in the middle",
                        false,
                        List.of(A, B, C),
                        List.of(A, D, C),
                        "[[\"r\",\"b\"],[\"i\",\"a\",[{\"_k\":\"d\",\"0\":\"D\"}]]]"),
                Arguments.of(
                        "reorder",
                        false,
                        List.of(A, B, C),
                        List.of(C, A, B),
                        "[[\"o\",[\"c\",\"a\",\"b\"]]]"),
                Arguments.of(
                        "repeated keys: the whole range",
                        false,
                        List.of(A, X),
                        List.of(B, B, X),
                        "{\"d\":[{\"_k\":\"b\",\"0\":\"B\"},{\"_k\":\"b\",\"0\":\"B\"},"
                                + "{\"_k\":\"x\",\"0\":\"X\"}]}"),
                Arguments.of(
                        "shifted rows that ignore their index",
                        false,
                        List.of(X, A, B),
                        List.of(A, B),
                        "[[\"r\",\"x\"]]"),
                Arguments.of(
                        "shifted rows that read their index",
                        true,
                        List.of(X, A, B),
                        List.of(A, B),
                        "[[\"u\",\"b\",{\"1\":\"1\"}],[\"u\",\"a\",{\"1\":\"0\"}],[\"r\",\"x\"]]"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void diffWritesTheClientsRangeOperations(
            String name, boolean readsIndex, List<Row> old, List<Row> rows, String expected) {
        // given a buffer that already holds other output
        Utf8Buffer out = new Utf8Buffer(64);
        out.writeAscii("prefix:");

        boolean wrote = new Diff(readsIndex).diff(old, rows, out);

        // then exactly the operations follow it, and the result says whether there were any
        assertEquals("prefix:" + expected, out.toString());
        assertEquals(!expected.isEmpty(), wrote);
    }
}
