package io.github.livetemplate.examples.todo;

import java.util.Objects;

/**
 * One to-do item, as stored by the {@link TodoRepository} and shown in a row of the list.
 *
 * @param id unique within its list ({@code t1}, {@code t2}, …); the row's {@code data-key}
 * @param text what to do, as the user typed it (escaped when rendered)
 * @param done whether it is done
 */
public record Todo(String id, String text, boolean done) {

    public Todo {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(text, "text");
    }

    /** This item with {@code done} flipped. */
    public Todo toggled() {
        return new Todo(id, text, !done);
    }
}
