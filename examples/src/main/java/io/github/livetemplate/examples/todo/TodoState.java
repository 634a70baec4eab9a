package io.github.livetemplate.examples.todo;

import io.github.livetemplate.LiveTemplate;
import io.github.livetemplate.runtime.FieldErrors;
import java.util.List;

/**
 * What one to-do page shows. Immutable: every action returns a new state, and the runtime sends the
 * browser only what changed between the two. The data itself lives in the {@link TodoRepository};
 * the state is a snapshot of the session group's list, filtered.
 *
 * @param filter which items {@link #todos} holds
 * @param todos the items shown, oldest first; each row is keyed by its id ({@code data-key})
 * @param activeCount how many items of the whole list are not done
 * @param completedCount how many items of the whole list are done
 * @param errors validation messages by form field, filled by the runtime from {@code
 *     ctx.error(...)}; the template shows {@code .Errors.text} under the input
 */
@LiveTemplate("todos.tmpl")
public record TodoState(
        Filter filter, List<Todo> todos, int activeCount, int completedCount, FieldErrors errors) {

    public TodoState {
        todos = List.copyOf(todos);
    }

    /** The state before {@code mount} loads the session group's list. */
    public static TodoState initial() {
        return new TodoState(Filter.ALL, List.of(), 0, 0, FieldErrors.none());
    }

    /** A snapshot of {@code all} under {@code filter}, with no errors. */
    public static TodoState of(Filter filter, List<Todo> all) {
        int done = (int) all.stream().filter(Todo::done).count();
        return new TodoState(
                filter,
                all.stream().filter(filter::shows).toList(),
                all.size() - done,
                done,
                FieldErrors.none());
    }

    /** Whether the list (unfiltered) is empty. */
    public boolean empty() {
        return activeCount + completedCount == 0;
    }
}
