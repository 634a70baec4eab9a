package io.github.livetemplate.testing;

import java.lang.reflect.Array;
import java.lang.reflect.Constructor;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.WeakHashMap;

/**
 * Random record states and random transitions between them, for differential tests.
 *
 * <p>Supported component types (recursively): {@code String}, {@code int}/{@code Integer}, {@code
 * long}/{@code Long}, {@code boolean}/{@code Boolean}, {@code double}/{@code Double}, {@code
 * float}/{@code Float}, enums, records, {@code List<X>}, {@code Map<String, X>} (a {@link TreeMap}
 * unless the component asks for a {@link LinkedHashMap}), {@code Optional<X>} and arrays. Values
 * are never {@code null}.
 *
 * <p>Keyed lists: when a record with a component named {@code id} or {@code key} (any case; of type
 * String, int or long) is a list or array element, that component is unique within the list. New
 * elements draw from a counter that belongs to the {@link Random} instance (so a seed reproduces
 * the same states); moved and mutated elements keep their keys.
 *
 * <p>Strings come from {@link #STRINGS}, which avoids the client's quirks (docs/protocol.md,
 * "Client quirks"): nothing contains {@code {{}, {@code }}}, {@code <root>} or {@code </root>}.
 */
public final class RandomStates {

    /** Default maximum list (and map, array) size. */
    public static final int DEFAULT_MAX_SIZE = 8;

    /** Nested containers beyond this depth are generated empty (guards recursive records). */
    private static final int MAX_DEPTH = 5;

    private static final int MAX_ATTEMPTS = 50;

    /** The string pool. */
    public static final List<String> STRINGS =
            List.of(
                    "alpha",
                    "beta",
                    "gamma",
                    "Hello world",
                    "x",
                    "",
                    " ",
                    "<b>x</b> & \"q\" 'a'",
                    "a < b > c",
                    "&amp; &lt;already&gt;",
                    "</div></li>",
                    "é 漢字 😀",
                    "line1\nline2\ttab",
                    "  padded  ",
                    "javascript:alert(1)",
                    "https://example.com/?a=1&b=2",
                    "50%",
                    "back\\slash",
                    "{single} braces",
                    "lorem ipsum dolor sit amet ".repeat(12).strip());

    /** Map keys (unique by construction of a map). */
    private static final List<String> MAP_KEYS =
            List.of("a", "b", "c", "delta", "epsilon", "Zeta", "key one", "<k>", "é", "10", "2");

    private static final double[] DOUBLES = {
        0.0, 1.0, -1.0, 0.5, -2.5, 3.14159, 100.0, 1234567.891, 1.0e-7, 1.0e21, 42.0
    };

    /** Per-{@link Random} counters for fresh keys, so a seed reproduces the same keys. */
    private static final Map<Random, long[]> KEY_COUNTERS =
            Collections.synchronizedMap(new WeakHashMap<>());

    private RandomStates() {}

    /** A random instance of {@code type} with lists of at most {@value #DEFAULT_MAX_SIZE}. */
    public static <R extends Record> R random(Class<R> type, Random rnd) {
        return random(type, rnd, DEFAULT_MAX_SIZE);
    }

    /** A random instance of {@code type} with lists, maps and arrays of at most {@code maxSize}. */
    public static <R extends Record> R random(Class<R> type, Random rnd, int maxSize) {
        if (maxSize < 0) {
            throw new IllegalArgumentException("maxSize < 0");
        }
        return type.cast(new Gen(rnd, maxSize).record(type, 0));
    }

    /**
     * A copy of {@code state} with 1–3 components changed (lists at most {@value
     * #DEFAULT_MAX_SIZE}).
     */
    public static <R extends Record> R mutate(R state, Random rnd) {
        return mutate(state, rnd, DEFAULT_MAX_SIZE);
    }

    /**
     * A copy of {@code state} with 1–3 components (fewer if it has fewer) changed; containers
     * change by list-like operations (insert, delete, move, shuffle, replace, mutate in place,
     * clear, fill), nested records recursively. The result never equals {@code state} unless no
     * component can change at all (for example a single-constant enum).
     */
    @SuppressWarnings("unchecked")
    public static <R extends Record> R mutate(R state, Random rnd, int maxSize) {
        Objects.requireNonNull(state, "state");
        if (maxSize < 0) {
            throw new IllegalArgumentException("maxSize < 0");
        }
        return (R) new Gen(rnd, maxSize).mutateRecord(state, 0, Set.of());
    }

