package io.github.livetemplate.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import io.github.livetemplate.runtime.generated.Actions;
import io.github.livetemplate.runtime.generated.PersistedFields;
import io.github.livetemplate.runtime.generated.TypeRef;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * {@code @Persist} components: the dispatcher's {@code persistedFields} and {@code
 * restorePersisted}, and what cannot be persisted.
 */
class PersistedFieldsTest extends ControllerFixture {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static final String PERSIST_STATE =
            """
      package app;

      import io.github.livetemplate.LiveTemplate;
      import io.github.livetemplate.Persist;
      import java.util.List;

      @LiveTemplate("todo.tmpl")
      public record TodoState(String last, @Persist List<Item> items, @Persist int count,
          @Persist String note, String draft) {
        public record Item(String text, boolean done) {}
      }
      """;

    private static final JavaFileObject PERSIST_CONTROLLER =
            controller(
                    """
      public TodoState add(TodoState s, Context ctx) {
        return s;
      }
      """);

    @Test
    void persistedFieldsAreThePersistComponentsInOrderNullsIncluded() throws Exception {
        Compilation c = compileWithState(PERSIST_STATE, "<h1>{{.Last}}</h1>", PERSIST_CONTROLLER);
        assertThat(c).succeededWithoutWarnings();
        Persisted p = persisted(c);
        List<?> items = List.of(p.item("a", true));
        Map<String, Object> fields = p.actions.persistedFields(p.state("t", items, 3, null, "d"));
        assertEquals(List.of("items", "count", "note"), new ArrayList<>(fields.keySet()));
        assertSame(items, fields.get("items"));
        assertEquals(3, fields.get("count"));
        assertTrue(fields.containsKey("note"));
        assertEquals(null, fields.get("note"));
    }

    @Test
    void restorePersistedReplacesOnlyTheStoredComponents() throws Exception {
        Compilation c = compileWithState(PERSIST_STATE, "<h1>{{.Last}}</h1>", PERSIST_CONTROLLER);
        assertThat(c).succeededWithoutWarnings();
        Persisted p = persisted(c);
        List<?> items = List.of(p.item("a", false));
        Object s = p.state("t", items, 3, "keep", "d");
        // A stored null (or a value that no longer reads back) keeps the state's own value.
        Map<String, Object> stored = new HashMap<>();
        stored.put("count", 9);
        stored.put("note", null);
        stored.put("unknown", "ignored");
        Object next = p.actions.restorePersisted(s, new FakeStored(stored));
        assertEquals("t", get(next, "last"));
        assertSame(items, get(next, "items"));
        assertEquals(9, get(next, "count"));
        assertEquals("keep", get(next, "note"));
        assertEquals("d", get(next, "draft"));
        // Nothing stored: the same state comes back.
        assertSame(s, p.actions.restorePersisted(s, new FakeStored(Map.of())));
        // Strings are read as the component type, as the runtime does with JSON.
        Object fromText =
                p.actions.restorePersisted(s, new FakeStored(Map.of("count", "12", "note", "new")));
        assertEquals(12, get(fromText, "count"));
        assertEquals("new", get(fromText, "note"));
        assertSame(items, get(fromText, "items"));
    }

    @Test
    void persistedListOfRecordsRoundTripsThroughJson() throws Exception {
        Compilation c = compileWithState(PERSIST_STATE, "<h1>{{.Last}}</h1>", PERSIST_CONTROLLER);
        assertThat(c).succeededWithoutWarnings();
        Persisted p = persisted(c);
        List<?> items = List.of(p.item("milk", true), p.item("eggs", false));
        Object before = p.state("old page", items, 5, "n", "draft");
        String json = MAPPER.writeValueAsString(p.actions.persistedFields(before));
        assertEquals(
                "{\"items\":[{\"text\":\"milk\",\"done\":true},{\"text\":\"eggs\","
                        + "\"done\":false}],\"count\":5,\"note\":\"n\"}",
                json);
        Map<String, Object> stored =
                MAPPER.readValue(json, new TypeReference<Map<String, Object>>() {});
        Object fresh = p.state("new page", List.of(), 0, null, "other draft");
        Object restored = p.actions.restorePersisted(fresh, new FakeStored(stored));
        assertEquals(items, get(restored, "items"));
        assertEquals(p.itemType, ((List<?>) get(restored, "items")).get(0).getClass());
        assertEquals(5, get(restored, "count"));
        assertEquals("n", get(restored, "note"));
        assertEquals("new page", get(restored, "last"));
        assertEquals("other draft", get(restored, "draft"));
    }

