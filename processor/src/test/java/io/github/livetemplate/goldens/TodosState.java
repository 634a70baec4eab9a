package io.github.livetemplate.goldens;

import io.github.livetemplate.LiveTemplate;
import java.util.List;

/** The state of the Go library's todo end-to-end scenario. */
@LiveTemplate("/goldens/todos.tmpl")
public record TodosState(
        String title, int counter, List<Todo> todos, String lastUpdated, String sessionID) {

    /** One todo row. */
    public record Todo(String id, String text, boolean completed, String priority) {}

    public int todoCount() {
        return todos.size();
    }

    public int completedCount() {
        return (int) todos.stream().filter(Todo::completed).count();
    }

    public int remainingCount() {
        return todoCount() - completedCount();
    }

    public int completionRate() {
        return todos.isEmpty() ? 0 : completedCount() * 100 / todoCount();
    }
}
