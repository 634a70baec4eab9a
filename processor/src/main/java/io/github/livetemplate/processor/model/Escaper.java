package io.github.livetemplate.processor.model;

/**
 * How a printed value is escaped, decided from its HTML context at compile time.
 *
 * @param kind the escaping for the context the value sits in
 * @param delim how the attribute around it is delimited: {@code NONE} for element content,
 *     {@code QUOTED} or {@code UNQUOTED} for attribute values
 */
public record Escaper(Kind kind, Delim delim) {

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
    /** Inside an HTML comment: not printed at all. */
    DROP
  }

  /** Attribute delimiters. */
  public enum Delim {
    NONE,
    QUOTED,
    UNQUOTED
  }

  /** Whether the value is printed in HTML text, where trusted markup may pass unescaped. */
  public boolean isText() {
    return kind == Kind.HTML && delim == Delim.NONE;
  }
}
