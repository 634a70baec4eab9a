package io.github.livetemplate.benchmarks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import gg.jte.output.Utf8ByteOutput;
import io.github.livetemplate.runtime.Utf8Buffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The render benchmarks compare like with like: both engines produce the same bytes. */
class OutputEqualityTest {

    private static TemplateEngine jteBinary;
    private static TemplateEngine jteString;

    @BeforeAll
    static void engines() {
        jteBinary = Jte.engine(true);
        jteString = Jte.engine(false);
    }

    private static void assertSame(
            String template, Object page, String ours, Utf8Buffer oursBytes) {
        StringOutput s = new StringOutput();
        jteString.render(template, page, s);
        assertEquals(ours, s.toString());
        Utf8ByteOutput b = new Utf8ByteOutput();
        jteBinary.render(template, page, b);
        assertArrayEquals(oursBytes.toByteArray(), b.toByteArray());
        assertArrayEquals(ours.getBytes(StandardCharsets.UTF_8), b.toByteArray());
    }

    @Test
    void todoPageIsByteIdentical() {
        TodoPage page = Fixtures.todoPage();
        TodoPageRenderer r = new TodoPageRenderer();
        String html = r.html(page);
        assertTrue(html.contains("<div data-lvt-id=\"" + r.defaultWrapperId() + "\">"));
        assertTrue(html.contains("buy milk &amp; eggs"));
        assertEquals(100, html.split("data-key=").length - 1);
        Utf8Buffer buf = new Utf8Buffer();
        r.writeHtml(page, r.defaultWrapperId(), false, buf);
        assertSame(Jte.TODOS, page, html, buf);
    }

    @Test
    void stocksPageIsByteIdentical() {
        StocksPage page = Fixtures.stocksPage();
        StocksPageRenderer r = new StocksPageRenderer();
        String html = r.html(page);
        assertTrue(html.contains("class=\"minus\">-0.87<"));
        Utf8Buffer buf = new Utf8Buffer();
        r.writeHtml(page, r.defaultWrapperId(), false, buf);
        assertSame(Jte.STOCKS, page, html, buf);
    }

    @Test
    void diffSetupPasses() {
        // The render benchmarks' setups repeat the checks above (with their own jte engines).
        new DiffBenchmark().setup();
    }
}
