package io.github.livetemplate.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.livetemplate.processor.html.FormFields;
import io.github.livetemplate.runtime.engine.CsrfTokens;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every {@code <form method="post">} gets its hidden CSRF field (and routing fields) at compile
 * time; other forms are left alone (docs/runtime.md, "Security").
 */
class FormFieldsTest {
    @TempDir Path root;

    private static final String SOURCE =
            """
            package gen;

            import io.github.livetemplate.LiveTemplate;

            @LiveTemplate("f.tmpl")
            public record F(String title, String method) {}
            """;

    private static final String CSRF =
            "<input type=\"hidden\" name=\"lvt-csrf\" value=\"~lvt-csrf-token~\">";

    @Test
    void thePlaceholderIsTheRuntimes() {
        assertEquals(CsrfTokens.PLACEHOLDER, FormFields.TOKEN_PLACEHOLDER);
    }

    @Test
    void postFormsGetTheirHiddenFields() throws Exception {
        record Case(String template, String html) {}
        List<Case> cases =
                List.of(
                        new Case(
                                "<form method=\"post\"><button name=\"go\">Go</button></form>",
                                "<form method=\"post\">"
                                        + CSRF
                                        + "<button name=\"go\">Go</button></form>"),
                        new Case(
                                "<form METHOD=POST name=\"add\" class=\"{{.Title}}\"></form>",
                                "<form METHOD=POST name=\"add\" class=\"t\">"
                                        + CSRF
                                        + "<input type=\"hidden\" name=\"lvt-form\" value=\"add\"></form>"),
                        new Case(
                                "<form method=\"post\" lvt-on:submit=\"save\" lvt-form:no-intercept>"
                                        + "</form>",
                                "<form method=\"post\" lvt-on:submit=\"save\" lvt-form:no-intercept>"
                                        + CSRF
                                        + "<input type=\"hidden\" name=\"lvt-action\" value=\"save\">"
                                        + "</form>"),
                        new Case(
                                "{{if .Title}}<form method=\"post\"></form>{{end}}",
                                "<form method=\"post\">" + CSRF + "</form>"),
                        new Case("<form method=\"get\"></form>", "<form method=\"get\"></form>"),
                        new Case("<form></form>", "<form></form>"),
                        new Case(
                                "<form method=\"{{.Method}}\"></form>",
                                "<form method=\"post\"></form>"),
                        new Case(
                                "<p>&lt;form method=post&gt;</p>",
                                "<p>&lt;form method=post&gt;</p>"));
        ProcessorHarness h = new ProcessorHarness(root);
        for (Case c : cases) {
            ProcessorHarness.Rendering r = h.render("gen/f.tmpl", c.template(), "gen.F", SOURCE);
            assertEquals(r.wrapped(c.html()), r.html("t", "post"), c.template());
        }
    }
}
