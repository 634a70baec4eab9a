package io.github.livetemplate.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
 * {@code {{if c}}{{continue}}{{end}}} and {@code {{if c}}{{break}}{{end}}} at the start of a range
 * body: given random lists, the page equals Go's (Go 1.18+ has both), and the client follows the
 * trees and diffs; a skipped row writes nothing, where Go writes the white space before the guard.
 */
class BreakContinueTest {
    private static final String PATH = "bc/t.tmpl";
    private static final String STATE =
            """
            package bc;

            import io.github.livetemplate.LiveTemplate;
            import java.util.List;

            @LiveTemplate("t.tmpl")
            public record BcState(List<Item> items, int limit) {
              public record Item(String id, String text, boolean hidden, int rank) {}
            }
            """;
    private static final String TEMPLATE =
            """
            <ul class="visible">
            {{- range .Items}}{{if .Hidden}}{{continue}}{{end}}{{/* skip */}}
              <li data-key="{{.ID}}">{{.Text}}</li>
            {{- end}}
            </ul>
            <ol>{{range .Items}}{{if ge .Rank $.Limit}}{{break}}{{end}}<li data-key="{{.ID}}">{{.Rank}}</li>{{end}}</ol>
            <p>{{range .Items -}}
              {{if .Hidden}}{{continue}}{{end}}
              {{- if eq .Text "stop"}}{{continue}}{{end -}}
              <i data-key="{{.ID}}">{{.Text}}</i>{{end}}</p>
            """;

    @TempDir static Path root;
    private static OracleFixture fixture;
    private static GoOracle go;
    private static ClientOracle client;
    private static ProcessorHarness.Rendering r;

    @BeforeAll
    static void start() throws Exception {
        fixture = OracleFixture.start(root, PATH, TEMPLATE, "bc.BcState", STATE);
        go = fixture.go;
        client = fixture.client;
        r = fixture.r;
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    private static Object state(Random rnd) throws Exception {
        List<Object> items = new ArrayList<>();
        int n = rnd.nextInt(6);
        for (int i = 0; i < n; i++) {
            String[] texts = {"a", "b<", "stop", "c d"};
            items.add(
                    ProcessorHarness.newRecord(
                            r.renderer.getClass().getClassLoader(),
                            "bc.BcState$Item",
                            "k" + rnd.nextInt(10) + "-" + i,
                            texts[rnd.nextInt(texts.length)],
                            rnd.nextInt(3) == 0,
                            rnd.nextInt(5)));
        }
        return r.state(items, rnd.nextInt(5));
    }

    @Test
    void pagesAreGosAndTheClientFollows() throws Exception {
        Random rnd = new Random(7);
        client.reset();
        Object prev = state(rnd);
        assertEquals(
                OracleCheck.innerHtml(r.renderer.html(prev)), client.apply(r.renderer.tree(prev)));
        for (int step = 0; step < 40; step++) {
            Object next = state(rnd);
            String html = OracleCheck.innerHtml(r.renderer.html(next));
            assertEquals(go.render(TEMPLATE, next), html, "step " + step);
            String diff = r.renderer.diff(prev, next);
            assertEquals(html, client.apply(diff), "step " + step + ": " + diff);
            prev = next;
        }
    }

    @Test
    void aSkippedRowWritesNothingWhereGoWritesTheWhiteSpaceBeforeTheGuard() throws Exception {
        String t =
                "<p>{{range .Items}} {{if .Hidden}}{{continue}}{{end}}<b data-key=\"{{.ID}}\">{{.Text}}</b>{{end}}</p>";
        ProcessorHarness.Rendering spaced =
                new ProcessorHarness(root).render(PATH, t, "bc.BcState", STATE);
        ClassLoader loader = spaced.renderer.getClass().getClassLoader();
        Object s =
                spaced.state(
                        List.of(
                                ProcessorHarness.newRecord(
                                        loader, "bc.BcState$Item", "1", "x", true, 0),
                                ProcessorHarness.newRecord(
                                        loader, "bc.BcState$Item", "2", "y", false, 0)),
                        0);
        assertEquals(
                "<p> <b data-key=\"2\">y</b></p>", OracleCheck.innerHtml(spaced.renderer.html(s)));
        assertEquals("<p>  <b data-key=\"2\">y</b></p>", go.render(t, s));
    }
}
