package io.github.livetemplate.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.testing.compile.Compilation;
import io.github.livetemplate.runtime.FieldErrors;
import io.github.livetemplate.runtime.Flash;
import io.github.livetemplate.runtime.generated.Actions;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Lifecycle methods ({@code mount}, {@code onConnect}, {@code onDisconnect}) and {@code
 * withPageData}: delegated by the dispatcher, never actions.
 */
class ControllerLifecycleTest extends ControllerFixture {
    @Test
    void lifecycleMethodsAreDelegatedAndAreNotActions() throws Exception {
        Compilation c =
                compile(
                        SIMPLE_TEMPLATE,
                        controller(
                                act("increment"),
                                act("mount"),
                                act("onConnect"),
                                """
        public TodoState disconnected;

        public void onDisconnect(TodoState s, Context ctx) {
          disconnected = s;
        }

        public String helper(int x) {
          return "not an action";
        }

        private TodoState internal(TodoState s) {
          return s;
        }
        """));
        assertThat(c).succeededWithoutWarnings();
        Live live = load(c);
        assertEquals(Set.of("increment", "Increment"), live.actions().names());
        assertEquals("mount", get(live.actions().mount(live.state("", 0), null), "last"));
        assertEquals("onConnect", get(live.actions().onConnect(live.state("", 0), null), "last"));
        Object last = live.state("bye", 3);
        live.actions().onDisconnect(last, null);
        assertSame(
                last, live.controller().getClass().getField("disconnected").get(live.controller()));
        for (String lifecycle : List.of("mount", "onConnect", "onDisconnect", "on_connect")) {
            assertThrows(
                    Actions.UnknownActionException.class,
                    () -> live.run(lifecycle, live.state("", 0)));
        }
    }

    @Test
    void withoutLifecycleMethodsTheDefaultsKeepTheState() throws Exception {
        Compilation c = compile(SIMPLE_TEMPLATE, controller(act("increment")));
        assertThat(c).succeededWithoutWarnings();
        Live live = load(c);
        Object s = live.state("x", 1);
        assertSame(s, live.actions().mount(s, null));
        assertSame(s, live.actions().onConnect(s, null));
        assertSame(
                s, live.actions().withPageData(s, FieldErrors.of(Map.of("a", "b")), Flash.none()));
    }

    @Test
    void aControllerWithOnlyLifecycleMethodsAnswersNoAction() throws Exception {
        Compilation c = compile(SIMPLE_TEMPLATE, controller(act("mount")));
        assertThat(c).succeededWithoutWarnings();
        Live live = load(c);
        assertEquals(Set.of(), live.actions().names());
        assertEquals("mount", get(live.actions().mount(live.state("", 0), null), "last"));
        assertThrows(
                Actions.UnknownActionException.class, () -> live.run("mount", live.state("", 0)));
    }

    @Test
    void withPageDataReplacesFieldErrorsAndFlashComponentsInOrder() throws Exception {
        String state =
                """
        package app;

        import io.github.livetemplate.runtime.FieldErrors;
        import io.github.livetemplate.runtime.Flash;
        import io.github.livetemplate.LiveTemplate;
        import java.util.List;

        @LiveTemplate("todo.tmpl")
        public record TodoState(String last, FieldErrors errors, int count, Flash flash,
            List<String> items) {}
        """;
        Compilation c =
                compileWithState(
                        state,
                        SIMPLE_TEMPLATE,
                        controller(
                                """
        public TodoState add(TodoState s, Context ctx) {
          return s;
        }
        """));
        assertThat(c).succeededWithoutWarnings();
        Live live = load(c);
        Actions<Object> actions = live.actions();
        List<String> items = List.of("a");
        Object s = live.state("t", FieldErrors.none(), 7, Flash.none(), items);
        FieldErrors errors = FieldErrors.of(Map.of("title", "required"));
        Flash flash = Flash.of(Map.of("saved", "Saved"));
        Object next = actions.withPageData(s, errors, flash);
        assertNotSame(s, next);
        assertEquals("t", get(next, "last"));
        assertSame(errors, get(next, "errors"));
        assertEquals(7, get(next, "count"));
        assertSame(flash, get(next, "flash"));
        assertSame(items, get(next, "items"));
        // Unchanged page data: the same state comes back.
        assertSame(next, actions.withPageData(next, errors, flash));
    }

    @Test
    void withPageDataWithOnlyAFlashComponent() throws Exception {
        String state =
                """
        package app;

        import io.github.livetemplate.runtime.Flash;
        import io.github.livetemplate.LiveTemplate;

        @LiveTemplate("todo.tmpl")
        public record TodoState(Flash flash, String last) {}
        """;
        Compilation c =
                compileWithState(
                        state,
                        "<p>{{.Last}}</p>",
                        controller(
                                """
        public TodoState add(TodoState s, Context ctx) {
          return s;
        }
        """));
        assertThat(c).succeededWithoutWarnings();
        Live live = load(c);
        Actions<Object> actions = live.actions();
        Object s = live.state(Flash.none(), "x");
        Flash flash = Flash.of(Map.of("k", "v"));
        Object next = actions.withPageData(s, FieldErrors.of(Map.of("a", "b")), flash);
        assertSame(flash, get(next, "flash"));
        assertEquals("x", get(next, "last"));
    }
}
