package io.github.livetemplate.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import io.github.livetemplate.testing.ClientOracle;
import io.github.livetemplate.testing.GoOracle;
import io.github.livetemplate.testing.OracleCheck;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Template sets: a record's main file, its {@code include}s and the {@code @TemplateLibrary} files
 * of its packages are parsed together as Go's {@code template.ParseFiles}. Given the two ways Go
 * apps split a page (the content calls a layout in another file; the layout is the main file and a
 * later file fills its {@code block}), a library on {@code package-info} and one in a jar on the
 * class path, the page equals Go's for several states and the client follows the trees and diffs;
 * errors name the file, line and column they are in.
 */
class TemplateSetTest {
    private static final String STATE =
            """
            package ts;

            import io.github.livetemplate.LiveTemplate;
            import java.util.List;

            @LiveTemplate(value = "%s", include = {%s})
            public record TsState(String title, int count, List<String> items) {}
            """;

    private static final String CONTENT =
            """
            {{template "layout" .}}
            {{define "content"}}<p>{{.Title}}</p>{{range .Items}}<i data-key="{{.}}">{{.}}</i>{{end}}{{end}}
            """;
    private static final String LAYOUT =
            """
            {{define "layout"}}<main>{{template "content" .}}</main>
            <footer>{{template "lvt:note:v1" .}}</footer>{{end}}
            {{define "lvt:note:v1"}}<small>{{.Count}} of {{len .Items}}</small>{{end}}
            """;
    private static final String BLOCK_LAYOUT =
            """
            <main>{{block "content" .}}<p>nothing here</p>{{end}}</main>
            <aside>{{template "side.html" .}}</aside>
            """;
    private static final String PAGE =
            """
            {{define "content"}}<h1>{{.Title}}</h1>{{range .Items}}<i data-key="{{.}}">{{.}}</i>{{end}}{{end}}
            """;
    private static final String SIDE = "<b>{{.Count}}</b>";

    @TempDir static Path root;
    private static GoOracle go;
    private static ClientOracle client;

    @BeforeAll
    static void start() {
        go = GoOracle.start();
        client = ClientOracle.start();
    }

    @AfterAll
    static void stop() {
        go.close();
        client.close();
    }

