package io.github.livetemplate.runtime.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.livetemplate.runtime.FieldErrors;
import io.github.livetemplate.runtime.Flash;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Dev mode's states across a restart: the file, and which record changes a state survives. */
class DevStatesTest {

    public record Item(String id, boolean done) {
        /** Template-visible, not a component: not written. */
        public boolean isOpen() {
            return !done;
        }
    }

    /** The state before the edit. */
    public record Before(
            int count, String title, List<Item> items, FieldErrors errors, Flash flash) {}

    /** A component added, defaulted by the compact constructor. */
    public record Added(
            int count,
            String title,
            List<Item> items,
            String step,
            FieldErrors errors,
            Flash flash) {
        public Added {
            step = step == null ? "one" : step;
        }
    }

    /** {@code title} renamed: the shape changed. */
    public record Renamed(int count, String heading, List<Item> items) {}

    /** {@code count} became a list: the shape changed. */
    public record Retyped(List<String> count, String title, List<Item> items) {}

    /** The constructor refuses the old value. */
    public record Refusing(int count, String title, List<Item> items) {
        public Refusing {
            if (count > 1) {
                throw new IllegalArgumentException("count must be at most 1");
            }
        }
    }

    static final Before BEFORE =
            new Before(
                    2,
                    "Todos",
                    List.of(new Item("t1", true), new Item("t2", false)),
                    FieldErrors.of(Map.of("title", "too short")),
                    Flash.none());

    @Test
    void aStateComesBackIntoTheSameRecordWithoutItsPageData() throws Exception {
        JsonNode json = DevStates.write(BEFORE);

        assertEquals(Set.of("count", "title", "items"), fieldNames(json));
        assertFalse(json.get("items").get(0).has("open"), "methods are not components");
        Before back = DevStates.read(json, Before.class);
        assertEquals(
                new Before(2, "Todos", BEFORE.items(), FieldErrors.none(), Flash.none()), back);
    }

    @Test
    void aComponentAddedWithADefaultKeepsTheOldValues() throws Exception {
        Added back = DevStates.read(DevStates.write(BEFORE), Added.class);

        assertEquals(2, back.count());
        assertEquals(BEFORE.items(), back.items());
        assertEquals("one", back.step());
    }

    @Test
    void aChangedShapeIsRefusedWithTheReason() {
        JsonNode json = DevStates.write(BEFORE);
        record Case(Class<?> type, String reason) {}
        for (Case c :
                List.of(
                        new Case(Renamed.class, "\"title\" is gone"),
                        new Case(Retyped.class, "List"),
                        new Case(Refusing.class, "count must be at most 1"))) {
            DevStates.ShapeChanged e =
                    assertThrows(
                            DevStates.ShapeChanged.class, () -> DevStates.read(json, c.type()));
            assertTrue(e.getMessage().contains(c.reason()), c.type() + ": " + e.getMessage());
        }
    }

    @Test
    void theFileIsPrivateReadOnceAndHandsEachStateOutOnceNewestFirst(@TempDir Path dir)
            throws Exception {
        Path file = dir.resolve("dev").resolve("states.json");
        DevStates before = new DevStates(file);
        before.remember("group-secret", "/todos", BEFORE);
        before.remember("group-secret", "/todos", withCount(5)); // the same tab, later
        before.remember("other", "/todos", withCount(9));
        before.save();

        assertTrue(Files.isRegularFile(file));
        assertFalse(Files.readString(file).contains("group-secret"), "the group is hashed");
        assertEquals(
                Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE),
                Files.getPosixFilePermissions(file));

        DevStates after = new DevStates(file);
        assertFalse(Files.exists(file), "read once");
        assertNull(after.take("group-secret", "/other-page", Before.class));
        assertEquals(5, after.take("group-secret", "/todos", Before.class).count(), "newest");
        assertEquals(2, after.take("group-secret", "/todos", Before.class).count());
        assertNull(after.take("group-secret", "/todos", Before.class), "each state once");
        assertNull(after.take("other", "/todos", Renamed.class), "shape changed: mount");
    }

    @Test
    void aPageKeepsItsNewestEightStates(@TempDir Path dir) {
        Path file = dir.resolve("states.json");
        DevStates before = new DevStates(file);
        for (int i = 1; i <= 12; i++) {
            before.remember("g", "/todos", withCount(i));
        }
        before.save();

        DevStates after = new DevStates(file);
        for (int i = 12; i > 4; i--) {
            assertEquals(i, after.take("g", "/todos", Before.class).count());
        }
        assertNull(after.take("g", "/todos", Before.class));
    }

    @Test
    void anUnreadableFileIsIgnored(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("states.json");
        Files.writeString(file, "{not json");

        DevStates states = new DevStates(file);

        assertNull(states.take("g", "/todos", Before.class));
        assertFalse(Files.exists(file));
    }

    private static Before withCount(int n) {
        return new Before(n, BEFORE.title(), BEFORE.items(), BEFORE.errors(), BEFORE.flash());
    }

    private static Set<String> fieldNames(JsonNode json) {
        Set<String> names = new java.util.HashSet<>();
        json.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
