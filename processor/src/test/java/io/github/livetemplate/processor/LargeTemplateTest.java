package io.github.livetemplate.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.livetemplate.runtime.LiveRenderer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A ~200 KB template with non-ASCII text compiles (its static HTML must not become one string
 * constant or one method: "constant string too long", "code too large") and renders exactly.
 */
class LargeTemplateTest {
    private static final String NAME = "Tom & <Jerry> \"ü\"";
    private static final String NAME_ESCAPED = "Tom &amp; &lt;Jerry&gt; &#34;ü&#34;";
    private static final int COUNT = 42;

    @TempDir Path root;

    @Test
    void largeTemplateCompilesAndRendersExactly() throws Exception {
        StringBuilder template = new StringBuilder();
        StringBuilder expected = new StringBuilder();
        // The first static run is long and has a surrogate pair straddling the generator's
        // 8000-char chunk boundary (chars 7999 and 8000).
        StringBuilder head = new StringBuilder("<div class=\"big\">\n");
        while (head.length() < 7999) {
            head.append(head.length() % 80 == 79 ? '\n' : 'a');
        }
        head.append("🎉 Größe\n");
        append(template, expected, head.toString());
        for (int i = 0; template.length() < 200_000; i++) {
            String line =
                    "<p class=\"row-"
                            + i
                            + "\">Zeile "
                            + i
                            + ": Grüße aus Köln — 日本語のテキスト 🎉 "
                            + "ελληνικά, русский, עברית; <em>&amp; &lt;entities&gt;</em></p>\n";
            append(template, expected, line);
            if (i % 40 == 0) {
                template.append("<h2>{{.Name}} ({{.Count}})</h2>\n");
                expected.append("<h2>")
                        .append(NAME_ESCAPED)
                        .append(" (")
                        .append(COUNT)
                        .append(")</h2>\n");
            }
        }
        append(template, expected, "</div>\n");
        assertTrue(
                template.length() >= 200_000 && template.length() <= 220_000,
                "size " + template.length());

        ProcessorHarness.Rendering big =
                new ProcessorHarness(root)
                        .render(
                                "large/big.tmpl",
                                template.toString(),
                                "large.BigState",
                                """
            package large;

            import io.github.livetemplate.LiveTemplate;

            @LiveTemplate("big.tmpl")
            public record BigState(String name, int count) {}
            """);
        LiveRenderer<Object> renderer = big.renderer;
        Object state = big.state(NAME, COUNT);
        String html = renderer.html(state);
        String want = big.wrapped(expected.toString());
        assertEquals(want.length(), html.length(), "length");
        assertEquals(want, html);

        Object other = big.state("Ann", COUNT);
        String diff = renderer.diff(state, other);
        assertTrue(diff.contains("\"Ann\""), diff);
        assertEquals("{}", renderer.diff(state, state));
    }

    private static void append(StringBuilder template, StringBuilder expected, String html) {
        template.append(html);
        expected.append(html);
    }
}
