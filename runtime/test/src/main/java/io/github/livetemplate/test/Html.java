package io.github.livetemplate.test;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;

/**
 * A rendered page, parsed as a browser parses it (jsoup), queried with CSS selectors. The helpers
 * that expect one element fail with an {@link AssertionError} that shows the page.
 */
public final class Html {
    private final String source;
    private final Document document;

    Html(String source) {
        this.source = source;
        this.document = Jsoup.parse(source);
    }

    /** The page's HTML as the renderer wrote it. */
    public String source() {
        return source;
    }

    /** The parsed document. */
    public Document document() {
        return document;
    }

    /** Every element matching {@code css} (possibly none). */
    public Elements find(String css) {
        return document.select(css);
    }

    /**
     * The one element matching {@code css}.
     *
     * @throws AssertionError if none or several match
     */
    public Element one(String css) {
        Elements found = find(css);
        if (found.size() != 1) {
            throw new AssertionError(
                    "expected one element matching \""
                            + css
                            + "\", found "
                            + found.size()
                            + " in:\n"
                            + body());
        }
        return found.first();
    }

    /** The text of the one element matching {@code css} (whitespace normalised, as jsoup does). */
    public String text(String css) {
        return one(css).text();
    }

    /** Attribute {@code name} of the one element matching {@code css}; {@code ""} when absent. */
    public String attr(String css, String name) {
        return one(css).attr(name);
    }

    /** Whether any element matches {@code css}. */
    public boolean has(String css) {
        return !find(css).isEmpty();
    }

    /** How many elements match {@code css}. */
    public int count(String css) {
        return find(css).size();
    }

    /** The texts of every element matching {@code css}, in document order. */
    public java.util.List<String> texts(String css) {
        return find(css).eachText();
    }

    private String body() {
        return document.body().html();
    }

    @Override
    public String toString() {
        return source;
    }
}
