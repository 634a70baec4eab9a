package io.github.livetemplate.examples.todo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.livetemplate.test.LiveTest;
import io.github.livetemplate.test.LiveView;
import io.github.livetemplate.test.TestContext;
import io.github.livetemplate.test.Update;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The to-do page on the test kit. */
class TodoControllerTest {
    private final TodoRepository repository = new TodoRepository();
    private final LiveTest<TodoState> page =
            LiveTest.of(
                    new TodoStateRenderer(),
                    new TodoControllerLive(new TodoController(repository)),
                    TodoState.initial());

    private static List<String> items(LiveView<TodoState> view) {
        return view.texts("#todo-list li[data-key] .text");
    }

    @Test
    void addToggleDeleteAndClear() {
        LiveView<TodoState> view = page.connect();
        assertTrue(view.has("#todo-list li.empty"));

        view.submit("add", Map.of("text", "Buy milk"));
        view.submit("add", Map.of("text", "Read book"));
        assertEquals(List.of("Buy milk", "Read book"), items(view));
        assertEquals("2 items left", view.text("#todo-count"));

        String milk = view.find("#todo-list li[data-key]").get(0).attr("data-key");
        view.click("toggle", Map.of("id", milk));
        assertEquals("done", view.find("#todo-list li[data-key]").get(0).attr("class"));
        assertEquals("1 item left", view.text("#todo-count"));
        assertEquals("Clear completed (1)", view.text("button.clear"));

        String book = view.find("#todo-list li[data-key]").get(1).attr("data-key");
        view.click("delete", Map.of("value", book));
        assertEquals(List.of("Buy milk"), items(view));

        view.click("clear-done");
        assertTrue(view.has("#todo-list li.empty"));
        assertFalse(view.has("button.clear"));
    }

    @Test
    void emptyAndTooLongTextAreRefusedUnderTheInput() {
        LiveView<TodoState> view = page.connect();

        Update empty = view.submit("add", Map.of("text", "   "));

        assertFalse(empty.success());
        assertEquals("Please type what needs doing.", empty.error("text"));
        assertEquals("Please type what needs doing.", view.text("#text-error"));

        Update tooLong =
                view.submit("add", Map.of("text", "x".repeat(TodoController.MAX_TEXT + 1)));
        assertEquals("That is too long: at most 100 characters.", tooLong.error("text"));
        assertTrue(items(view).isEmpty());

        view.submit("add", Map.of("text", "fine"));
        assertFalse(view.has("#text-error"), "the next success clears the error");
    }

    @Test
    void tabsOfOneBrowserShareTheListAndFiltersComeFromTheQuery() {
        LiveView<TodoState> tab = page.visit().group("browser").connect();
        tab.submit("add", Map.of("text", "a"));
        tab.submit("add", Map.of("text", "b"));
        tab.click("toggle", Map.of("id", tab.find("li[data-key]").get(0).attr("data-key")));

        LiveView<TodoState> active =
                page.visit().group("browser").query("filter", "active").connect();
        assertEquals(List.of("b"), items(active));
        assertEquals("selected", active.attr("a[href='?filter=active']", "class"));

        active.navigate(Map.of("filter", "completed"));
        assertEquals(List.of("a"), items(active));

        LiveView<TodoState> stranger = page.connect();
        assertTrue(stranger.has("#todo-list li.empty"), "another browser has its own list");
    }

    @Test
    void theFirstPageOverHttpShowsTheSameList() {
        LiveView<TodoState> tab = page.visit().group("browser").connect();
        tab.submit("add", Map.of("text", "<script>x</script>"));

        var html = page.visit().group("browser").load();

        assertEquals(List.of("<script>x</script>"), html.texts("#todo-list li[data-key] .text"));
        assertFalse(html.source().contains("<script>x</script>"), "escaped in the page");
    }

    @Test
    void addCalledDirectlyWithATestContext() {
        TodoController controller = new TodoController(repository);
        TestContext ctx = TestContext.action("add").form(Map.of("text", "")).group("g").build();

        controller.add(TodoState.initial(), ctx.context());

        assertEquals(Map.of("text", "Please type what needs doing."), ctx.errors());
        assertTrue(repository.list("g").all().isEmpty());
    }
}
