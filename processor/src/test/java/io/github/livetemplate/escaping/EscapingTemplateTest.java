package io.github.livetemplate.escaping;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.livetemplate.runtime.TrustedHtml;
import io.github.livetemplate.testing.ClientOracle;
import io.github.livetemplate.testing.OracleCheck;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * End-to-end contextual escaping: {@code escaping.tmpl} prints {@code {{.V}}} in every HTML context
 * (one line each, labelled {@code ~NN~}), and hostile payloads go through the renderer the
 * processor generated for it. For each payload and context the exact text of {@code html()} is
 * asserted; {@code tree()} must be valid JSON whose statics are the template's and whose slots are
 * exactly the escaped pieces of {@code html()}; and the real browser client must rebuild the same
 * HTML from the tree and from diffs between payloads.
 *
 * <p>Expected values follow Go's {@code html/template} (checked against go1.19.8's html/template
 * rendering the same template, and against the runtime's {@code EscapeTest} table), with the
 * project's documented differences:
 *
 * <ul>
 *   <li>a value shaped {@code {{…}}} gets its first brace escaped ({@code &#123;} in HTML, {@code
 *       \u007b} in JS strings) because the client renders such strings as empty; the output means
 *       the same to the browser;
 *   <li>{@code lvt-mounted} (like {@code lvt-updated}, {@code lvt-destroyed}) is a JavaScript
 *       attribute (Go treats it as plain text);
 *   <li>{@code TrustedHtml} is raw only in text; in {@code <title>} and attributes it is escaped
 *       like a string (Go normalises it there, keeping {@code &} and, in attributes, stripping
 *       tags);
 *   <li>JSON escapes {@code \b} and {@code \f} as Go 1.22+ writes them, an empty unquoted attribute
 *       is {@code ZgotmplZ} as in Go 1.19.9+, and a lone UTF-16 surrogate (which a Go string cannot
 *       hold) is treated as U+FFFD.
 * </ul>
 */
class EscapingTemplateTest {

    private static final EscapingStateRenderer RENDERER = new EscapingStateRenderer();

    private static final ObjectMapper JSON =
            new ObjectMapper()
                    .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                    .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** One column of the payload table: the escaping one or more contexts apply. */
    enum Col {
        /** Go htmlEscaper: text, {@code <title>}, {@code <textarea>}, quoted attribute values. */
        HTML,
        /** Go htmlNospaceEscaper: an unquoted attribute value. */
        UNQUOTED,
        /**
         * urlFilter, urlNormalizer, then attribute escaping: {@code href="{{.V}}"}, {@code src}.
         */
        URL_START,
        /** urlNormalizer, then attribute escaping: {@code href="/p/{{.V}}"}. */
        URL_PATH,
        /** urlEscaper, then attribute escaping: {@code href="/s?q={{.V}}"}. */
        URL_QUERY,
        /** cssValueFilter, then attribute escaping: {@code style="color: {{.V}}"}. */
        CSS_VALUE_ATTR,
        /**
         * urlFilter, cssEscaper, then attribute escaping: {@code style="font-family: '{{.V}}'"}.
         */
        CSS_STRING_ATTR,
        /** cssValueFilter: {@code <style>p { color: {{.V}} }</style>}. */
        CSS_VALUE,
        /** jsValEscaper: {@code <script>var a = {{.V}};</script>}. */
        JS_VALUE,
        /** jsStrEscaper: {@code <script>var b = "{{.V}}";</script>}. */
        JS_STRING,
        /**
         * jsValEscaper, then attribute escaping: {@code onclick="f({{.V}})"}, {@code lvt-mounted}.
         */
        JS_VALUE_ATTR,
        /** jsStrEscaper, then attribute escaping: {@code onclick="f('{{.V}}')"}. */
        JS_STRING_ATTR,
        /** TrustedHtml in text: written as it is. */
        TRUSTED_TEXT,
        /** Inside an HTML comment: the comment and the value are removed. */
        DROPPED
    }

    /**
     * One line of the template: {@code ~label~} + before + value + after. {@code trusted} says
     * whether it prints {@code .Trusted} rather than {@code .V}.
     */
    record Context(
            String label, String name, String before, String after, Col col, boolean trusted) {
        String line(String value) {
            return "~" + label + "~" + before + value + after + "\n";
        }

        @Override
        public String toString() {
            return label + " " + name;
        }
    }

    private static Context ctx(String label, String name, String before, String after, Col col) {
        return new Context(label, name, before, after, col, false);
    }

    private static Context trusted(
            String label, String name, String before, String after, Col col) {
        return new Context(label, name, before, after, col, true);
    }

