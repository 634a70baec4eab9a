package io.github.livetemplate.benchmarks;

import io.github.livetemplate.LiveTemplate;
import java.util.List;

/**
 * Benchmark page (a): a todo list with a title, counters and keyed rows. The counters are
 * components (computed once when the state is built), as an application would keep them.
 */
@LiveTemplate("todos.tmpl")
public record TodoPage(
        String title,
        int remaining,
        int completed,
        int total,
        List<Todo> todos,
        String updatedAt,
        String user) {

    /** One keyed row. */
    public record Todo(String id, String text, boolean done) {}

    /** A page with these rows and counters derived from them. */
    public static TodoPage of(String title, List<Todo> todos, String updatedAt, String user) {
        int done = 0;
        for (Todo t : todos) {
            if (t.done()) {
                done++;
            }
        }
        return new TodoPage(title, todos.size() - done, done, todos.size(), todos, updatedAt, user);
    }
}
