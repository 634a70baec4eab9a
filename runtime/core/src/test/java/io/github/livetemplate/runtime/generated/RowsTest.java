package io.github.livetemplate.runtime.generated;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RowsTest {

    @Test
    void aListIsUsedAsItIs() {
        List<String> list = List.of("a", "b");

        assertSame(list, Rows.of(list));
    }

    @Test
    void otherIterablesAreCopiedInIterationOrder() {
        assertEquals(List.of("b", "a"), Rows.of(new LinkedHashSet<>(List.of("b", "a"))));
        assertEquals(List.of(1, 2), Rows.of(new ArrayDeque<>(List.of(1, 2))));
        Iterable<String> plain = () -> List.of("x", "y").iterator();
        assertEquals(List.of("x", "y"), Rows.of(plain));
    }

    static Stream<Arguments> arrays() {
        return Stream.of(
                Arguments.of(
                        "Object[]",
                        (Supplier<List<?>>) () -> Rows.of(new String[] {"a", "b"}),
                        List.of("a", "b")),
                Arguments.of(
                        "int[]",
                        (Supplier<List<?>>) () -> Rows.of(new int[] {1, 2}),
                        List.of(1, 2)),
                Arguments.of(
                        "long[]", (Supplier<List<?>>) () -> Rows.of(new long[] {3L}), List.of(3L)),
                Arguments.of(
                        "double[]",
                        (Supplier<List<?>>) () -> Rows.of(new double[] {0.5}),
                        List.of(0.5)),
                Arguments.of(
                        "float[]",
                        (Supplier<List<?>>) () -> Rows.of(new float[] {1.5f}),
                        List.of(1.5f)),
                Arguments.of(
                        "boolean[]",
                        (Supplier<List<?>>) () -> Rows.of(new boolean[] {true, false}),
                        List.of(true, false)),
                Arguments.of(
                        "short[]",
                        (Supplier<List<?>>) () -> Rows.of(new short[] {7}),
                        List.of((short) 7)),
                Arguments.of(
                        "byte[]",
                        (Supplier<List<?>>) () -> Rows.of(new byte[] {8}),
                        List.of((byte) 8)),
                Arguments.of(
                        "char[]",
                        (Supplier<List<?>>) () -> Rows.of(new char[] {'z'}),
                        List.of('z')),
                Arguments.of(
                        "null Iterable",
                        (Supplier<List<?>>) () -> Rows.of((Iterable<?>) null),
                        List.of()),
                Arguments.of(
                        "null Object[]",
                        (Supplier<List<?>>) () -> Rows.of((String[]) null),
                        List.of()),
                Arguments.of(
                        "null int[]", (Supplier<List<?>>) () -> Rows.of((int[]) null), List.of()),
                Arguments.of(
                        "null char[]",
                        (Supplier<List<?>>) () -> Rows.of((char[]) null),
                        List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("arrays")
    void arraysAreBoxedListViewsAndNullIsEmpty(
            String name, Supplier<List<?>> rows, List<?> expected) {
        assertEquals(expected, rows.get());
    }

    @Test
    void arrayViewsSeeLaterChanges() {
        int[] items = {1, 2};
        List<Integer> view = Rows.of(items);

        items[0] = 9;

        assertEquals(List.of(9, 2), view);
    }

    static Stream<Arguments> maps() {
        Map<Object, String> numbers = new HashMap<>();
        numbers.put(10, "ten");
        numbers.put(9, "nine");
        numbers.put(100L, "hundred");
        numbers.put(9.5, "nine and a half");
        Map<Object, String> words = new HashMap<>(Map.of("b", "2", "a", "1", "c", "3"));
        Map<Object, String> mixed = new HashMap<>();
        mixed.put("x", "letter");
        mixed.put(true, "flag");
        TreeMap<String, String> reversed = new TreeMap<>(Comparator.<String>reverseOrder());
        reversed.putAll(Map.of("a", "1", "b", "2"));
        return Stream.of(
                Arguments.of(
                        "numbers by value, whatever their type",
                        numbers,
                        List.of(9, 9.5, 10, 100L)),
                Arguments.of("comparable keys in natural order", words, List.of("a", "b", "c")),
                Arguments.of("keys of different types by their text", mixed, List.of(true, "x")),
                Arguments.of("a sorted map in its own order", reversed, List.of("b", "a")),
                Arguments.of("null", null, List.of()),
                Arguments.of("empty", Map.of(), List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("maps")
    void mapEntriesComeInKeyOrderAsGoRangesOverMaps(
            String name, Map<Object, String> map, List<Object> expectedKeys) {
        List<Map.Entry<Object, String>> entries = Rows.entries(map);

        assertEquals(expectedKeys, entries.stream().map(Map.Entry::getKey).toList());
        entries.forEach(e -> assertEquals(map.get(e.getKey()), e.getValue()));
    }
}
