package io.github.livetemplate.processor.html;

import java.util.List;

/**
 * A start tag ({@code end} false) or an end tag, at the template offset of its {@code <}. End tags
 * have no attributes.
 */
public record Tag(String name, int offset, boolean end, boolean selfClosing, List<Attr> attrs)
        implements Token {

    /** The first attribute named {@code name}, or null. */
    public Attr first(String name) {
        for (Attr a : attrs) {
            if (a.name().equals(name)) {
                return a;
            }
        }
        return null;
    }

    /** Every attribute named {@code name} (HTML keeps the first; the client may see any). */
    public List<Attr> all(String name) {
        return attrs.stream().filter(a -> a.name().equals(name)).toList();
    }

    public boolean has(String name) {
        return first(name) != null;
    }
}
