package io.github.livetemplate.processor.parse;

/**
 * A position in a template file.
 *
 * @param offset zero-based char offset into the file text
 * @param line one-based line
 * @param column one-based column (in chars)
 */
public record Pos(int offset, int line, int column) {

    @Override
    public String toString() {
        return line + ":" + column;
    }
}
