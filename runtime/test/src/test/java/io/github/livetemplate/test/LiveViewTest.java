package io.github.livetemplate.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.livetemplate.test.board.Board;
import io.github.livetemplate.test.board.BoardController;
import io.github.livetemplate.test.board.BoardControllerLive;
import io.github.livetemplate.test.board.BoardRenderer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The test kit driving a page compiled by the real processor, on the real engine. */
class LiveViewTest {
    private final BoardController controller = new BoardController();
    private final LiveTest<Board> page =
            LiveTest.builder(
                            new BoardRenderer(),
                            new BoardControllerLive(controller),
                            Board.initial())
                    .topicAccess((topic, ctx) -> topic.startsWith("board/"))
                    .build();

    @Test
    void connectMountsWithTheQueryAndTheUserAndSendsTheFullTree() {
        LiveView<Board> view = page.visit().user("alice").query("room", "java").connect();

        assertEquals("java", view.text("#room"));
        assertEquals("alice", view.text("#user"));
        assertEquals(List.of("No posts."), view.texts("#posts li"));
        Update first = view.connected().get(0);
        assertTrue(first.success());
        assertNull(first.action());
        assertTrue(first.json().get("tree").has("s"), first.text());
        assertEquals(1, page.subscribers("board/java"));
    }

    @Test
    void submitRunsTheActionAndTheDiffChangesOnlyWhatChanged() {
        LiveView<Board> view = page.connect();

        Update u = view.submit("add", Map.of("text", "  hello  "));

        assertTrue(u.success(), u.text());
        assertEquals("add", u.action());
        assertTrue(u.changed());
        assertFalse(u.tree().contains("Room"), "statics the client holds are not resent");
        assertEquals(List.of("hello"), view.texts("#posts li .text"));
        assertEquals("p1", view.attr("#posts li", "data-key"));
        assertEquals("Posted.", view.text(".flash"));
        assertEquals("Posted.", view.flash().get("saved"));
        assertEquals(1, view.state().posts().size());
    }

    @Test
    void fieldErrorsAreShownAndReportedAndTheFormIsNotReset() {
        LiveView<Board> view = page.connect();

        Update u = view.submit("add", Map.of("text", " "));

        assertFalse(u.success());
        assertEquals(Map.of("text", "Please type something."), u.errors());
        assertEquals("Please type something.", view.text(".error"));
        assertEquals(view.errors(), u.errors());
        // and the next successful action clears them
        view.submit("add", Map.of("text", "ok"));
        assertFalse(view.has(".error"));
    }

    @Test
    void clickSendsTheButtonValueAndFlashStaysUntilCleared() {
        LiveView<Board> view = page.connect();
        view.submit("add", Map.of("text", "one"));
        view.submit("add", Map.of("text", "two"));

        view.click("delete", Map.of("value", "p1"));

        assertEquals(List.of("two"), view.texts("#posts li .text"));
        assertEquals("Posted.", view.text(".flash"), "flash stays across actions");
        view.click("dismiss");
        assertFalse(view.has(".flash"));
    }

    @Test
    void valuesAreTypedAsTheBrowserClientTypesThem() {
        LiveView<Board> view = page.connect();

        view.click("probe", Map.of("v", "42"));
        assertEquals("Integer:42", view.text("#draft"), "a number, as the engine parses it");
        view.click("probe", Map.of("v", "007"));
        assertEquals("String:007", view.text("#draft"));
        view.submit("probe", Map.of("v", "true"));
        assertEquals("Boolean:true", view.text("#draft"));
        // change events send the control's text as it is
        view.change("probe", Map.of("v", "42"));
        assertEquals("String:42", view.text("#draft"));
        view.change("preview", Map.of("text", "draft text"));
        assertEquals("draft text", view.text("#draft"));
    }

    @Test
    void aThrowingActionAnswersTheGenericErrorAndKeepsTheState() {
        LiveView<Board> view = page.connect();
        view.submit("add", Map.of("text", "kept"));

        Update u = view.click("boom");

        assertFalse(u.success());
        assertEquals("{}", u.tree());
        assertEquals("action \"boom\" failed (internal error)", u.error("_error"));
        assertEquals(List.of("kept"), view.texts("#posts li .text"));
        assertFalse(view.isClosed());
        assertEquals("unknown action \"nope\"", view.click("nope").error("_error"));
    }

