package io.github.livetemplate.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import io.github.livetemplate.processor.ProcessorHarness.GeneratedLoader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * The generated {@code <Controller>Live} class: its source (goldens), its {@code handler} and
 * {@code builder} factories, and state records and templates from the class path.
 */
class GeneratedControllerTest extends ControllerFixture {
    @Test
    void handlerFactoriesHaveTheDocumentedSignatures() throws Exception {
        Compilation c = compile(SIMPLE_TEMPLATE, controller(act("increment")));
        assertThat(c).succeededWithoutWarnings();
        GeneratedLoader loader = new GeneratedLoader(c);
        Class<?> live = loader.loadClass("app.TodoControllerLive");
        Class<?> controller = loader.loadClass("app.TodoController");
        Class<?> state = loader.loadClass("app.TodoState");
        assertTrue(Modifier.isFinal(live.getModifiers()) && Modifier.isPublic(live.getModifiers()));
        Method handler = live.getMethod("handler", controller, state);
        Method builder = live.getMethod("builder", controller, state);
        assertTrue(
                Modifier.isStatic(handler.getModifiers())
                        && Modifier.isStatic(builder.getModifiers()));
        assertEquals(
                "io.github.livetemplate.undertow.LiveHandler", handler.getReturnType().getName());
        assertEquals(
                "io.github.livetemplate.undertow.LiveHandler$Builder",
                builder.getReturnType().getName());
        assertTrue(handler.getGenericReturnType().getTypeName().endsWith("<app.TodoState>"));
        assertTrue(builder.getGenericReturnType().getTypeName().endsWith("<app.TodoState>"));
    }

    @Test
    void withoutTheUndertowModuleOnlyTheDispatcherIsGenerated() throws Exception {
        String classPath = classPathWithoutUndertow();
        Compilation c =
                compileWith(
                        List.of("-classpath", classPath),
                        STATE,
                        SIMPLE_TEMPLATE,
                        controller(act("increment")));
        assertThat(c).succeededWithoutWarnings();
        String source =
                c.generatedSourceFile("app.TodoControllerLive")
                        .orElseThrow()
                        .getCharContent(false)
                        .toString();
        assertFalse(source.contains("LiveHandler"), source);
        Live live = load(c);
        assertFalse(
                List.of(live.actions().getClass().getMethods()).stream()
                        .anyMatch(
                                m ->
                                        m.getName().equals("handler")
                                                || m.getName().equals("builder")));
        assertEquals("increment", get(live.run("increment", live.state("", 0)), "last"));
    }

    @Test
    void codeInTheSameCompilationCanUseTheGeneratedFactories() {
        JavaFileObject app =
                JavaFileObjects.forSourceString(
                        "app.Main",
                        """
        package app;

        import io.github.livetemplate.undertow.LiveHandler;

        public final class Main {
          static LiveHandler<TodoState> page() {
            return TodoControllerLive.builder(new TodoController(), new TodoState("", 0))
                .webSocket(false)
                .build();
          }

          static LiveHandler<TodoState> simple() {
            return TodoControllerLive.handler(new TodoController(), new TodoState("", 0));
          }
        }
        """);
        Compilation c = compile(SIMPLE_TEMPLATE, controller(act("add")), app);
        assertThat(c).succeededWithoutWarnings();
    }

    @Test
    void stateRecordFromAnEarlierCompilationIsReadFromTheClassPath() throws Exception {
        // First compilation: the state record alone, as a library jar would hold it.
        Path lib = root.resolve("lib");
        Compilation first = compileWithState(STATE, SIMPLE_TEMPLATE);
        assertThat(first).succeededWithoutWarnings();
        writeClasses(first, lib);
        Files.createDirectories(lib.resolve("app"));
        Files.writeString(
                lib.resolve(PATH), "<button name=\"delet\">x</button>", StandardCharsets.UTF_8);
        List<File> classpath = classPathWith(lib);
        Compilation second =
                Compiler.javac()
                        .withProcessors(new LiveTemplateProcessor())
                        .withClasspath(classpath)
                        .compile(controller(act("delete")));
        // The template comes from the class path too, and is checked.
        assertThat(second).failed();
        ProcessorHarness.assertOnlyError(
                second,
                lib.resolve(PATH).toString(),
                "<button name=\"delet\">x</button>",
                1,
                15,
                "TodoController has no action \"delet\" (did you mean \"delete\"?)");
        Files.writeString(
                lib.resolve(PATH), "<button name=\"delete\">x</button>", StandardCharsets.UTF_8);
        Compilation ok =
                Compiler.javac()
                        .withProcessors(new LiveTemplateProcessor())
                        .withClasspath(classpath)
                        .compile(controller(act("delete")));
        assertThat(ok).succeededWithoutWarnings();
    }

