package io.github.livetemplate.undertow.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.livetemplate.runtime.Utf8Buffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PageHtmlTest {
    static final String SCRIPT = "<script defer src=\"/p/_lvt/c.js\"></script>";

    static String assemble(String html, int heartbeat) {
        Utf8Buffer b = new Utf8Buffer();
        b.writeUtf8(html);
        return new String(
                PageHtml.assemble(b, "/p/_lvt/c.js", "lvt-1", heartbeat), StandardCharsets.UTF_8);
    }

    @Test
    void scriptGoesBeforeTheHeadEndInAnyCase() {
        assertEquals(
                "<html><head><title>é</title>"
                        + SCRIPT
                        + "</head><body><div data-lvt-id=\"lvt-1\">x</div></body></html>",
                assemble(
                        "<html><head><title>é</title></head><body><div data-lvt-id=\"lvt-1\">x</div></body></html>",
                        -1));
        assertEquals(
                "<HTML><HEAD>" + SCRIPT + "</HEAD ><BODY></BODY></HTML>",
                assemble("<HTML><HEAD></HEAD ><BODY></BODY></HTML>", -1));
    }

    @Test
    void aHeaderIsNotAHead() {
        assertEquals(
                "<html><head>"
                        + SCRIPT
                        + "</head><body><header>h</header><div data-lvt-id=\"lvt-1\">x</div></body></html>",
                assemble(
                        "<html><body><header>h</header><div data-lvt-id=\"lvt-1\">x</div></body></html>",
                        -1));
    }

    @Test
    void fragmentsGetAMinimalDocument() {
        assertEquals(
                "<!DOCTYPE html><html><head><meta charset=\"utf-8\">"
                        + SCRIPT
                        + "</head><body><div data-lvt-id=\"lvt-1\" data-lvt-heartbeat-ms=\"0\"><p>hi</p></div></body></html>",
                assemble("<div data-lvt-id=\"lvt-1\"><p>hi</p></div>", 0));
    }

    @Test
    void heartbeatAttributeOnTheWrapper() {
        assertEquals(
                "<html><head>"
                        + SCRIPT
                        + "</head><body><div data-lvt-id=\"lvt-1\" data-lvt-heartbeat-ms=\"2500\" data-lvt-loading=\"true\"></div></body></html>",
                assemble(
                        "<html><head></head><body><div data-lvt-id=\"lvt-1\" data-lvt-loading=\"true\"></div></body></html>",
                        2500));
    }

    @Test
    void scriptUrlIsEscaped() {
        assertEquals("a&amp;b&#34;&lt;", PageHtml.escapeAttr("a&b\"<"));
    }
}
