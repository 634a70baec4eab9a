package io.github.livetemplate.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.livetemplate.runtime.generated.Recursion;
import io.github.livetemplate.testing.ClientOracle;
import io.github.livetemplate.testing.GoOracle;
import io.github.livetemplate.testing.OracleCheck;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A template that calls itself (a tree of comments): given random trees, the page equals Go's, the
 * client follows the tree and each diff, a change deep in the tree sends only that change, and a
 * tree deeper than the bound is a clear render error.
 */
class RecursiveTemplateTest {
    private static final String PATH = "rt/t.tmpl";
    private static final String STATE =
            """
            package rt;

            import io.github.livetemplate.LiveTemplate;
            import java.util.List;

            @LiveTemplate("t.tmpl")
            public record RtState(String title, List<Comment> roots) {
              public record Comment(String id, String text, List<Comment> replies) {}
            }
            """;
    private static final String TEMPLATE =
            """
            <h1>{{.Title}}</h1>
            <ul class="thread">{{range .Roots}}<li data-key="{{.ID}}">{{template "comment" .}}</li>{{end}}</ul>
            {{define "comment"}}<p>{{.Text}}</p>
            {{- if .Replies}}<ul>{{range .Replies}}<li data-key="{{.ID}}">{{template "comment" .}}</li>{{end}}</ul>{{end}}
            {{- end}}
            """;

    @TempDir static Path root;
    private static OracleFixture fixture;
    private static GoOracle go;
    private static ClientOracle client;
    private static ProcessorHarness.Rendering r;

    @BeforeAll
    static void start() throws Exception {
        fixture = OracleFixture.start(root, PATH, TEMPLATE, "rt.RtState", STATE);
        go = fixture.go;
        client = fixture.client;
        r = fixture.r;
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    private static Object comment(String id, String text, List<Object> replies) throws Exception {
        return ProcessorHarness.newRecord(
                r.renderer.getClass().getClassLoader(), "rt.RtState$Comment", id, text, replies);
    }

    private static List<Object> tree(Random rnd, String prefix, int depth) throws Exception {
        List<Object> out = new ArrayList<>();
        int n = depth > 4 ? 0 : rnd.nextInt(4);
        String[] texts = {"hi", "a <b> & c", "", "same"};
        for (int i = 0; i < n; i++) {
            String id = prefix + i;
            out.add(comment(id, texts[rnd.nextInt(texts.length)], tree(rnd, id + ".", depth + 1)));
        }
        return out;
    }

    @Test
    void randomTreesAreGosAndTheClientFollowsEveryDiff() throws Exception {
        Random rnd = new Random(8);
        client.reset();
        Object prev = null;
        for (int step = 0; step < 25; step++) {
            Object s = r.state("t" + (step % 3), tree(rnd, "c", 0));
            String html = OracleCheck.innerHtml(r.renderer.html(s));
            assertEquals(go.render(TEMPLATE, s), html, "step " + step);
            String update = prev == null ? r.renderer.tree(s) : r.renderer.diff(prev, s);
            assertEquals(html, client.apply(update), "step " + step + ": " + update);
            prev = s;
        }
    }

    @Test
    void aChangeDeepInTheTreeSendsOnlyThatChange() throws Exception {
        Object before =
                r.state(
                        "t",
                        List.of(
                                comment(
                                        "a",
                                        "top",
                                        List.of(
                                                comment(
                                                        "b",
                                                        "middle",
                                                        List.of(
                                                                comment(
                                                                        "c", "deep",
                                                                        List.of())))))));
        Object after =
                r.state(
                        "t",
                        List.of(
                                comment(
                                        "a",
                                        "top",
                                        List.of(
                                                comment(
                                                        "b",
                                                        "middle",
                                                        List.of(
                                                                comment(
                                                                        "c", "deeper",
                                                                        List.of())))))));
        client.reset();
        client.apply(r.renderer.tree(before));

        String diff = r.renderer.diff(before, after);

        assertTrue(diff.contains("deeper"), diff);
        assertTrue(!diff.contains("top") && !diff.contains("middle"), diff);
        assertEquals(OracleCheck.innerHtml(r.renderer.html(after)), client.apply(diff));
    }

    @Test
    void aTreeDeeperThanTheBoundIsAClearRenderError() throws Exception {
        Object deepest = comment("x", "bottom", List.of());
        for (int i = 0; i < Recursion.MAX_DEPTH + 1; i++) {
            deepest = comment("x" + i, "level", List.of(deepest));
        }
        Object s = r.state("t", List.of(deepest));

        IllegalStateException e =
                assertThrows(IllegalStateException.class, () -> r.renderer.html(s));

        assertEquals(
                "template \"comment\" nests deeper than "
                        + Recursion.MAX_DEPTH
                        + " recursive calls (is the data cyclic?)",
                e.getMessage());
        // The bound is per render: the next render starts at depth 0.
        Object shallow = r.state("t", List.of(comment("y", "fine", List.of())));
        assertTrue(r.renderer.html(shallow).contains("fine"));
    }
}
