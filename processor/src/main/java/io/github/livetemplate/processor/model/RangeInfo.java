package io.github.livetemplate.processor.model;

import io.github.livetemplate.processor.parse.Pos;
import java.util.List;
import javax.lang.model.type.TypeMirror;

/**
 * A {@code range}: what it iterates, how rows are bound and keyed, and the row node.
 *
 * @param name a Java identifier part such as {@code Range40}
 * @param collection the ranged-over value
 * @param shape how to iterate it
 * @param elementType the type of one element as the generated row code sees it ({@code Map.Entry<K,
 *     V>} for maps)
 * @param dot the row's dot (the element, or the entry's value for maps)
 * @param index the {@code $i} of {@code range $i, $v :=} (the key for maps), or null
 * @param row the node rendered for each element
 * @param key how rows are keyed; null when rows are keyed by position
 * @param source the template text of the range pipeline, for comments
 */
public record RangeInfo(
        String name,
        Pos pos,
        Expr collection,
        Shape shape,
        TypeMirror elementType,
        Var dot,
        Var index,
        Node row,
        Key key,
        String source) {

    /** The kinds of collections a range iterates. */
    public enum Shape {
        LIST,
        ITERABLE,
        ARRAY,
        MAP
    }

    /**
     * A row key: the value of the row root's {@code data-key} (or {@code id}) attribute, made of
     * static text and printed values; for maps without such an attribute, the map key.
     *
     * @param parts {@code String} statics and {@link Expr} values, concatenated
     * @param attribute the attribute the key comes from, or null for a map key
     */
    public record Key(List<Object> parts, String attribute) {}
}
