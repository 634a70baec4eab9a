package io.github.livetemplate.processor.html;

import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * The processor's one HTML tokenizer. It reads a template's static text piece by piece (the dynamic
 * parts fall between pieces), carrying a {@link State} from one piece to the next, and tells a
 * {@link Listener} where tags, attributes, values, raw text and comments are.
 *
 * <p>It follows Go's html/template escaper rather than the full HTML5 tokenizer: it does not decode
 * entities, {@code <!DOCTYPE>} and {@code <?x>} are text, and end tags run to the next {@code >}.
 * Escaping contexts ({@code check/HtmlScanner}), row keys and action routing all read HTML through
 * it, so they can never disagree on where a tag ends.
 */
public final class HtmlTokenizer {

    /** Raw-text elements as Go's escaper sees them: escaping stays the same as in Go. */
    public static final Set<String> GO_RAW_TEXT = Set.of("script", "style", "title", "textarea");

    /** Raw-text elements as browsers parse them: what the client can see as tags. */
    public static final Set<String> BROWSER_RAW_TEXT =
            Set.of("script", "style", "title", "textarea", "xmp", "iframe", "noembed", "noframes");

    /** Where the tokenizer is. */
    public enum Mode {
        TEXT,
        TAG_NAME,
        TAG,
        ATTR_NAME,
        AFTER_ATTR_NAME,
        BEFORE_VALUE,
        ATTR_VALUE,
        RAW_TEXT,
        COMMENT,
        END_TAG
    }

    /** How the attribute value being read is delimited. */
    public enum Quote {
        NONE,
        DOUBLE,
        SINGLE,
        UNQUOTED
    }

    /**
     * The tokenizer's state between pieces; a value, so callers can save, restore and compare it.
     *
     * @param element the tag being read or the raw-text element, lower case; "" elsewhere
     * @param attr the attribute being read, lower case; "" elsewhere
     */
    public record State(Mode mode, String element, String attr, Quote quote) {
        public static final State TEXT = new State(Mode.TEXT, "", "", Quote.NONE);

        public State {
            Objects.requireNonNull(mode, "mode");
            Objects.requireNonNull(element, "element");
            Objects.requireNonNull(attr, "attr");
            Objects.requireNonNull(quote, "quote");
        }

        /** The state after a dynamic value: one right after {@code =} starts an unquoted value. */
        public State afterDynamic() {
            return mode == Mode.BEFORE_VALUE
                    ? new State(Mode.ATTR_VALUE, element, attr, Quote.UNQUOTED)
                    : this;
        }
    }

    /** What the tokenizer found; offsets index the piece being read. */
    public interface Listener {
        /** Text content [from, to), outside tags, comments and raw-text elements. */
        default void text(int from, int to) {}

        /** Part of a comment, delimiters included; comments never reach the page. */
        default void comment(int from, int to) {}

        /**
         * A start tag ({@code end} false) or an end tag begins with the {@code <} at {@code lt}.
         */
        default void tagStart(int lt, boolean end) {}

        /** An attribute name begins at {@code at}. */
        default void attrStart(int at) {}

        /**
         * Attribute {@code attr} has a value delimited by {@code quote} ({@code UNQUOTED} and empty
         * for {@code a=>}).
         */
        default void valueStart(String attr, Quote quote) {}

        /** Static value text [from, to), quotes excluded. */
        default void valueText(int from, int to) {}

        /** The attribute named {@code name} ended. */
        default void attrEnd(String name) {}

        /** A start tag's {@code >} was read; {@code after} is just after it. */
        default void startTagEnd(String element, int after, boolean selfClosing) {}

        /**
         * An end tag's name was read; {@code lt} is its {@code <}, or -1 when that was at the very
         * end of an earlier piece.
         */
        default void endTagName(String element, int lt) {}

        /** Content [from, to) of a raw-text element. */
        default void rawText(int from, int to) {}
    }

    private final Set<String> rawText;

    /** A tokenizer treating the content of {@code rawText} elements as text. */
    public HtmlTokenizer(Set<String> rawText) {
        this.rawText = Set.copyOf(rawText);
    }

