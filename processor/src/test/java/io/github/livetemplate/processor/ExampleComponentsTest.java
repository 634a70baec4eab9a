package io.github.livetemplate.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import io.github.livetemplate.runtime.TemplateContext;
import io.github.livetemplate.testing.ClientOracle;
import io.github.livetemplate.testing.GoOracle;
import io.github.livetemplate.testing.OracleCheck;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The examples' component library ({@code examples/src/main/resources/components}: a toast
 * container and a confirmation dialog) as a {@code @TemplateLibrary}: given the counter page's use
 * of both, for every dialog state and flash context the page equals Go's {@code html/template}
 * output for the same files and data, and the client follows the tree and each diff.
 */
class ExampleComponentsTest {
    private static final Path COMPONENTS = componentsDir();
    private static final List<String> FILES = List.of("toast.tmpl", "confirm.tmpl");

    /** The counter page's body, as in {@code examples/…/counter/counter.tmpl}. */
    private static final String PAGE =
            """
            <h1><output id="count">{{.Count}}</output></h1>
            <form method="POST"><button name="clear">Reset</button></form>
            {{with .Confirm}}{{template "ui:confirm:v1" .}}{{end}}
            {{template "ui:toast:v1" .}}
            """;

    @TempDir static Path root;
    private static GoOracle go;
    private static ClientOracle client;
    private static ProcessorHarness.Rendering r;
    private static List<GoOracle.File> goFiles;

    private static Path componentsDir() {
        Path dir = Path.of(System.getProperty("user.dir"));
        Path module = Files.isDirectory(dir.resolve("src/test")) ? dir : dir.resolve("processor");
        return module.resolveSibling("examples").resolve("src/main/resources/components");
    }

    @BeforeAll
    static void start() throws Exception {
        goFiles = new ArrayList<>();
        goFiles.add(new GoOracle.File("page", PAGE));
        for (String f : FILES) {
            String text = Files.readString(COMPONENTS.resolve(f), StandardCharsets.UTF_8);
            Path target = root.resolve("components").resolve(f);
            Files.createDirectories(target.getParent());
            Files.writeString(target, text, StandardCharsets.UTF_8);
            goFiles.add(new GoOracle.File(f, text));
        }
        Files.createDirectories(root.resolve("exc"));
        Files.writeString(root.resolve("exc/page.html"), PAGE, StandardCharsets.UTF_8);
        Compilation c =
                Compiler.javac()
                        .withProcessors(new LiveTemplateProcessor())
                        .withOptions("-Alivetemplate.templateRoot=" + root)
                        .compile(
                                JavaFileObjects.forSourceString(
                                        "exc.package-info",
                                        "@io.github.livetemplate.TemplateLibrary({"
                                                + "\"/components/toast.tmpl\","
                                                + " \"/components/confirm.tmpl\"}) package exc;"),
                                JavaFileObjects.forSourceString(
                                        "exc.Counter",
                                        """
                                        package exc;

                                        @io.github.livetemplate.LiveTemplate("page.html")
                                        public record Counter(int count, Confirm confirm) {
                                          public record Confirm(String question) {}
                                        }
                                        """));
        assertThat(c).succeededWithoutWarnings();
        r = new ProcessorHarness.Rendering(new ProcessorHarness.GeneratedLoader(c), "exc.Counter");
        go = GoOracle.start();
        client = ClientOracle.start();
    }

    @AfterAll
    static void stop() {
        go.close();
        client.close();
    }

    private Object state(int count, String question) throws Exception {
        Object confirm =
                question == null
                        ? null
                        : ProcessorHarness.newRecord(
                                r.renderer.getClass().getClassLoader(),
                                "exc.Counter$Confirm",
                                question);
        return r.state(count, confirm);
    }

    private static Map<String, String> map(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void theDialogAndTheToastsAreGosAndTheClientFollowsEveryStep() throws Exception {
        List<Object> states =
                List.of(
                        state(2, null),
                        state(2, "Reset the counter to 0?"),
                        state(0, null),
                        state(5, "Really <reset> & \"go\"?"),
                        state(5, null));
        List<TemplateContext> contexts =
                List.of(
                        TemplateContext.empty(),
                        TemplateContext.empty(),
                        TemplateContext.of(Map.of(), map("info", "Counter reset from 2."), false),
                        TemplateContext.of(
                                Map.of(), map("error", "Failed <b>", "info", "i'nfo"), false),
                        TemplateContext.empty());
        client.reset();
        Object prev = null;
        TemplateContext prevCtx = null;
        for (int i = 0; i < states.size(); i++) {
            Object s = states.get(i);
            TemplateContext c = contexts.get(i);
            Map<String, Object> lvt = new LinkedHashMap<>();
            lvt.put("errors", c.errors());
            lvt.put("flash", c.allFlash());
            lvt.put("devMode", false);
            String html = OracleCheck.innerHtml(r.renderer.html(s, c));
            // The hidden fields the processor adds to POST forms (html/FormFields) are not Go's.
            assertEquals(
                    go.render(goFiles, "page", s, lvt),
                    html.replaceAll(
                            "<input type=\"hidden\" name=\"lvt-[a-z-]+\" value=\"[^\"]*\">", ""),
                    "step " + i);
            String update =
                    prev == null ? r.renderer.tree(s, c) : r.renderer.diff(prev, prevCtx, s, c);
            assertEquals(html, client.apply(update), "step " + i + ": " + update);
            prev = s;
            prevCtx = c;
        }
    }
}
