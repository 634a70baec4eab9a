package io.github.livetemplate.runtime.generated;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.livetemplate.runtime.TrustedHtml;
import io.github.livetemplate.runtime.Utf8Buffer;
import io.github.livetemplate.runtime.generated.Escape.Delim;
import io.github.livetemplate.runtime.generated.Escape.UrlPart;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Escapers against Go html/template. The payload table gives, per hostile input, the exact output
 * of every context escaper before the attribute (Delim) step; every Delim is then checked against
 * an independent reference of the HTML escaping, and every json=true output against the JSON
 * escaping of the json=false output. Expected values follow Go's escaper tables (checked by hand;
 * several sets are Go's own escaper test vectors).
 */
class EscapeTest {

    /** One payload and its expected outputs. */
    record Row(
            String in,
            String html,
            String htmlUnquoted,
            String urlStart,
            String urlPath,
            String urlQuery,
            String jsValue,
            String jsString,
            String cssValue,
            String cssString) {}

    private static Row row(String... v) {
        return new Row(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9]);
    }

    /** Notes: " javascript:x" (leading space) has no recognised scheme, so it is rejected too. */
    static final List<Row> ROWS =
            List.of(
                    row(
                            "<script>alert(1)</script>",
                            "&lt;script&gt;alert(1)&lt;/script&gt;",
                            "&lt;script&gt;alert(1)&lt;/script&gt;",
                            "%3cscript%3ealert%281%29%3c/script%3e",
                            "%3cscript%3ealert%281%29%3c/script%3e",
                            "%3cscript%3ealert%281%29%3c%2fscript%3e",
                            "\"\\u003cscript\\u003ealert(1)\\u003c/script\\u003e\"",
                            "\\u003cscript\\u003ealert(1)\\u003c\\/script\\u003e",
                            "ZgotmplZ",
                            "\\3cscript\\3e alert\\28 1\\29\\3c\\2fscript\\3e "),
                    row(
                            "\"><img src=x onerror=alert(1)>",
                            "&#34;&gt;&lt;img src=x onerror=alert(1)&gt;",
                            "&#34;&gt;&lt;img&#32;src&#61;x&#32;onerror&#61;alert(1)&gt;",
                            "%22%3e%3cimg%20src=x%20onerror=alert%281%29%3e",
                            "%22%3e%3cimg%20src=x%20onerror=alert%281%29%3e",
                            "%22%3e%3cimg%20src%3dx%20onerror%3dalert%281%29%3e",
                            "\"\\\"\\u003e\\u003cimg src=x onerror=alert(1)\\u003e\"",
                            "\\u0022\\u003e\\u003cimg src=x onerror=alert(1)\\u003e",
                            "ZgotmplZ",
                            "\\22\\3e\\3cimg src=x onerror=alert\\28 1\\29\\3e "),
                    row(
                            "' onmouseover='x",
                            "&#39; onmouseover=&#39;x",
                            "&#39;&#32;onmouseover&#61;&#39;x",
                            "%27%20onmouseover=%27x",
                            "%27%20onmouseover=%27x",
                            "%27%20onmouseover%3d%27x",
                            "\"' onmouseover='x\"",
                            "\\u0027 onmouseover=\\u0027x",
                            "ZgotmplZ",
                            "\\27  onmouseover=\\27x"),
                    row(
                            "javascript:alert(1)",
                            "javascript:alert(1)",
                            "javascript:alert(1)",
                            "#ZgotmplZ",
                            "javascript:alert%281%29",
                            "javascript%3aalert%281%29",
                            "\"javascript:alert(1)\"",
                            "javascript:alert(1)",
                            "ZgotmplZ",
                            "#ZgotmplZ"),
                    row(
                            "JaVaScRiPt:alert(1)",
                            "JaVaScRiPt:alert(1)",
                            "JaVaScRiPt:alert(1)",
                            "#ZgotmplZ",
                            "JaVaScRiPt:alert%281%29",
                            "JaVaScRiPt%3aalert%281%29",
                            "\"JaVaScRiPt:alert(1)\"",
                            "JaVaScRiPt:alert(1)",
                            "ZgotmplZ",
                            "#ZgotmplZ"),
                    row(
                            " javascript:x",
                            " javascript:x",
                            "&#32;javascript:x",
                            "#ZgotmplZ",
                            "%20javascript:x",
                            "%20javascript%3ax",
                            "\" javascript:x\"",
                            " javascript:x",
                            " javascript:x",
                            "#ZgotmplZ"),
                    row(
                            "data:text/html,<b>x</b>",
                            "data:text/html,&lt;b&gt;x&lt;/b&gt;",
                            "data:text/html,&lt;b&gt;x&lt;/b&gt;",
                            "#ZgotmplZ",
                            "data:text/html,%3cb%3ex%3c/b%3e",
                            "data%3atext%2fhtml%2c%3cb%3ex%3c%2fb%3e",
                            "\"data:text/html,\\u003cb\\u003ex\\u003c/b\\u003e\"",
                            "data:text\\/html,\\u003cb\\u003ex\\u003c\\/b\\u003e",
                            "ZgotmplZ",
                            "#ZgotmplZ"),
                    row(
                            "vbscript:x",
                            "vbscript:x",
                            "vbscript:x",
                            "#ZgotmplZ",
                            "vbscript:x",
                            "vbscript%3ax",
                            "\"vbscript:x\"",
                            "vbscript:x",
                            "vbscript:x",
                            "#ZgotmplZ"),
                    row(
                            "</script><script>x</script>",
                            "&lt;/script&gt;&lt;script&gt;x&lt;/script&gt;",
                            "&lt;/script&gt;&lt;script&gt;x&lt;/script&gt;",
                            "%3c/script%3e%3cscript%3ex%3c/script%3e",
                            "%3c/script%3e%3cscript%3ex%3c/script%3e",
                            "%3c%2fscript%3e%3cscript%3ex%3c%2fscript%3e",
                            "\"\\u003c/script\\u003e\\u003cscript\\u003ex\\u003c/script\\u003e\"",
                            "\\u003c\\/script\\u003e\\u003cscript\\u003ex\\u003c\\/script\\u003e",
                            "ZgotmplZ",
                            "\\3c\\2fscript\\3e\\3cscript\\3ex\\3c\\2fscript\\3e "),
                    row(
                            "</style>",
                            "&lt;/style&gt;",
                            "&lt;/style&gt;",
                            "%3c/style%3e",
                            "%3c/style%3e",
                            "%3c%2fstyle%3e",
                            "\"\\u003c/style\\u003e\"",
                            "\\u003c\\/style\\u003e",
                            "ZgotmplZ",
                            "\\3c\\2fstyle\\3e "),
                    row(
                            "expression(alert(1))",
                            "expression(alert(1))",
                            "expression(alert(1))",
                            "expression%28alert%281%29%29",
                            "expression%28alert%281%29%29",
                            "expression%28alert%281%29%29",
                            "\"expression(alert(1))\"",
                            "expression(alert(1))",
                            "ZgotmplZ",
                            "expression\\28 alert\\28 1\\29\\29 "),
                    row(
                            "a&b=c",
                            "a&amp;b=c",
                            "a&amp;b&#61;c",
                            "a&b=c",
                            "a&b=c",
                            "a%26b%3dc",
                            "\"a\\u0026b=c\"",
                            "a\\u0026b=c",
                            "a&b=c",
                            "a\\26 b=c"),
                    row(
                            "{{x}}",
                            "&#123;{x}}",
                            "&#123;{x}}",
                            "%7b%7bx%7d%7d",
                            "%7b%7bx%7d%7d",
                            "%7b%7bx%7d%7d",
                            "\"{{x}}\"",
                            "\\u007b{x}}",
                            "ZgotmplZ",
                            "\\7b\\7bx\\7d\\7d "),
                    row(
                            "\u00e9\u6f22\ud83d\ude00",
                            "\u00e9\u6f22\ud83d\ude00",
                            "\u00e9\u6f22\ud83d\ude00",
                            "%c3%a9%e6%bc%a2%f0%9f%98%80",
                            "%c3%a9%e6%bc%a2%f0%9f%98%80",
                            "%c3%a9%e6%bc%a2%f0%9f%98%80",
                            "\"\u00e9\u6f22\ud83d\ude00\"",
                            "\u00e9\u6f22\ud83d\ude00",
                            "\u00e9\u6f22\ud83d\ude00",
                            "\u00e9\u6f22\ud83d\ude00"),
                    row(
                            "a\ud800b",
                            "a\ufffdb",
                            "a&#xfffd;b",
                            "a%ef%bf%bdb",
                            "a%ef%bf%bdb",
                            "a%ef%bf%bdb",
                            "\"a\\ufffdb\"",
                            "a\ufffdb",
                            "a\ufffdb",
                            "a\ufffdb"),
                    row(
                            "a\u0000b",
                            "a\ufffdb",
                            "a&#xfffd;b",
                            "a%00b",
                            "a%00b",
                            "a%00b",
                            "\"a\\u0000b\"",
                            "a\\u0000b",
                            "ZgotmplZ",
                            "a\\0 b"),
                    row(
                            "a\r\nb\tc",
                            "a\r\nb\tc",
                            "a&#13;&#10;b&#9;c",
                            "a%0d%0ab%09c",
                            "a%0d%0ab%09c",
                            "a%0d%0ab%09c",
                            "\"a\\r\\nb\\tc\"",
                            "a\\r\\nb\\tc",
                            "a\r\nb\tc",
                            "a\\d \\a b\\9 c"),
                    row(
                            "a\\b\\\\c",
                            "a\\b\\\\c",
                            "a\\b\\\\c",
                            "a%5cb%5c%5cc",
                            "a%5cb%5c%5cc",
                            "a%5cb%5c%5cc",
                            "\"a\\\\b\\\\\\\\c\"",
                            "a\\\\b\\\\\\\\c",
                            "ZgotmplZ",
                            "a\\\\b\\\\\\\\c"),
                    row(
                            "`x`",
                            "`x`",
                            "&#96;x&#96;",
                            "%60x%60",
                            "%60x%60",
                            "%60x%60",
                            "\"`x`\"",
                            "\\u0060x\\u0060",
                            "ZgotmplZ",
                            "`x`"),
                    row(
                            "a--b",
                            "a--b",
                            "a--b",
                            "a--b",
                            "a--b",
                            "a--b",
                            "\"a--b\"",
                            "a--b",
                            "ZgotmplZ",
                            "a--b"),
                    row(
                            "-->",
                            "--&gt;",
                            "--&gt;",
                            "--%3e",
                            "--%3e",
                            "--%3e",
                            "\"--\\u003e\"",
                            "--\\u003e",
                            "ZgotmplZ",
                            "--\\3e "),
                    row(
                            "<!--",
                            "&lt;!--",
                            "&lt;!--",
                            "%3c!--",
                            "%3c!--",
                            "%3c%21--",
                            "\"\\u003c!--\"",
                            "\\u003c!--",
                            "ZgotmplZ",
                            "\\3c!--"),
                    row(
                            "a\u2028b\u2029c",
                            "a\u2028b\u2029c",
                            "a\u2028b\u2029c",
                            "a%e2%80%a8b%e2%80%a9c",
                            "a%e2%80%a8b%e2%80%a9c",
                            "a%e2%80%a8b%e2%80%a9c",
                            "\"a\\u2028b\\u2029c\"",
                            "a\\u2028b\\u2029c",
                            "a\u2028b\u2029c",
                            "a\u2028b\u2029c"),
                    row(
                            "+ADw-",
                            "&#43;ADw-",
                            "&#43;ADw-",
                            "+ADw-",
                            "+ADw-",
                            "%2bADw-",
                            "\"+ADw-\"",
                            "\\u002bADw-",
                            "+ADw-",
                            "\\2b ADw-"),
                    row("", "", "ZgotmplZ", "", "", "", "\"\"", "", "", ""),
                    row(
                            "http://example.com/a b?q=1&r=2#f",
                            "http://example.com/a b?q=1&amp;r=2#f",
                            "http://example.com/a&#32;b?q&#61;1&amp;r&#61;2#f",
                            "http://example.com/a%20b?q=1&r=2#f",
                            "http://example.com/a%20b?q=1&r=2#f",
                            "http%3a%2f%2fexample.com%2fa%20b%3fq%3d1%26r%3d2%23f",
                            "\"http://example.com/a b?q=1\\u0026r=2#f\"",
                            "http:\\/\\/example.com\\/a b?q=1\\u0026r=2#f",
                            "ZgotmplZ",
                            "http\\3a\\2f\\2f example.com\\2f a b?q=1\\26r=2#f"),
                    row(
                            "mailto:x@y.z",
                            "mailto:x@y.z",
                            "mailto:x@y.z",
                            "mailto:x@y.z",
                            "mailto:x@y.z",
                            "mailto%3ax%40y.z",
                            "\"mailto:x@y.z\"",
                            "mailto:x@y.z",
                            "ZgotmplZ",
                            "mailto\\3ax@y.z"),
                    row(
                            "/path/to?x=1:2",
                            "/path/to?x=1:2",
                            "/path/to?x&#61;1:2",
                            "/path/to?x=1:2",
                            "/path/to?x=1:2",
                            "%2fpath%2fto%3fx%3d1%3a2",
                            "\"/path/to?x=1:2\"",
                            "\\/path\\/to?x=1:2",
                            "ZgotmplZ",
                            "\\2fpath\\2fto?x=1\\3a 2"),
                    row(
                            "100%",
                            "100%",
                            "100%",
                            "100%25",
                            "100%25",
                            "100%25",
                            "\"100%\"",
                            "100%",
                            "100%",
                            "100%"),
                    row(
                            "a=b c",
                            "a=b c",
                            "a&#61;b&#32;c",
                            "a=b%20c",
                            "a=b%20c",
                            "a%3db%20c",
                            "\"a=b c\"",
                            "a=b c",
                            "a=b c",
                            "a=b c"),
                    row(
                            "\u000b\u000c",
                            "\u000b\u000c",
                            "&#11;&#12;",
                            "%0b%0c",
                            "%0b%0c",
                            "%0b%0c",
                            "\"\\u000b\\f\"",
                            "\\u000b\\f",
                            "\u000b\u000c",
                            "\u000b\\c "),
                    row(
                            "'\"`",
                            "&#39;&#34;`",
                            "&#39;&#34;&#96;",
                            "%27%22%60",
                            "%27%22%60",
                            "%27%22%60",
                            "\"'\\\"`\"",
                            "\\u0027\\u0022\\u0060",
                            "ZgotmplZ",
                            "\\27\\22`"),
                    row(
                            "x;y:z",
                            "x;y:z",
                            "x;y:z",
                            "#ZgotmplZ",
                            "x;y:z",
                            "x%3by%3az",
                            "\"x;y:z\"",
                            "x;y:z",
                            "ZgotmplZ",
                            "#ZgotmplZ"),
                    row(
                            "\ufdd0\ufffe",
                            "\ufdd0\ufffe",
                            "&#xfdd0;&#xfffe;",
                            "%ef%b7%90%ef%bf%be",
                            "%ef%b7%90%ef%bf%be",
                            "%ef%b7%90%ef%bf%be",
                            "\"\ufdd0\ufffe\"",
                            "\ufdd0\ufffe",
                            "\ufdd0\ufffe",
                            "\ufdd0\ufffe"));

    // --- independent references for the Delim step and the JSON mode

    /** Go htmlEscaper, written as a plain replacement chain. */
    static String refHtml(String s) {
        if (s.startsWith("{{") && s.endsWith("}}")) {
            return "&#123;" + refHtmlNoQuirk(s.substring(1));
        }
        return refHtmlNoQuirk(s);
    }

    private static String refHtmlNoQuirk(String s) {
        StringBuilder b = new StringBuilder();
        s.codePoints()
                .forEach(
                        c -> {
                            switch (c) {
                                case 0 -> b.append('\uFFFD');
                                case '"' -> b.append("&#34;");
                                case '&' -> b.append("&amp;");
                                case '\'' -> b.append("&#39;");
                                case '+' -> b.append("&#43;");
                                case '<' -> b.append("&lt;");
                                case '>' -> b.append("&gt;");
                                default -> b.appendCodePoint(isSurrogate(c) ? 0xFFFD : c);
                            }
                        });
        return b.toString();
    }

    /** Go htmlNospaceEscaper. */
    static String refHtmlUnquoted(String s) {
        if (s.isEmpty()) {
            return "ZgotmplZ";
        }
        String prefix = "";
        if (s.startsWith("{{") && s.endsWith("}}")) {
            prefix = "&#123;";
            s = s.substring(1);
        }
        StringBuilder b = new StringBuilder(prefix);
        s.codePoints()
                .forEach(
                        c -> {
                            switch (c) {
                                case 0 -> b.append("&#xfffd;");
                                case '\t' -> b.append("&#9;");
                                case '\n' -> b.append("&#10;");
                                case 0x0B -> b.append("&#11;");
                                case '\f' -> b.append("&#12;");
                                case '\r' -> b.append("&#13;");
                                case ' ' -> b.append("&#32;");
                                case '=' -> b.append("&#61;");
                                case '`' -> b.append("&#96;");
                                case '"' -> b.append("&#34;");
                                case '&' -> b.append("&amp;");
                                case '\'' -> b.append("&#39;");
                                case '+' -> b.append("&#43;");
                                case '<' -> b.append("&lt;");
                                case '>' -> b.append("&gt;");
                                default -> {
                                    if (isSurrogate(c)) {
                                        b.append("&#xfffd;");
                                    } else if ((c >= 0xFDD0 && c <= 0xFDEF)
                                            || (c >= 0xFFF0 && c <= 0xFFFF)) {
                                        b.append("&#x").append(Integer.toHexString(c)).append(';');
                                    } else {
                                        b.appendCodePoint(c);
                                    }
                                }
                            }
                        });
        return b.toString();
    }

    private static boolean isSurrogate(int c) {
        return c >= 0xD800 && c <= 0xDFFF;
    }

    /** What a string looks like after a trip through UTF-8 (lone surrogates become U+FFFD). */
    static String utf8(String s) {
        Utf8Buffer b = new Utf8Buffer();
        b.writeUtf8(s);
        return b.toString();
    }

    static String delimit(String inner, Delim d) {
        return switch (d) {
            case NONE -> utf8(inner);
            case QUOTED -> refHtml(inner);
            case UNQUOTED -> refHtmlUnquoted(inner);
        };
    }

    /** JSON string content of {@code s}, by an independent rule set. */
    static String refJson(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                case '\b' -> b.append("\\b");
                case '\f' -> b.append("\\f");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }

    interface Escaper {
        void write(String s, Utf8Buffer out, boolean json);
    }

    /** Runs {@code e} in both modes and checks the JSON mode against the plain one. */
    static String run(Escaper e, String in) {
        Utf8Buffer plain = new Utf8Buffer(8);
        plain.writeAscii("pre"); // escapers append, they do not reset
        e.write(in, plain, false);
        String html = plain.toString().substring(3);
        Utf8Buffer json = new Utf8Buffer(8);
        e.write(in, json, true);
        assertEquals(refJson(html), json.toString(), () -> "json mode of " + show(in));
        return html;
    }

    static String show(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            b.append(c < 0x20 || c > 0x7e ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        return b.append('"').toString();
    }

    @Test
    void tableHasEnoughPayloads() {
        assertTrue(ROWS.size() >= 30, "payloads: " + ROWS.size());
    }

    @Test
    void htmlAndUnquoted() {
        for (Row r : ROWS) {
            assertEquals(r.html(), run(Escape::html, r.in()), () -> "html " + show(r.in()));
            assertEquals(refHtml(r.in()), r.html(), () -> "reference html " + show(r.in()));
            assertEquals(
                    r.htmlUnquoted(),
                    run(Escape::htmlUnquoted, r.in()),
                    () -> "unquoted " + show(r.in()));
            assertEquals(
                    refHtmlUnquoted(r.in()),
                    r.htmlUnquoted(),
                    () -> "reference unquoted " + show(r.in()));
            String trusted = Escape.isMustache(r.in()) ? "&#123;" + r.in().substring(1) : r.in();
            assertEquals(
                    utf8(trusted), run(Escape::trusted, r.in()), () -> "trusted " + show(r.in()));
        }
    }

    @Test
    void everyContextEscaperWithEveryDelim() {
        int checked = 0;
        for (Row r : ROWS) {
            for (Delim d : Delim.values()) {
                check(
                        r,
                        d,
                        r.urlStart(),
                        (s, o, j) -> Escape.url(s, UrlPart.START, d, o, j),
                        "url START");
                check(
                        r,
                        d,
                        r.urlPath(),
                        (s, o, j) -> Escape.url(s, UrlPart.PATH, d, o, j),
                        "url PATH");
                check(
                        r,
                        d,
                        r.urlQuery(),
                        (s, o, j) -> Escape.url(s, UrlPart.QUERY, d, o, j),
                        "url QUERY");
                check(r, d, r.jsValue(), (s, o, j) -> Escape.jsValue(s, d, o, j), "jsValue");
                check(r, d, r.jsString(), (s, o, j) -> Escape.jsString(s, d, o, j), "jsString");
                check(r, d, r.cssValue(), (s, o, j) -> Escape.cssValue(s, d, o, j), "cssValue");
                check(r, d, r.cssString(), (s, o, j) -> Escape.cssString(s, d, o, j), "cssString");
                checked += 7;
            }
        }
        assertEquals(ROWS.size() * 21, checked);
    }

    private static void check(Row r, Delim d, String inner, Escaper e, String what) {
        assertEquals(delimit(inner, d), run(e, r.in()), () -> what + " " + d + " " + show(r.in()));
    }

    @Test
    void spotChecksOfComposedOutput() {
        assertEquals(
                "&#34;\\u003cscript\\u003e&#34;",
                run((s, o, j) -> Escape.jsValue(s, Delim.QUOTED, o, j), "<script>"));
        assertEquals(
                "%27%20onmouseover&#61;%27x",
                run(
                        (s, o, j) -> Escape.url(s, UrlPart.PATH, Delim.UNQUOTED, o, j),
                        "' onmouseover='x"));
        assertEquals(
                "a&amp;b=c",
                run((s, o, j) -> Escape.url(s, UrlPart.START, Delim.QUOTED, o, j), "a&b=c"));
        assertEquals("ZgotmplZ", run((s, o, j) -> Escape.jsString(s, Delim.UNQUOTED, o, j), ""));
        assertEquals(
                "\\u003c\\/script\\u003e",
                run((s, o, j) -> Escape.jsString(s, Delim.NONE, o, j), "</script>"));
        // JSON mode of a composed value: the backslashes of the JS escapes are JSON-escaped.
        Utf8Buffer b = new Utf8Buffer();
        Escape.jsString("</script>", Delim.QUOTED, b, true);
        assertEquals("\\\\u003c\\\\/script\\\\u003e", b.toString());
    }

    @Test
    void clientMustacheQuirk() {
        assertEquals("&#123;{}}", run(Escape::html, "{{}}"));
        assertEquals("&#123;{ .X }}", run(Escape::html, "{{ .X }}"));
        assertEquals("&#123;{.X}}", run(Escape::htmlUnquoted, "{{.X}}"));
        assertEquals("{{x}", run(Escape::html, "{{x}"));
        assertEquals("x{{y}}", run(Escape::html, "x{{y}}"));
        assertEquals("{}", run(Escape::html, "{}"));
        assertEquals(
                "\\u007b{a}}", run((s, o, j) -> Escape.jsString(s, Delim.NONE, o, j), "{{a}}"));
        assertEquals(
                "\\u007b{a}}", run((s, o, j) -> Escape.jsString(s, Delim.QUOTED, o, j), "{{a}}"));
        // Braces are always escaped in CSS strings, so the value never starts with {{.
        assertEquals(
                "\\7b\\7b a\\7d\\7d ",
                run((s, o, j) -> Escape.cssString(s, Delim.NONE, o, j), "{{a}}"));
    }

    /**
     * Go's TestURLFilters vectors (urlEscaper and urlNormalizer over every ASCII char and more).
     */
    @Test
    void goUrlFilterVectors() {
        String input =
                "\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\t\n\u000b\u000c\r\u000e\u000f"
                        + "\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001a\u001b\u001c\u001d"
                        + "\u001e\u001f"
                        + " !\"#$%&'()*+,-./"
                        + "0123456789:;<=>?"
                        + "@ABCDEFGHIJKLMNO"
                        + "PQRSTUVWXYZ[\\]^_"
                        + "`abcdefghijklmno"
                        + "pqrstuvwxyz{|}~\u007f"
                        + "\u00A0\u0100\u2028\u2029\ufeff\uD834\uDD1E";
        String escaped =
                "%00%01%02%03%04%05%06%07%08%09%0a%0b%0c%0d%0e%0f"
                        + "%10%11%12%13%14%15%16%17%18%19%1a%1b%1c%1d%1e%1f"
                        + "%20%21%22%23%24%25%26%27%28%29%2a%2b%2c-.%2f"
                        + "0123456789%3a%3b%3c%3d%3e%3f"
                        + "%40ABCDEFGHIJKLMNO"
                        + "PQRSTUVWXYZ%5b%5c%5d%5e_"
                        + "%60abcdefghijklmno"
                        + "pqrstuvwxyz%7b%7c%7d~%7f"
                        + "%c2%a0%c4%80%e2%80%a8%e2%80%a9%ef%bb%bf%f0%9d%84%9e";
        String normalized =
                "%00%01%02%03%04%05%06%07%08%09%0a%0b%0c%0d%0e%0f"
                        + "%10%11%12%13%14%15%16%17%18%19%1a%1b%1c%1d%1e%1f"
                        + "%20!%22#$%25&%27%28%29*+,-./"
                        + "0123456789:;%3c=%3e?"
                        + "@ABCDEFGHIJKLMNO"
                        + "PQRSTUVWXYZ[%5c]%5e_"
                        + "%60abcdefghijklmno"
                        + "pqrstuvwxyz%7b%7c%7d~%7f"
                        + "%c2%a0%c4%80%e2%80%a8%e2%80%a9%ef%bb%bf%f0%9d%84%9e";
        assertEquals(
                escaped, run((s, o, j) -> Escape.url(s, UrlPart.QUERY, Delim.NONE, o, j), input));
        assertEquals(
                normalized, run((s, o, j) -> Escape.url(s, UrlPart.PATH, Delim.NONE, o, j), input));
        // Go TestURLNormalizer: valid escapes survive; a % without two hex digits is encoded.
        for (String keep : List.of("%7c", "%7C", "")) {
            assertEquals(
                    keep, run((s, o, j) -> Escape.url(s, UrlPart.PATH, Delim.NONE, o, j), keep));
        }
        assertEquals("%252", run((s, o, j) -> Escape.url(s, UrlPart.PATH, Delim.NONE, o, j), "%2"));
        assertEquals("%25", run((s, o, j) -> Escape.url(s, UrlPart.PATH, Delim.NONE, o, j), "%"));
        assertEquals("%25z", run((s, o, j) -> Escape.url(s, UrlPart.PATH, Delim.NONE, o, j), "%z"));
        assertEquals(
                "/foo%7cbar/%5c%e1%88%b4",
                run(
                        (s, o, j) -> Escape.url(s, UrlPart.PATH, Delim.NONE, o, j),
                        "/foo|bar/%5c\u1234"));
    }

    @Test
    void urlSchemes() {
        Escaper start = (s, o, j) -> Escape.url(s, UrlPart.START, Delim.QUOTED, o, j);
        assertEquals("http://x/?a=b&amp;c=d", run(start, "http://x/?a=b&c=d"));
        assertEquals("HTTPS://x", run(start, "HTTPS://x"));
        assertEquals("MailTo:a@b", run(start, "MailTo:a@b"));
        assertEquals("/relative:colon", run(start, "/relative:colon"));
        assertEquals("#ZgotmplZ", run(start, "javascript:alert(1)"));
        assertEquals("#ZgotmplZ", run(start, "JAVASCRIPT:x"));
        assertEquals("#ZgotmplZ", run(start, "data:text/html;base64,PHNjcmlwdD4="));
        assertEquals("#ZgotmplZ", run(start, "ftp://x"));
        assertEquals("#ZgotmplZ", run(start, "\tjavascript:x"));
        // Like Go, only a '/' before the colon marks "no scheme": these are rejected.
        assertEquals("#ZgotmplZ", run(start, "?q=a:b"));
        assertEquals("#ZgotmplZ", run(start, "#frag:x"));
        // Later in the URL the scheme check does not apply.
        assertEquals(
                "javascript:x",
                run((s, o, j) -> Escape.url(s, UrlPart.PATH, Delim.QUOTED, o, j), "javascript:x"));
    }

    /** Go's TestJSValEscaper vectors and the Java kinds. */
    @Test
    void jsValues() {
        assertEquals(" 42 ", js(42));
        assertEquals(" 42 ", js((short) 42));
        assertEquals(" -42 ", js(-42L));
        assertEquals(" 9007199254740993 ", js(9007199254740993L));
        assertEquals(" 1 ", js(1.0f));
        assertEquals(" -1 ", js(-1.0f));
        assertEquals(" 0.5 ", js(0.5f));
        assertEquals(" -0.5 ", js(-0.5f));
        assertEquals(" 0.00390625 ", js(1.0f / 256));
        assertEquals(" 0 ", js(0f));
        assertEquals(" -0 ", js(-0.0));
        assertEquals(" 1 ", js(1.0));
        assertEquals(" 0.1 ", js(0.1f));
        assertEquals(" 0.1 ", js(0.1));
        assertEquals(" 1e+21 ", js(1e21));
        assertEquals(" 100000000000000000000 ", js(1e20));
        assertEquals(" 1e-7 ", js(1e-7));
        assertEquals(" 0.000001 ", js(1e-6));
        assertEquals(" 1.5e+300 ", js(1.5e300));
        assertEquals(" 33.333333333333336 ", js(100.0 / 3));
        assertEquals(" /* json: unsupported value: NaN */null ", js(Double.NaN));
        assertEquals(" /* json: unsupported value: +Inf */null ", js(Double.POSITIVE_INFINITY));
        assertEquals(
                " /* json: unsupported value: -Inf */null ",
                js(List.of(1.0, Float.NEGATIVE_INFINITY)));
        assertEquals(" null ", js(null));
        assertEquals(" null ", js(Optional.empty()));
        assertEquals(" 3 ", js(Optional.of(3)));
        assertEquals(" true ", js(true));
        assertEquals(" false ", js(false));
        assertEquals(
                " 12345678901234567890 ", js(new java.math.BigInteger("12345678901234567890")));
        assertEquals(" 1.25 ", js(new java.math.BigDecimal("1.250")));
        assertEquals("\"\"", js(""));
        assertEquals("\"foo\"", js("foo"));
        assertEquals("\"\\r\\n\\u2028\\u2029\"", js("\r\n\u2028\u2029"));
        assertEquals("\"\\t\\u000b\"", js("\t\u000b"));
        assertEquals("\"\\b\\f\\u0001\"", js("\b\f\u0001"));
        assertEquals("\"it's\"", js("it's"));
        assertEquals("\"x\"", js('x'));
        assertEquals("\"\\u003cb\\u003e\"", js(TrustedHtml.of("<b>")));
        assertEquals("\"SECONDS\"", js(java.util.concurrent.TimeUnit.SECONDS));
        assertEquals("\"P[x=1]\"", js(new P(1)));
        assertEquals("[]", js(List.of()));
        List<Object> mixed = new ArrayList<>();
        mixed.add(42);
        mixed.add("foo");
        mixed.add(null);
        assertEquals("[42,\"foo\",null]", js(mixed));
        assertEquals(
                "[\"\\u003c!--\",\"\\u003c/script\\u003e\",\"--\\u003e\"]",
                js(new String[] {"<!--", "</script>", "-->"}));
        assertEquals("[1,2]", js(new int[] {1, 2}));
        assertEquals("\"AQL/\"", js(new byte[] {1, 2, -1}));
        Map<Object, Object> m = new LinkedHashMap<>();
        m.put("b", List.of(true));
        m.put("a", 1);
        m.put("c", null);
        assertEquals("{\"a\":1,\"b\":[true],\"c\":null}", js(m));
        assertEquals("\"\uD834\uDD1E\"", js("\uD834\uDD1E"));
        assertEquals("\"a\\ufffd\"", js("a\uD800"));
        // The padding keeps tokens apart in every delimiter.
        assertEquals(
                "&#32;42&#32;", run((s, o, j) -> Escape.jsValue(42, Delim.UNQUOTED, o, j), ""));
        assertEquals(" 42 ", run((s, o, j) -> Escape.jsValue(42, Delim.QUOTED, o, j), ""));
    }

    record P(int x) {}

    private static String js(Object v) {
        return run((s, o, j) -> Escape.jsValue(v, Delim.NONE, o, j), "");
    }

    /** Go's TestJSStrEscaper vectors. */
    @Test
    void jsStrings() {
        String[][] cases = {
            {"", ""},
            {"foo", "foo"},
            {"\u0000", "\\u0000"},
            {"\t", "\\t"},
            {"\n", "\\n"},
            {"\r", "\\r"},
            {"\u2028", "\\u2028"},
            {"\u2029", "\\u2029"},
            {"\\", "\\\\"},
            {"\\n", "\\\\n"},
            {"foo\r\nbar", "foo\\r\\nbar"},
            {"\"", "\\u0022"},
            {"'", "\\u0027"},
            {"&amp;", "\\u0026amp;"},
            {"</script>", "\\u003c\\/script\\u003e"},
            {"<![CDATA[", "\\u003c![CDATA["},
            {"]]>", "]]\\u003e"},
            {"<!--", "\\u003c!--"},
            {"-->", "--\\u003e"},
            {
                "+ADw-script+AD4-alert(1)+ADw-/script+AD4-",
                "\\u002bADw-script\\u002bAD4-alert(1)\\u002bADw-\\/script\\u002bAD4-"
            },
            {"`${x}`", "\\u0060${x}\\u0060"},
            {"\u0001\u001f\u007f", "\\u0001\\u001f\u007f"},
            {"\u000b\b\f", "\\u000b\\u0008\\f"},
        };
        for (String[] c : cases) {
            assertEquals(
                    c[1],
                    run((s, o, j) -> Escape.jsString(s, Delim.NONE, o, j), c[0]),
                    () -> show(c[0]));
        }
    }

    /** Go's TestCSSValueFilter vectors. */
    @Test
    void cssValues() {
        String[][] cases = {
            {"", ""},
            {"foo", "foo"},
            {"0", "0"},
            {"0px", "0px"},
            {"-5px", "-5px"},
            {"1.25in", "1.25in"},
            {"+.33em", "+.33em"},
            {"100%", "100%"},
            {"12.5%", "12.5%"},
            {".foo", ".foo"},
            {"#bar", "#bar"},
            {"corner-radius", "corner-radius"},
            {"-moz-corner-radius", "-moz-corner-radius"},
            {"#000", "#000"},
            {"#48f", "#48f"},
            {"#123456", "#123456"},
            {"U+00-FF, U+980-9FF", "U+00-FF, U+980-9FF"},
            {"color: red", "color: red"},
            {"<!--", "ZgotmplZ"},
            {"-->", "ZgotmplZ"},
            {"<![CDATA[", "ZgotmplZ"},
            {"]]>", "ZgotmplZ"},
            {"</style", "ZgotmplZ"},
            {"\"", "ZgotmplZ"},
            {"'", "ZgotmplZ"},
            {"`", "ZgotmplZ"},
            {"\u0000", "ZgotmplZ"},
            {"/* foo */", "ZgotmplZ"},
            {"//", "ZgotmplZ"},
            {"[href=~", "ZgotmplZ"},
            {"expression(alert(1337))", "ZgotmplZ"},
            {"-expression(alert(1337))", "ZgotmplZ"},
            {"expression", "ZgotmplZ"},
            {"Expression", "ZgotmplZ"},
            {"EXPRESSION", "ZgotmplZ"},
            {"-moz-binding", "ZgotmplZ"},
            {"-expr\u0000ession(alert(1337))", "ZgotmplZ"},
            {"-expr\\0ession(alert(1337))", "ZgotmplZ"},
            {"-express\\69on(alert(1337))", "ZgotmplZ"},
            {"-express\\69 on(alert(1337))", "ZgotmplZ"},
            {"-exp\\72 ession(alert(1337))", "ZgotmplZ"},
            {"-exp\\52 ession(alert(1337))", "ZgotmplZ"},
            {"-exp\\000052 ession(alert(1337))", "ZgotmplZ"},
            {"-expre\\0000073sion", "-expre\u00073sion"},
            {"@import url evil.css", "ZgotmplZ"},
            {"<", "ZgotmplZ"},
            {">", "ZgotmplZ"},
            // Decoded escapes are what gets written.
            {"\\72 ed", "red"},
            {"expr ession", "ZgotmplZ"},
            {"a\\", "a"},
        };
        for (String[] c : cases) {
            assertEquals(
                    c[1],
                    run((s, o, j) -> Escape.cssValue(s, Delim.NONE, o, j), c[0]),
                    () -> show(c[0]));
        }
    }

    /** Go's TestCSSEscaper vector. */
    @Test
    void cssStrings() {
        String input =
                "\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\t\n\u000b\u000c\r\u000e\u000f"
                        + "\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001a\u001b\u001c\u001d"
                        + "\u001e\u001f"
                        + " !\"#$%&'()*+,-./"
                        + "0123456789:;<=>?"
                        + "@ABCDEFGHIJKLMNO"
                        + "PQRSTUVWXYZ[\\]^_"
                        + "`abcdefghijklmno"
                        + "pqrstuvwxyz{|}~\u007f"
                        + "\u00A0\u0100\u2028\u2029\ufeff\uD834\uDD1E";
        String want =
                "\\0\u0001\u0002\u0003\u0004\u0005\u0006\u0007"
                        + "\u0008\\9 \\a\u000b\\c \\d\u000e\u000f"
                        + "\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017"
                        + "\u0018\u0019\u001a\u001b\u001c\u001d\u001e\u001f"
                        + " !\\22#$%\\26\\27\\28\\29*\\2b,-.\\2f "
                        + "0123456789\\3a\\3b\\3c=\\3e?@"
                        + "ABCDEFGHIJKLMNO"
                        + "PQRSTUVWXYZ[\\\\]^_"
                        + "`abcdefghijklmno"
                        + "pqrstuvwxyz\\7b|\\7d~\u007f"
                        + "\u00A0\u0100\u2028\u2029\ufeff\uD834\uDD1E";
        assertEquals(want, run((s, o, j) -> Escape.cssString(s, Delim.NONE, o, j), input));
    }

    @Test
    void htmlOfEveryAsciiChar() {
        StringBuilder in = new StringBuilder();
        for (char c = 0; c < 128; c++) {
            in.append(c);
        }
        String s = in.toString();
        assertEquals(refHtml(s), run(Escape::html, s));
        assertEquals(refHtmlUnquoted(s), run(Escape::htmlUnquoted, s));
    }

    @Test
    void htmlTextDoesNotAllocate() {
        var bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        Utf8Buffer out = new Utf8Buffer(1 << 16);
        String text = "Hello <b>world</b> & \"friends\" it's 100% + more";
        for (int i = 0; i < 20_000; i++) { // warm up the JIT
            out.reset();
            Escape.html(text, out, false);
            Escape.html(text, out, true);
        }
        long before = bean.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 10_000; i++) {
            out.reset();
            Escape.html(text, out, false);
            Escape.html(text, out, true);
            Escape.htmlUnquoted(text, out, false);
        }
        long allocated = bean.getCurrentThreadAllocatedBytes() - before;
        assertTrue(allocated < 64 * 1024, "allocated " + allocated + " bytes");
    }
}