    private static void write(String path, String text) throws IOException {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    private static String state(String value, String... includes) {
        List<String> quoted = new ArrayList<>();
        for (String i : includes) {
            quoted.add("\"" + i + "\"");
        }
        return STATE.formatted(value, String.join(", ", quoted));
    }

    private static Compilation compile(
            String main, String text, List<File> classPath, JavaFileObject... sources) {
        List<JavaFileObject> all = new ArrayList<>(List.of(sources));
        try {
            write(main, text);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        Compiler javac =
                Compiler.javac()
                        .withProcessors(new LiveTemplateProcessor())
                        .withOptions("-Alivetemplate.templateRoot=" + root);
        if (!classPath.isEmpty()) {
            javac = javac.withClasspath(classPath);
        }
        return javac.compile(all);
    }

    private static Compilation compile(String main, String text, String source) {
        return compile(
                main, text, List.of(), JavaFileObjects.forSourceString("ts.TsState", source));
    }

    private static List<Object[]> states() {
        return List.of(
                new Object[] {"first", 1, List.of("a", "b")},
                new Object[] {"<second & more>", 2, List.of("b", "c", "d")},
                new Object[] {"", 0, List.of()},
                new Object[] {"first", 3, List.of("d", "a")});
    }

    /** The page equals Go's for every state, and the client follows the tree and every diff. */
    private static void matchesGoAndClient(
            Compilation c, List<GoOracle.File> goFiles, String goMain) throws Exception {
        assertThat(c).succeededWithoutWarnings();
        ProcessorHarness.Rendering r =
                new ProcessorHarness.Rendering(
                        new ProcessorHarness.GeneratedLoader(c), "ts.TsState");
        client.reset();
        Object prev = null;
        for (Object[] components : states()) {
            Object s = r.state(components);
            String html = OracleCheck.innerHtml(r.renderer.html(s));
            assertEquals(go.render(goFiles, goMain, s, null), html);
            String update = prev == null ? r.renderer.tree(s) : r.renderer.diff(prev, s);
            assertEquals(html, client.apply(update), update);
            prev = s;
        }
    }

    @Test
    void theContentCallsALayoutDefinedInAnIncludedFile() throws Exception {
        write("shared/layout.html", LAYOUT);

        Compilation c =
                compile("ts/content.html", CONTENT, state("content.html", "/shared/layout.html"));

        matchesGoAndClient(
                c,
                List.of(
                        new GoOracle.File("content.html", CONTENT),
                        new GoOracle.File("layout.html", LAYOUT)),
                "content.html");
    }

    @Test
    void aLaterFileFillsTheLayoutsBlockAndAFileIsATemplateNamedAfterIt() throws Exception {
        write("ts/page.html", PAGE);
        write("ts/side.html", SIDE);

        Compilation c =
                compile(
                        "ts/layout.html",
                        BLOCK_LAYOUT,
                        state("layout.html", "page.html", "side.html"));

        matchesGoAndClient(
                c,
                List.of(
                        new GoOracle.File("layout.html", BLOCK_LAYOUT),
                        new GoOracle.File("page.html", PAGE),
                        new GoOracle.File("side.html", SIDE)),
                "layout.html");
    }

    @Test
    void aLibraryOnAnOuterPackageServesEveryRecordBelowIt() throws Exception {
        String library =
                "{{define \"lvt:toast:container:v1\"}}<div class=\"toast\">{{.}}</div>{{end}}";
        write("tl/toasts.tmpl", library);
        String main = "<p>{{template \"lvt:toast:container:v1\" .Title}}</p>";
        String source =
                """
                package tl.app;

                import io.github.livetemplate.LiveTemplate;
                import java.util.List;

                @LiveTemplate("t.html")
                public record TsState(String title, int count, List<String> items) {}
                """;
        Compilation c =
                compile(
                        "tl/app/t.html",
                        main,
                        List.of(),
                        JavaFileObjects.forSourceString("tl.app.TsState", source),
                        JavaFileObjects.forSourceString(
                                "tl.package-info",
                                "@io.github.livetemplate.TemplateLibrary(\"toasts.tmpl\")"
                                        + " package tl;"));

        assertThat(c).succeededWithoutWarnings();
        ProcessorHarness.Rendering r =
                new ProcessorHarness.Rendering(
                        new ProcessorHarness.GeneratedLoader(c), "tl.app.TsState");
        Object s = r.state("saved <ok>", 0, List.of());
        assertEquals(
                go.render(
                        List.of(new GoOracle.File("t", main), new GoOracle.File("l", library)),
                        "t",
                        s,
                        null),
                OracleCheck.innerHtml(r.renderer.html(s)));
    }

    @Test
    void aComponentFromAJarOnTheClassPathIsFoundAndUsed() throws Exception {
        String component = "{{define \"jar:badge\"}}<span class=\"badge\">{{.}}</span>{{end}}";
        Path jar = root.resolve("components.jar");
        try (OutputStream out = Files.newOutputStream(jar);
                JarOutputStream j = new JarOutputStream(out)) {
            j.putNextEntry(new JarEntry("jarlib/components.tmpl"));
            j.write(component.getBytes(StandardCharsets.UTF_8));
            j.closeEntry();
        }
        List<File> classPath = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            classPath.add(new File(entry));
        }
        classPath.add(jar.toFile());
        String main = "<h1>{{.Title}} {{template \"jar:badge\" .Count}}</h1>";

        Compilation c =
                compile(
                        "ts/jar.html",
                        main,
                        classPath,
                        JavaFileObjects.forSourceString(
                                "ts.TsState", state("jar.html", "/jarlib/components.tmpl")));

        assertThat(c).succeededWithoutWarnings();
        ProcessorHarness.Rendering r =
                new ProcessorHarness.Rendering(
                        new ProcessorHarness.GeneratedLoader(c), "ts.TsState");
        Object s = r.state("Inbox", 3, List.of());
        assertEquals(
                go.render(
                        List.of(new GoOracle.File("t", main), new GoOracle.File("c", component)),
                        "t",
                        s,
                        null),
                OracleCheck.innerHtml(r.renderer.html(s)));
        // Not recorded for the Maven plugin: it has no file to compare a jar's template with.
        String inputs =
                c.generatedFile(
                                StandardLocation.CLASS_OUTPUT,
                                "",
                                "META-INF/livetemplate/inputs/ts.TsState.properties")
                        .orElseThrow()
                        .getCharContent(true)
                        .toString();
        assertTrue(inputs.contains("template.0=ts/jar.html\n"), inputs);
        assertTrue(!inputs.contains("jarlib"), inputs);
    }

    @Test
    void everyFileOfTheSetIsRecordedForTheStalenessCheck() throws Exception {
        write("shared/layout.html", LAYOUT);

        Compilation c =
                compile("ts/content.html", CONTENT, state("content.html", "/shared/layout.html"));

        assertThat(c).succeeded();
        String inputs =
                c.generatedFile(
                                StandardLocation.CLASS_OUTPUT,
                                "",
                                "META-INF/livetemplate/inputs/ts.TsState.properties")
                        .orElseThrow()
                        .getCharContent(true)
                        .toString();
        assertTrue(inputs.contains("template.0=ts/content.html\n"), inputs);
        assertTrue(inputs.contains("template.1=shared/layout.html\n"), inputs);
        assertTrue(
                inputs.contains("template.1.sha256=" + TemplateInputs.sha256(LAYOUT) + "\n"),
                inputs);
    }

    // ------------------------------------------------------------------ errors

    /** One error whose first line starts with {@code file:line:col: } and contains {@code text}. */
    private static void assertErrorAt(Compilation c, String path, int line, int col, String text) {
        assertThat(c).failed();
        String header = root.resolve(path) + ":" + line + ":" + col + ": ";
        List<String> errors = ProcessorHarness.errors(c);
        assertTrue(
                errors.stream()
                        .anyMatch(
                                e -> {
                                    String first = e.lines().findFirst().orElse("");
                                    return first.startsWith(header) && e.contains(text);
                                }),
                "no error at " + header + " containing " + text + ":\n" + errors);
    }

    /**
     * A mistake in a set of files: the other files of the set ({@code path=text} pairs), the main
     * file and its text, and where the one error is reported.
     */
    record SetError(
            String name,
            List<String> files,
            String main,
            String text,
            String at,
            int line,
            int col,
            String message) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<SetError> setErrors() {
        return List.of(
                new SetError(
                        "an error in an included file points at that file",
                        List.of("bad.html={{define \"layout\"}}\n<p>{{.Nope}}</p>{{end}}\n"),
                        "main.html",
                        "{{template \"layout\" .}}",
                        "bad.html",
                        2,
                        6,
                        "Nope"),
                new SetError(
                        "a syntax error in an included file points at that file",
                        List.of("broken.html=<p>\n  {{if .Title}}</p>\n"),
                        "main2.html",
                        "<p>x</p>",
                        "broken.html",
                        2,
                        5,
                        "unexpected EOF: missing {{end}} for {{if}}"),
                new SetError(
                        "two definitions of one name are an error naming both",
                        List.of(
                                "one.html={{define \"card\"}}<p>one</p>{{end}}",
                                "two.html=\n  {{define \"card\"}}<p>two</p>{{end}}"),
                        "main3.html",
                        "{{template \"card\" .}}",
                        "two.html",
                        2,
                        5,
                        "template \"card\" is defined twice: here and at {root}/ts/one.html:1:3"),
                new SetError(
                        "a later block over an earlier definition is an error",
                        List.of("blocky.html=<main>{{block \"content\" .}}default{{end}}</main>"),
                        "main4.html",
                        "{{template \"blocky.html\" .}}{{define \"content\"}}mine{{end}}",
                        "blocky.html",
                        1,
                        9,
                        "list the file with the {{block}} before"),
                new SetError(
                        "an undefined template is an error with a suggestion",
                        List.of("defs.html={{define \"header\"}}h{{end}}"),
                        "main6.html",
                        "{{template \"headr\" .}}",
                        "main6.html",
                        1,
                        3,
                        "did you mean \"header\""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("setErrors")
    void aMistakeInASetIsOneErrorAtItsFileLineAndColumn(SetError e) throws IOException {
        // given the other files of the set
        List<String> includes = new ArrayList<>();
        for (String f : e.files()) {
            String name = f.substring(0, f.indexOf('='));
            write("ts/" + name, f.substring(name.length() + 1));
            includes.add(name);
        }

        // when the record with the main file and the set is compiled
        Compilation c =
                compile(
                        "ts/" + e.main(),
                        e.text(),
                        state(e.main(), includes.toArray(String[]::new)));

        // then one error, at the place of the mistake
        assertThat(c).hadErrorCount(1);
        assertErrorAt(
                c,
                "ts/" + e.at(),
                e.line(),
                e.col(),
                e.message().replace("{root}", root.toString()));
    }

    @Test
    void anEmptyRedefinitionKeepsTheEarlierOne() throws Exception {
        write("ts/empty.html", "{{define \"content\"}}  {{end}}");
        write("ts/full.html", "{{define \"content\"}}<p>{{.Title}}</p>{{end}}");

        Compilation c =
                compile(
                        "ts/main5.html",
                        "{{template \"content\" .}}",
                        state("main5.html", "full.html", "empty.html"));

        assertThat(c).succeededWithoutWarnings();
        ProcessorHarness.Rendering r =
                new ProcessorHarness.Rendering(
                        new ProcessorHarness.GeneratedLoader(c), "ts.TsState");
        assertEquals(r.wrapped("<p>t</p>"), r.html("t", 0, List.of()));
    }

    @Test
    void aMissingIncludedFileIsAnError() {
        Compilation missing =
                compile("ts/main7.html", "<p></p>", state("main7.html", "nowhere.html"));

        assertThat(missing).failed();
        assertTrue(
                ProcessorHarness.errors(missing).stream()
                        .anyMatch(
                                e ->
                                        e.toLowerCase(Locale.ROOT)
                                                .contains("template ts/nowhere.html not found")),
                ProcessorHarness.errors(missing).toString());
    }
}