    /** Reads {@code text} starting in {@code start}; returns the state at its end. */
    public State read(State start, String text, Listener listener) {
        return new Run(start, text, listener).run();
    }

    static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    /** Tag and attribute names run until whitespace, '/', '>' (and '=' for attributes). */
    private static boolean isTagNameChar(char c) {
        return !isSpace(c) && c != '/' && c != '>';
    }

    /** One piece: the state as mutable fields, advanced over the text. */
    private final class Run {
        private final String s;
        private final Listener l;
        private int i;
        private Mode mode;
        private String element;
        private String attr;
        private Quote quote;

        /** A '/' was the last character read in the tag (for {@code <br/>}). */
        private boolean slash;

        Run(State start, String text, Listener listener) {
            this.s = Objects.requireNonNull(text, "text");
            this.l = listener;
            mode = start.mode();
            element = start.element();
            attr = start.attr();
            quote = start.quote();
        }

        State run() {
            while (i < s.length()) {
                switch (mode) {
                    case TEXT -> text();
                    case COMMENT -> comment();
                    case RAW_TEXT -> rawContent();
                    case TAG_NAME -> tagName();
                    case TAG -> tag();
                    case ATTR_NAME -> attrName();
                    case AFTER_ATTR_NAME -> afterAttrName();
                    case BEFORE_VALUE -> beforeValue();
                    case ATTR_VALUE -> attrValue();
                    case END_TAG -> endTag();
                }
            }
            return new State(mode, element, attr, quote);
        }

        private char at(int k) {
            return k < s.length() ? s.charAt(k) : '\0';
        }

        private void enter(Mode newMode, String newElement) {
            mode = newMode;
            element = newElement;
            attr = "";
            quote = Quote.NONE;
        }

        private void text() {
            int lt = s.indexOf('<', i);
            if (lt < 0) {
                l.text(i, s.length());
                i = s.length();
                return;
            }
            l.text(i, lt);
            i = lt;
            if (s.startsWith("<!--", i)) {
                l.comment(i, i + 4);
                i += 4;
                enter(Mode.COMMENT, "");
            } else if (isAsciiLetter(at(i + 1)) || i + 1 == s.length()) {
                // A '<' at the very end may start a tag in the next piece ("<{{.Tag}}" is an
                // error).
                l.tagStart(i, false);
                i++;
                enter(Mode.TAG_NAME, "");
                slash = false;
            } else if (at(i + 1) == '/' && (isAsciiLetter(at(i + 2)) || i + 2 == s.length())) {
                startEndTag();
            } else {
                l.text(i, i + 1); // "a < b", "<!DOCTYPE ...>": plain text
                i++;
            }
        }

        private void comment() {
            int end = s.indexOf("-->", i);
            int to = end < 0 ? s.length() : end + 3; // an open comment goes on in the next piece
            l.comment(i, to);
            i = to;
            if (end >= 0) {
                enter(Mode.TEXT, "");
            }
        }

        private void tagName() {
            if (element.isEmpty() && !isAsciiLetter(s.charAt(i))) {
                enter(Mode.TEXT, ""); // the '<' ending the previous piece was just text
                return;
            }
            int j = i;
            while (j < s.length() && isTagNameChar(s.charAt(j))) {
                j++;
            }
            element += s.substring(i, j).toLowerCase(Locale.ROOT);
            i = j;
            if (j < s.length()) {
                mode = Mode.TAG;
            }
        }

        private void tag() {
            char c = s.charAt(i);
            if (isSpace(c) || c == '/') {
                // Browsers ignore the slash of "/>", and so do we (<script/> still opens a script).
                slash = c == '/';
                i++;
            } else if (c == '>') {
                i++;
                l.startTagEnd(element, i, slash);
                slash = false;
                boolean raw = rawText.contains(element);
                enter(raw ? Mode.RAW_TEXT : Mode.TEXT, raw ? element : "");
            } else {
                slash = false;
                mode = Mode.ATTR_NAME;
                attr = "";
                l.attrStart(i);
            }
        }

