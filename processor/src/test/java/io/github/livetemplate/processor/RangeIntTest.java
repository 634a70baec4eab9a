package io.github.livetemplate.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.livetemplate.testing.ClientOracle;
import io.github.livetemplate.testing.OracleCheck;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code range} over an integer n runs its body for 0 … n-1, as Go 1.22's templates do. Debian's Go
 * (1.19) predates it and refuses such templates, so Go cannot be the oracle here: the expected
 * pages are written out, and the client oracle checks the tree and the diffs between counts.
 */
class RangeIntTest {
    private static final String PATH = "ri/t.tmpl";
    private static final String STATE =
            """
            package ri;

            import io.github.livetemplate.LiveTemplate;

            @LiveTemplate("t.tmpl")
            public record RiState(int n, long m, Integer boxed) {}
            """;
    private static final String TEMPLATE =
            "<ul>{{range .N}}<li>{{.}}</li>{{else}}<li>none</li>{{end}}</ul>"
                    + "<p>{{range $i := .M}}[{{$i}}]{{end}}</p>"
                    + "<p>{{range .Boxed}}{{.}}{{end}}</p><p>{{range 2}}x{{end}}</p>";

    @TempDir Path root;

    @Test
    void rendersZeroToNMinusOne() throws Exception {
        ProcessorHarness.Rendering r =
                new ProcessorHarness(root).render(PATH, TEMPLATE, "ri.RiState", STATE);
        assertEquals(
                r.wrapped("<ul><li>0</li><li>1</li><li>2</li></ul><p>[0][1]</p><p>0</p><p>xx</p>"),
                r.html(3, 2L, 1));
        assertEquals(r.wrapped("<ul><li>none</li></ul><p></p><p></p><p>xx</p>"), r.html(0, -4L, 0));
    }

    @Test
    void theClientFollowsTheCounts() throws Exception {
        ProcessorHarness.Rendering r =
                new ProcessorHarness(root).render(PATH, TEMPLATE, "ri.RiState", STATE);
        try (ClientOracle client = ClientOracle.start()) {
            Object prev = r.state(2, 1L, 0);
            assertEquals(
                    OracleCheck.innerHtml(r.renderer.html(prev)),
                    client.apply(r.renderer.tree(prev)));
            for (int[] step : new int[][] {{5, 3, 1}, {1, 0, 4}, {0, 2, 0}, {3, 3, 3}, {3, 3, 3}}) {
                Object next = r.state(step[0], (long) step[1], step[2]);
                String diff = r.renderer.diff(prev, next);
                assertEquals(
                        OracleCheck.innerHtml(r.renderer.html(next)), client.apply(diff), diff);
                prev = next;
            }
            assertEquals("{}", r.renderer.diff(prev, r.state(3, 3L, 3)));
        }
    }

    @Test
    void twoVariablesAreRefused() {
        String t = "{{range $i, $v := .N}}{{$v}}{{end}}";
        ProcessorHarness.assertOnlyError(
                new ProcessorHarness(root).compile(PATH, t, "ri.RiState", STATE),
                root.resolve(PATH).toString(),
                t,
                1,
                3,
                "can't use two variables to range over an integer: declare one, as in {{range $i := n}}");
    }

    @Test
    void aNonIntegerIsStillRefused() {
        String t = "{{range 1.5}}x{{end}}";
        assertThat(new ProcessorHarness(root).compile(PATH, t, "ri.RiState", STATE))
                .hadErrorContaining(
                        "range can't iterate over double: it needs a List, Iterable, array, Map or integer");
    }
}
