package io.github.livetemplate.runtime.generated;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * Turns whatever a template ranges over into a {@link List} of rows. Support for generated code,
 * not API.
 */
public final class Rows {
    private Rows() {}

    /** A list as is; any other iterable copied; null as empty. */
    @SuppressWarnings("unchecked")
    public static <E> List<E> of(Iterable<? extends E> items) {
        if (items == null) {
            return List.of();
        }
        if (items instanceof List<?> list) {
            return (List<E>) list;
        }
        List<E> copy =
                items instanceof Collection<?> c ? new ArrayList<>(c.size()) : new ArrayList<>();
        items.forEach(copy::add);
        return copy;
    }

    /** An object array as a list view. */
    public static <E> List<E> of(E[] items) {
        return items == null ? List.of() : Arrays.asList(items);
    }

    /** An int array as a boxed list view. */
    public static List<Integer> of(int[] items) {
        return items == null
                ? List.of()
                : new AbstractList<>() {
                    @Override
                    public Integer get(int i) {
                        return items[i];
                    }

                    @Override
                    public int size() {
                        return items.length;
                    }
                };
    }

    /** A long array as a boxed list view. */
    public static List<Long> of(long[] items) {
        return items == null
                ? List.of()
                : new AbstractList<>() {
                    @Override
                    public Long get(int i) {
                        return items[i];
                    }

                    @Override
                    public int size() {
                        return items.length;
                    }
                };
    }

    /** A double array as a boxed list view. */
    public static List<Double> of(double[] items) {
        return items == null
                ? List.of()
                : new AbstractList<>() {
                    @Override
                    public Double get(int i) {
                        return items[i];
                    }

                    @Override
                    public int size() {
                        return items.length;
                    }
                };
    }

    /** A boolean array as a boxed list view. */
    public static List<Boolean> of(boolean[] items) {
        return items == null
                ? List.of()
                : new AbstractList<>() {
                    @Override
                    public Boolean get(int i) {
                        return items[i];
                    }

                    @Override
                    public int size() {
                        return items.length;
                    }
                };
    }

    /** A float array as a boxed list view. */
    public static List<Float> of(float[] items) {
        return items == null
                ? List.of()
                : new AbstractList<>() {
                    @Override
                    public Float get(int i) {
                        return items[i];
                    }

                    @Override
                    public int size() {
                        return items.length;
                    }
                };
    }

    /** A short array as a boxed list view. */
    public static List<Short> of(short[] items) {
        return items == null
                ? List.of()
                : new AbstractList<>() {
                    @Override
                    public Short get(int i) {
                        return items[i];
                    }

                    @Override
                    public int size() {
                        return items.length;
                    }
                };
    }

    /** A byte array as a boxed list view. */
    public static List<Byte> of(byte[] items) {
        return items == null
                ? List.of()
                : new AbstractList<>() {
                    @Override
                    public Byte get(int i) {
                        return items[i];
                    }

                    @Override
                    public int size() {
                        return items.length;
                    }
                };
    }

    /** A char array as a boxed list view. */
    public static List<Character> of(char[] items) {
        return items == null
                ? List.of()
                : new AbstractList<>() {
                    @Override
                    public Character get(int i) {
                        return items[i];
                    }

                    @Override
                    public int size() {
                        return items.length;
                    }
                };
    }

    /**
     * The entries of a map in key order, as Go ranges over maps: a sorted map keeps its own order,
     * other maps are sorted by their keys (numbers by value, then everything else by its natural
     * order or text).
     */
    @SuppressWarnings("unchecked")
    public static <K, V> List<Map.Entry<K, V>> entries(Map<K, V> map) {
        if (map == null || map.isEmpty()) {
            return List.of();
        }
        List<Map.Entry<K, V>> entries = new ArrayList<>(map.entrySet());
        if (!(map instanceof SortedMap)) {
            entries.sort(Comparator.comparing(Map.Entry::getKey, Rows::compareKeys));
        }
        return entries;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compareKeys(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return Double.compare(x.doubleValue(), y.doubleValue());
        }
        if (a instanceof Comparable ca && a.getClass() == b.getClass()) {
            return ca.compareTo(b);
        }
        return String.valueOf(a).compareTo(String.valueOf(b));
    }
}