        private void attrName() {
            int j = i;
            // An '=' opening a name is part of it (HTML parses "<a =x>" that way).
            while (j < s.length()
                    && isTagNameChar(s.charAt(j))
                    && !(s.charAt(j) == '=' && (j > i || !attr.isEmpty()))) {
                j++;
            }
            attr += s.substring(i, j).toLowerCase(Locale.ROOT);
            i = j;
            if (j == s.length()) {
                return;
            }
            char c = s.charAt(j);
            if (c == '=') {
                i++;
                mode = Mode.BEFORE_VALUE;
            } else if (isSpace(c)) {
                mode = Mode.AFTER_ATTR_NAME;
            } else {
                leaveAttr(); // '/' or '>'
            }
        }

        private void afterAttrName() {
            char c = s.charAt(i);
            if (isSpace(c)) {
                i++;
            } else if (c == '=') {
                i++;
                mode = Mode.BEFORE_VALUE;
            } else {
                leaveAttr(); // a new attribute, '/' or '>'
            }
        }

        private void beforeValue() {
            char c = s.charAt(i);
            if (isSpace(c)) {
                i++;
            } else if (c == '"' || c == '\'') {
                i++;
                mode = Mode.ATTR_VALUE;
                quote = c == '"' ? Quote.DOUBLE : Quote.SINGLE;
                l.valueStart(attr, quote);
            } else if (c == '>') {
                l.valueStart(attr, Quote.UNQUOTED);
                leaveAttr(); // "<a href=>": empty value
            } else {
                mode = Mode.ATTR_VALUE;
                quote = Quote.UNQUOTED;
                l.valueStart(attr, quote);
            }
        }

        private void attrValue() {
            int end = i;
            if (quote == Quote.DOUBLE || quote == Quote.SINGLE) {
                end = s.indexOf(quote == Quote.DOUBLE ? '"' : '\'', i);
                if (end < 0) {
                    end = s.length();
                }
            } else {
                while (end < s.length() && !isSpace(s.charAt(end)) && s.charAt(end) != '>') {
                    end++;
                }
            }
            if (end > i) {
                l.valueText(i, end);
            }
            i = end;
            if (end < s.length()) {
                if (quote != Quote.UNQUOTED) {
                    i++; // the closing quote
                }
                leaveAttr(); // for unquoted values, TAG reads the space or '>'
            }
        }

        private void leaveAttr() {
            l.attrEnd(attr);
            enter(Mode.TAG, element);
        }

        private void rawContent() {
            // The content ends at "</element" whatever the JS or CSS state: HTML decides first.
            int end = i;
            while (end < s.length() && !isEndTagOf(end)) {
                end++;
            }
            l.rawText(i, end);
            i = end;
            if (end < s.length()) {
                startEndTag();
            }
        }

        /** True if "</" + element starts at k, followed by a character that ends a tag name. */
        private boolean isEndTagOf(int k) {
            if (!s.startsWith("</", k)
                    || !s.regionMatches(true, k + 2, element, 0, element.length())) {
                return false;
            }
            int after = k + 2 + element.length();
            return after == s.length() || !isTagNameChar(s.charAt(after));
        }

        /** At "</": reads the name in END_TAG. */
        private void startEndTag() {
            int lt = i;
            l.tagStart(lt, true);
            enter(Mode.END_TAG, "");
            i += 2;
            if (i < s.length()) {
                readEndTagName(lt);
            }
        }

        private void endTag() {
            if (element.isEmpty()) {
                // "</" ended the previous piece.
                if (isAsciiLetter(s.charAt(i))) {
                    readEndTagName(-1);
                } else {
                    enter(Mode.TEXT, "");
                }
                return;
            }
            int gt = s.indexOf('>', i);
            if (gt < 0) {
                i = s.length();
            } else {
                i = gt + 1;
                enter(Mode.TEXT, "");
            }
        }

        private void readEndTagName(int lt) {
            int j = i;
            while (j < s.length() && isTagNameChar(s.charAt(j))) {
                j++;
            }
            element = s.substring(i, j).toLowerCase(Locale.ROOT);
            i = j;
            l.endTagName(element, lt);
        }
    }
}
