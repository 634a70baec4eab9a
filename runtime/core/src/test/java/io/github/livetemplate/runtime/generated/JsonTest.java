package io.github.livetemplate.runtime.generated;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.livetemplate.runtime.Utf8Buffer;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class JsonTest {

    static Stream<Arguments> writers() {
        return Stream.of(
                Arguments.of(
                        "slot of a complete node",
                        (Consumer<Utf8Buffer>) o -> Json.slot(o, 3),
                        ",\"3\":"),
                Arguments.of(
                        "slot beyond the cached keys",
                        (Consumer<Utf8Buffer>) o -> Json.slot(o, 300),
                        ",\"300\":"),
                Arguments.of("diff entry", (Consumer<Utf8Buffer>) o -> Json.entry(o, 0), "\"0\":"),
                Arguments.of(
                        "diff entry beyond the cached keys",
                        (Consumer<Utf8Buffer>) o -> Json.entry(o, 256),
                        "\"256\":"),
                Arguments.of(
                        "cleared slot",
                        (Consumer<Utf8Buffer>) o -> Json.clear(o, 2),
                        "\"2\":\"\","),
                Arguments.of(
                        "number as text",
                        (Consumer<Utf8Buffer>) o -> Json.number(o, -42),
                        "\"-42\""),
                Arguments.of(
                        "true as text", (Consumer<Utf8Buffer>) o -> Json.bool(o, true), "\"true\""),
                Arguments.of(
                        "false as text",
                        (Consumer<Utf8Buffer>) o -> Json.bool(o, false),
                        "\"false\""),
                Arguments.of(
                        "single-slot node",
                        (Consumer<Utf8Buffer>) Json::openSingleSlotNode,
                        "{\"s\":[\"\",\"\"],\"0\":"),
                Arguments.of(
                        "single-slot diff",
                        (Consumer<Utf8Buffer>) Json::openSingleSlotDiff,
                        "{\"0\":"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("writers")
    void writesItsFraming(String name, Consumer<Utf8Buffer> write, String expected) {
        Utf8Buffer out = new Utf8Buffer(8);

        write.accept(out);

        assertEquals(expected, out.toString());
    }

    @Test
    void anEmptyNestedDiffIsRolledBack() {
        // given a diff with one entry, then a nested one opened but left empty
        Utf8Buffer out = new Utf8Buffer(32);
        out.writeAscii("{\"0\":\"x\",");
        int mark = out.length();
        out.writeAscii("\"1\":{");

        Json.endNested(out, mark);

        // then the nested entry is gone
        assertEquals("{\"0\":\"x\",", out.toString());
    }

    @Test
    void aNestedDiffWithEntriesIsClosedAndEndsWithAComma() {
        Utf8Buffer out = new Utf8Buffer(32);
        out.writeByte('{');
        int mark = out.length();
        out.writeAscii("\"1\":{\"0\":\"y\",");

        Json.endNested(out, mark);

        assertEquals("{\"1\":{\"0\":\"y\"},", out.toString());
    }

    @Test
    void anEmptyTopLevelDiffIsAnEmptyObjectAndReportsNoChange() {
        Utf8Buffer out = new Utf8Buffer(8);
        out.writeByte('{');

        boolean changed = Json.endDiff(out, 0);

        assertFalse(changed);
        assertEquals("{}", out.toString());
    }

    @Test
    void aTopLevelDiffLosesItsTrailingCommaAndReportsAChange() {
        Utf8Buffer out = new Utf8Buffer(16);
        out.writeAscii("{\"0\":\"1\",\"2\":\"\",");

        boolean changed = Json.endDiff(out, 0);

        assertTrue(changed);
        assertEquals("{\"0\":\"1\",\"2\":\"\"}", out.toString());
    }
}
