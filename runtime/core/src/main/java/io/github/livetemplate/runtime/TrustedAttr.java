package io.github.livetemplate.runtime;

import java.util.Objects;

/**
 * Attribute markup (Go's {@code template.HTMLAttr}) that a template writes as it is where an
 * attribute name may start: {@code <input name="email" {{.Invalid}}>} with {@code
 * TrustedAttr.of("aria-invalid=\"true\"")}. An empty one writes nothing. Only wrap text you
 * produced yourself: it is not checked. In any other position (text, attribute values, URLs,
 * scripts) the value is escaped like a plain string; an untrusted value where an attribute name may
 * start must be a plain lowercase name, or it becomes {@code ZgotmplZ}, as in Go.
 *
 * @param attr the attribute markup, such as {@code aria-invalid="true"}
 */
public record TrustedAttr(String attr) {
    private static final TrustedAttr NONE = new TrustedAttr("");

    /** Requires non-null markup. */
    public TrustedAttr {
        Objects.requireNonNull(attr, "attr");
    }

    /** Wraps {@code attr} as trusted attribute markup. */
    public static TrustedAttr of(String attr) {
        return attr.isEmpty() ? NONE : new TrustedAttr(attr);
    }

    /** No attribute: writes nothing. */
    public static TrustedAttr none() {
        return NONE;
    }

    @Override
    public String toString() {
        return attr;
    }
}
