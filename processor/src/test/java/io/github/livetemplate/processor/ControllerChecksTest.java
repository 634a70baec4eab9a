package io.github.livetemplate.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Checks on the controller class and its methods: signatures, modifiers, one state record, unique
 * and allowed action names.
 */
class ControllerChecksTest extends ControllerFixture {
    @Test
    void wrongActionSignaturesExplainTheExpectedShape() {
        Compilation c =
                compile(
                        SIMPLE_TEMPLATE,
                        controller(
                                act("ok"),
                                """
        public TodoState noContext(TodoState s) {
          return s;
        }

        public void noResult(TodoState s, Context ctx) {
        }

        public TodoState extra(TodoState s, Context ctx, int n) {
          return s;
        }

        public String wrongResult(TodoState s, Context ctx) {
          return "";
        }

        @Action("go")
        public TodoState annotated(Context ctx) {
          return null;
        }

        public TodoState swapped(Context ctx, TodoState s) {
          return s;
        }
        """));
        assertThat(c).failed();
        List<String> errors = errors(c);
        assertHas(
                errors,
                "action noContext has the wrong signature: expected public TodoState "
                        + "noContext(TodoState state, Context ctx), found public TodoState noContext(TodoState)");
        assertHas(
                errors,
                "action noResult has the wrong signature: expected public TodoState "
                        + "noResult(TodoState state, Context ctx), found public void noResult(TodoState, Context)");
        assertHas(errors, "action extra has the wrong signature");
        assertHas(
                errors,
                "found public String wrongResult(TodoState, Context) (it must return the "
                        + "new state");
        assertHas(errors, "action annotated has the wrong signature");
        assertHas(errors, "action swapped has the wrong signature");
        assertEquals(6, errors.size(), String.join("\n", errors));
    }

    @Test
    void staticOrNonPublicActionsAreErrors() {
        Compilation c =
                compile(
                        SIMPLE_TEMPLATE,
                        controller(
                                act("ok"),
                                """
        public static TodoState shared(TodoState s, Context ctx) {
          return s;
        }

        @Action("hidden")
        TodoState hidden(TodoState s, Context ctx) {
          return s;
        }
        """));
        assertThat(c).failed();
        List<String> errors = errors(c);
        assertHas(errors, "action shared cannot be static");
        assertHas(errors, "action hidden must be public");
        assertEquals(2, errors.size(), String.join("\n", errors));
    }

    @Test
    void wrongLifecycleSignatures() {
        Compilation c =
                compile(
                        SIMPLE_TEMPLATE,
                        controller(
                                act("ok"),
                                """
        public void mount(TodoState s, Context ctx) {
        }

        public TodoState onDisconnect(TodoState s, Context ctx) {
          return s;
        }

        public TodoState onConnect(TodoState s) {
          return s;
        }
        """));
        assertThat(c).failed();
        List<String> errors = errors(c);
        assertHas(
                errors,
                "lifecycle method mount has the wrong signature: expected public TodoState "
                        + "mount(TodoState state, Context ctx), found public void mount(TodoState, Context)");
        assertHas(
                errors,
                "lifecycle method onDisconnect has the wrong signature: expected public "
                        + "void onDisconnect(TodoState state, Context ctx)");
        assertHas(errors, "lifecycle method onConnect has the wrong signature");
        assertEquals(3, errors.size(), String.join("\n", errors));
    }

    @Test
    void onDisconnectCannotThrowCheckedExceptionsAndLifecycleCannotBeAnAction() {
        Compilation c =
                compile(
                        SIMPLE_TEMPLATE,
                        controller(
                                act("ok"),
                                """
        public void onDisconnect(TodoState s, Context ctx) throws Exception {
        }

        @Action("start")
        public TodoState mount(TodoState s, Context ctx) {
          return s;
        }
        """));
        assertThat(c).failed();
        List<String> errors = errors(c);
        assertHas(errors, "onDisconnect cannot throw checked exceptions");
        assertHas(errors, "mount is a lifecycle method, not an action");
    }

