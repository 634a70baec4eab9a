package io.github.livetemplate.processor.parse;

/** A syntax error at a position of a template file. */
public final class TemplateSyntaxException extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient Pos pos;

    public TemplateSyntaxException(Pos pos, String message) {
        super(message);
        this.pos = pos;
    }

    /** Where the error is. */
    public Pos pos() {
        return pos;
    }
}
