package io.github.livetemplate.processor.html;

import java.util.List;

/**
 * An attribute of a start tag: its lower-case name at template offset {@code nameOffset}, and its
 * value as static and dynamic parts.
 *
 * @param quote how the value is delimited; {@code NONE} for a bare attribute ({@code checked})
 */
public record Attr(String name, int nameOffset, HtmlTokenizer.Quote quote, List<Part> value) {

    /** A piece of an attribute value. */
    public sealed interface Part {
        /** Static text at template offset {@code offset}. */
        record Static(String text, int offset) implements Part {}

        /** A dynamic part, with what the caller gave {@link TagReader#dynamic}. */
        record Dynamic(Object payload) implements Part {}
    }

    public boolean bare() {
        return quote == HtmlTokenizer.Quote.NONE;
    }

    public boolean quoted() {
        return quote == HtmlTokenizer.Quote.DOUBLE || quote == HtmlTokenizer.Quote.SINGLE;
    }

    public boolean dynamic() {
        return value.stream().anyMatch(p -> p instanceof Part.Dynamic);
    }

    /** A value with no dynamic part (possibly empty). */
    public boolean isStatic() {
        return !bare() && !dynamic();
    }

    /** A static, non-empty value. */
    public boolean hasText() {
        return isStatic() && !text().isEmpty();
    }

    /** The static text of the value, dynamic parts left out. */
    public String text() {
        StringBuilder b = new StringBuilder();
        for (Part p : value) {
            if (p instanceof Part.Static s) {
                b.append(s.text());
            }
        }
        return b.toString();
    }

    /** The template offset of the value's first static character, or -1. */
    public int textOffset() {
        for (Part p : value) {
            if (p instanceof Part.Static s) {
                return s.offset();
            }
        }
        return -1;
    }
}