    @Test
    void stateRecordFromTheClassPathWithoutItsTemplateIsAWarning() throws Exception {
        Path lib = root.resolve("lib");
        Compilation first = compileWithState(STATE, SIMPLE_TEMPLATE);
        writeClasses(first, lib);
        List<File> classpath = classPathWith(lib);
        Compilation c =
                Compiler.javac()
                        .withProcessors(new LiveTemplateProcessor())
                        .withClasspath(classpath)
                        .compile(controller(act("delete")));
        assertThat(c).succeeded();
        assertThat(c)
                .hadWarningContaining(
                        "the actions TodoController needs were not checked against "
                                + "its template: template app/todo.tmpl not found");
    }

    @Test
    void generatedSourceMatchesGolden() throws IOException {
        String state =
                """
        package app;

        import io.github.livetemplate.runtime.FieldErrors;
        import io.github.livetemplate.runtime.Flash;
        import io.github.livetemplate.LiveTemplate;
        import java.util.List;

        @LiveTemplate("todo.tmpl")
        public record TodoState(String title, List<String> items, FieldErrors errors,
            Flash flash) {}
        """;
        String template =
                """
        <form name="add"><input name="text"><button>Add</button></form>
        <ul>{{range .Items}}<li data-key="{{.}}">{{.}} <button name="remove" value="{{.}}">x</button></li>{{end}}</ul>
        <button lvt-on:click="clear-done">Clear done</button>
        """;
        Compilation c =
                compileWithState(
                        state,
                        template,
                        controller(
                                """
        public TodoState mount(TodoState s, Context ctx) {
          return s;
        }

        public TodoState add(TodoState s, Context ctx) {
          return s;
        }

        public TodoState remove(TodoState s, Context ctx) throws Exception {
          return s;
        }

        @Action("clear-done")
        public TodoState clearCompleted(TodoState s, Context ctx) {
          return s;
        }

        public TodoState saveDraft(TodoState s, Context ctx) {
          return s;
        }

        public void onDisconnect(TodoState s, Context ctx) {
        }
        """));
        assertThat(c).succeededWithoutWarnings();
        ProcessorHarness.assertMatchesGolden(
                c, "app.TodoControllerLive", "TodoControllerLive.java.txt");
    }

    @Test
    void generatedSourceWithPersistMatchesGolden() throws IOException {
        String state =
                """
        package app;

        import io.github.livetemplate.runtime.Flash;
        import io.github.livetemplate.LiveTemplate;
        import io.github.livetemplate.Persist;
        import java.util.List;

        @LiveTemplate("todo.tmpl")
        public record TodoState(String title, @Persist List<Item> items, @Persist int done,
            Flash flash, @Persist String filter) {
          public record Item(String text, boolean done) {}
        }
        """;
        JavaFileObject notes =
                JavaFileObjects.forSourceString(
                        "app.NotesController",
                        """
        package app;

        import io.github.livetemplate.runtime.Context;
        import io.github.livetemplate.LiveController;

        @LiveController
        public class NotesController {
          public TodoState add(TodoState s, Context ctx) {
            return s;
          }
        }
        """);
        Compilation c = compileWithState(state, "<h1>{{.Title}}</h1>\n", notes);
        assertThat(c).succeededWithoutWarnings();
        ProcessorHarness.assertMatchesGolden(
                c, "app.NotesControllerLive", "NotesControllerLive.java.txt");
    }

    /** The test class path without the livetemplate-undertow jar (as in a render-only project). */
    private static String classPathWithoutUndertow() throws Exception {
        Path undertow =
                Path.of(
                                io.github.livetemplate.undertow.LiveHandler.class
                                        .getProtectionDomain()
                                        .getCodeSource()
                                        .getLocation()
                                        .toURI())
                        .toAbsolutePath();
        return testClassPath().stream()
                .filter(e -> !e.toPath().toAbsolutePath().equals(undertow))
                .map(File::getPath)
                .collect(Collectors.joining(File.pathSeparator));
    }

    /** The test class path and {@code lib}, as a project depending on a library jar sees it. */
    private static List<File> classPathWith(Path lib) {
        List<File> classpath = new ArrayList<>(testClassPath());
        classpath.add(lib.toFile());
        return classpath;
    }

    private static List<File> testClassPath() {
        return Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(File::new)
                .toList();
    }

    /** The class files of {@code c} under {@code dir}, as a library jar would hold them. */
    private static void writeClasses(Compilation c, Path dir) throws IOException {
        for (JavaFileObject f : c.generatedFiles()) {
            if (f.getKind() == JavaFileObject.Kind.CLASS) {
                String path = f.toUri().getPath();
                Path out = dir.resolve(path.substring(path.indexOf("CLASS_OUTPUT/") + 13));
                Files.createDirectories(out.getParent());
                try (InputStream in = f.openInputStream()) {
                    Files.write(out, in.readAllBytes());
                }
            }
        }
    }
}
