package io.github.livetemplate.processor.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TagReaderTest {

    private static List<Tag> tags(TagReader r) {
        return r.tokens().stream().filter(t -> t instanceof Tag).map(t -> (Tag) t).toList();
    }

    @Test
    void aQuotedGreaterThanDoesNotEndTheTag() {
        TagReader r = new TagReader(HtmlTokenizer.GO_RAW_TEXT);
        r.text("<li title=\"a>b\" data-key=\"", 10);
        r.dynamic("ID");
        r.text("\">x</li>", 40);
        List<Tag> tags = tags(r);
        assertEquals(2, tags.size());
        Tag li = tags.get(0);
        assertEquals("li", li.name());
        assertEquals(10, li.offset());
        assertEquals("a>b", li.first("title").text());
        assertEquals(21, li.first("title").textOffset());
        Attr key = li.first("data-key");
        assertTrue(key.quoted() && key.dynamic());
        assertEquals(List.of(new Attr.Part.Dynamic("ID")), key.value());
        assertTrue(tags.get(1).end());
        assertEquals(43, tags.get(1).offset());
    }

    @Test
    void dynamicAfterEqualsStartsAnUnquotedValueAndBareAttributesHaveNone() {
        TagReader r = new TagReader(HtmlTokenizer.GO_RAW_TEXT);
        r.text("<input checked value=", 0);
        r.dynamic("V");
        r.text(" name=x/>", 30);
        Tag input = tags(r).get(0);
        assertTrue(input.first("checked").bare());
        assertEquals(HtmlTokenizer.Quote.UNQUOTED, input.first("value").quote());
        assertTrue(input.first("value").dynamic());
        assertEquals("x/", input.first("name").text());
        assertFalse(input.selfClosing());
    }

    @Test
    void commentsAndRawTextHideTags() {
        TagReader r = new TagReader(HtmlTokenizer.BROWSER_RAW_TEXT);
        r.text("<!-- <a> --><script>if (a<b) x = '<b>'</script><xmp><i></xmp><br/>", 0);
        assertEquals(
                List.of("script", "/script", "xmp", "/xmp", "br"),
                tags(r).stream().map(t -> (t.end() ? "/" : "") + t.name()).toList());
        assertTrue(tags(r).get(4).selfClosing());
    }

    @Test
    void tagsAndAttributesWithDynamicNamesAreLeftOut() {
        TagReader r = new TagReader(HtmlTokenizer.GO_RAW_TEXT);
        r.text("<a data-", 0);
        r.dynamic("N");
        r.text("=1 href=\"/x\"><", 20);
        r.dynamic("T");
        r.text(">", 40);
        List<Tag> tags = tags(r);
        assertEquals(1, tags.size());
        assertEquals(List.of("href"), tags.get(0).attrs().stream().map(Attr::name).toList());
    }
}
