package io.github.livetemplate.corpus;

import io.github.livetemplate.LiveTemplate;
import java.util.List;

/** Corpus 20a: a realistic TodoMVC page (full document). */
@LiveTemplate("c20_todos.tmpl")
public record C20Todos(
        String title, String draft, Filter filter, String editing, List<Todo> todos) {

    /** One todo. */
    public record Todo(String id, String text, boolean done) {}

    public List<Todo> visible() {
        return switch (filter) {
            case ALL -> todos;
            case ACTIVE -> todos.stream().filter(t -> !t.done()).toList();
            case COMPLETED -> todos.stream().filter(Todo::done).toList();
        };
    }

    public int activeCount() {
        return (int) todos.stream().filter(t -> !t.done()).count();
    }

    public int completedCount() {
        return todos.size() - activeCount();
    }

    public boolean allDone() {
        return !todos.isEmpty() && activeCount() == 0;
    }
}