    @Test
    void persistedPrimitivesAndComponentsNamedLikeTheParameters() throws Exception {
        String state =
                """
        package app;

        import io.github.livetemplate.LiveTemplate;
        import io.github.livetemplate.Persist;

        @LiveTemplate("todo.tmpl")
        public record TodoState(@Persist int state, String last, @Persist long stored,
            @Persist boolean on) {}
        """;
        Compilation c = compileWithState(state, "<h1>{{.Last}}</h1>", PERSIST_CONTROLLER);
        assertThat(c).succeededWithoutWarnings();
        Live live = load(c);
        Actions<Object> actions = live.actions();
        Object s = live.state(1, "x", 2L, false);
        assertEquals(
                List.of("state", "stored", "on"),
                new ArrayList<>(actions.persistedFields(s).keySet()));
        assertEquals(1, actions.persistedFields(s).get("state"));
        Map<String, Object> stored = new HashMap<>();
        stored.put("state", 7);
        stored.put("stored", null);
        stored.put("on", true);
        Object next = actions.restorePersisted(s, new FakeStored(stored));
        assertEquals(7, get(next, "state"));
        assertEquals("x", get(next, "last"));
        assertEquals(2L, get(next, "stored"));
        assertEquals(true, get(next, "on"));
    }

    @Test
    void persistingFieldErrorsOrFlashIsAnErrorOnTheComponent() {
        String state =
                """
        package app;

        import io.github.livetemplate.runtime.FieldErrors;
        import io.github.livetemplate.runtime.Flash;
        import io.github.livetemplate.LiveTemplate;
        import io.github.livetemplate.Persist;

        @LiveTemplate("todo.tmpl")
        public record TodoState(String last,
            @Persist FieldErrors errors,
            @Persist Flash flash) {}
        """;
        Compilation c = compileWithState(state, "<h1>{{.Last}}</h1>", PERSIST_CONTROLLER);
        assertThat(c).failed();
        assertThat(c).hadErrorCount(2);
        assertThat(c)
                .hadErrorContaining(
                        "@Persist component errors of TodoState is a FieldErrors: "
                                + "FieldErrors/Flash components are filled per connection and cannot be persisted")
                .inFile(JavaFileObjects.forSourceString("app.TodoState", state))
                .onLine(10);
        assertThat(c)
                .hadErrorContaining(
                        "@Persist component flash of TodoState is a Flash: "
                                + "FieldErrors/Flash components are filled per connection and cannot be persisted")
                .inFile(JavaFileObjects.forSourceString("app.TodoState", state))
                .onLine(11);
    }

    @Test
    void withoutPersistNeitherMethodIsGenerated() throws Exception {
        Compilation c = compile(SIMPLE_TEMPLATE, controller(act("increment")));
        assertThat(c).succeededWithoutWarnings();
        String source =
                c.generatedSourceFile("app.TodoControllerLive")
                        .orElseThrow()
                        .getCharContent(false)
                        .toString();
        assertFalse(source.contains("persistedFields"), source);
        assertFalse(source.contains("restorePersisted"), source);
        Live live = load(c);
        Object s = live.state("x", 1);
        assertEquals(Map.of(), live.actions().persistedFields(s));
        assertSame(s, live.actions().restorePersisted(s, new FakeStored(Map.of("count", 5))));
    }

    /** The persist test state's generated classes, loaded. */
    private static Persisted persisted(Compilation c) throws Exception {
        Live live = load(c);
        return new Persisted(live, live.loader().loadClass("app.TodoState$Item"), live.actions());
    }

    private record Persisted(Live live, Class<?> itemType, Actions<Object> actions) {
        Object state(String last, List<?> items, int count, String note, String draft)
                throws Exception {
            return live.state(last, items, count, note, draft);
        }

        Object item(String text, boolean done) throws Exception {
            return itemType.getConstructor(String.class, boolean.class).newInstance(text, done);
        }
    }

    /**
     * Stored values as the runtime holds them (parsed JSON, or anything Jackson converts), read
     * back like the runtime does; null when a value does not read as the type.
     */
    private static final class FakeStored implements PersistedFields {
        private final Map<String, Object> values;

        FakeStored(Map<String, Object> values) {
            this.values = values;
        }

        @Override
        public boolean has(String name) {
            return values.containsKey(name);
        }

        @Override
        public <T> T get(String name, TypeRef<T> type) {
            try {
                return MAPPER.convertValue(values.get(name), MAPPER.constructType(type.type()));
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
    }
}
