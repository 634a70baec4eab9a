package io.github.livetemplate.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import io.github.livetemplate.processor.ProcessorHarness.GeneratedLoader;
import io.github.livetemplate.runtime.generated.Actions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code @LiveController} tests' app: a {@code TodoState} record reading {@code app/todo.tmpl}
 * and a {@code TodoController} made of the members a test gives; compiled with {@link
 * ProcessorHarness}, and the generated dispatcher loaded.
 */
abstract class ControllerFixture {
    static final String PATH = "app/todo.tmpl";

    static final String STATE =
            """
      package app;

      import io.github.livetemplate.LiveTemplate;

      @LiveTemplate("todo.tmpl")
      public record TodoState(String last, int count) {}
      """;

    /** The file error messages name: the template as written under the template root. */
    String file() {
        return root.resolve(PATH).toString();
    }

    static final String SIMPLE_TEMPLATE = "<h1>{{.Last}}</h1>\n<p>{{.Count}}</p>\n";

    @TempDir Path root;

    /** An action method named {@code name} returning a state whose {@code last} is its name. */
    static String act(String name) {
        return "public TodoState "
                + name
                + "(TodoState s, Context ctx) {\n"
                + "  return new TodoState(\""
                + name
                + "\", s.count() + 1);\n}\n";
    }

    static JavaFileObject controller(String... members) {
        StringBuilder b =
                new StringBuilder(
                        """
        package app;

        import io.github.livetemplate.Action;
        import io.github.livetemplate.runtime.Context;
        import io.github.livetemplate.LiveController;

        @LiveController
        public class TodoController {
        """);
        for (String m : members) {
            b.append(m.indent(2)).append('\n');
        }
        b.append("}\n");
        return JavaFileObjects.forSourceString("app.TodoController", b.toString());
    }

    /** {@code template} with the standard state record and {@code sources}. */
    Compilation compile(String template, JavaFileObject... sources) {
        return compileWithState(STATE, template, sources);
    }

    Compilation compileWithState(String state, String template, JavaFileObject... sources) {
        return compileWith(List.of(), state, template, sources);
    }

    Compilation compileWith(
            List<String> options, String state, String template, JavaFileObject... sources) {
        List<JavaFileObject> all = new ArrayList<>();
        all.add(JavaFileObjects.forSourceString("app.TodoState", state));
        all.addAll(List.of(sources));
        return new ProcessorHarness(root).compile(PATH, template, options, all);
    }

    // ------------------------------------------------------------------ errors

    static List<String> errors(Compilation c) {
        return ProcessorHarness.errors(c);
    }

    /** The first line of each error. */
    static List<String> errorLines(Compilation c) {
        return c.errors().stream().map(ControllerFixture::firstLine).toList();
    }

    /** {@code line:col name} of each unknown-action error. */
    static List<String> where(Compilation c) {
        Pattern p =
                Pattern.compile(
                        "^.*/"
                                + Pattern.quote(PATH)
                                + ":(\\d+:\\d+): \\w+ has no action \"([^\"]*)\"");
        List<String> out = new ArrayList<>();
        for (Diagnostic<? extends JavaFileObject> d : c.errors()) {
            Matcher m = p.matcher(d.getMessage(Locale.ROOT));
            out.add(m.find() ? m.group(1) + " " + m.group(2) : d.getMessage(Locale.ROOT));
        }
        return out;
    }

    static String firstLine(Diagnostic<? extends JavaFileObject> d) {
        return d.getMessage(Locale.ROOT).split("\n", 2)[0];
    }

    static Diagnostic<? extends JavaFileObject> onlyError(Compilation c) {
        assertEquals(1, c.errors().size(), () -> String.join("\n---\n", errors(c)));
        return c.errors().get(0);
    }

    static void assertHas(List<String> errors, String fragment) {
        assertTrue(
                errors.stream().anyMatch(e -> e.contains(fragment)),
                () ->
                        "no error containing\n  "
                                + fragment
                                + "\namong\n  "
                                + String.join("\n  ", errors));
    }

    // ------------------------------------------------------------------ generated classes

    static Object get(Object record, String component) throws Exception {
        return record.getClass().getMethod(component).invoke(record);
    }

    /** The generated dispatcher of the standard test controller, loaded and instantiated. */
    static Live load(Compilation c) throws Exception {
        return load(c, "app.TodoController", "app.TodoControllerLive");
    }

    static Live load(Compilation c, String controllerClass, String liveClass) throws Exception {
        GeneratedLoader loader = new GeneratedLoader(c);
        Class<?> ctrl = loader.loadClass(controllerClass);
        Object controller = ctrl.getConstructor().newInstance();
        @SuppressWarnings("unchecked")
        Actions<Object> actions =
                (Actions<Object>)
                        loader.loadClass(liveClass).getConstructor(ctrl).newInstance(controller);
        return new Live(loader, controller, actions);
    }

    /** A loaded controller and its dispatcher. */
    record Live(GeneratedLoader loader, Object controller, Actions<Object> actions) {
        /** A {@code TodoState} of these components, whatever the test's record declares. */
        Object state(Object... components) throws Exception {
            return ProcessorHarness.newRecord(loader, "app.TodoState", components);
        }

        Object run(String name, Object state) throws Exception {
            return actions.run(name, state, null);
        }
    }
}
