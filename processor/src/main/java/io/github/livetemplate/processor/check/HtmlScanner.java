package io.github.livetemplate.processor.check;

import io.github.livetemplate.processor.check.HtmlContext.AttrKind;
import io.github.livetemplate.processor.check.HtmlContext.CssState;
import io.github.livetemplate.processor.check.HtmlContext.Delim;
import io.github.livetemplate.processor.check.HtmlContext.JsState;
import io.github.livetemplate.processor.check.HtmlContext.State;
import io.github.livetemplate.processor.check.HtmlContext.UrlPart;
import io.github.livetemplate.processor.html.HtmlTokenizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Compile-time HTML context tracking, modelled on Go's html/template escaper.
 *
 * <p>The template's static text is scanned piece by piece with {@link #scan}, carrying an {@link
 * HtmlContext} from one piece to the next. At each dynamic value, {@link #escapingFor} says how the
 * value must be escaped and {@link #afterDynamic} gives the context after it; {@link #join} merges
 * the contexts at the end of {@code {{if}}}/{@code {{else}}} branches.
 *
 * <p>Like Go, the scanner does not decode entities and does not detect JavaScript regular
 * expression literals; it only needs to be right for well-formed templates and to never
 * under-escape.
 */
public final class HtmlScanner {

    private HtmlScanner() {}

    /** A tag boundary found in a piece; offsets index the piece's output text. */
    public record TagEvent(Kind kind, String name, int offset) {
        public enum Kind {
            /**
             * A start tag's closing {@code >} (or {@code />}) was consumed; offset is just after
             * it.
             */
            START_TAG_END,
            /**
             * An end tag {@code </name} began; offset is that of its {@code <}, or -1 when the
             * {@code <} was at the very end of an earlier piece.
             */
            END_TAG_START
        }
    }

    /** The result of scanning one static piece. */
    public record ScanResult(HtmlContext end, String output, List<TagEvent> events) {}

    /** How a dynamic value must be escaped; {@code error} is non-null only for {@code ERROR}. */
    public record Escaping(Kind kind, Delim delim, String error) {
        public enum Kind {
            HTML,
            HTML_UNQUOTED,
            URL_START,
            URL_PATH,
            URL_QUERY,
            JS_VALUE,
            JS_STRING,
            CSS_VALUE,
            CSS_STRING,
            ATTR_NAME,
            DROP,
            ERROR
        }

        public boolean isError() {
            return kind == Kind.ERROR;
        }
    }

    // ---------------------------------------------------------------------------------------
    // Public API

    /** Scans static text starting in {@code start}. */
    public static ScanResult scan(HtmlContext start, String text) {
        return new Scan(start, text).run();
    }

    /** The escaping a dynamic value needs in {@code ctx}. */
    public static Escaping escapingFor(HtmlContext ctx) {
        return switch (ctx.state()) {
            case TEXT, RCDATA -> new Escaping(Escaping.Kind.HTML, Delim.NONE, null);
            case COMMENT -> new Escaping(Escaping.Kind.DROP, Delim.NONE, null);
            case SCRIPT -> jsEscaping(ctx.js(), Delim.NONE);
            case STYLE -> cssEscaping(ctx.css(), Delim.NONE);
            case TAG_NAME, END_TAG ->
                    error(
                            "a dynamic value cannot form a tag name; write the tag name "
                                    + "in the template and use {{if}} to choose between tags");
            // Like Go: a value where an attribute name may start, or inside one, is an attribute
            // name: a TrustedAttr as it is, anything else must be a plain lowercase name.
            case TAG, ATTR_NAME, AFTER_ATTR_NAME ->
                    new Escaping(Escaping.Kind.ATTR_NAME, Delim.NONE, null);
            // Like Go: a value right after '=' starts an unquoted attribute value.
            case BEFORE_VALUE, ATTR_VALUE -> valueEscaping(afterEquals(ctx));
        };
    }

    /** The context after a dynamic value printed in {@code ctx} (assumes it was not an error). */
    public static HtmlContext afterDynamic(HtmlContext ctx) {
        // BEFORE_VALUE moves: the value starts an unquoted attribute value. A value where an
        // attribute name may start leaves us in an attribute name whose text is unknown (a
        // following = starts its value, which is escaped as a plain attribute's, as in Go). A URL
        // value stays at START, as in Go: the printed value may have been empty, so a following
        // value must still be checked for a dangerous scheme.
        return switch (ctx.state()) {
            case TAG, AFTER_ATTR_NAME -> HtmlContext.of(State.ATTR_NAME, ctx.element());
            default -> afterEquals(ctx);
        };
    }

    /**
     * The context after an {@code {{if}}} whose branches end in {@code a} and {@code b}, or null
     * when the branches end in incompatible places.
     */
    public static HtmlContext join(HtmlContext a, HtmlContext b) {
        if (a == null || b == null) {
            return null;
        }
        if (a.equals(b)) {
            return a;
        }
        // <input {{if .C}}checked{{end}}>: one branch is after an attribute name, the other
        // between attributes. Whatever comes next starts a new attribute or ends the tag.
        if (isInsideTag(a)
                && isInsideTag(b)
                && a.element().equals(b.element())
                && !a.element().isEmpty()) {
            return HtmlContext.of(State.TAG, a.element());
        }
        // <a title={{if .T}}x{{end}}>: an empty unquoted value is still an unquoted value.
        if (a.state() == State.ATTR_VALUE || b.state() == State.ATTR_VALUE) {
            a = afterEquals(a);
            b = afterEquals(b);
        }
        if (a.equals(b)) {
            return a;
        }
        // Contexts that differ only in how much of a URL was written: keep the stricter one.
        if (a.state() == State.ATTR_VALUE && a.equals(withUrlPart(b, a.urlPart()))) {
            UrlPart joined = joinUrlParts(a.urlPart(), b.urlPart());
            return joined == null ? null : withUrlPart(a, joined);
        }
        return null;
    }

    // ---------------------------------------------------------------------------------------
    // Escaping helpers

    private static Escaping error(String message) {
        return new Escaping(Escaping.Kind.ERROR, Delim.NONE, message);
    }

    private static Escaping valueEscaping(HtmlContext ctx) {
        Delim delim = ctx.delim();
        return switch (ctx.attrKind()) {
            case NORMAL ->
                    new Escaping(
                            delim == Delim.UNQUOTED
                                    ? Escaping.Kind.HTML_UNQUOTED
                                    : Escaping.Kind.HTML,
                            delim,
                            null);
            case URL ->
                    new Escaping(
                            switch (ctx.urlPart()) {
                                case START -> Escaping.Kind.URL_START;
                                case PATH -> Escaping.Kind.URL_PATH;
                                case QUERY -> Escaping.Kind.URL_QUERY;
                            },
                            delim,
                            null);
            case JS -> jsEscaping(ctx.js(), delim);
            case CSS -> cssEscaping(ctx.css(), delim);
        };
    }

    private static Escaping jsEscaping(JsState js, Delim delim) {
        return switch (js) {
            case EXPR -> new Escaping(Escaping.Kind.JS_VALUE, delim, null);
            case DQ_STRING, SQ_STRING -> new Escaping(Escaping.Kind.JS_STRING, delim, null);
            case TEMPLATE_LITERAL ->
                    error(
                            "a dynamic value inside a JavaScript template literal "
                                    + "(`...`) is not supported; use a quoted string or concatenation instead");
            case LINE_COMMENT, BLOCK_COMMENT ->
                    error(
                            "a dynamic value cannot be placed inside a "
                                    + "JavaScript comment; move it out of the comment");
        };
    }

    private static Escaping cssEscaping(CssState css, Delim delim) {
        return switch (css) {
            // Inside an unquoted url(…) the value filter is kept: stricter than Go, never weaker.
            case EXPR, URL -> new Escaping(Escaping.Kind.CSS_VALUE, delim, null);
            case DQ_STRING, SQ_STRING -> new Escaping(Escaping.Kind.CSS_STRING, delim, null);
            case COMMENT, LINE_COMMENT ->
                    error(
                            "a dynamic value cannot be placed inside a CSS comment; "
                                    + "move it out of the comment");
        };
    }

    /** BEFORE_VALUE becomes the start of an unquoted value; other contexts are unchanged. */
    private static HtmlContext afterEquals(HtmlContext ctx) {
        if (ctx.state() != State.BEFORE_VALUE) {
            return ctx;
        }
        return new HtmlContext(
                State.ATTR_VALUE,
                ctx.element(),
                ctx.attr(),
                Delim.UNQUOTED,
                ctx.attrKind(),
                UrlPart.START,
                JsState.EXPR,
                CssState.EXPR);
    }

    private static boolean isInsideTag(HtmlContext ctx) {
        return switch (ctx.state()) {
            case TAG_NAME, TAG, ATTR_NAME, AFTER_ATTR_NAME -> true;
            default -> false;
        };
    }

    private static HtmlContext withUrlPart(HtmlContext ctx, UrlPart part) {
        return new HtmlContext(
                ctx.state(),
                ctx.element(),
                ctx.attr(),
                ctx.delim(),
                ctx.attrKind(),
                part,
                ctx.js(),
                ctx.css());
    }

    /**
     * START+PATH gives START (a value there must still be checked for a scheme, since one branch
     * wrote nothing); PATH+QUERY gives QUERY (query escaping encodes everything a path needs and
     * more). START+QUERY has no safe answer.
     */
    private static UrlPart joinUrlParts(UrlPart a, UrlPart b) {
        if (a == b) {
            return a;
        }
        if (a == UrlPart.START && b == UrlPart.PATH || a == UrlPart.PATH && b == UrlPart.START) {
            return UrlPart.START;
        }
        if (a == UrlPart.PATH && b == UrlPart.QUERY || a == UrlPart.QUERY && b == UrlPart.PATH) {
            return UrlPart.QUERY;
        }
        return null;
    }

    // ---------------------------------------------------------------------------------------
    // Attribute classification

    private static final Set<String> URL_ATTRS =
            Set.of(
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
                    "xmlns");

    private static final Set<String> LVT_JS_ATTRS =
            Set.of("lvt-mounted", "lvt-updated", "lvt-destroyed");

    static AttrKind attrKind(String name) {
        if (name.startsWith("xmlns:")) {
            return AttrKind.URL; // namespace declarations are URLs
        }
        int colon = name.indexOf(':');
        String local = colon >= 0 ? name.substring(colon + 1) : name; // xlink:href is an href
        if (URL_ATTRS.contains(local)) {
            return AttrKind.URL;
        }
        if (name.startsWith("on") || LVT_JS_ATTRS.contains(name)) {
            return AttrKind.JS;
        }
        if (local.equals("style")) {
            return AttrKind.CSS;
        }
        return AttrKind.NORMAL;
    }

    private static final HtmlTokenizer TOKENIZER = new HtmlTokenizer(HtmlTokenizer.GO_RAW_TEXT);

    /** The tokenizer's part of {@code ctx}. */
    private static HtmlTokenizer.State tokenizerState(HtmlContext ctx) {
        HtmlTokenizer.Mode mode =
                switch (ctx.state()) {
                    case TEXT -> HtmlTokenizer.Mode.TEXT;
                    case RCDATA, SCRIPT, STYLE -> HtmlTokenizer.Mode.RAW_TEXT;
                    case TAG_NAME -> HtmlTokenizer.Mode.TAG_NAME;
                    case TAG -> HtmlTokenizer.Mode.TAG;
                    case ATTR_NAME -> HtmlTokenizer.Mode.ATTR_NAME;
                    case AFTER_ATTR_NAME -> HtmlTokenizer.Mode.AFTER_ATTR_NAME;
                    case BEFORE_VALUE -> HtmlTokenizer.Mode.BEFORE_VALUE;
                    case ATTR_VALUE -> HtmlTokenizer.Mode.ATTR_VALUE;
                    case COMMENT -> HtmlTokenizer.Mode.COMMENT;
                    case END_TAG -> HtmlTokenizer.Mode.END_TAG;
                };
        HtmlTokenizer.Quote quote =
                switch (ctx.delim()) {
                    case NONE -> HtmlTokenizer.Quote.NONE;
                    case DOUBLE_QUOTE -> HtmlTokenizer.Quote.DOUBLE;
                    case SINGLE_QUOTE -> HtmlTokenizer.Quote.SINGLE;
                    case UNQUOTED -> HtmlTokenizer.Quote.UNQUOTED;
                };
        return new HtmlTokenizer.State(mode, ctx.element(), ctx.attr(), quote);
    }

    private static State state(HtmlTokenizer.State t) {
        return switch (t.mode()) {
            case TEXT -> State.TEXT;
            case RAW_TEXT ->
                    switch (t.element()) {
                        case "script" -> State.SCRIPT;
                        case "style" -> State.STYLE;
                        default -> State.RCDATA;
                    };
            case TAG_NAME -> State.TAG_NAME;
            case TAG -> State.TAG;
            case ATTR_NAME -> State.ATTR_NAME;
            case AFTER_ATTR_NAME -> State.AFTER_ATTR_NAME;
            case BEFORE_VALUE -> State.BEFORE_VALUE;
            case ATTR_VALUE -> State.ATTR_VALUE;
            case COMMENT -> State.COMMENT;
            case END_TAG -> State.END_TAG;
        };
    }

    private static Delim delim(HtmlTokenizer.Quote q) {
        return switch (q) {
            case NONE -> Delim.NONE;
            case DOUBLE -> Delim.DOUBLE_QUOTE;
            case SINGLE -> Delim.SINGLE_QUOTE;
            case UNQUOTED -> Delim.UNQUOTED;
        };
    }

    // ---------------------------------------------------------------------------------------
    // The scan: the tokenizer finds the HTML structure; this adds what escaping needs on top
    // (attribute kinds and the URL, JavaScript and CSS states) and drops comments.

    private static final class Scan implements HtmlTokenizer.Listener {
        private final HtmlContext start;
        private final String s;
        private final StringBuilder out = new StringBuilder();
        private final List<TagEvent> events = new ArrayList<>();

        /** Input before this index is in {@code out} or was a comment. */
        private int copied;

        private AttrKind kind;
        private String element;
        private UrlPart url;
        private JsState js;
        private CssState css;

        Scan(HtmlContext start, String text) {
            this.start = start;
            this.s = Objects.requireNonNull(text, "text");
            kind = start.attrKind();
            element = start.element();
            url = start.urlPart();
            js = start.js();
            css = start.css();
        }

        ScanResult run() {
            HtmlTokenizer.State end = TOKENIZER.read(tokenizerState(start), s, this);
            out.append(s, copied, s.length());
            State state = state(end);
            boolean inValue = state == State.ATTR_VALUE;
            boolean inRaw = state == State.SCRIPT || state == State.STYLE;
            AttrKind endKind =
                    switch (state) {
                        case ATTR_NAME, AFTER_ATTR_NAME, BEFORE_VALUE, ATTR_VALUE ->
                                attrKind(end.attr());
                        default -> AttrKind.NORMAL;
                    };
            // Only attribute values and raw text carry sub-states; elsewhere they start afresh.
            HtmlContext ctx =
                    new HtmlContext(
                            state,
                            end.element(),
                            end.attr(),
                            delim(end.quote()),
                            endKind,
                            inValue ? url : UrlPart.START,
                            inValue || inRaw ? js : JsState.EXPR,
                            inValue || inRaw ? css : CssState.EXPR);
            return new ScanResult(ctx, out.toString(), List.copyOf(events));
        }

        /** The offset in {@code out} of input offset {@code k} (not inside a dropped comment). */
        private int outOffset(int k) {
            return out.length() + (k - copied);
        }

        @Override
        public void comment(int from, int to) {
            out.append(s, copied, from);
            copied = to;
        }

        @Override
        public void valueStart(String attr, HtmlTokenizer.Quote quote) {
            kind = attrKind(attr);
            fresh();
        }

        @Override
        public void valueText(int from, int to) {
            switch (kind) {
                case URL -> url = advanceUrl(url, s, from, to);
                case JS -> js = Js.run(js, s, from, to, null);
                case CSS -> css = Css.run(css, s, from, to, null);
                case NORMAL -> {}
            }
        }

        @Override
        public void startTagEnd(String name, int after, boolean selfClosing) {
            events.add(new TagEvent(TagEvent.Kind.START_TAG_END, name, outOffset(after)));
            element = name;
            fresh();
        }

        @Override
        public void endTagName(String name, int lt) {
            events.add(
                    new TagEvent(TagEvent.Kind.END_TAG_START, name, lt < 0 ? -1 : outOffset(lt)));
        }

        @Override
        public void rawText(int from, int to) {
            // In <script> and <style> content (not in attributes), comments are elided as Go's
            // escaper does.
            switch (element) {
                case "script" -> js = Js.run(js, s, from, to, this::elide);
                case "style" -> css = Css.run(css, s, from, to, this::elide);
                default -> {}
            }
        }

        /** Drops input {@code [from, to)} from the output, writing {@code replacement} instead. */
        private void elide(int from, int to, String replacement) {
            out.append(s, copied, from).append(replacement);
            copied = to;
        }

        private void fresh() {
            url = UrlPart.START;
            js = JsState.EXPR;
            css = CssState.EXPR;
        }
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
    }

    /**
     * URL progress over s[from, to): '?' or '#' starts the query; leading spaces change nothing.
     */
    private static UrlPart advanceUrl(UrlPart part, String s, int from, int to) {
        for (int k = from; k < to && part != UrlPart.QUERY; k++) {
            char c = s.charAt(k);
            if (c == '?' || c == '#') {
                part = UrlPart.QUERY;
            } else if (!isSpace(c)) {
                part = UrlPart.PATH; // browsers strip leading spaces, so they don't start a URL
            }
        }
        return part;
    }

    /** Receives the comments of raw text to drop, with what to write in their place. */
    private interface Elider {
        void elide(int from, int to, String replacement);
    }

    /**
     * Reports one comment run {@code [open, end)} of a scanned piece to {@code elider}: the run is
     * the comment's opener (when it is in this piece) and the comment text up to its end or the
     * piece's end. As Go's escaper, text inside a block comment becomes one space (for JavaScript,
     * one newline when it holds a line terminator), and a line comment becomes nothing (its line
     * terminator is not part of it and stays); an opener at the very end of a piece is dropped with
     * nothing written, the rest of the comment being handled with the next piece.
     *
     * @param textFrom where the comment text starts (after the opener)
     */
    private static void reportComment(
            Elider elider, String s, int open, int textFrom, int end, boolean block, boolean js) {
        if (elider == null || open >= end) {
            return;
        }
        String replacement = "";
        if (block && textFrom < end) {
            replacement = " ";
            if (js) {
                for (int k = textFrom; k < end; k++) {
                    if (isLineTerminator(s.charAt(k))) {
                        replacement = "\n";
                        break;
                    }
                }
            }
        }
        elider.elide(open, end, replacement);
    }

    private static boolean isLineTerminator(char c) {
        return c == '\n' || c == '\r' || c == '\u2028' || c == '\u2029';
    }

    /** The JavaScript sub-machine: strings, template literals and comments. */
    private static final class Js {
        static JsState run(JsState st, String s, int from, int to, Elider elider) {
            int k = from;
            // A comment started in an earlier piece goes on from the start of this one.
            int open = from;
            int textFrom = from;
            while (k < to) {
                char c = s.charAt(k);
                char next = k + 1 < to ? s.charAt(k + 1) : '\0';
                switch (st) {
                    case EXPR -> {
                        if (c == '"') {
                            st = JsState.DQ_STRING;
                        } else if (c == '\'') {
                            st = JsState.SQ_STRING;
                        } else if (c == '`') {
                            st = JsState.TEMPLATE_LITERAL;
                        } else if (c == '/' && (next == '/' || next == '*')) {
                            st = next == '/' ? JsState.LINE_COMMENT : JsState.BLOCK_COMMENT;
                            open = k;
                            textFrom = k + 2;
                            k++;
                        }
                    }
                    case DQ_STRING, SQ_STRING, TEMPLATE_LITERAL -> {
                        char close =
                                st == JsState.DQ_STRING
                                        ? '"'
                                        : st == JsState.SQ_STRING ? '\'' : '`';
                        if (c == '\\') {
                            k++; // skip the escaped character
                        } else if (c == close) {
                            st = JsState.EXPR;
                        }
                    }
                    case LINE_COMMENT -> {
                        if (isLineTerminator(c)) {
                            st = JsState.EXPR;
                            reportComment(elider, s, open, textFrom, k, false, true);
                            continue; // the terminator is code again
                        }
                    }
                    case BLOCK_COMMENT -> {
                        if (c == '*' && next == '/') {
                            st = JsState.EXPR;
                            reportComment(elider, s, open, textFrom, k + 2, true, true);
                            k++;
                        }
                    }
                }
                k++;
            }
            if (st == JsState.LINE_COMMENT || st == JsState.BLOCK_COMMENT) {
                reportComment(elider, s, open, textFrom, to, st == JsState.BLOCK_COMMENT, true);
            }
            return st;
        }
    }

    /** The CSS sub-machine: strings, unquoted {@code url(…)} and comments, as Go's. */
    private static final class Css {
        static CssState run(CssState st, String s, int from, int to, Elider elider) {
            int k = from;
            int open = from;
            int textFrom = from;
            while (k < to) {
                char c = s.charAt(k);
                char next = k + 1 < to ? s.charAt(k + 1) : '\0';
                switch (st) {
                    case EXPR -> {
                        if (c == '"') {
                            st = CssState.DQ_STRING;
                        } else if (c == '\'') {
                            st = CssState.SQ_STRING;
                        } else if (c == '/' && (next == '*' || next == '/')) {
                            st = next == '*' ? CssState.COMMENT : CssState.LINE_COMMENT;
                            open = k;
                            textFrom = k + 2;
                            k++;
                        } else if (c == '(' && endsWithUrl(s, from, k)) {
                            int j = k + 1;
                            while (j < to && isCssSpace(s.charAt(j))) {
                                j++;
                            }
                            if (j < to && (s.charAt(j) == '"' || s.charAt(j) == '\'')) {
                                st = s.charAt(j) == '"' ? CssState.DQ_STRING : CssState.SQ_STRING;
                                k = j;
                            } else {
                                st = CssState.URL;
                                k = j - 1;
                            }
                        }
                    }
                    case DQ_STRING, SQ_STRING -> {
                        char close = st == CssState.DQ_STRING ? '"' : '\'';
                        if (c == '\\') {
                            k++;
                        } else if (c == close || c == '\n' || c == '\r' || c == '\f') {
                            st = CssState.EXPR; // a raw newline ends a CSS string too
                        }
                    }
                    case URL -> {
                        if (c == '\\') {
                            k++;
                        } else if (c == ')' || isCssSpace(c)) {
                            st = CssState.EXPR;
                        }
                    }
                    case COMMENT -> {
                        if (c == '*' && next == '/') {
                            st = CssState.EXPR;
                            reportComment(elider, s, open, textFrom, k + 2, true, false);
                            k++;
                        }
                    }
                    case LINE_COMMENT -> {
                        if (c == '\n' || c == '\r' || c == '\f') {
                            st = CssState.EXPR;
                            reportComment(elider, s, open, textFrom, k, false, false);
                            continue;
                        }
                    }
                }
                k++;
            }
            if (st == CssState.COMMENT || st == CssState.LINE_COMMENT) {
                reportComment(elider, s, open, textFrom, to, st == CssState.COMMENT, false);
            }
            return st;
        }

        private static boolean isCssSpace(char c) {
            return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
        }

        /** Whether {@code s[from, paren)}, white space trimmed, ends with the keyword url. */
        private static boolean endsWithUrl(String s, int from, int paren) {
            int e = paren;
            while (e > from && isCssSpace(s.charAt(e - 1))) {
                e--;
            }
            if (e - from < 3 || !s.regionMatches(true, e - 3, "url", 0, 3)) {
                return false;
            }
            if (e - 3 == from) {
                return true;
            }
            char before = s.charAt(e - 4);
            return !(Character.isLetterOrDigit(before)
                    || before == '-'
                    || before == '_'
                    || before >= 0x80);
        }
    }
}
