package io.github.livetemplate.runtime.engine;

import io.github.livetemplate.runtime.Flash;
import java.util.Map;

/**
 * The result of running one lifecycle call or action.
 *
 * @param state the state to keep and render (page data applied); the previous one when {@code
 *     failed}
 * @param flash the flash messages to keep
 * @param errors {@code meta.errors}; empty on success
 * @param failed whether nothing ran to completion: answer with an empty tree and keep the state
 * @param <S> the state record type
 */
record Outcome<S>(S state, Flash flash, Map<String, String> errors, boolean failed) {

    /** The key of a general (non-field) error in {@code meta.errors}. */
    static final String ERROR_KEY = "_error";

    /** Nothing ran and nothing changed (a ping answered over HTTP). */
    static <S> Outcome<S> unchanged(S state, Flash flash) {
        return new Outcome<>(state, flash, Map.of(), false);
    }

    /** A failed step: the previous state, one general error. */
    static <S> Outcome<S> failed(S state, Flash flash, String message) {
        return new Outcome<>(state, flash, Map.of(ERROR_KEY, message), true);
    }

    /** Whether the step ran without errors (and its publishes may go out). */
    boolean success() {
        return errors.isEmpty();
    }
}
