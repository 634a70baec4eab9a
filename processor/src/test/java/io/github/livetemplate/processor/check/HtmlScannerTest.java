package io.github.livetemplate.processor.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.livetemplate.processor.check.HtmlContext.AttrKind;
import io.github.livetemplate.processor.check.HtmlContext.CssState;
import io.github.livetemplate.processor.check.HtmlContext.Delim;
import io.github.livetemplate.processor.check.HtmlContext.JsState;
import io.github.livetemplate.processor.check.HtmlContext.State;
import io.github.livetemplate.processor.check.HtmlContext.UrlPart;
import io.github.livetemplate.processor.check.HtmlScanner.Escaping;
import io.github.livetemplate.processor.check.HtmlScanner.Escaping.Kind;
import io.github.livetemplate.processor.check.HtmlScanner.ScanResult;
import io.github.livetemplate.processor.check.HtmlScanner.TagEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class HtmlScannerTest {

    private static final Pattern ACTION = Pattern.compile("\\{\\{[^}]*}}");

    /** What the processor does: scan each static piece, ask at each {{...}}, carry on. */
    private static final class Walk {
        final List<Escaping> slots = new ArrayList<>();
        final StringBuilder output = new StringBuilder();
        HtmlContext end;
    }

    private static Walk walk(String template) {
        Walk w = new Walk();
        HtmlContext ctx = HtmlContext.text();
        Matcher m = ACTION.matcher(template);
        int from = 0;
        while (m.find()) {
            ScanResult r = HtmlScanner.scan(ctx, template.substring(from, m.start()));
            w.output.append(r.output()).append("|");
            ctx = r.end();
            w.slots.add(HtmlScanner.escapingFor(ctx));
            ctx = HtmlScanner.afterDynamic(ctx);
            from = m.end();
        }
        ScanResult r = HtmlScanner.scan(ctx, template.substring(from));
        w.output.append(r.output());
        w.end = r.end();
        return w;
    }

    private static Escaping only(String template) {
        List<Escaping> slots = walk(template).slots;
        assertEquals(1, slots.size(), template);
        return slots.get(0);
    }

    private static HtmlContext end(String text) {
        return HtmlScanner.scan(HtmlContext.text(), text).end();
    }

    private static void assertKind(Kind kind, Delim delim, String template) {
        Escaping e = only(template);
        assertEquals(kind, e.kind(), template + " -> " + e);
        assertEquals(delim, e.delim(), template + " -> " + e);
    }

    private static String error(String template) {
        Escaping e = only(template);
        assertEquals(Kind.ERROR, e.kind(), template + " -> " + e);
        assertTrue(e.isError());
        return e.error();
    }

    // --- states --------------------------------------------------------------------------

    @Test
    void startsInText() {
        assertEquals(State.TEXT, HtmlContext.text().state());
        assertTrue(HtmlContext.text().isText());
        assertEquals(HtmlContext.text(), end("hello <b>world</b> a < b"));
    }

    @Test
    void tagStates() {
        assertEquals(State.TAG_NAME, end("<di").state());
        assertEquals("di", end("<di").element());
        assertEquals(State.TAG, end("<div ").state());
        assertEquals("div", end("<DIV ").element());
        HtmlContext name = end("<div Class");
        assertEquals(State.ATTR_NAME, name.state());
        assertEquals("class", name.attr());
        assertEquals(State.AFTER_ATTR_NAME, end("<div class ").state());
        assertEquals(State.BEFORE_VALUE, end("<div class=").state());
        assertEquals(State.BEFORE_VALUE, end("<div class = ").state());
        HtmlContext value = end("<div class=\"a");
        assertEquals(State.ATTR_VALUE, value.state());
        assertEquals(Delim.DOUBLE_QUOTE, value.delim());
        assertEquals(Delim.SINGLE_QUOTE, end("<div class='a").delim());
        assertEquals(Delim.UNQUOTED, end("<div class=a").delim());
        assertEquals(HtmlContext.of(State.TAG, "div"), end("<div class=\"a\""));
        assertEquals(HtmlContext.of(State.TAG, "div"), end("<div class=a "));
        assertEquals(HtmlContext.text(), end("<div class=a>"));
        assertEquals(HtmlContext.text(), end("<input disabled>"));
        assertEquals(HtmlContext.text(), end("<br/>"));
        assertEquals(HtmlContext.text(), end("<img src=\"x\" />"));
        assertEquals(State.END_TAG, end("</div").state());
        assertEquals("div", end("</div").element());
        assertEquals(HtmlContext.text(), end("</div >"));
    }

    @Test
    void notATag() {
        assertEquals(HtmlContext.text(), end("<!DOCTYPE html>"));
        assertEquals(HtmlContext.text(), end("a < b and a <= b, </ x"));
    }

    @Test
    void tagNameAndAttributesAreCaseInsensitive() {
        HtmlContext ctx = end("<A HREF=\"");
        assertEquals("a", ctx.element());
        assertEquals("href", ctx.attr());
        assertEquals(AttrKind.URL, ctx.attrKind());
        assertEquals(AttrKind.JS, end("<button OnClick='").attrKind());
        assertEquals(State.SCRIPT, end("<SCRIPT type=module>").state());
    }

    @Test
    void rawTextElements() {
        HtmlContext script = end("<script>");
        assertEquals(State.SCRIPT, script.state());
        assertEquals("script", script.element());
        assertEquals(JsState.EXPR, script.js());
        HtmlContext style = end("<style media=\"x\">");
        assertEquals(State.STYLE, style.state());
        assertEquals(CssState.EXPR, style.css());
        assertEquals(State.RCDATA, end("<title>").state());
        assertEquals(State.RCDATA, end("<textarea name=x>").state());
        // Tags inside rcdata are text.
        assertEquals(State.RCDATA, end("<title><b>x").state());
        assertEquals(HtmlContext.text(), end("<title>x</title>"));
        assertEquals(HtmlContext.text(), end("<textarea>x</TEXTAREA>"));
        // <script/> still opens a script, as in browsers.
        assertEquals(State.SCRIPT, end("<script/>").state());
    }

    @Test
    void scriptEndsOnlyAtItsEndTag() {
        assertEquals(State.SCRIPT, end("<script>var s = \"</div>\";").state());
        assertEquals(JsState.EXPR, end("<script>var s = \"</div>\";").js());
        assertEquals(State.SCRIPT, end("<script></scripts>").state());
        assertEquals(State.END_TAG, end("<script>x()</SCRIPT").state());
        assertEquals(HtmlContext.text(), end("<script>x()</SCRIPT>"));
        // The HTML end tag wins even inside a JS string.
        assertEquals(HtmlContext.text(), end("<script>var s = \"</script>"));
        assertEquals(HtmlContext.text(), end("<style>a{}</style >"));
    }

    @Test
    void jsStates() {
        assertEquals(JsState.DQ_STRING, end("<script>a = \"x").js());
        assertEquals(JsState.DQ_STRING, end("<script>a = \"x\\\"").js());
        assertEquals(JsState.EXPR, end("<script>a = \"x\\\\\"").js());
        assertEquals(JsState.SQ_STRING, end("<script>a = 'x\"").js());
        assertEquals(JsState.TEMPLATE_LITERAL, end("<script>a = `x").js());
        assertEquals(JsState.LINE_COMMENT, end("<script>a = 1 // c").js());
        assertEquals(JsState.EXPR, end("<script>a = 1 // c\n").js());
        assertEquals(JsState.BLOCK_COMMENT, end("<script>/* c").js());
        assertEquals(JsState.EXPR, end("<script>/* c */ a / b").js());
        assertEquals(JsState.EXPR, end("<script>a = '//'").js());
    }

    @Test
    void cssStates() {
        assertEquals(CssState.DQ_STRING, end("<style>a { content: \"x").css());
        assertEquals(CssState.SQ_STRING, end("<style>a { font-family: 'x").css());
        assertEquals(CssState.COMMENT, end("<style>/* c").css());
        assertEquals(CssState.EXPR, end("<style>/* c */ a { color: red }").css());
        assertEquals(CssState.COMMENT, end("<p style=\"/* c").css());
    }

    @Test
    void urlParts() {
        assertEquals(UrlPart.START, end("<a href=\"").urlPart());
        assertEquals(UrlPart.START, end("<a href=\"  ").urlPart());
        assertEquals(UrlPart.PATH, end("<a href=\"/a").urlPart());
        assertEquals(UrlPart.QUERY, end("<a href=\"/a?").urlPart());
        assertEquals(UrlPart.QUERY, end("<a href=\"/a#x/y").urlPart());
        assertEquals(UrlPart.START, end("<a title=\"/a?").urlPart());
    }

    @Test
    void attributeKinds() {
        for (String a :
                List.of(
                        "href",
                        "src",
                        "action",
                        "formaction",
                        "cite",
                        "poster",
                        "background",
                        "data",
                        "codebase",
                        "longdesc",
                        "usemap",
                        "icon",
                        "manifest",
                        "profile",
                        "classid",
                        "archive",
                        "xmlns",
                        "xlink:href",
                        "xmlns:svg")) {
            assertEquals(AttrKind.URL, end("<x " + a + "=").attrKind(), a);
        }
        for (String a :
                List.of("onclick", "onload", "lvt-mounted", "lvt-updated", "lvt-destroyed")) {
            assertEquals(AttrKind.JS, end("<x " + a + "=").attrKind(), a);
        }
        assertEquals(AttrKind.CSS, end("<x style=").attrKind());
        assertEquals(AttrKind.NORMAL, end("<x title=").attrKind());
        assertEquals(AttrKind.NORMAL, end("<x lvt-click=").attrKind());
    }

    // --- comments ------------------------------------------------------------------------

    @Test
    void commentsAreStripped() {
        ScanResult r = HtmlScanner.scan(HtmlContext.text(), "a<!-- x <b> -->b<!---->c");
        assertEquals("abc", r.output());
        assertEquals(HtmlContext.text(), r.end());
        assertTrue(r.events().isEmpty());
    }

    @Test
    void commentSpanningPiecesIsDroppedEverywhere() {
        Walk w = walk("a<!-- one {{.X}} two -->b");
        assertEquals("a|b", w.output.toString());
        assertEquals(Kind.DROP, w.slots.get(0).kind());
        assertEquals(HtmlContext.text(), w.end);
        assertEquals(State.COMMENT, end("<!-- open").state());
        assertEquals("", HtmlScanner.scan(end("<!--"), "middle").output());
    }

    @Test
    void commentLookalikesAreKept() {
        assertEquals(
                "<script>a<!--b</script>",
                HtmlScanner.scan(HtmlContext.text(), "<script>a<!--b</script>").output());
        assertEquals(
                "<style><!-- a{} --></style>",
                HtmlScanner.scan(HtmlContext.text(), "<style><!-- a{} --></style>").output());
        assertEquals(
                "<title><!--x--></title>",
                HtmlScanner.scan(HtmlContext.text(), "<title><!--x--></title>").output());
        assertEquals(
                "<textarea><!--x--></textarea>",
                HtmlScanner.scan(HtmlContext.text(), "<textarea><!--x--></textarea>").output());
        assertEquals(
                "<a title=\"<!--x-->\">",
                HtmlScanner.scan(HtmlContext.text(), "<a title=\"<!--x-->\">").output());
    }

    // --- tag events ----------------------------------------------------------------------

    @Test
    void tagEventsOnADocument() {
        String doc =
                "<!DOCTYPE html><html><!-- c --><head><title>T</title></head>"
                        + "<body class=\"x\"><p>hi</p></body></html>";
        ScanResult r = HtmlScanner.scan(HtmlContext.text(), doc);
        String out = r.output();
        assertEquals(doc.replace("<!-- c -->", ""), out);

        TagEvent bodyStart =
                r.events().stream()
                        .filter(
                                e ->
                                        e.kind() == TagEvent.Kind.START_TAG_END
                                                && e.name().equals("body"))
                        .findFirst()
                        .orElseThrow();
        assertEquals(
                out.indexOf("<body class=\"x\">") + "<body class=\"x\">".length(),
                bodyStart.offset());
        TagEvent bodyEnd =
                r.events().stream()
                        .filter(
                                e ->
                                        e.kind() == TagEvent.Kind.END_TAG_START
                                                && e.name().equals("body"))
                        .findFirst()
                        .orElseThrow();
        assertEquals(out.indexOf("</body>"), bodyEnd.offset());

        List<String> names = r.events().stream().map(e -> e.kind() + ":" + e.name()).toList();
        assertEquals(
                List.of(
                        "START_TAG_END:html",
                        "START_TAG_END:head",
                        "START_TAG_END:title",
                        "END_TAG_START:title",
                        "END_TAG_START:head",
                        "START_TAG_END:body",
                        "START_TAG_END:p",
                        "END_TAG_START:p",
                        "END_TAG_START:body",
                        "END_TAG_START:html"),
                names);
    }

    @Test
    void tagEventsAcrossPiecesAndCase() {
        ScanResult r = HtmlScanner.scan(HtmlContext.text(), "<LI id=x/><br/></LI>");
        assertEquals(
                List.of(
                        new TagEvent(TagEvent.Kind.START_TAG_END, "li", 10),
                        new TagEvent(TagEvent.Kind.START_TAG_END, "br", 15),
                        new TagEvent(TagEvent.Kind.END_TAG_START, "li", 15)),
                r.events());
        // A start tag whose attributes span pieces is reported where its '>' is.
        ScanResult rest = HtmlScanner.scan(end("<div class=\""), "a\">x");
        assertEquals(List.of(new TagEvent(TagEvent.Kind.START_TAG_END, "div", 3)), rest.events());
        // "</" at the end of a piece: the offset of the '<' is unknown in the next one.
        ScanResult split = HtmlScanner.scan(end("x</"), "body>");
        assertEquals(
                List.of(new TagEvent(TagEvent.Kind.END_TAG_START, "body", -1)), split.events());
        assertEquals(HtmlContext.text(), split.end());
    }

    // --- escaping ------------------------------------------------------------------------

    @Test
    void escapingKinds() {
        assertKind(Kind.HTML, Delim.NONE, "<p>{{.X}}</p>");
        assertKind(Kind.HTML, Delim.NONE, "<title>{{.X}}</title>");
        assertKind(Kind.HTML, Delim.NONE, "<textarea>{{.X}}</textarea>");
        assertKind(Kind.HTML, Delim.DOUBLE_QUOTE, "<a title=\"{{.T}}\">");
        assertKind(Kind.HTML, Delim.SINGLE_QUOTE, "<a title='x {{.T}}'>");
        assertKind(Kind.HTML_UNQUOTED, Delim.UNQUOTED, "<a title={{.T}}>");
        assertKind(Kind.HTML_UNQUOTED, Delim.UNQUOTED, "<a title=x{{.T}}>");
        assertKind(Kind.URL_START, Delim.DOUBLE_QUOTE, "<a href=\"{{.U}}\">");
        assertKind(Kind.URL_START, Delim.UNQUOTED, "<a href={{.U}}>");
        assertKind(Kind.URL_PATH, Delim.DOUBLE_QUOTE, "<a href=\"/users/{{.Id}}\">");
        assertKind(Kind.URL_QUERY, Delim.DOUBLE_QUOTE, "<a href=\"/a?q={{.Q}}\">");
        assertKind(Kind.URL_QUERY, Delim.SINGLE_QUOTE, "<a href='/a#{{.F}}'>");
        assertKind(Kind.JS_VALUE, Delim.NONE, "<script>var x = {{.X}};</script>");
        assertKind(Kind.JS_VALUE, Delim.DOUBLE_QUOTE, "<button onclick=\"f({{.X}})\">");
        assertKind(Kind.JS_VALUE, Delim.DOUBLE_QUOTE, "<div lvt-mounted=\"init({{.X}})\">");
        assertKind(Kind.JS_STRING, Delim.NONE, "<script>var x = \"a{{.X}}\";</script>");
        assertKind(Kind.JS_STRING, Delim.DOUBLE_QUOTE, "<button onclick=\"f('{{.X}}')\">");
        assertKind(Kind.CSS_VALUE, Delim.NONE, "<style>p { color: {{.C}} }</style>");
        assertKind(Kind.CSS_VALUE, Delim.DOUBLE_QUOTE, "<p style=\"color: {{.C}}\">");
        assertKind(Kind.CSS_STRING, Delim.NONE, "<style>p { font-family: '{{.F}}' }</style>");
        assertKind(Kind.CSS_STRING, Delim.SINGLE_QUOTE, "<p style='content: \"{{.C}}\"'>");
        assertKind(Kind.DROP, Delim.NONE, "<!-- {{.X}} -->");
    }

    @Test
    void beforeValueIsAnUnquotedValue() {
        HtmlContext before = end("<a href=");
        Escaping e = HtmlScanner.escapingFor(before);
        assertEquals(Kind.URL_START, e.kind());
        assertEquals(Delim.UNQUOTED, e.delim());
        HtmlContext after = HtmlScanner.afterDynamic(before);
        assertEquals(State.ATTR_VALUE, after.state());
        assertEquals(Delim.UNQUOTED, after.delim());
        assertEquals(Kind.JS_VALUE, HtmlScanner.escapingFor(end("<a onclick=")).kind());
        assertEquals(Kind.CSS_VALUE, HtmlScanner.escapingFor(end("<a style=")).kind());
        // The value is over at the space or '>'.
        Walk w = walk("<a title={{.T}} href={{.U}}>{{.X}}");
        assertEquals(
                List.of(Kind.HTML_UNQUOTED, Kind.URL_START, Kind.HTML),
                w.slots.stream().map(Escaping::kind).toList());
    }

    @Test
    void afterDynamic() {
        HtmlContext text = HtmlContext.text();
        assertEquals(text, HtmlScanner.afterDynamic(text));
        HtmlContext path = end("<a href=\"/x");
        assertEquals(path, HtmlScanner.afterDynamic(path));
        // A URL value may be empty at run time, so the next one is still checked for a scheme.
        assertEquals(
                List.of(Kind.URL_START, Kind.URL_START, Kind.URL_PATH, Kind.URL_QUERY),
                walk("<a href=\"{{.A}}{{.B}}/{{.C}}?{{.D}}\">").slots.stream()
                        .map(Escaping::kind)
                        .toList());
    }

    @Test
    void trustedMarkupOnlyInText() {
        assertTrue(end("<p>").isText());
        assertFalse(end("<title>").isText());
        assertFalse(end("<a title=\"").isText());
        assertFalse(end("<script>").isText());
        assertFalse(end("<!--").isText());
    }

    // --- errors --------------------------------------------------------------------------

    @Test
    void errors() {
        assertTrue(error("<{{.Tag}}>").contains("cannot form a tag name"));
        assertTrue(error("<h{{.Level}}>").contains("cannot form a tag name"));
        assertTrue(error("</{{.Tag}}>").contains("cannot form a tag name"));
        assertTrue(error("</div{{.X}}>").contains("cannot form a tag name"));
        // Where an attribute name may start, or inside one, a value is an attribute name.
        assertKind(Kind.ATTR_NAME, Delim.NONE, "<input {{.Attr}}>");
        assertKind(Kind.ATTR_NAME, Delim.NONE, "<input data-{{.X}}=1>");
        assertKind(Kind.ATTR_NAME, Delim.NONE, "<input checked {{.X}}>");
        assertTrue(error("<script>var s = `a${{{.X}}}`;</script>").contains("template literal"));
        assertTrue(error("<button onclick=\"`{{.X}}`\">").contains("template literal"));
        assertTrue(error("<script>// {{.X}}\n</script>").contains("JavaScript comment"));
        assertTrue(error("<script>/* {{.X}} */</script>").contains("JavaScript comment"));
        assertTrue(error("<style>/* {{.X}} */</style>").contains("CSS comment"));
        assertTrue(error("<p style=\"/* {{.X}} */\">").contains("CSS comment"));
        assertNull(only("<p>{{.X}}").error());
    }

    @Test
    void lessThanAtPieceEndIsTextWhenNoTagFollows() {
        Walk w = walk("a <{{if .X}} b{{end}}");
        assertEquals(HtmlContext.text(), w.end);
        HtmlContext pending = end("a <");
        assertEquals(HtmlContext.text(), HtmlScanner.scan(pending, " b").end());
        assertEquals(State.TAG, HtmlScanner.scan(pending, "b ").end().state());
    }

    // --- join ----------------------------------------------------------------------------

    @Test
    void joinEqual() {
        HtmlContext a = end("<p title=\"x");
        assertEquals(a, HtmlScanner.join(a, end("<p title=\"y")));
        assertEquals(HtmlContext.text(), HtmlScanner.join(HtmlContext.text(), end("<b>x</b>")));
    }

    @Test
    void joinAttributeNameWithTag() {
        HtmlContext tag = end("<input ");
        HtmlContext checked = end("<input checked");
        HtmlContext afterName = end("<input checked ");
        assertEquals(tag, HtmlScanner.join(checked, tag));
        assertEquals(tag, HtmlScanner.join(tag, afterName));
        assertEquals(tag, HtmlScanner.join(end("<input checked"), end("<input disabled")));
        assertEquals(
                HtmlContext.of(State.TAG, "div"),
                HtmlScanner.join(end("<div"), end("<div class=\"a\"")));
        assertNull(HtmlScanner.join(end("<input checked"), end("<select ")));
    }

    @Test
    void joinEmptyUnquotedValue() {
        HtmlContext joined = HtmlScanner.join(end("<a title="), end("<a title=x"));
        assertEquals(end("<a title=x"), joined);
    }

    @Test
    void joinUrlParts() {
        HtmlContext start = end("<a href=\"");
        HtmlContext path = end("<a href=\"/x");
        HtmlContext query = end("<a href=\"/x?a");
        // START with PATH keeps START: one branch wrote nothing, so a scheme could still follow.
        assertEquals(start, HtmlScanner.join(start, path));
        assertEquals(start, HtmlScanner.join(path, start));
        // PATH with QUERY is escaped as a query: that encodes everything a path escaper would.
        assertEquals(query, HtmlScanner.join(path, query));
        assertNull(HtmlScanner.join(start, query));
    }

    @Test
    void joinIncompatible() {
        assertNull(HtmlScanner.join(HtmlContext.text(), end("<p ")));
        assertNull(HtmlScanner.join(end("<p title=\"a"), end("<p title='a")));
        assertNull(HtmlScanner.join(end("<script>'a"), end("<script>a")));
        assertNull(HtmlScanner.join(end("<a href=\"/x"), end("<a title=\"/x")));
        assertNull(HtmlScanner.join(HtmlContext.text(), null));
    }
}
