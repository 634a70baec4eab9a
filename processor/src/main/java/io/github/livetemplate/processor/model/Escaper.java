package io.github.livetemplate.processor.model;

/**
 * How a printed value is escaped, decided from its HTML context at compile time.
 *
 * @param kind the escaping for the context the value sits in
 * @param delim how the attribute around it is delimited: {@code NONE} for element content, {@code
 *     QUOTED} or {@code UNQUOTED} for attribute values
 * @param text whether the value sits in HTML text (not in an attribute, {@code <title>} or {@code
 *     <textarea>}), where trusted markup may pass unescaped
 */
public record Escaper(Kind kind, Delim delim, boolean text) {

    /** The escaping contexts. */
    public enum Kind {
        /** HTML text, RCDATA and quoted attribute values. */
        HTML,
        /** Unquoted attribute values. */
        HTML_UNQUOTED,
        /** The start of a URL attribute value: unsafe schemes are neutralised. */
        URL_START,
        /** Inside a URL before {@code ?} or {@code #}. */
        URL_PATH,
        /** Inside a URL query or fragment. */
        URL_QUERY,
        /** A JavaScript value in a script or event handler. */
        JS_VALUE,
        /** Inside a quoted JavaScript string. */
        JS_STRING,
        /** A CSS value. */
        CSS_VALUE,
        /** Inside a quoted CSS string. */
        CSS_STRING,
        /**
         * Where an attribute name may start, or inside one: a {@code TrustedAttr} as it is, other
         * values as a plain lowercase name or {@code ZgotmplZ} (Go's htmlNameFilter).
         */
        ATTR_NAME,
        /** Inside an HTML comment: not printed at all. */
        DROP,
        /**
         * Already escaped for this context by the pipeline's last function ({@code html}, {@code
         * urlquery}, {@code js}): printed as is, as Go drops the redundant escaper.
         */
        RAW
    }

    /** Attribute delimiters. */
    public enum Delim {
        NONE,
        QUOTED,
        UNQUOTED
    }
}
