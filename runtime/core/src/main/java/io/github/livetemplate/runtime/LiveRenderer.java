package io.github.livetemplate.runtime;

/**
 * A renderer generated for one {@link LiveTemplate} record type {@code S}.
 *
 * <p>Three views of the same template:
 *
 * <ul>
 *   <li>{@link #html} — the full page; the part that is live sits inside a wrapper {@code <div
 *       data-lvt-id="…">} (inside {@code <body>} for full documents, around everything for
 *       fragments);
 *   <li>{@link #tree} — the complete tree JSON (statics and dynamics) describing exactly the
 *       wrapper's inner HTML, as the {@code @livetemplate/client} expects as a first message;
 *   <li>{@link #diff} — the update JSON that turns the client's copy of {@code previous} into
 *       {@code next}; {@code {}} when nothing changed.
 * </ul>
 *
 * <p>The methods without a {@link TemplateContext} render with {@link TemplateContext#empty()} as
 * the template's {@code .lvt}; the live runtime calls the ones with a context, filled from the
 * connection's errors and flash.
 *
 * <p>Renderers are stateless and thread-safe. The {@code write…} variants append UTF-8 to a
 * caller-owned {@link Utf8Buffer} and allocate nothing for unchanged state.
 *
 * @param <S> the state record type
 */
public interface LiveRenderer<S> {

    /** The wrapper id {@link #html(Object)} uses: {@code lvt-} and a hash of the template. */
    String defaultWrapperId();

    /**
     * Writes the full page.
     *
     * @param wrapperId the {@code data-lvt-id} value
     * @param loading whether to add {@code data-lvt-loading="true"} (forms stay disabled until the
     *     client has received its first tree)
     */
    void writeHtml(S state, String wrapperId, boolean loading, Utf8Buffer out);

    /** Writes the complete tree of the wrapper's inner HTML. */
    void writeTree(S state, Utf8Buffer out);

    /**
     * Writes the update from {@code previous} to {@code next}.
     *
     * @return whether anything changed; when not, {@code {}} was written
     */
    boolean writeDiff(S previous, S next, Utf8Buffer out);

    /**
     * Writes the full page with {@code lvt} as the template's {@code .lvt} context (see {@link
     * TemplateContext}). A renderer whose template does not read {@code .lvt} ignores it.
     */
    default void writeHtml(
            S state, TemplateContext lvt, String wrapperId, boolean loading, Utf8Buffer out) {
        writeHtml(state, wrapperId, loading, out);
    }

    /** Writes the complete tree with {@code lvt} as the {@code .lvt} context. */
    default void writeTree(S state, TemplateContext lvt, Utf8Buffer out) {
        writeTree(state, out);
    }

    /**
     * Writes the update from {@code previous} seen with {@code previousLvt} to {@code next} seen
     * with {@code nextLvt}: a changed context re-sends only the slots whose value changed.
     *
     * @return whether anything changed; when not, {@code {}} was written
     */
    default boolean writeDiff(
            S previous,
            TemplateContext previousLvt,
            S next,
            TemplateContext nextLvt,
            Utf8Buffer out) {
        return writeDiff(previous, next, out);
    }

    /** The full page with the default wrapper id and {@code lvt} as the {@code .lvt} context. */
    default String html(S state, TemplateContext lvt) {
        Utf8Buffer out = Utf8Buffer.borrow(4096);
        writeHtml(state, lvt, defaultWrapperId(), false, out);
        return out.releaseAsString();
    }

    /** The complete tree JSON with {@code lvt} as the {@code .lvt} context. */
    default String tree(S state, TemplateContext lvt) {
        Utf8Buffer out = Utf8Buffer.borrow(4096);
        writeTree(state, lvt, out);
        return out.releaseAsString();
    }

    /**
     * The update JSON between two states and their {@code .lvt} contexts; {@code {}} (nothing
     * allocated) when nothing changed.
     */
    default String diff(S previous, TemplateContext previousLvt, S next, TemplateContext nextLvt) {
        Utf8Buffer out = Utf8Buffer.borrow(256);
        if (writeDiff(previous, previousLvt, next, nextLvt, out)) {
            return out.releaseAsString();
        }
        out.release();
        return "{}";
    }

    /** The full page with the default wrapper id. */
    default String html(S state) {
        Utf8Buffer out = Utf8Buffer.borrow(4096);
        writeHtml(state, defaultWrapperId(), false, out);
        return out.releaseAsString();
    }

    /** The complete tree JSON. */
    default String tree(S state) {
        Utf8Buffer out = Utf8Buffer.borrow(4096);
        writeTree(state, out);
        return out.releaseAsString();
    }

    /** The update JSON, {@code {}} when nothing changed (then nothing is allocated). */
    default String diff(S previous, S next) {
        Utf8Buffer out = Utf8Buffer.borrow(256);
        if (writeDiff(previous, next, out)) {
            return out.releaseAsString();
        }
        out.release();
        return "{}";
    }
}
