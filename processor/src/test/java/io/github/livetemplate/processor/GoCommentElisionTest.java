package io.github.livetemplate.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.livetemplate.testing.ClientOracle;
import io.github.livetemplate.testing.GoOracle;
import io.github.livetemplate.testing.OracleCheck;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Comments in {@code <script>} ({@code /* … *\/} and {@code //}) and {@code <style>} are elided as
 * Go's escaper elides them: given each template, the page equals Go's {@code html/template} output
 * for the same data, and the client rebuilds the same HTML from the tree.
 */
class GoCommentElisionTest {
    private static final String PATH = "cm/t.tmpl";
    private static final String STATE =
            """
            package cm;

            import io.github.livetemplate.LiveTemplate;

            @LiveTemplate("t.tmpl")
            public record CmState(String v, int n) {}
            """;

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

    record Case(String name, String template) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> templates() {
        return Stream.of(
                new Case("jsBlockComment", "<script>a/**/b /* c */ d</script>"),
                new Case("jsMultiLineBlockIsANewline", "<script>a /* one\ntwo */ b</script>"),
                new Case("jsLineCommentKeepsItsNewline", "<script>a // c\nb</script>"),
                new Case("jsLineCommentToTheEndTag", "<script>var x = 1 // end</script><p>x</p>"),
                new Case("jsSlashesInStringsStay", "<script>var s = \"//no /* no */\";</script>"),
                new Case("jsSlashesInTemplateLiteralStay", "<script>var s = `//no`;</script>"),
                new Case(
                        "jsCommentsAroundValues",
                        "<script>/* a */ var v = {{.V}}; // b\nvar n = {{.N}}; /* c\n */</script>"),
                new Case("jsDivisionStays", "<script>var q = 4 / 2 / 1;</script>"),
                new Case("cssBlockComment", "<style>/* a */ p { color: red } /* b\nc */</style>"),
                new Case("cssLineComment", "<style>// a\np{} q { x: 1 } // b</style>"),
                new Case(
                        "cssCommentsAroundValues",
                        "<style>/* a */ p { color: {{.V}} } /* b */</style>"),
                new Case(
                        "cssUrlIsNotAComment",
                        "<style>p { background: url(http://x.test/a.png) } /* c */</style>"),
                new Case(
                        "cssQuotedUrlIsNotAComment",
                        "<style>p { background: url( \"//x.test/a.png\" ) }</style>"),
                new Case(
                        "commentsInAttributesStay",
                        "<p style=\"a: b /* c */\" onclick=\"f() // z\">{{.V}}</p>"),
                new Case(
                        "commentAcrossAValueFreeDocument",
                        "<!DOCTYPE html><html><head><style>/* head */ p{}</style>"
                                + "<script>// head\nvar a = 1;</script></head>"
                                + "<body><script>/* body */</script><p>{{.V}}</p></body></html>"),
                new Case(
                        "commentsInsideABranch",
                        "<script>{{if .N}}/* yes */ var a = {{.N}};{{else}}// no\n{{end}}</script>"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("templates")
    void pageIsGosAndTheClientAgrees(Case c) throws Exception {
        ProcessorHarness.Rendering r =
                new ProcessorHarness(root).render(PATH, c.template(), "cm.CmState", STATE);
        for (Object[] components : List.of(new Object[] {"x&y", 3}, new Object[] {"it's", 0})) {
            Object state = r.state(components);
            String want = go.render(c.template(), Map.of("V", components[0], "N", components[1]));
            String html = r.renderer.html(state);
            String inner = OracleCheck.innerHtml(html);
            if (c.template().startsWith("<!DOCTYPE")) {
                assertEquals(
                        want,
                        html.replaceFirst("<div data-lvt-id=\"[^\"]*\">", "")
                                .replace("</div></body>", "</body>"),
                        c.name());
            } else {
                assertEquals(want, inner, c.name());
            }
            client.reset();
            assertEquals(inner, client.apply(r.renderer.tree(state)), c.name() + " tree");
        }
    }
}
