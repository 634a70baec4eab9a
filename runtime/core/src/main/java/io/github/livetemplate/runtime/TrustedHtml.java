package io.github.livetemplate.runtime;

import java.util.Objects;

/**
 * Markup that a template prints without escaping in HTML text context. Only wrap content you
 * produced or sanitised yourself; in any other context (attributes, URLs, scripts, styles) the
 * value is escaped like a plain string.
 *
 * @param html the markup
 */
public record TrustedHtml(String html) {

    /** Requires non-null markup. */
    public TrustedHtml {
        Objects.requireNonNull(html, "html");
    }

    /** Wraps {@code html} as trusted markup. */
    public static TrustedHtml of(String html) {
        return new TrustedHtml(html);
    }

    @Override
    public String toString() {
        return html;
    }
}
