package io.github.livetemplate.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import io.github.livetemplate.processor.controller.ActionNames;
import io.github.livetemplate.runtime.Context;
import io.github.livetemplate.runtime.generated.Actions;
import java.util.List;
import java.util.Set;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * The generated dispatcher runs the controller's actions under every derived spelling of their
 * names, or the one an {@code @Action} gives.
 */
class ControllerDispatchTest extends ControllerFixture {
    @Test
    void dispatchesEveryNameVariantToItsMethod() throws Exception {
        Compilation c =
                compile(
                        SIMPLE_TEMPLATE,
                        controller(act("saveDraft"), act("delete"), act("loadHTMLPage")));
        assertThat(c).succeededWithoutWarnings();
        Live live = load(c);
        assertEquals(
                Set.of(
                        "saveDraft",
                        "save_draft",
                        "save-draft",
                        "SaveDraft",
                        "delete",
                        "Delete",
                        "loadHTMLPage",
                        "load_html_page",
                        "load-html-page",
                        "LoadHTMLPage"),
                live.actions().names());
        for (String name : List.of("saveDraft", "save_draft", "save-draft", "SaveDraft")) {
            Object next = live.run(name, live.state("start", 1));
            assertEquals("saveDraft", get(next, "last"), name);
            assertEquals(2, get(next, "count"), name);
        }
        assertEquals("delete", get(live.run("Delete", live.state("", 0)), "last"));
        assertEquals("loadHTMLPage", get(live.run("load-html-page", live.state("", 0)), "last"));
        // Lookups are exact, like Go.
        for (String wrong : List.of("savedraft", "SAVE_DRAFT", "save draft", "", "DELETE")) {
            Actions.UnknownActionException e =
                    assertThrows(
                            Actions.UnknownActionException.class,
                            () -> live.run(wrong, live.state("", 0)));
            assertTrue(e.getMessage().contains("\"" + wrong + "\""), e.getMessage());
        }
    }

    @Test
    void explicitActionNameReplacesTheDerivedNames() throws Exception {
        Compilation c =
                compile(
                        SIMPLE_TEMPLATE,
                        controller(
                                "@Action(\"clear-done\")\n" + act("clearCompleted"), act("add")));
        assertThat(c).succeededWithoutWarnings();
        Live live = load(c);
        assertEquals(Set.of("clear-done", "add", "Add"), live.actions().names());
        assertEquals("clearCompleted", get(live.run("clear-done", live.state("", 0)), "last"));
        assertThrows(
                Actions.UnknownActionException.class,
                () -> live.run("clearCompleted", live.state("", 0)));
    }

    @Test
    void aServerOnlyActionRunsForTheServerAndIsRefusedFromAClient() throws Exception {
        Compilation c =
                compile(
                        SIMPLE_TEMPLATE,
                        controller("@Action(serverOnly = true)\n" + act("refresh"), act("add")));
        assertThat(c).succeededWithoutWarnings();
        Live live = load(c);
        assertTrue(live.actions().names().contains("refresh"), "keeps its derived names");
        Object state = live.state("", 0);
        Context server = Context.builder("refresh").serverCall(true).build();
        assertEquals("refresh", get(live.actions().run("refresh", state, server), "last"));
        Context client = Context.builder("refresh").build();
        Actions.ServerOnlyActionException e =
                assertThrows(
                        Actions.ServerOnlyActionException.class,
                        () -> live.actions().run("refresh", state, client));
        assertEquals("action \"refresh\" is run by the server only", e.getMessage());
        assertEquals("add", get(live.actions().run("add", state, client), "last"), "others run");
    }

    @Test
    void actionsMayThrowAndTheExceptionReachesTheRuntime() throws Exception {
        Compilation c =
                compile(
                        SIMPLE_TEMPLATE,
                        controller(
                                """
        public TodoState fail(TodoState s, Context ctx) throws java.io.IOException {
          throw new java.io.IOException("disk full");
        }
        """));
        assertThat(c).succeededWithoutWarnings();
        Live live = load(c);
        java.io.IOException e =
                assertThrows(java.io.IOException.class, () -> live.run("fail", live.state("", 0)));
        assertEquals("disk full", e.getMessage());
    }

    @Test
    void inheritedAndStaticNestedControllersWork() throws Exception {
        JavaFileObject base =
                JavaFileObjects.forSourceString(
                        "app.BaseController",
                        """
        package app;

        import io.github.livetemplate.runtime.Context;

        public abstract class BaseController {
          public TodoState reset(TodoState s, Context ctx) {
            return new TodoState("reset", 0);
          }
        }
        """);
        JavaFileObject outer =
                JavaFileObjects.forSourceString(
                        "app.Pages",
                        """
        package app;

        import io.github.livetemplate.runtime.Context;
        import io.github.livetemplate.LiveController;

        public final class Pages {
          @LiveController
          public static class Todos extends BaseController {
            public TodoState add(TodoState s, Context ctx) {
              return new TodoState("add", s.count() + 1);
            }
          }
        }
        """);
        Compilation c = compile(SIMPLE_TEMPLATE, base, outer);
        assertThat(c).succeededWithoutWarnings();
        Live live = load(c, "app.Pages$Todos", "app.TodosLive");
        Actions<Object> actions = live.actions();
        assertEquals(Set.of("add", "Add", "reset", "Reset"), actions.names());
        Object s = live.state("", 5);
        assertEquals("reset", get(actions.run("reset", s, null), "last"));
    }

    @Test
    void derivedNames() {
        assertEquals(
                List.of("saveDraft", "save_draft", "save-draft", "SaveDraft"),
                ActionNames.derived("saveDraft"));
        assertEquals(List.of("inc", "Inc"), ActionNames.derived("inc"));
        assertEquals(
                List.of("loadHTMLPage", "load_html_page", "load-html-page", "LoadHTMLPage"),
                ActionNames.derived("loadHTMLPage"));
        assertEquals(
                List.of("step2Go", "step2_go", "step2-go", "Step2Go"),
                ActionNames.derived("step2Go"));
        assertEquals("clearDone", ActionNames.methodFor("clear-done"));
        assertEquals("saveDraft", ActionNames.methodFor("SaveDraft"));
        assertEquals(null, ActionNames.methodFor("persist:x"));
    }
}
