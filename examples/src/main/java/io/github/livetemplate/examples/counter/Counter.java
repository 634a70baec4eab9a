package io.github.livetemplate.examples.counter;

import io.github.livetemplate.LiveTemplate;

/**
 * The state of the counter page: one number. The annotation processor compiles {@code counter.tmpl}
 * against this record into {@link CounterRenderer}.
 *
 * <p>Each browser tab (each WebSocket connection) has its own counter: a reload or a reconnect
 * starts again from {@link #initial()}. Compare the to-do app, which keeps its data in a repository
 * per browser session.
 *
 * <p>"Reset" asks first with the examples' confirmation dialog ({@code components/confirm.tmpl});
 * the outcome shows in their toast container ({@code components/toast.tmpl}).
 *
 * @param count the current value
 * @param confirm the question the dialog asks, or null while it is closed
 */
@LiveTemplate("counter.tmpl")
public record Counter(int count, Confirm confirm) {

    /** A question the confirmation dialog shows. */
    public record Confirm(String question) {}

    /** A counter without an open dialog. */
    public Counter(int count) {
        this(count, null);
    }

    /** The state every page load and connection starts from. */
    public static Counter initial() {
        return new Counter(0);
    }
}