    /** The template's lines in order; the value's place is between before and after. */
    static final List<Context> CONTEXTS =
            List.of(
                    ctx("01", "text", "<p>", "</p>", Col.HTML),
                    ctx("02", "title", "<title>", "</title>", Col.HTML),
                    ctx("03", "textarea", "<textarea>", "</textarea>", Col.HTML),
                    ctx("04", "double-quoted attribute", "<p title=\"", "\">dq</p>", Col.HTML),
                    ctx("05", "single-quoted attribute", "<p title='", "'>sq</p>", Col.HTML),
                    ctx("06", "unquoted attribute", "<p title=", ">unquoted</p>", Col.UNQUOTED),
                    ctx("07", "href start", "<a href=\"", "\">url-start</a>", Col.URL_START),
                    ctx("08", "href path", "<a href=\"/p/", "\">url-path</a>", Col.URL_PATH),
                    ctx("09", "href query", "<a href=\"/s?q=", "\">url-query</a>", Col.URL_QUERY),
                    ctx("10", "src start", "<img src=\"", "\" alt=\"src\">", Col.URL_START),
                    ctx(
                            "11",
                            "style value",
                            "<p style=\"color: ",
                            "\">css-value</p>",
                            Col.CSS_VALUE_ATTR),
                    ctx(
                            "12",
                            "style string",
                            "<p style=\"font-family: '",
                            "'\">css-string</p>",
                            Col.CSS_STRING_ATTR),
                    ctx("13", "<style> value", "<style>p { color: ", " }</style>", Col.CSS_VALUE),
                    ctx("14", "<script> value", "<script>var a = ", ";</script>", Col.JS_VALUE),
                    ctx(
                            "15",
                            "<script> string",
                            "<script>var b = \"",
                            "\";</script>",
                            Col.JS_STRING),
                    ctx(
                            "16",
                            "onclick value",
                            "<button onclick=\"f(",
                            ")\">js-value</button>",
                            Col.JS_VALUE_ATTR),
                    ctx(
                            "17",
                            "onclick string",
                            "<button onclick=\"f('",
                            "')\">js-string</button>",
                            Col.JS_STRING_ATTR),
                    ctx(
                            "18",
                            "lvt-mounted",
                            "<div lvt-mounted=\"",
                            "\">mounted</div>",
                            Col.JS_VALUE_ATTR),
                    // "~19~<!-- a comment with {{.V}} in it -->": the whole comment is removed.
                    ctx("19", "HTML comment", "", "", Col.DROPPED),
                    trusted("20", "trusted text", "<p>", "</p>", Col.TRUSTED_TEXT),
                    trusted(
                            "21",
                            "trusted attribute",
                            "<p title=\"",
                            "\">trusted-attr</p>",
                            Col.HTML),
                    trusted("22", "trusted title", "<title>", "</title>", Col.HTML));

    private static final String HEAD = "<section class=\"escaping\">\n";
    private static final String TAIL = "~23~</section>\n";

    /** A hostile payload and the exact output of every column. */
    record Row(String name, String in, Map<Col, String> want) {
        EscapingState state() {
            return new EscapingState(in, TrustedHtml.of(in));
        }