    @Test
    void recordWithoutLiveTemplateIsExplained() {
        JavaFileObject other =
                JavaFileObjects.forSourceString(
                        "app.Plain", "package app; public record Plain(int n) {}");
        Compilation c =
                compile(
                        SIMPLE_TEMPLATE,
                        other,
                        controller(
                                act("ok"),
                                """
        public Plain other(Plain s, Context ctx) {
          return s;
        }
        """));
        assertThat(c).failed();
        assertHas(errors(c), "(Plain is a record but has no @LiveTemplate annotation)");
    }

    @Test
    void allMethodsMustUseOneStateRecord() {
        JavaFileObject other =
                JavaFileObjects.forSourceString(
                        "app.OtherState",
                        """
        package app;

        @io.github.livetemplate.LiveTemplate("todo.tmpl")
        public record OtherState(String last, int count) {}
        """);
        Compilation c =
                compile(
                        SIMPLE_TEMPLATE,
                        other,
                        controller(
                                act("add"),
                                """
        public OtherState remove(OtherState s, Context ctx) {
          return s;
        }
        """));
        assertThat(c).failed();
        assertHas(
                errors(c),
                "all actions and lifecycle methods of TodoController must use one state "
                        + "record: remove uses OtherState but add uses TodoState");
    }

    @Test
    void twoMethodsClaimingOneNameAreAnError() {
        Compilation c =
                compile(
                        SIMPLE_TEMPLATE,
                        controller(
                                act("saveDraft"),
                                act("save_draft"),
                                act("delete"),
                                "@Action(\"delete\")\n" + act("remove")));
        assertThat(c).failed();
        List<String> errors = errors(c);
        assertHas(
                errors,
                "action names \"save_draft\", \"saveDraft\", \"save-draft\", \"SaveDraft\" are "
                        + "claimed by both saveDraft() and save_draft()");
        assertHas(errors, "action name \"delete\" is claimed by both delete() and remove()");
    }

    @Test
    void reservedAndEmptyExplicitNamesAreErrors() {
        Compilation c =
                compile(
                        SIMPLE_TEMPLATE,
                        controller(
                                act("ok"),
                                "@Action(\"__ping__\")\n" + act("ping"),
                                "@Action(\"\")\n" + act("nothing")));
        assertThat(c).failed();
        List<String> errors = errors(c);
        assertHas(errors, "action name \"__ping__\" is reserved");
        assertHas(errors, "@Action needs a non-empty name");
    }

    @Test
    void controllerClassShapeIsChecked() {
        JavaFileObject nonPublic =
                JavaFileObjects.forSourceString(
                        "app.Hidden",
                        """
        package app;

        import io.github.livetemplate.runtime.Context;

        @io.github.livetemplate.LiveController
        class Hidden {
          public TodoState a(TodoState s, Context ctx) { return s; }
        }
        """);
        JavaFileObject abstractOne =
                JavaFileObjects.forSourceString(
                        "app.Abstract",
                        """
        package app;

        import io.github.livetemplate.runtime.Context;

        @io.github.livetemplate.LiveController
        public abstract class Abstract {
          public TodoState a(TodoState s, Context ctx) { return s; }
        }
        """);
        JavaFileObject inner =
                JavaFileObjects.forSourceString(
                        "app.Outer",
                        """
        package app;

        import io.github.livetemplate.runtime.Context;

        public class Outer {
          @io.github.livetemplate.LiveController
          public class Inner {
            public TodoState a(TodoState s, Context ctx) { return s; }
          }
        }
        """);
        JavaFileObject empty =
                JavaFileObjects.forSourceString(
                        "app.Empty",
                        """
        package app;

        @io.github.livetemplate.LiveController
        public class Empty {
          public String hello() { return "hi"; }
        }
        """);
        JavaFileObject iface =
                JavaFileObjects.forSourceString(
                        "app.Iface",
                        """
        package app;

        @io.github.livetemplate.LiveController
        public interface Iface {}
        """);
        Compilation c = compile(SIMPLE_TEMPLATE, nonPublic, abstractOne, inner, empty, iface);
        assertThat(c).failed();
        List<String> errors = errors(c);
        assertHas(errors, "@LiveController class Hidden must be public");
        assertHas(errors, "@LiveController class Abstract cannot be abstract");
        assertHas(
                errors,
                "@LiveController class Inner must be a top-level class or a static nested "
                        + "class");
        assertHas(errors, "Empty has no actions");
        assertHas(errors, "@LiveController must annotate a class");
    }
}
