package io.github.livetemplate.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.livetemplate.runtime.TemplateContext;
import io.github.livetemplate.testing.ClientOracle;
import io.github.livetemplate.testing.GoOracle;
import io.github.livetemplate.testing.OracleCheck;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code .lvt} resolves in every template without the record declaring it: given a template that
 * reads every method of the context (in attributes, text, conditionals, a range row through {@code
 * $.lvt} and a called template), then for several contexts the page equals Go's {@code
 * html/template} output with Go livetemplate's context, the client rebuilds it from the tree and
 * from diffs between contexts, a diff re-sends only the slots whose value changed, and {@code
 * html(state)} without a context renders the empty one.
 */
class LvtContextTest {
    private static final String PATH = "lv/t.tmpl";
    private static final String STATE =
            """
            package lv;

            import io.github.livetemplate.LiveTemplate;
            import java.util.List;

            @LiveTemplate("t.tmpl")
            public record LvState(String email, List<String> items) {}
            """;
    static final String TEMPLATE =
            """
            <form method="get">
              {{.lvt.FlashTag "success"}}{{.lvt.FlashTag "error"}}
              <input name="email" value="{{.Email}}" {{.lvt.AriaInvalid "email"}}>
              {{.lvt.ErrorTag "email"}}
              {{if .lvt.HasError "name"}}<p class="err">{{.lvt.Error "name"}}</p>{{end}}
              <button type="submit" {{.lvt.AriaDisabled "email" "name"}}>Save</button>
            </form>
            {{if .lvt.HasAnyFlash}}<ul>{{range $k, $v := .lvt.AllFlash}}<li data-key="{{$k}}">{{$k}}: {{$v}}</li>{{end}}</ul>{{end}}
            <p>{{len .lvt.Errors}} errors{{if .lvt.HasAnyError}}!{{end}}{{if .lvt.DevMode}} (dev){{end}} {{.lvt.HasFlash "info"}}</p>
            {{range .Items}}<span data-key="{{.}}">{{.}} {{$.lvt.Flash "info"}}</span>{{end}}
            {{template "sub" .}}
            {{define "sub"}}<em>{{.lvt.Error "email"}}</em>{{end}}
            """;

    @TempDir static Path root;
    private static OracleFixture fixture;
    private static GoOracle go;
    private static ClientOracle client;
    private static ProcessorHarness.Rendering r;

    @BeforeAll
    static void start() throws Exception {
        fixture = OracleFixture.start(root, PATH, TEMPLATE, "lv.LvState", STATE);
        go = fixture.go;
        client = fixture.client;
        r = fixture.r;
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    private static Map<String, String> map(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    /** The contexts every test walks through, in order. */
    static final List<TemplateContext> CONTEXTS =
            List.of(
                    TemplateContext.empty(),
                    TemplateContext.of(map("email", "bad <email> & \"quoted\""), Map.of(), false),
                    TemplateContext.of(
                            map("name", "required"),
                            map("success", "Saved & done", "info", "i'nfo"),
                            false),
                    TemplateContext.of(
                            map("email", "x", "name", "y"), map("error", "Failed <b>"), true),
                    TemplateContext.empty());

    private static String goPage(Object state, TemplateContext c) {
        Map<String, Object> lvt = new LinkedHashMap<>();
        lvt.put("errors", c.errors());
        lvt.put("flash", c.allFlash());
        lvt.put("devMode", c.devMode());
        return go.render(List.of(new GoOracle.File("t", TEMPLATE)), "t", state, lvt);
    }

    @Test
    void pagesAreGosForEveryContext() throws Exception {
        Object state = r.state("me@example.com", List.of("a", "b"));
        for (TemplateContext c : CONTEXTS) {
            assertEquals(
                    goPage(state, c),
                    OracleCheck.innerHtml(r.renderer.html(state, c)),
                    c.toString());
        }
    }

    @Test
    void withoutTheRuntimeTheContextIsEmpty() throws Exception {
        Object state = r.state("e", List.of("a"));
        assertEquals(r.renderer.html(state, TemplateContext.empty()), r.renderer.html(state));
        assertEquals(r.renderer.html(state, null), r.renderer.html(state));
        assertEquals(r.renderer.tree(state, TemplateContext.empty()), r.renderer.tree(state));
        assertEquals(
                goPage(state, TemplateContext.empty()),
                OracleCheck.innerHtml(r.renderer.html(state)));
    }

    @Test
    void theClientFollowsTreesAndDiffsBetweenContexts() throws Exception {
        Object s1 = r.state("me", List.of("a", "b"));
        Object s2 = r.state("you", List.of("b", "c", "d"));
        client.reset();
        Object prev = s1;
        TemplateContext prevCtx = CONTEXTS.get(0);
        assertEquals(
                OracleCheck.innerHtml(r.renderer.html(prev, prevCtx)),
                client.apply(r.renderer.tree(prev, prevCtx)));
        int step = 0;
        for (TemplateContext c : CONTEXTS) {
            for (Object next : List.of(s1, s2)) {
                String diff = r.renderer.diff(prev, prevCtx, next, c);
                assertEquals(
                        OracleCheck.innerHtml(r.renderer.html(next, c)),
                        client.apply(diff),
                        "step " + step + ": " + diff);
                assertEquals("{}", r.renderer.diff(next, c, next, c));
                prev = next;
                prevCtx = c;
                step++;
            }
        }
    }

    @Test
    void aChangedErrorResendsOnlyTheSlotsThatReadIt() throws Exception {
        Object s = r.state("me", List.of("a", "b"));
        TemplateContext nameError = TemplateContext.of(map("name", "required"), Map.of(), false);
        String diff = r.renderer.diff(s, TemplateContext.empty(), s, nameError);
        assertTrue(diff.contains("required"), diff);
        assertTrue(diff.contains("aria-disabled"), diff);
        assertFalse(diff.contains("aria-invalid"), diff); // the email field's slot did not change
        assertFalse(diff.contains("\"d\":"), diff); // nor the rows of the range
        TemplateContext sameContent = TemplateContext.of(map("name", "required"), Map.of(), false);
        assertEquals("{}", r.renderer.diff(s, nameError, s, sameContent));
    }
}