        String expected(Col col) {
            return col == Col.DROPPED ? "" : want.get(col);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private static Row row(String name, String in, String... cols) {
        Col[] order = Col.values();
        assertEquals(order.length - 1, cols.length, name);
        Map<Col, String> want = new java.util.EnumMap<>(Col.class);
        for (int i = 0; i < cols.length; i++) {
            want.put(order[i], cols[i]);
        }
        return new Row(name, in, want);
    }

    /**
     * Payload → expected text per column, in {@link Col} order: HTML, UNQUOTED, URL_START,
     * URL_PATH, URL_QUERY, CSS_VALUE_ATTR, CSS_STRING_ATTR, CSS_VALUE, JS_VALUE, JS_STRING,
     * JS_VALUE_ATTR, JS_STRING_ATTR, TRUSTED_TEXT.
     */
    static final List<Row> ROWS =
            List.of(
                    row(
                            "script tag",
                            "<script>alert(1)</script>",
                            "&lt;script&gt;alert(1)&lt;/script&gt;",
                            "&lt;script&gt;alert(1)&lt;/script&gt;",
                            "%3cscript%3ealert%281%29%3c/script%3e",
                            "%3cscript%3ealert%281%29%3c/script%3e",
                            "%3cscript%3ealert%281%29%3c%2fscript%3e",
                            "ZgotmplZ",
                            "\\3cscript\\3e alert\\28 1\\29\\3c\\2fscript\\3e ",
                            "ZgotmplZ",
                            "\"\\u003cscript\\u003ealert(1)\\u003c/script\\u003e\"",
                            "\\u003cscript\\u003ealert(1)\\u003c\\/script\\u003e",
                            "&#34;\\u003cscript\\u003ealert(1)\\u003c/script\\u003e&#34;",
                            "\\u003cscript\\u003ealert(1)\\u003c\\/script\\u003e",
                            "<script>alert(1)</script>"),
                    row(
                            "attribute breakout",
                            "\"><img src=x onerror=alert(1)>",
                            "&#34;&gt;&lt;img src=x onerror=alert(1)&gt;",
                            "&#34;&gt;&lt;img&#32;src&#61;x&#32;onerror&#61;alert(1)&gt;",
                            "%22%3e%3cimg%20src=x%20onerror=alert%281%29%3e",
                            "%22%3e%3cimg%20src=x%20onerror=alert%281%29%3e",
                            "%22%3e%3cimg%20src%3dx%20onerror%3dalert%281%29%3e",
                            "ZgotmplZ",
                            "\\22\\3e\\3cimg src=x onerror=alert\\28 1\\29\\3e ",
                            "ZgotmplZ",
                            "\"\\\"\\u003e\\u003cimg src=x onerror=alert(1)\\u003e\"",
                            "\\u0022\\u003e\\u003cimg src=x onerror=alert(1)\\u003e",
                            "&#34;\\&#34;\\u003e\\u003cimg src=x onerror=alert(1)\\u003e&#34;",
                            "\\u0022\\u003e\\u003cimg src=x onerror=alert(1)\\u003e",
                            "\"><img src=x onerror=alert(1)>"),
                    row(
                            "single-quote breakout",
                            "' onmouseover='x",
                            "&#39; onmouseover=&#39;x",
                            "&#39;&#32;onmouseover&#61;&#39;x",
                            "%27%20onmouseover=%27x",
                            "%27%20onmouseover=%27x",
                            "%27%20onmouseover%3d%27x",
                            "ZgotmplZ",
                            "\\27  onmouseover=\\27x",
                            "ZgotmplZ",
                            "\"' onmouseover='x\"",
                            "\\u0027 onmouseover=\\u0027x",
                            "&#34;&#39; onmouseover=&#39;x&#34;",
                            "\\u0027 onmouseover=\\u0027x",
                            "' onmouseover='x"),
                    row(
                            "javascript scheme",
                            "javascript:alert(1)",
                            "javascript:alert(1)",
                            "javascript:alert(1)",
                            "#ZgotmplZ",
                            "javascript:alert%281%29",
                            "javascript%3aalert%281%29",
                            "ZgotmplZ",
                            "#ZgotmplZ",
                            "ZgotmplZ",
                            "\"javascript:alert(1)\"",
                            "javascript:alert(1)",
                            "&#34;javascript:alert(1)&#34;",
                            "javascript:alert(1)",
                            "javascript:alert(1)"),
                    row(
                            "mixed-case javascript scheme",
                            "JaVaScRiPt:alert(1)",
                            "JaVaScRiPt:alert(1)",
                            "JaVaScRiPt:alert(1)",
                            "#ZgotmplZ",
                            "JaVaScRiPt:alert%281%29",
                            "JaVaScRiPt%3aalert%281%29",
                            "ZgotmplZ",
                            "#ZgotmplZ",
                            "ZgotmplZ",
                            "\"JaVaScRiPt:alert(1)\"",
                            "JaVaScRiPt:alert(1)",
                            "&#34;JaVaScRiPt:alert(1)&#34;",
                            "JaVaScRiPt:alert(1)",
                            "JaVaScRiPt:alert(1)"),
                    row(
                            "space before scheme",
                            " javascript:x",
                            " javascript:x",
                            "&#32;javascript:x",
                            "#ZgotmplZ",
                            "%20javascript:x",
                            "%20javascript%3ax",
                            " javascript:x",
                            "#ZgotmplZ",
                            " javascript:x",
                            "\" javascript:x\"",
                            " javascript:x",
                            "&#34; javascript:x&#34;",
                            " javascript:x",
                            " javascript:x"),
                    row(
                            "data scheme",
                            "data:text/html,<b>",
                            "data:text/html,&lt;b&gt;",
                            "data:text/html,&lt;b&gt;",
                            "#ZgotmplZ",
                            "data:text/html,%3cb%3e",
                            "data%3atext%2fhtml%2c%3cb%3e",
                            "ZgotmplZ",
                            "#ZgotmplZ",
                            "ZgotmplZ",
                            "\"data:text/html,\\u003cb\\u003e\"",
                            "data:text\\/html,\\u003cb\\u003e",
                            "&#34;data:text/html,\\u003cb\\u003e&#34;",
                            "data:text\\/html,\\u003cb\\u003e",
                            "data:text/html,<b>"),
                    row(
                            "vbscript scheme",
                            "vbscript:x",
                            "vbscript:x",
                            "vbscript:x",
                            "#ZgotmplZ",
                            "vbscript:x",
                            "vbscript%3ax",
                            "vbscript:x",
                            "#ZgotmplZ",
                            "vbscript:x",
                            "\"vbscript:x\"",
                            "vbscript:x",
                            "&#34;vbscript:x&#34;",
                            "vbscript:x",
                            "vbscript:x"),
                    row(
                            "script end and restart",
                            "</script><script>x</script>",
                            "&lt;/script&gt;&lt;script&gt;x&lt;/script&gt;",
                            "&lt;/script&gt;&lt;script&gt;x&lt;/script&gt;",
                            "%3c/script%3e%3cscript%3ex%3c/script%3e",
                            "%3c/script%3e%3cscript%3ex%3c/script%3e",
                            "%3c%2fscript%3e%3cscript%3ex%3c%2fscript%3e",
                            "ZgotmplZ",
                            "\\3c\\2fscript\\3e\\3cscript\\3ex\\3c\\2fscript\\3e ",
                            "ZgotmplZ",
                            "\"\\u003c/script\\u003e\\u003cscript\\u003ex\\u003c/script\\u003e\"",
                            "\\u003c\\/script\\u003e\\u003cscript\\u003ex\\u003c\\/script\\u003e",
                            "&#34;\\u003c/script\\u003e\\u003cscript\\u003ex\\u003c/script\\u003e&#34;",
                            "\\u003c\\/script\\u003e\\u003cscript\\u003ex\\u003c\\/script\\u003e",
                            "</script><script>x</script>"),
                    row(
                            "style end",
                            "</style>",
                            "&lt;/style&gt;",
                            "&lt;/style&gt;",
                            "%3c/style%3e",
                            "%3c/style%3e",
                            "%3c%2fstyle%3e",
                            "ZgotmplZ",
                            "\\3c\\2fstyle\\3e ",
                            "ZgotmplZ",
                            "\"\\u003c/style\\u003e\"",
                            "\\u003c\\/style\\u003e",
                            "&#34;\\u003c/style\\u003e&#34;",
                            "\\u003c\\/style\\u003e",
                            "</style>"),
                    row(
                            "css expression",
                            "expression(alert(1))",
                            "expression(alert(1))",
                            "expression(alert(1))",
                            "expression%28alert%281%29%29",
                            "expression%28alert%281%29%29",
                            "expression%28alert%281%29%29",
                            "ZgotmplZ",
                            "expression\\28 alert\\28 1\\29\\29 ",
                            "ZgotmplZ",
                            "\"expression(alert(1))\"",
                            "expression(alert(1))",
                            "&#34;expression(alert(1))&#34;",
                            "expression(alert(1))",
                            "expression(alert(1))"),
                    row(
                            "css escaped expression",
                            "expr\\65 ssion",
                            "expr\\65 ssion",
                            "expr\\65&#32;ssion",
                            "expr%5c65%20ssion",
                            "expr%5c65%20ssion",
                            "expr%5c65%20ssion",
                            "ZgotmplZ",
                            "expr\\\\65 ssion",
                            "ZgotmplZ",
                            "\"expr\\\\65 ssion\"",
                            "expr\\\\65 ssion",
                            "&#34;expr\\\\65 ssion&#34;",
                            "expr\\\\65 ssion",
                            "expr\\65 ssion"),
                    row(
                            "css escape",
                            "\\72 ed",
                            "\\72 ed",
                            "\\72&#32;ed",
                            "%5c72%20ed",
                            "%5c72%20ed",
                            "%5c72%20ed",
                            "red",
                            "\\\\72 ed",
                            "red",
                            "\"\\\\72 ed\"",
                            "\\\\72 ed",
                            "&#34;\\\\72 ed&#34;",
                            "\\\\72 ed",
                            "\\72 ed"),
                    row(
                            "moz binding",
                            "-moz-binding",
                            "-moz-binding",
                            "-moz-binding",
                            "-moz-binding",
                            "-moz-binding",
                            "-moz-binding",
                            "ZgotmplZ",
                            "-moz-binding",
                            "ZgotmplZ",
                            "\"-moz-binding\"",
                            "-moz-binding",
                            "&#34;-moz-binding&#34;",
                            "-moz-binding",
                            "-moz-binding"),
                    row(
                            "ampersand and equals",
                            "a&b=c",
                            "a&amp;b=c",
                            "a&amp;b&#61;c",
                            "a&amp;b=c",
                            "a&amp;b=c",
                            "a%26b%3dc",
                            "a&amp;b=c",
                            "a\\26 b=c",
                            "a&b=c",
                            "\"a\\u0026b=c\"",
                            "a\\u0026b=c",
                            "&#34;a\\u0026b=c&#34;",
                            "a\\u0026b=c",
                            "a&b=c"),
                    row(
                            "mustache",
                            "{{x}}",
                            "&#123;{x}}",
                            "&#123;{x}}",
                            "%7b%7bx%7d%7d",
                            "%7b%7bx%7d%7d",
                            "%7b%7bx%7d%7d",
                            "ZgotmplZ",
                            "\\7b\\7bx\\7d\\7d ",
                            "ZgotmplZ",
                            "\"{{x}}\"",
                            "\\u007b{x}}",
                            "&#34;{{x}}&#34;",
                            "\\u007b{x}}",
                            "&#123;{x}}"),
                    row(
                            "half mustache",
                            "{{x}",
                            "{{x}",
                            "{{x}",
                            "%7b%7bx%7d",
                            "%7b%7bx%7d",
                            "%7b%7bx%7d",
                            "ZgotmplZ",
                            "\\7b\\7bx\\7d ",
                            "ZgotmplZ",
                            "\"{{x}\"",
                            "{{x}",
                            "&#34;{{x}&#34;",
                            "{{x}",
                            "{{x}"),
                    row(
                            "non-ascii",
                            "\u00e9\u6f22\ud83d\ude00",
                            "\u00e9\u6f22\ud83d\ude00",
                            "\u00e9\u6f22\ud83d\ude00",
                            "%c3%a9%e6%bc%a2%f0%9f%98%80",
                            "%c3%a9%e6%bc%a2%f0%9f%98%80",
                            "%c3%a9%e6%bc%a2%f0%9f%98%80",
                            "\u00e9\u6f22\ud83d\ude00",
                            "\u00e9\u6f22\ud83d\ude00",
                            "\u00e9\u6f22\ud83d\ude00",
                            "\"\u00e9\u6f22\ud83d\ude00\"",
                            "\u00e9\u6f22\ud83d\ude00",
                            "&#34;\u00e9\u6f22\ud83d\ude00&#34;",
                            "\u00e9\u6f22\ud83d\ude00",
                            "\u00e9\u6f22\ud83d\ude00"),
                    row(
                            "NUL",
                            "a\u0000b",
                            "a\ufffdb",
                            "a&#xfffd;b",
                            "a%00b",
                            "a%00b",
                            "a%00b",
                            "ZgotmplZ",
                            "a\\0 b",
                            "ZgotmplZ",
                            "\"a\\u0000b\"",
                            "a\\u0000b",
                            "&#34;a\\u0000b&#34;",
                            "a\\u0000b",
                            "a\u0000b"),
                    row(
                            "CR LF tab",
                            "a\r\nb\tc",
                            "a\r\nb\tc",
                            "a&#13;&#10;b&#9;c",
                            "a%0d%0ab%09c",
                            "a%0d%0ab%09c",
                            "a%0d%0ab%09c",
                            "a\r\nb\tc",
                            "a\\d \\a b\\9 c",
                            "a\r\nb\tc",
                            "\"a\\r\\nb\\tc\"",
                            "a\\r\\nb\\tc",
                            "&#34;a\\r\\nb\\tc&#34;",
                            "a\\r\\nb\\tc",
                            "a\r\nb\tc"),
                    row(
                            "VT FF DEL",
                            "\u000b\f\u007f",
                            "\u000b\f\u007f",
                            "&#11;&#12;\u007f",
                            "%0b%0c%7f",
                            "%0b%0c%7f",
                            "%0b%0c%7f",
                            "\u000b\f\u007f",
                            "\u000b\\c\u007f",
                            "\u000b\f\u007f",
                            "\"\\u000b\\f\u007f\"",
                            "\\u000b\\f\u007f",
                            "&#34;\\u000b\\f\u007f&#34;",
                            "\\u000b\\f\u007f",
                            "\u000b\f\u007f"),
                    row(
                            "backslashes",
                            "a\\b\\\\c",
                            "a\\b\\\\c",
                            "a\\b\\\\c",
                            "a%5cb%5c%5cc",
                            "a%5cb%5c%5cc",
                            "a%5cb%5c%5cc",
                            "ZgotmplZ",
                            "a\\\\b\\\\\\\\c",
                            "ZgotmplZ",
                            "\"a\\\\b\\\\\\\\c\"",
                            "a\\\\b\\\\\\\\c",
                            "&#34;a\\\\b\\\\\\\\c&#34;",
                            "a\\\\b\\\\\\\\c",
                            "a\\b\\\\c"),
                    row(
                            "backticks",
                            "`x`",
                            "`x`",
                            "&#96;x&#96;",
                            "%60x%60",
                            "%60x%60",
                            "%60x%60",
                            "ZgotmplZ",
                            "`x`",
                            "ZgotmplZ",
                            "\"`x`\"",
                            "\\u0060x\\u0060",
                            "&#34;`x`&#34;",
                            "\\u0060x\\u0060",
                            "`x`"),
                    row(
                            "template literal",
                            "${x}",
                            "${x}",
                            "${x}",
                            "$%7bx%7d",
                            "$%7bx%7d",
                            "%24%7bx%7d",
                            "ZgotmplZ",
                            "$\\7bx\\7d ",
                            "ZgotmplZ",
                            "\"${x}\"",
                            "${x}",
                            "&#34;${x}&#34;",
                            "${x}",
                            "${x}"),
                    row(
                            "double dash",
                            "a--b",
                            "a--b",
                            "a--b",
                            "a--b",
                            "a--b",
                            "a--b",
                            "ZgotmplZ",
                            "a--b",
                            "ZgotmplZ",
                            "\"a--b\"",
                            "a--b",
                            "&#34;a--b&#34;",
                            "a--b",
                            "a--b"),
                    row(
                            "comment end",
                            "-->",
                            "--&gt;",
                            "--&gt;",
                            "--%3e",
                            "--%3e",
                            "--%3e",
                            "ZgotmplZ",
                            "--\\3e ",
                            "ZgotmplZ",
                            "\"--\\u003e\"",
                            "--\\u003e",
                            "&#34;--\\u003e&#34;",
                            "--\\u003e",
                            "-->"),
                    row(
                            "comment start",
                            "<!--",
                            "&lt;!--",
                            "&lt;!--",
                            "%3c!--",
                            "%3c!--",
                            "%3c%21--",
                            "ZgotmplZ",
                            "\\3c!--",
                            "ZgotmplZ",
                            "\"\\u003c!--\"",
                            "\\u003c!--",
                            "&#34;\\u003c!--&#34;",
                            "\\u003c!--",
                            "<!--"),
                    row(
                            "line separators",
                            "a\u2028b\u2029c",
                            "a\u2028b\u2029c",
                            "a\u2028b\u2029c",
                            "a%e2%80%a8b%e2%80%a9c",
                            "a%e2%80%a8b%e2%80%a9c",
                            "a%e2%80%a8b%e2%80%a9c",
                            "a\u2028b\u2029c",
                            "a\u2028b\u2029c",
                            "a\u2028b\u2029c",
                            "\"a\\u2028b\\u2029c\"",
                            "a\\u2028b\\u2029c",
                            "&#34;a\\u2028b\\u2029c&#34;",
                            "a\\u2028b\\u2029c",
                            "a\u2028b\u2029c"),
                    row(
                            "utf-7",
                            "+ADw-",
                            "&#43;ADw-",
                            "&#43;ADw-",
                            "&#43;ADw-",
                            "&#43;ADw-",
                            "%2bADw-",
                            "&#43;ADw-",
                            "\\2b ADw-",
                            "+ADw-",
                            "\"+ADw-\"",
                            "\\u002bADw-",
                            "&#34;&#43;ADw-&#34;",
                            "\\u002bADw-",
                            "+ADw-"),
                    row(
                            "percent",
                            "100%",
                            "100%",
                            "100%",
                            "100%25",
                            "100%25",
                            "100%25",
                            "100%",
                            "100%",
                            "100%",
                            "\"100%\"",
                            "100%",
                            "&#34;100%&#34;",
                            "100%",
                            "100%"),
                    row(
                            "percent escapes",
                            "%3Cx%3e%zz",
                            "%3Cx%3e%zz",
                            "%3Cx%3e%zz",
                            "%3Cx%3e%25zz",
                            "%3Cx%3e%25zz",
                            "%253Cx%253e%25zz",
                            "%3Cx%3e%zz",
                            "%3Cx%3e%zz",
                            "%3Cx%3e%zz",
                            "\"%3Cx%3e%zz\"",
                            "%3Cx%3e%zz",
                            "&#34;%3Cx%3e%zz&#34;",
                            "%3Cx%3e%zz",
                            "%3Cx%3e%zz"),
                    row(
                            "fragment",
                            "#frag",
                            "#frag",
                            "#frag",
                            "#frag",
                            "#frag",
                            "%23frag",
                            "#frag",
                            "#frag",
                            "#frag",
                            "\"#frag\"",
                            "#frag",
                            "&#34;#frag&#34;",
                            "#frag",
                            "#frag"),
                    row(
                            "query",
                            "?q=1&r=2",
                            "?q=1&amp;r=2",
                            "?q&#61;1&amp;r&#61;2",
                            "?q=1&amp;r=2",
                            "?q=1&amp;r=2",
                            "%3fq%3d1%26r%3d2",
                            "?q=1&amp;r=2",
                            "?q=1\\26r=2",
                            "?q=1&r=2",
                            "\"?q=1\\u0026r=2\"",
                            "?q=1\\u0026r=2",
                            "&#34;?q=1\\u0026r=2&#34;",
                            "?q=1\\u0026r=2",
                            "?q=1&r=2"),
                    row(
                            "backslash host",
                            "/\\evil.com",
                            "/\\evil.com",
                            "/\\evil.com",
                            "/%5cevil.com",
                            "/%5cevil.com",
                            "%2f%5cevil.com",
                            "ZgotmplZ",
                            "\\2f\\\\evil.com",
                            "ZgotmplZ",
                            "\"/\\\\evil.com\"",
                            "\\/\\\\evil.com",
                            "&#34;/\\\\evil.com&#34;",
                            "\\/\\\\evil.com",
                            "/\\evil.com"),
                    row(
                            "protocol-relative",
                            "//evil.com/x",
                            "//evil.com/x",
                            "//evil.com/x",
                            "//evil.com/x",
                            "//evil.com/x",
                            "%2f%2fevil.com%2fx",
                            "ZgotmplZ",
                            "\\2f\\2f evil.com\\2fx",
                            "ZgotmplZ",
                            "\"//evil.com/x\"",
                            "\\/\\/evil.com\\/x",
                            "&#34;//evil.com/x&#34;",
                            "\\/\\/evil.com\\/x",
                            "//evil.com/x"),
                    row(
                            "http url",
                            "http://example.com/a b?q=1&r=2#f",
                            "http://example.com/a b?q=1&amp;r=2#f",
                            "http://example.com/a&#32;b?q&#61;1&amp;r&#61;2#f",
                            "http://example.com/a%20b?q=1&amp;r=2#f",
                            "http://example.com/a%20b?q=1&amp;r=2#f",
                            "http%3a%2f%2fexample.com%2fa%20b%3fq%3d1%26r%3d2%23f",
                            "ZgotmplZ",
                            "http\\3a\\2f\\2f example.com\\2f a b?q=1\\26r=2#f",
                            "ZgotmplZ",
                            "\"http://example.com/a b?q=1\\u0026r=2#f\"",
                            "http:\\/\\/example.com\\/a b?q=1\\u0026r=2#f",
                            "&#34;http://example.com/a b?q=1\\u0026r=2#f&#34;",
                            "http:\\/\\/example.com\\/a b?q=1\\u0026r=2#f",
                            "http://example.com/a b?q=1&r=2#f"),
                    row(
                            "mailto",
                            "mailto:x@y.z",
                            "mailto:x@y.z",
                            "mailto:x@y.z",
                            "mailto:x@y.z",
                            "mailto:x@y.z",
                            "mailto%3ax%40y.z",
                            "ZgotmplZ",
                            "mailto\\3ax@y.z",
                            "ZgotmplZ",
                            "\"mailto:x@y.z\"",
                            "mailto:x@y.z",
                            "&#34;mailto:x@y.z&#34;",
                            "mailto:x@y.z",
                            "mailto:x@y.z"),
                    row(
                            "colon after semicolon",
                            "x;y:z",
                            "x;y:z",
                            "x;y:z",
                            "#ZgotmplZ",
                            "x;y:z",
                            "x%3by%3az",
                            "ZgotmplZ",
                            "#ZgotmplZ",
                            "ZgotmplZ",
                            "\"x;y:z\"",
                            "x;y:z",
                            "&#34;x;y:z&#34;",
                            "x;y:z",
                            "x;y:z"),
                    row(
                            "quotes",
                            "'\"`",
                            "&#39;&#34;`",
                            "&#39;&#34;&#96;",
                            "%27%22%60",
                            "%27%22%60",
                            "%27%22%60",
                            "ZgotmplZ",
                            "\\27\\22`",
                            "ZgotmplZ",
                            "\"'\\\"`\"",
                            "\\u0027\\u0022\\u0060",
                            "&#34;&#39;\\&#34;`&#34;",
                            "\\u0027\\u0022\\u0060",
                            "'\"`"),
                    row(
                            "plain word",
                            "red",
                            "red",
                            "red",
                            "red",
                            "red",
                            "red",
                            "red",
                            "red",
                            "red",
                            "\"red\"",
                            "red",
                            "&#34;red&#34;",
                            "red",
                            "red"),
                    row(
                            "css number",
                            "-1.5em",
                            "-1.5em",
                            "-1.5em",
                            "-1.5em",
                            "-1.5em",
                            "-1.5em",
                            "-1.5em",
                            "-1.5em",
                            "-1.5em",
                            "\"-1.5em\"",
                            "-1.5em",
                            "&#34;-1.5em&#34;",
                            "-1.5em",
                            "-1.5em"),
                    row(
                            "lone surrogate",
                            "a\ud800b",
                            "a\ufffdb",
                            "a&#xfffd;b",
                            "a%ef%bf%bdb",
                            "a%ef%bf%bdb",
                            "a%ef%bf%bdb",
                            "a\ufffdb",
                            "a\ufffdb",
                            "a\ufffdb",
                            "\"a\\ufffdb\"",
                            "a\ufffdb",
                            "&#34;a\\ufffdb&#34;",
                            "a\ufffdb",
                            "a\ufffdb"),
                    row(
                            "noncharacters",
                            "\ufdd0\ufffe",
                            "\ufdd0\ufffe",
                            "&#xfdd0;&#xfffe;",
                            "%ef%b7%90%ef%bf%be",
                            "%ef%b7%90%ef%bf%be",
                            "%ef%b7%90%ef%bf%be",
                            "\ufdd0\ufffe",
                            "\ufdd0\ufffe",
                            "\ufdd0\ufffe",
                            "\"\ufdd0\ufffe\"",
                            "\ufdd0\ufffe",
                            "&#34;\ufdd0\ufffe&#34;",
                            "\ufdd0\ufffe",
                            "\ufdd0\ufffe"),
                    row(
                            "empty",
                            "",
                            "",
                            "ZgotmplZ",
                            "",
                            "",
                            "",
                            "",
                            "",
                            "",
                            "\"\"",
                            "",
                            "&#34;&#34;",
                            "",
                            ""),
                    row(
                            "long",
                            "<a href='x'>&\"".repeat(2000),
                            "&lt;a href=&#39;x&#39;&gt;&amp;&#34;".repeat(2000),
                            "&lt;a&#32;href&#61;&#39;x&#39;&gt;&amp;&#34;".repeat(2000),
                            "%3ca%20href=%27x%27%3e&amp;%22".repeat(2000),
                            "%3ca%20href=%27x%27%3e&amp;%22".repeat(2000),
                            "%3ca%20href%3d%27x%27%3e%26%22".repeat(2000),
                            "ZgotmplZ",
                            "\\3c a href=\\27x\\27\\3e\\26\\22".repeat(2000) + " ",
                            "ZgotmplZ",
                            "\"" + "\\u003ca href='x'\\u003e\\u0026\\\"".repeat(2000) + "\"",
                            "\\u003ca href=\\u0027x\\u0027\\u003e\\u0026\\u0022".repeat(2000),
                            "&#34;"
                                    + "\\u003ca href=&#39;x&#39;\\u003e\\u0026\\&#34;".repeat(2000)
                                    + "&#34;",
                            "\\u003ca href=\\u0027x\\u0027\\u003e\\u0026\\u0022".repeat(2000),
                            "<a href='x'>&\"".repeat(2000)));

    static Stream<Row> rows() {
        return ROWS.stream();
    }

    // ------------------------------------------------------------------------------- html()

    @Test
    void tableIsWellFormed() {
        assertTrue(ROWS.size() >= 30, "payloads: " + ROWS.size());
        assertEquals(
                ROWS.size(),
                ROWS.stream().map(Row::name).collect(Collectors.toSet()).size(),
                "names");
        assertEquals(
                ROWS.size(),
                ROWS.stream().map(Row::in).collect(Collectors.toSet()).size(),
                "payloads");
        Set<String> names = ROWS.stream().map(Row::name).collect(Collectors.toSet());
    }

    /** The whole inner HTML a row should produce (known-bug cells included). */
    static String expectedInner(Row r) {
        StringBuilder sb = new StringBuilder(HEAD);
        for (Context c : CONTEXTS) {
            sb.append(c.line(r.expected(c.col())));
        }
        return sb.append(TAIL).toString();
    }

    /** The output line of context {@code c} ({@code ~NN~…\n}), cut at the next label. */
    static String cutLine(String inner, Context c) {
        int start = inner.indexOf("\n~" + c.label() + "~");
        assertTrue(start >= 0, () -> "no line ~" + c.label() + "~ in\n" + inner);
        String next = "\n~" + String.format("%02d", Integer.parseInt(c.label()) + 1) + "~";
        int end = inner.indexOf(next, start + 1);
        assertTrue(end >= 0, () -> "no line after ~" + c.label() + "~ in\n" + inner);
        return inner.substring(start + 1, end + 1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void htmlOfEveryContextMatchesGo(Row r) {
        String html = RENDERER.html(r.state());
        String inner = OracleCheck.innerHtml(html);
        List<Executable> checks = new ArrayList<>();
        checks.add(() -> assertTrue(inner.startsWith(HEAD), "head"));
        checks.add(() -> assertTrue(inner.endsWith(TAIL), "tail"));
        checks.add(
                () ->
                        assertTrue(
                                html.startsWith(
                                                "<div data-lvt-id=\""
                                                        + RENDERER.defaultWrapperId()
                                                        + "\">")
                                        && html.endsWith("</div>"),
                                "wrapper"));
        for (Context c : CONTEXTS) {
            String want = c.line(r.expected(c.col()));
            checks.add(() -> assertEquals(want, cutLine(inner, c), () -> r.name() + " in " + c));
        }
        checks.add(() -> assertEquals(expectedInner(r), inner, "whole inner HTML"));
        assertAll(r.name(), checks);
    }

    // ------------------------------------------------------------------------------- tree()

    /** The statics of the tree: the template text between slots (the comment line has none). */
    static List<String> expectedStatics() {
        List<String> statics = new ArrayList<>();
        StringBuilder pending = new StringBuilder(HEAD);
        for (Context c : CONTEXTS) {
            pending.append('~').append(c.label()).append('~').append(c.before());
            if (c.col() != Col.DROPPED) {
                statics.add(pending.toString());
                pending.setLength(0);
            }
            pending.append(c.after()).append('\n');
        }
        statics.add(pending.append(TAIL).toString());
        return statics;
    }

    @Test
    void staticsAreTheTemplateText() {
        List<String> statics = expectedStatics();
        assertEquals(CONTEXTS.size(), statics.size()); // 21 slots: every context but the comment
        assertEquals(HEAD + "~01~<p>", statics.get(0));
        assertEquals("\">mounted</div>\n~19~\n~20~<p>", statics.get(18));
        assertEquals("</title>\n" + TAIL, statics.get(21));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void treeIsJsonCarryingTheHtmlPieces(Row r) throws Exception {
        String inner = OracleCheck.innerHtml(RENDERER.html(r.state()));
        String treeJson = RENDERER.tree(r.state());
        JsonNode tree = JSON.readTree(treeJson);
        assertTrue(tree.isObject(), treeJson);

        List<String> statics = new ArrayList<>();
        tree.get("s").forEach(s -> statics.add(s.textValue()));
        assertEquals(expectedStatics(), statics, "statics");

        int slots = statics.size() - 1;
        List<String> keys = new ArrayList<>();
        for (Iterator<String> it = tree.fieldNames(); it.hasNext(); ) {
            keys.add(it.next());
        }
        List<String> wantKeys = new ArrayList<>(List.of("s"));
        for (int i = 0; i < slots; i++) {
            wantKeys.add(String.valueOf(i));
        }
        assertEquals(Set.copyOf(wantKeys), Set.copyOf(keys), "tree keys");

        // Cut html() at the statics: each piece between two statics must be the slot's string.
        int pos = 0;
        List<String> slotValues = new ArrayList<>();
        for (int i = 0; i < slots; i++) {
            JsonNode slot = tree.get(String.valueOf(i));
            assertTrue(slot.isTextual(), () -> "slot is not a string: " + slot);
            slotValues.add(slot.textValue());
            assertTrue(inner.startsWith(statics.get(i), pos), "static " + i);
            pos += statics.get(i).length();
            int end = inner.indexOf(statics.get(i + 1), pos);
            assertTrue(end >= 0, "static " + (i + 1));
            assertEquals(inner.substring(pos, end), slot.textValue(), "slot " + i);
            pos = end;
        }
        assertEquals(statics.get(slots), inner.substring(pos), "last static");

        // And the slots rebuild html() exactly.
        StringBuilder rebuilt = new StringBuilder(statics.get(0));
        for (int i = 0; i < slots; i++) {
            rebuilt.append(slotValues.get(i)).append(statics.get(i + 1));
        }
        assertEquals(inner, rebuilt.toString());
    }

    // ------------------------------------------------------------------------------- client

    private static ClientOracle oracle;

    @BeforeAll
    static void startOracle() {
        oracle = ClientOracle.start();
    }

    @AfterAll
    static void stopOracle() {
        if (oracle != null) {
            oracle.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void clientRendersTheFirstTree(Row r) {
        oracle.reset();
        EscapingState s = r.state();
        assertEquals(OracleCheck.innerHtml(RENDERER.html(s)), oracle.apply(RENDERER.tree(s)));
    }

    /**
     * The client renders a tree string that starts with "{{" and ends with "}}" as empty, so
     * trusted markup of that shape gets its first brace as an entity, like every escaper.
     */
    @Test
    void clientRendersTrustedMustache() {
        oracle.reset();
        EscapingState s = new EscapingState("v", TrustedHtml.of("{{x}}"));
        assertEquals(OracleCheck.innerHtml(RENDERER.html(s)), oracle.apply(RENDERER.tree(s)));
    }

    /** One client session through every payload, by diffs; then back through them in reverse. */
    @Test
    void clientFollowsDiffsBetweenPayloads() {
        oracle.reset();
        EscapingState prev = new EscapingState("start", TrustedHtml.of("<b>start</b>"));
        assertEquals(OracleCheck.innerHtml(RENDERER.html(prev)), oracle.apply(RENDERER.tree(prev)));
        List<Row> order = new ArrayList<>(ROWS);
        List<Row> reversed = new ArrayList<>(ROWS);
        java.util.Collections.reverse(reversed);
        order.addAll(reversed);
        for (Row r : order) {
            EscapingState next = r.state();
            String diff = RENDERER.diff(prev, next);
            assertEquals(
                    OracleCheck.innerHtml(RENDERER.html(next)),
                    oracle.apply(diff),
                    () -> "diff to " + r.name() + ": " + diff);
            assertEquals("{}", RENDERER.diff(next, next), r.name());
            prev = next;
        }
    }
}
