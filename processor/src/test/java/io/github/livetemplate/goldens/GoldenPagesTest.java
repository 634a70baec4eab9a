package io.github.livetemplate.goldens;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.livetemplate.goldens.TodosState.Todo;
import io.github.livetemplate.runtime.LiveRenderer;
import io.github.livetemplate.testing.ClientOracle;
import io.github.livetemplate.testing.OracleCheck;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The Go library's own end-to-end templates compile unchanged and reproduce its rendered pages byte
 * for byte (up to the random wrapper id); the same sequence of states, sent as a first tree and
 * then diffs, rebuilds every page in the client's own tree renderer.
 */
class GoldenPagesTest {
    private static final Pattern WRAPPER_ID = Pattern.compile("data-lvt-id=\"([^\"]+)\"");

    static final List<CounterState> COUNTER =
            List.of(
                    counter(0, "zero", "10:00"), counter(5, "positive", "10:05"),
                    counter(25, "positive", "10:10"), counter(10, "positive", "10:15"),
                    counter(-3, "negative", "10:20"), counter(0, "zero", "10:25"));
    static final List<String> COUNTER_PAGES =
            List.of(
                    "00_initial",
                    "01_increment",
                    "02_large_increment",
                    "03_decrement",
                    "04_negative",
                    "05_reset");

    private static CounterState counter(int n, String status, String time) {
        return new CounterState(
                "Simple Counter", n, status, "2023-01-01 " + time + ":00", "counter-12345");
    }

    private static final Todo T1 = new Todo("todo-1", "Learn Go templates", true, "High");
    private static final Todo T3 = new Todo("todo-3", "Write documentation", false, "Low");
    private static final Todo T4 =
            new Todo("todo-4", "Setup development environment", false, "High");
    private static final Todo T5 = new Todo("todo-5", "Configure CI/CD pipeline", false, "Medium");

    static final List<TodosState> TODOS =
            List.of(
                    todos(1, List.of(), "10:00"),
                    todos(8, List.of(T1, T3), "10:50"),
                    todos(9, List.of(T4, T1, T3), "11:00"),
                    todos(10, List.of(T4, T5, T1, T3), "11:15"),
                    todos(
                            11,
                            List.of(
                                    new Todo(
                                            "todo-4",
                                            "Setup development environment",
                                            true,
                                            "High"),
                                    T1,
                                    new Todo("todo-6", "Deploy to production", false, "Critical"),
                                    new Todo("todo-7", "Monitor performance", false, "Medium")),
                            "11:30"));
    static final List<String> TODO_PAGES =
            List.of(
                    "00_initial",
                    "04_sort_todos",
                    "05a_insert_single_start",
                    "05b_insert_single_middle",
                    "06_multiple_ops");

    private static TodosState todos(int counter, List<Todo> items, String time) {
        return new TodosState(
                "Task Manager", counter, items, "2023-01-01 " + time + ":00", "session-12345");
    }

    @Test
    void counterPagesMatchGoOutput() throws IOException {
        assertPages(new CounterStateRenderer(), COUNTER, "counter_rendered_", COUNTER_PAGES);
    }

    @Test
    void todoPagesMatchGoOutput() throws IOException {
        assertPages(new TodosStateRenderer(), TODOS, "todos_rendered_", TODO_PAGES);
    }

    @Test
    void counterSequenceRebuildsPagesInTheClient() {
        assertSequence(new CounterStateRenderer(), COUNTER);
    }

    @Test
    void todoSequenceRebuildsPagesInTheClient() {
        assertSequence(new TodosStateRenderer(), TODOS);
    }

    private static <S> void assertPages(
            LiveRenderer<S> renderer, List<S> states, String prefix, List<String> pages)
            throws IOException {
        for (int i = 0; i < states.size(); i++) {
            String expected = resource("/goldens/" + prefix + pages.get(i) + ".golden.html");
            Matcher m = WRAPPER_ID.matcher(expected);
            m.find();
            String actual =
                    renderer.html(states.get(i)).replace(renderer.defaultWrapperId(), m.group(1));
            assertEquals(expected, actual, "page " + pages.get(i));
        }
    }

    private static <S> void assertSequence(LiveRenderer<S> renderer, List<S> states) {
        try (ClientOracle oracle = ClientOracle.start()) {
            S previous = states.get(0);
            assertEquals(
                    OracleCheck.innerHtml(renderer.html(previous)),
                    oracle.apply(renderer.tree(previous)));
            for (S next : states.subList(1, states.size())) {
                String html = oracle.apply(renderer.diff(previous, next));
                assertEquals(OracleCheck.innerHtml(renderer.html(next)), html);
                previous = next;
            }
        }
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = GoldenPagesTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
