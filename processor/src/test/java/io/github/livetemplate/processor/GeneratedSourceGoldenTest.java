package io.github.livetemplate.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generated renderer source of a few representative templates, compared with checked-in goldens
 * under {@code src/test/resources/generated-goldens}. A change to the generator shows up as a
 * readable diff of generated code.
 *
 * <p>To accept new output run with {@code -Dgoldens.update=true}: the goldens are rewritten instead
 * of compared (the folder is {@code -Dlivetemplate.generatedGoldens=<dir>} when set, else {@code
 * src/test/resources/generated-goldens} of the module).
 */
class GeneratedSourceGoldenTest {
    @TempDir Path root;

    @Test
    void counterFragment() throws IOException {
        check(
                "CounterState",
                """
        package gen;

        import io.github.livetemplate.LiveTemplate;

        @LiveTemplate("counter.tmpl")
        public record CounterState(String title, int count) {}
        """,
                "counter.tmpl",
                """
        <div class="counter">
          <h1>{{.Title}}</h1>
          <p>Count: {{.Count}}</p>
          {{if gt .Count 0}}<p class="positive">positive</p>{{else}}<p>not positive</p>{{end}}
          <button lvt-click="increment">+</button>
        </div>
        """);
    }

    @Test
    void fullDocument() throws IOException {
        check(
                "PageState",
                """
        package gen;

        import io.github.livetemplate.LiveTemplate;

        @LiveTemplate("page.tmpl")
        public record PageState(String title, String heading, String body) {}
        """,
                "page.tmpl",
                """
        <!DOCTYPE html>
        <html lang="en">
        <head>
          <meta charset="UTF-8">
          <title>{{.Title}} – Demo</title>
        </head>
        <body>
          <h1>{{.Heading}}</h1>
          <p>{{.Body}}</p>
        </body>
        </html>
        """);
    }

    @Test
    void keyedRangeWithNestedConditionalAndIndex() throws IOException {
        check(
                "TodoListState",
                """
        package gen;

        import io.github.livetemplate.LiveTemplate;
        import java.util.List;

        @LiveTemplate("todos.tmpl")
        public record TodoListState(List<Todo> todos) {
          public record Todo(String id, String text, boolean done) {}
        }
        """,
                "todos.tmpl",
                """
        <ul class="todos">
          {{range $i, $t := .Todos}}
          <li data-key="{{$t.ID}}" class="{{if .Done}}done{{end}}">
            {{$i}}: {{.Text}}{{if .Done}} <s>finished</s>{{else}} <b>open</b>{{end}}
          </li>
          {{else}}
          <li>Nothing to do</li>
          {{end}}
        </ul>
        """);
    }

    @Test
    void withAndDefinedTemplate() throws IOException {
        check(
                "ProfileState",
                """
        package gen;

        import io.github.livetemplate.LiveTemplate;

        @LiveTemplate("profile.tmpl")
        public record ProfileState(User user) {
          public record User(String name, String email) {}
        }
        """,
                "profile.tmpl",
                """
        {{define "card"}}<div class="card"><b>{{.Name}}</b> <a href="mailto:{{.Email}}">{{.Email}}</a></div>{{end}}
        <section>
          {{with .User}}{{template "card" .}}{{else}}<p>Anonymous</p>{{end}}
        </section>
        """);
    }

    @Test
    void templateContextAndAttributeNames() throws IOException {
        check(
                "SignupState",
                """
        package gen;

        import io.github.livetemplate.LiveTemplate;
        import java.util.List;

        @LiveTemplate("signup.tmpl")
        public record SignupState(String email, List<String> tags) {}
        """,
                "signup.tmpl",
                """
        <form method="get">
          {{.lvt.FlashTag "saved"}}
          <input name="email" value="{{.Email}}" {{.lvt.AriaInvalid "email"}}>
          {{.lvt.ErrorTag "email"}}
          <ul>{{range .Tags}}<li data-key="{{.}}">{{.}}{{if $.lvt.HasError .}} !{{end}}</li>{{end}}</ul>
          <button {{.lvt.AriaDisabled "email" "tags"}}>Sign up</button>
        </form>
        """);
    }

    private void check(String record, String source, String templateName, String template)
            throws IOException {
        Compilation compilation =
                new ProcessorHarness(root)
                        .compile("gen/" + templateName, template, "gen." + record, source);
        assertThat(compilation).succeededWithoutWarnings();
        String renderer = record + "Renderer";
        ProcessorHarness.assertMatchesGolden(
                compilation, "gen." + renderer, renderer + ".java.txt");
    }
}