    // ----------------------------------------------------------------------------------------

    private static final class Gen {
        private final Random rnd;
        private final int maxSize;

        Gen(Random rnd, int maxSize) {
            this.rnd = rnd;
            this.maxSize = maxSize;
        }

        // ------------------------------------------------------------------ generation

        Object value(Type type, int depth) {
            if (type instanceof Class<?> c) {
                if (c == String.class || c == CharSequence.class) {
                    return string();
                }
                if (c == int.class || c == Integer.class) {
                    return smallInt();
                }
                if (c == long.class || c == Long.class) {
                    return rnd.nextInt(20) == 0 ? 9_007_199_254_740_993L : (long) smallInt();
                }
                if (c == boolean.class || c == Boolean.class) {
                    return rnd.nextBoolean();
                }
                if (c == double.class || c == Double.class) {
                    return DOUBLES[rnd.nextInt(DOUBLES.length)];
                }
                if (c == float.class || c == Float.class) {
                    return (float) DOUBLES[rnd.nextInt(DOUBLES.length)];
                }
                if (c.isEnum()) {
                    Object[] constants = c.getEnumConstants();
                    if (constants.length == 0) {
                        throw new IllegalArgumentException(
                                "enum without constants: " + c.getName());
                    }
                    return constants[rnd.nextInt(constants.length)];
                }
                if (c.isRecord()) {
                    return record(c, depth + 1);
                }
                if (c.isArray()) {
                    List<Object> list = list(c.getComponentType(), depth);
                    return toArray(c.getComponentType(), list);
                }
            } else if (type instanceof ParameterizedType p) {
                Class<?> raw = (Class<?>) p.getRawType();
                Type[] args = p.getActualTypeArguments();
                if (raw == List.class
                        || raw == ArrayList.class
                        || raw == Iterable.class
                        || raw == java.util.Collection.class) {
                    return List.copyOf(list(args[0], depth));
                }
                if (isMap(raw)) {
                    requireStringKeys(p);
                    return map(raw, args[1], depth);
                }
                if (raw == Optional.class) {
                    if (depth >= MAX_DEPTH || rnd.nextInt(3) == 0) {
                        return Optional.empty();
                    }
                    return Optional.of(value(args[0], depth + 1));
                }
            } else if (type instanceof GenericArrayType g) {
                Class<?> element = rawClass(g.getGenericComponentType());
                return toArray(element, list(g.getGenericComponentType(), depth));
            }
            throw new IllegalArgumentException(
                    "RandomStates does not support component type " + type);
        }

        Record record(Class<?> type, int depth) {
            RecordComponent[] components = type.getRecordComponents();
            RuntimeException last = null;
            for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
                Object[] args = new Object[components.length];
                for (int i = 0; i < components.length; i++) {
                    args[i] = value(components[i].getGenericType(), depth);
                }
                try {
                    return construct(type, args);
                } catch (IllegalArgumentException e) {
                    last = e; // the compact constructor rejected these values; try others
                }
            }
            throw new IllegalStateException("cannot construct a valid " + type.getName(), last);
        }

