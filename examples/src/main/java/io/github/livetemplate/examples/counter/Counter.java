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
 * @param count the current value
 */
@LiveTemplate("counter.tmpl")
public record Counter(int count) {

    /** The state every page load and connection starts from. */
    public static Counter initial() {
        return new Counter(0);
    }
}
