package io.github.livetemplate.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RandomStatesTest {

    enum Filter {
        ALL,
        ACTIVE,
        DONE
    }

    record Todo(String id, String title, boolean done, List<String> tags) {}

    record Page(
            String title,
            int count,
            long total,
            Boolean flag,
            double ratio,
            Filter filter,
            List<Todo> todos,
            Map<String, Integer> scores,
            Optional<String> error,
            Owner owner) {}

    record Owner(String name, Optional<Owner> manager) {}

    record Row(int key, String label, Cell[] cells) {}

    record Cell(long ID, String text) {}

    record Grid(List<Row> rows) {}

    record Validated(int count) {
        Validated {
            if (count < 0) {
                throw new IllegalArgumentException("negative");
            }
        }
    }

    private static <T> void assertUnique(List<T> keys, Object context) {
        assertEquals(keys.size(), new HashSet<>(keys).size(), () -> "duplicate keys in " + context);
    }

    private static void checkPage(Page p) {
        assertUnique(p.todos().stream().map(Todo::id).toList(), p);
        assertNotNull(p.owner());
    }

    private static void checkGrid(Grid g) {
        assertUnique(g.rows().stream().map(Row::key).toList(), g);
        for (Row row : g.rows()) {
            List<Long> ids = new ArrayList<>();
            for (Cell c : row.cells()) {
                ids.add(c.ID());
            }
            assertUnique(ids, row);
        }
    }

    @Test
    void keysStayUniqueAndMutateAlwaysChangesSomething() {
        for (int seed = 0; seed < 200; seed++) {
            Random rnd = new Random(seed);
            Page p = RandomStates.random(Page.class, rnd);
            checkPage(p);
            for (int step = 0; step < 30; step++) {
                Page next = RandomStates.mutate(p, rnd);
                assertNotEquals(p, next, "seed " + seed + " step " + step);
                checkPage(next);
                p = next;
            }
        }
    }

    @Test
    void arraysAndNonStringKeys() {
        for (int seed = 0; seed < 200; seed++) {
            Random rnd = new Random(seed);
            Grid g = RandomStates.random(Grid.class, rnd, 5);
            checkGrid(g);
            assertTrue(g.rows().size() <= 5);
            for (int step = 0; step < 30; step++) {
                Grid next = RandomStates.mutate(g, rnd, 5);
                assertFalse(RandomStates.deepEquals(g, next), "seed " + seed + " step " + step);
                checkGrid(next);
                g = next;
            }
        }
    }

    @Test
    void mutatedListElementsKeepTheirKeys() {
        // Over many steps, the "mutate in place" and "move" operations keep keys, so some key must
        // survive a change of its element's other components.
        Random rnd = new Random(7);
        Set<String> editedInPlace = new HashSet<>();
        Page p = RandomStates.random(Page.class, rnd);
        for (int step = 0; step < 500; step++) {
            Page next = RandomStates.mutate(p, rnd);
            for (Todo before : p.todos()) {
                for (Todo after : next.todos()) {
                    if (before.id().equals(after.id()) && !before.equals(after)) {
                        editedInPlace.add(after.id());
                    }
                }
            }
            p = next;
        }
        assertFalse(editedInPlace.isEmpty());
    }

    @Test
    void sameSeedSameStates() {
        Random a = new Random(42);
        Random b = new Random(42);
        Page pa = RandomStates.random(Page.class, a);
        Page pb = RandomStates.random(Page.class, b);
        assertEquals(pa, pb);
        for (int i = 0; i < 20; i++) {
            pa = RandomStates.mutate(pa, a);
            pb = RandomStates.mutate(pb, b);
            assertEquals(pa, pb);
        }
    }

    @Test
    void coversInterestingValues() {
        Random rnd = new Random(1);
        Set<Integer> counts = new HashSet<>();
        Set<Integer> sizes = new HashSet<>();
        Page p = RandomStates.random(Page.class, rnd);
        for (int i = 0; i < 2000; i++) {
            p = RandomStates.mutate(p, rnd);
            counts.add(p.count());
            sizes.add(p.todos().size());
            for (Todo t : p.todos()) {
                assertFalse(t.title().startsWith("{{") && t.title().endsWith("}}"));
                assertFalse(t.title().contains("<root>") || t.title().contains("</root>"));
            }
        }
        assertTrue(
                counts.contains(0) && counts.contains(-1) && counts.contains(1), counts.toString());
        assertTrue(sizes.contains(0) && sizes.contains(8), sizes.toString());
        assertTrue(sizes.stream().allMatch(s -> s <= 8), sizes.toString());
    }

    @Test
    void compactConstructorsAreRespected() {
        Random rnd = new Random(3);
        Validated v = RandomStates.random(Validated.class, rnd);
        for (int i = 0; i < 100; i++) {
            assertTrue(v.count() >= 0);
            v = RandomStates.mutate(v, rnd);
        }
    }

    @Test
    void stringPoolAvoidsClientQuirks() {
        for (String s : RandomStates.STRINGS) {
            assertFalse(s.contains("{{") || s.contains("}}"), s);
            assertFalse(s.contains("<root>") || s.contains("</root>"), s);
        }
    }
}
