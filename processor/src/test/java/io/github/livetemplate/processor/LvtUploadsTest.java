package io.github.livetemplate.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.livetemplate.runtime.TemplateContext;
import io.github.livetemplate.runtime.TemplateContext.UploadEntry;
import io.github.livetemplate.testing.ClientOracle;
import io.github.livetemplate.testing.OracleCheck;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The upload helpers of {@code .lvt} resolve by the {@link TemplateContext} type like the others:
 * given a template that lists {@code .lvt.Uploads "docs"} with every entry field, shows {@code
 * .lvt.HasUploadError}/{@code .lvt.UploadError} and {@code .lvt.UploadPreview}, then the page shows
 * the entries escaped, the client rebuilds it from the tree and from diffs as progress changes, and
 * an unchanged context diffs to nothing.
 */
class LvtUploadsTest {
    private static final String PATH = "lu/t.tmpl";
    private static final String STATE =
            """
            package lu;

            import io.github.livetemplate.LiveTemplate;

            @LiveTemplate("t.tmpl")
            public record LuState(String title) {}
            """;
    static final String TEMPLATE =
            """
            <h1>{{.Title}}</h1>
            {{.lvt.UploadPreview "avatar"}}
            {{if .lvt.HasUploadError "docs"}}<p role="alert">{{.lvt.UploadError "docs"}}</p>{{end}}
            <ul>{{range .lvt.Uploads "docs"}}<li data-key="{{.ID}}" data-type="{{.ClientType}}">{{.ClientName}} {{.ClientSize}} {{.Progress}}%{{if .Done}} done{{end}}{{if not .Valid}} invalid: {{.Error}}{{end}}</li>{{end}}</ul>
            """;

    @TempDir static Path root;
    private static ClientOracle client;
    private static ProcessorHarness.Rendering r;

    @BeforeAll
    static void start() throws Exception {
        client = ClientOracle.start();
        r = new ProcessorHarness(root).render(PATH, TEMPLATE, "lu.LuState", STATE);
    }

    @AfterAll
    static void stop() {
        client.close();
    }

    static UploadEntry entry(String id, String name, int progress, boolean done, String error) {
        return new UploadEntry(
                id, name, "text/plain", 1000, progress, done, error.isEmpty(), error);
    }

    static TemplateContext with(UploadEntry... entries) {
        return TemplateContext.empty().withUploads(Map.of("docs", List.of(entries)));
    }

    static final List<TemplateContext> CONTEXTS =
            List.of(
                    TemplateContext.empty(),
                    with(entry("e1", "a.txt", 0, false, ""), entry("e2", "<b>.txt", 0, false, "")),
                    with(entry("e1", "a.txt", 40, false, ""), entry("e2", "<b>.txt", 0, false, "")),
                    with(
                            entry("e1", "a.txt", 100, true, ""),
                            entry("e2", "<b>.txt", 0, false, "too many files: at most 1")),
                    TemplateContext.empty());

    @Test
    void thePageShowsTheEntriesEscaped() throws Exception {
        Object s = r.state("Files");
        String html = OracleCheck.innerHtml(r.renderer.html(s, CONTEXTS.get(3)));
        assertTrue(
                html.contains("<img data-lvt-upload-preview=\"avatar\" alt=\"\">"),
                "preview: " + html);
        assertTrue(html.contains("<p role=\"alert\">too many files: at most 1</p>"), html);
        assertTrue(
                html.contains(
                        "<li data-key=\"e1\" data-type=\"text/plain\">a.txt 1000 100% done</li>"),
                html);
        assertTrue(
                html.contains("&lt;b&gt;.txt 1000 0% invalid: too many files: at most 1</li>"),
                html);
        String empty = OracleCheck.innerHtml(r.renderer.html(s, TemplateContext.empty()));
        assertFalse(empty.contains("role=\"alert\""), empty);
        assertFalse(empty.contains("<li"), empty);
    }

    @Test
    void theClientFollowsTreesAndDiffsAsProgressChanges() throws Exception {
        Object s = r.state("Files");
        client.reset();
        TemplateContext prev = CONTEXTS.get(0);
        assertEquals(
                OracleCheck.innerHtml(r.renderer.html(s, prev)),
                client.apply(r.renderer.tree(s, prev)));
        for (TemplateContext c : CONTEXTS) {
            String diff = r.renderer.diff(s, prev, s, c);
            assertEquals(OracleCheck.innerHtml(r.renderer.html(s, c)), client.apply(diff), diff);
            assertEquals("{}", r.renderer.diff(s, c, s, c));
            prev = c;
        }
    }
}