    @Test
    void aPublishReachesTheOtherTabsOfTheRoomOnly() {
        LiveView<Board> alice = page.visit().user("alice").query("room", "java").connect();
        LiveView<Board> bob = page.visit().user("bob").query("room", "java").connect();
        LiveView<Board> carol = page.visit().query("room", "go").connect();

        alice.submit("add", Map.of("text", "hi all"));

        List<Update> got = bob.pushed();
        assertEquals(1, got.size());
        assertNull(got.get(0).action(), "pushed updates echo no action");
        assertEquals(List.of("hi all"), bob.texts("#posts li .text"));
        assertTrue(alice.pushed().isEmpty(), "the sender is excluded");
        assertTrue(carol.pushed().isEmpty());
        assertTrue(carol.has("#posts li.empty"));
    }

    @Test
    void pushFromOutsideAnyActionByTopicAndBySessionGroup() {
        LiveView<Board> tab1 = page.visit().group("browser-1").connect();
        LiveView<Board> tab2 = page.visit().group("browser-1").connect();
        LiveView<Board> other = page.connect();

        assertEquals(3, page.publish("board/lobby", "posted", Map.of("id", "x", "text", "news")));
        assertEquals(
                2, page.session("browser-1").trigger("posted", Map.of("id", "y", "text", "dm")));

        assertEquals(List.of("news", "dm"), tab1.texts("#posts li .text"));
        assertEquals(List.of("news", "dm"), tab2.texts("#posts li .text"));
        assertEquals(List.of("news"), other.texts("#posts li .text"));
        assertEquals(2, tab1.pushed().size());
    }

    @Test
    void navigateMountsAgainWithTheLinksQuery() {
        LiveView<Board> view = page.visit().query("room", "java").connect();

        Update u = view.navigate(Map.of("room", "go"));

        assertEquals("__navigate__", u.action());
        assertEquals("go", view.text("#room"));
        assertEquals(0, page.subscribers("board/java"));
        assertEquals(1, page.subscribers("board/go"));
    }

    @Test
    void aForbiddenTopicIsRefusedAsTheEngineRefusesIt() {
        LiveTest<Board> closed =
                LiveTest.of(
                        new BoardRenderer(), new BoardControllerLive(controller), Board.initial());

        LiveView<Board> view = closed.connect();

        assertEquals("topic_forbidden", view.connected().get(0).errorCode());
        Update tree = view.connected().get(1);
        assertFalse(tree.success());
        assertEquals("topic \"board/lobby\" is forbidden", tree.error("_error"));
    }

    @Test
    void aPageLoadMountsOverHttpWithoutSubscribing() {
        Html html = page.visit().user("dana").query("room", "java").load();

        assertEquals("dana", html.text("#user"));
        assertTrue(html.has("[data-lvt-id]"));
        assertEquals(List.of("mount http"), controller.calls);
        assertEquals(0, page.subscribers("board/java"));
    }

    @Test
    void aFailedMountClosesTheTabWith1011() {
        LiveView<Board> view = page.visit().query("fail", "1").connect();

        assertTrue(view.isClosed());
        assertEquals(1011, view.closeCode());
        assertEquals("mount failed", view.closeReason());
        assertNull(view.state());
        assertThrows(AssertionError.class, view::html);
    }

    @Test
    void closingRunsOnDisconnectAndLeavesTheTopics() {
        LiveView<Board> view = page.visit().query("room", "java").connect();

        view.close();

        assertTrue(controller.calls.contains("onDisconnect java"), controller.calls.toString());
        assertEquals(0, page.subscribers("board/java"));
        assertThrows(AssertionError.class, () -> view.click("dismiss"));
    }

    @Test
    void selectorHelpersFailWithThePage() {
        LiveView<Board> view = page.connect();

        AssertionError e = assertThrows(AssertionError.class, () -> view.text("li.missing"));

        assertTrue(e.getMessage().startsWith("expected one element matching \"li.missing\""));
        assertTrue(e.getMessage().contains("No posts."), e.getMessage());
    }
}
