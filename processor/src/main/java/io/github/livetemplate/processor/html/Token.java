package io.github.livetemplate.processor.html;

/** What {@link TagReader} reads from a template's HTML, in template order. */
public sealed interface Token permits Tag, Token.Text, Token.Dynamic {

    /** Static text outside tags (raw-text content included), at template offset {@code offset}. */
    record Text(String text, int offset) implements Token {}

    /**
     * A dynamic part, wherever it stands; {@code inTag} when it is inside a tag, where it comes
     * before that tag's {@link Tag} token.
     */
    record Dynamic(Object payload, boolean inTag) implements Token {}
}
