package io.github.livetemplate.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.livetemplate.runtime.TopicForbiddenException;
import io.github.livetemplate.test.board.Board;
import io.github.livetemplate.test.board.BoardController;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Calling one controller method directly with a {@link TestContext}. */
class TestContextTest {
    private final BoardController controller = new BoardController();
    private final Board lobby = Board.initial().withRoomForTest();

    @Test
    void anActionSeesItsDataAndRecordsErrorsFlashAndPublishes() {
        TestContext ok = TestContext.action("add").form(Map.of("text", "hi")).build();

        Board next = controller.add(lobby, ok.context());

        assertEquals(1, next.posts().size());
        assertTrue(ok.errors().isEmpty());
        assertEquals("Posted.", ok.flash().get("saved"));
        assertEquals(
                List.of(
                        new TestContext.Published(
                                "board/lobby", "posted", Map.of("id", "p1", "text", "hi"))),
                ok.published());

        TestContext empty = TestContext.action("add").form(Map.of("text", "")).build();
        controller.add(lobby, empty.context());
        assertEquals(Map.of("text", "Please type something."), empty.errors());
    }

    @Test
    void mountSubscribesAndTheAccessRuleAppliesWhenGiven() {
        TestContext ctx =
                TestContext.lifecycle().user("alice").query(Map.of("room", "java")).build();

        Board mounted = controller.mount(Board.initial(), ctx.context());

        assertEquals("alice", mounted.user());
        assertEquals(Set.of("board/java"), ctx.subscriptions());

        TestContext refused = TestContext.lifecycle().topicAccess((topic, c) -> false).build();
        assertThrows(
                TopicForbiddenException.class,
                () -> controller.mount(Board.initial(), refused.context()));
    }

    @Test
    void formValuesAreTypedAsTheClientTypesThem() {
        TestContext ctx = TestContext.action("probe").form(Map.of("v", "3.5")).build();

        assertEquals("Double:3.5", controller.probe(lobby, ctx.context()).draft());
    }
}
