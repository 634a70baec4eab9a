package io.github.livetemplate.processor.check;

import java.util.Objects;

/**
 * Where the HTML scanner stands at some point of a template, in the spirit of Go's html/template
 * {@code context}: enough to decide how a dynamic value printed there must be escaped, and to check
 * that both branches of an {@code {{if}}} end in the same place.
 *
 * <p>Fields that do not apply to the current state hold their neutral value ({@code ""}, {@code
 * NONE}, {@code NORMAL}, {@code START}, {@code EXPR}) so that record equality means "same context".
 *
 * @param state the HTML-level state
 * @param element lowercase element name while in a tag ({@code TAG_NAME} .. {@code ATTR_VALUE},
 *     {@code END_TAG}) or in its raw content ({@code SCRIPT}, {@code STYLE}, {@code RCDATA});
 *     {@code ""} otherwise
 * @param attr lowercase attribute name from {@code ATTR_NAME} to {@code ATTR_VALUE}; {@code ""}
 *     otherwise
 * @param delim how the current attribute value is delimited ({@code NONE} outside values)
 * @param attrKind what the current attribute's value means
 * @param urlPart how much of a URL attribute's value has been written
 * @param js JavaScript sub-state in {@code SCRIPT} content and in JS attribute values
 * @param css CSS sub-state in {@code STYLE} content and in {@code style} attribute values
 */
public record HtmlContext(
        State state,
        String element,
        String attr,
        Delim delim,
        AttrKind attrKind,
        UrlPart urlPart,
        JsState js,
        CssState css) {

    public enum State {
        /** Ordinary element content. */
        TEXT,
        /** Content of {@code <title>} or {@code <textarea>}: text only, no tags or comments. */
        RCDATA,
        /** Reading a start tag's name, right after {@code <}. */
        TAG_NAME,
        /** Inside a start tag, between attributes. */
        TAG,
        /** Reading an attribute name. */
        ATTR_NAME,
        /** After an attribute name, before a possible {@code =}. */
        AFTER_ATTR_NAME,
        /** After {@code =}, before the value starts. */
        BEFORE_VALUE,
        /** Inside an attribute value. */
        ATTR_VALUE,
        /** Content of {@code <script>}. */
        SCRIPT,
        /** Content of {@code <style>}. */
        STYLE,
        /** Inside {@code <!-- ... -->}. */
        COMMENT,
        /** Inside an end tag {@code </...>}. */
        END_TAG
    }

    public enum Delim {
        NONE,
        DOUBLE_QUOTE,
        SINGLE_QUOTE,
        UNQUOTED
    }

    public enum AttrKind {
        NORMAL,
        URL,
        JS,
        CSS
    }

    public enum UrlPart {
        /**
         * Nothing (except maybe spaces) of the URL is known to be written: a scheme could still
         * follow.
         */
        START,
        /** Some of the URL is written, but no {@code ?} or {@code #} yet. */
        PATH,
        /** After {@code ?} or {@code #}. */
        QUERY
    }

    public enum JsState {
        EXPR,
        DQ_STRING,
        SQ_STRING,
        TEMPLATE_LITERAL,
        LINE_COMMENT,
        BLOCK_COMMENT
    }

    public enum CssState {
        EXPR,
        DQ_STRING,
        SQ_STRING,
        /** A block comment. */
        COMMENT,
        /** A {@code //} comment, which Go's escaper treats as a comment in CSS too. */
        LINE_COMMENT,
        /** An unquoted {@code url(…)}: it ends at {@code )} or white space. */
        URL
    }

    public HtmlContext {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(element, "element");
        Objects.requireNonNull(attr, "attr");
        Objects.requireNonNull(delim, "delim");
        Objects.requireNonNull(attrKind, "attrKind");
        Objects.requireNonNull(urlPart, "urlPart");
        Objects.requireNonNull(js, "js");
        Objects.requireNonNull(css, "css");
    }

    private static final HtmlContext TEXT_CONTEXT = of(State.TEXT, "");

    /** The context at the start of a template. */
    public static HtmlContext text() {
        return TEXT_CONTEXT;
    }

    /** True where a value may be printed as trusted markup: ordinary element content. */
    public boolean isText() {
        return state == State.TEXT;
    }

    /** A context with only a state and element set. */
    static HtmlContext of(State state, String element) {
        return new HtmlContext(
                state,
                element,
                "",
                Delim.NONE,
                AttrKind.NORMAL,
                UrlPart.START,
                JsState.EXPR,
                CssState.EXPR);
    }
}