        List<Object> list(Type element, int depth) {
            int size = depth >= MAX_DEPTH ? 0 : rnd.nextInt(maxSize + 1);
            List<Object> list = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                list.add(newElement(element, depth, list));
            }
            return list;
        }

        /** A new list element; a keyed record gets a fresh key. */
        Object newElement(Type element, int depth, List<Object> existing) {
            Object value = value(element, depth);
            KeyInfo key = KeyInfo.of(element);
            if (key != null) {
                value = key.withKey((Record) value, freshKey(key, existing));
            }
            return value;
        }

        Map<String, Object> map(Class<?> raw, Type valueType, int depth) {
            Map<String, Object> map = newMap(raw);
            int size = depth >= MAX_DEPTH ? 0 : rnd.nextInt(Math.min(maxSize, MAP_KEYS.size()) + 1);
            while (map.size() < size) {
                map.put(MAP_KEYS.get(rnd.nextInt(MAP_KEYS.size())), value(valueType, depth + 1));
            }
            return map;
        }

        String string() {
            return STRINGS.get(rnd.nextInt(STRINGS.size()));
        }

        int smallInt() {
            int r = rnd.nextInt(40);
            if (r == 0) {
                return 1_000_000;
            }
            if (r < 6) {
                return 0;
            }
            return rnd.nextInt(15) - 5; // -5 .. 9
        }

        Object freshKey(KeyInfo key, List<Object> existing) {
            long[] counter = KEY_COUNTERS.computeIfAbsent(rnd, r -> new long[1]);
            Set<Object> used = new HashSet<>();
            for (Object o : existing) {
                used.add(key.keyOf((Record) o));
            }
            while (true) {
                long n;
                synchronized (counter) {
                    n = ++counter[0];
                }
                Object candidate = key.keyValue(n);
                if (!used.contains(candidate)) {
                    return candidate;
                }
            }
        }

        // ------------------------------------------------------------------ mutation

        Record mutateRecord(Record state, int depth, Set<String> frozen) {
            Class<?> type = state.getClass();
            RecordComponent[] components = type.getRecordComponents();
            List<Integer> candidates = new ArrayList<>();
            for (int i = 0; i < components.length; i++) {
                if (!frozen.contains(components[i].getName())) {
                    candidates.add(i);
                }
            }
            if (candidates.isEmpty()) {
                return state;
            }
            Object[] current = values(state);
            for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
                Collections.shuffle(candidates, rnd);
                int count = Math.min(candidates.size(), 1 + rnd.nextInt(3));
                Object[] args = current.clone();
                boolean changed = false;
                for (int k = 0; k < count; k++) {
                    int i = candidates.get(k);
                    Object next = mutateValue(components[i].getGenericType(), current[i], depth);
                    changed |= !deepEquals(next, current[i]);
                    args[i] = next;
                }
                if (!changed) {
                    continue;
                }
                try {
                    return construct(type, args);
                } catch (IllegalArgumentException e) {
                    // rejected by the compact constructor; try another change
                }
            }
            return state; // nothing could change
        }

        Object mutateValue(Type type, Object old, int depth) {
            for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
                Object next = mutateOnce(type, old, depth);
                if (!deepEquals(next, old)) {
                    return next;
                }
            }
            return old;
        }

        @SuppressWarnings("unchecked")
        Object mutateOnce(Type type, Object old, int depth) {
            if (type instanceof Class<?> c) {
                if (c == boolean.class || c == Boolean.class) {
                    return !(Boolean) old;
                }
                if (c == int.class || c == Integer.class) {
                    int v = (Integer) old;
                    switch (rnd.nextInt(4)) {
                        case 0:
                            return v + 1;
                        case 1:
                            return v - 1;
                        case 2:
                            return 0;
                        default:
                            return smallInt();
                    }
                }
                if (c == long.class || c == Long.class) {
                    long v = (Long) old;
                    return rnd.nextBoolean()
                            ? v + (rnd.nextBoolean() ? 1 : -1)
                            : (Long) value(c, depth);
                }
                if (c.isRecord()) {
                    if (rnd.nextInt(5) == 0) {
                        return record(c, depth + 1);
                    }
                    return mutateRecord((Record) old, depth + 1, Set.of());
                }
                if (c.isArray()) {
                    List<Object> list = new ArrayList<>(Arrays.asList(boxed(old)));
                    return toArray(
                            c.getComponentType(), mutateList(c.getComponentType(), list, depth));
                }
                return value(c, depth); // strings, doubles, enums: another value from the pool
            }
            if (type instanceof ParameterizedType p) {
                Class<?> raw = (Class<?>) p.getRawType();
                Type[] args = p.getActualTypeArguments();
                if (isMap(raw)) {
                    return mutateMap(raw, args[1], (Map<String, Object>) old, depth);
                }
                if (raw == Optional.class) {
                    Optional<Object> opt = (Optional<Object>) old;
                    if (opt.isEmpty()) {
                        return Optional.of(value(args[0], depth + 1));
                    }
                    if (rnd.nextInt(3) == 0) {
                        return Optional.empty();
                    }
                    return Optional.of(mutateValue(args[0], opt.get(), depth + 1));
                }
                if (List.class.isAssignableFrom(raw)
                        || raw == Iterable.class
                        || raw == java.util.Collection.class) {
                    return List.copyOf(
                            mutateList(args[0], new ArrayList<>((List<Object>) old), depth));
                }
            }
            if (type instanceof GenericArrayType g) {
                Class<?> element = rawClass(g.getGenericComponentType());
                List<Object> list = new ArrayList<>(Arrays.asList(boxed(old)));
                return toArray(element, mutateList(g.getGenericComponentType(), list, depth));
            }
            throw new IllegalArgumentException(
                    "RandomStates does not support component type " + type);
        }

        /** One list operation; may return an equal list (the caller retries). */
        List<Object> mutateList(Type element, List<Object> list, int depth) {
            int max = Math.max(maxSize, 1);
            if (list.isEmpty()) {
                // fill from empty, or a single insert
                int size = rnd.nextBoolean() ? 1 : 1 + rnd.nextInt(max);
                for (int i = 0; i < size; i++) {
                    list.add(newElement(element, depth, list));
                }
                return list;
            }
            int n = list.size();
            switch (rnd.nextInt(11)) {
                case 0: // insert at start
                    list.add(0, newElement(element, depth, list));
                    break;
                case 1: // insert in the middle
                    list.add(rnd.nextInt(n + 1), newElement(element, depth, list));
                    break;
                case 2: // append
                    list.add(newElement(element, depth, list));
                    break;
                case 3: // delete one
                    list.remove(rnd.nextInt(n));
                    break;
                case 4: // delete several
                    {
                        int remove = 1 + rnd.nextInt(n);
                        for (int i = 0; i < remove; i++) {
                            list.remove(rnd.nextInt(list.size()));
                        }
                    }
                    break;
                case 5: // move one
                    {
                        Object moved = list.remove(rnd.nextInt(n));
                        list.add(rnd.nextInt(n), moved);
                    }
                    break;
                case 6: // shuffle
                    Collections.shuffle(list, rnd);
                    break;
                case 7: // replace one element by a new one (new key)
                    {
                        int i = rnd.nextInt(n);
                        list.set(i, newElement(element, depth, list));
                    }
                    break;
                case 8: // mutate one element in place (keeps its key)
                case 9:
                    {
                        int i = rnd.nextInt(n);
                        KeyInfo key = KeyInfo.of(element);
                        Object old = list.get(i);
                        Object next =
                                key != null
                                        ? mutateRecord(
                                                (Record) old,
                                                depth + 1,
                                                Set.of(key.component.getName()))
                                        : mutateValue(element, old, depth);
                        list.set(i, next);
                    }
                    break;
                default: // clear
                    list.clear();
                    break;
            }
            while (list.size() > max) {
                list.remove(list.size() - 1);
            }
            return list;
        }

        Map<String, Object> mutateMap(
                Class<?> raw, Type valueType, Map<String, Object> old, int depth) {
            Map<String, Object> map = newMap(raw);
            map.putAll(old);
            List<String> keys = new ArrayList<>(map.keySet());
            int op = map.isEmpty() ? 0 : rnd.nextInt(5);
            switch (op) {
                case 0: // put a (possibly new) key
                    if (map.size() < Math.max(maxSize, 1)) {
                        map.put(
                                MAP_KEYS.get(rnd.nextInt(MAP_KEYS.size())),
                                value(valueType, depth + 1));
                    }
                    break;
                case 1: // remove one
                    map.remove(keys.get(rnd.nextInt(keys.size())));
                    break;
                case 2: // change one value
                case 3:
                    {
                        String k = keys.get(rnd.nextInt(keys.size()));
                        map.put(k, mutateValue(valueType, map.get(k), depth + 1));
                    }
                    break;
                default: // clear
                    map.clear();
                    break;
            }
            return map;
        }
    }

    // ---------------------------------------------------------------------------- keyed elements

    /** The key component of a record type used as a list element. */
    private static final class KeyInfo {
        final Class<?> recordType;
        final RecordComponent component;
        final int index;

        private KeyInfo(Class<?> recordType, RecordComponent component, int index) {
            this.recordType = recordType;
            this.component = component;
            this.index = index;
        }

        static KeyInfo of(Type element) {
            if (!(element instanceof Class<?> c) || !c.isRecord()) {
                return null;
            }
            RecordComponent[] components = c.getRecordComponents();
            for (String wanted : new String[] {"id", "key"}) {
                for (int i = 0; i < components.length; i++) {
                    Class<?> t = components[i].getType();
                    boolean keyType =
                            t == String.class
                                    || t == int.class
                                    || t == Integer.class
                                    || t == long.class
                                    || t == Long.class;
                    if (keyType && components[i].getName().equalsIgnoreCase(wanted)) {
                        return new KeyInfo(c, components[i], i);
                    }
                }
            }
            return null;
        }

        Object keyValue(long n) {
            Class<?> t = component.getType();
            if (t == String.class) {
                return "k" + n;
            }
            if (t == int.class || t == Integer.class) {
                return (int) n;
            }
            return n;
        }

        Object keyOf(Record r) {
            return values(r)[index];
        }

        Record withKey(Record r, Object key) {
            Object[] args = values(r);
            args[index] = key;
            return construct(recordType, args);
        }
    }

    // ---------------------------------------------------------------------------- reflection

    static Object[] values(Record r) {
        RecordComponent[] components = r.getClass().getRecordComponents();
        Object[] values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            Method accessor = components[i].getAccessor();
            try {
                accessor.setAccessible(true);
                values[i] = accessor.invoke(r);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            } catch (InvocationTargetException e) {
                throw new IllegalStateException("accessor " + accessor + " threw", e.getCause());
            }
        }
        return values;
    }

    static Record construct(Class<?> type, Object[] args) {
        RecordComponent[] components = type.getRecordComponents();
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
        }
        try {
            Constructor<?> ctor = type.getDeclaredConstructor(types);
            ctor.setAccessible(true);
            return (Record) ctor.newInstance(args);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IllegalArgumentException iae) {
                throw iae;
            }
            if (cause instanceof RuntimeException re) {
                throw new IllegalArgumentException(
                        "constructor of " + type.getName() + " threw", re);
            }
            throw new IllegalStateException(cause);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot construct " + type.getName(), e);
        }
    }

    private static boolean isMap(Class<?> raw) {
        return raw == Map.class
                || raw == SortedMap.class
                || raw == TreeMap.class
                || raw == LinkedHashMap.class
                || raw == java.util.NavigableMap.class;
    }

    private static Map<String, Object> newMap(Class<?> raw) {
        return raw == LinkedHashMap.class ? new LinkedHashMap<>() : new TreeMap<>();
    }

    private static void requireStringKeys(ParameterizedType p) {
        if (p.getActualTypeArguments()[0] != String.class) {
            throw new IllegalArgumentException(
                    "RandomStates supports only Map<String, X>, not " + p);
        }
    }

    private static Class<?> rawClass(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        if (type instanceof GenericArrayType g) {
            return Array.newInstance(rawClass(g.getGenericComponentType()), 0).getClass();
        }
        throw new IllegalArgumentException("RandomStates does not support component type " + type);
    }

    private static Object toArray(Class<?> element, List<Object> list) {
        Object array = Array.newInstance(element, list.size());
        for (int i = 0; i < list.size(); i++) {
            Array.set(array, i, list.get(i));
        }
        return array;
    }

    private static Object[] boxed(Object array) {
        Object[] out = new Object[Array.getLength(array)];
        for (int i = 0; i < out.length; i++) {
            out[i] = Array.get(array, i);
        }
        return out;
    }

    /** Equality that compares arrays (also inside records' components) by content. */
    static boolean deepEquals(Object a, Object b) {
        if (a == b) {
            return true;
        }
        if (a == null || b == null) {
            return false;
        }
        if (a.getClass().isArray() && b.getClass().isArray()) {
            Object[] x = boxed(a);
            Object[] y = boxed(b);
            if (x.length != y.length) {
                return false;
            }
            for (int i = 0; i < x.length; i++) {
                if (!deepEquals(x[i], y[i])) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof Record ra && b instanceof Record rb && a.getClass() == b.getClass()) {
            Object[] x = values(ra);
            Object[] y = values(rb);
            for (int i = 0; i < x.length; i++) {
                if (!deepEquals(x[i], y[i])) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof List<?> la && b instanceof List<?> lb) {
            if (la.size() != lb.size()) {
                return false;
            }
            for (int i = 0; i < la.size(); i++) {
                if (!deepEquals(la.get(i), lb.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof Map<?, ?> ma && b instanceof Map<?, ?> mb) {
            if (!ma.keySet().equals(mb.keySet())) {
                return false;
            }
            for (Map.Entry<?, ?> e : ma.entrySet()) {
                if (!deepEquals(e.getValue(), mb.get(e.getKey()))) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof Optional<?> oa && b instanceof Optional<?> ob) {
            return oa.isPresent() == ob.isPresent()
                    && (oa.isEmpty() || deepEquals(oa.get(), ob.get()));
        }
        return a.equals(b);
    }
}
