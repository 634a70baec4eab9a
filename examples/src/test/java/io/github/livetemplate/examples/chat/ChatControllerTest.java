package io.github.livetemplate.examples.chat;

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

/** The chat page on the test kit: rooms as topics, messages published to the room's other tabs. */
class ChatControllerTest {
    private final ChatController controller = new ChatController(new ChatRooms());
    private final LiveTest<ChatState> page =
            LiveTest.builder(
                            new ChatStateRenderer(),
                            new ChatControllerLive(controller),
                            ChatState.initial())
                    .topicAccess(ChatController.ACCESS)
                    .build();

    private static List<String> texts(LiveView<ChatState> view) {
        return view.texts("#messages li[data-key] .text");
    }

    @Test
    void aMessageReachesEveryTabInTheRoomAndOnlyThere() {
        LiveView<ChatState> alice = page.visit().user("alice").query("room", "java").connect();
        LiveView<ChatState> bob = page.visit().user("bob").query("room", "java").connect();
        LiveView<ChatState> carol = page.visit().user("carol").query("room", "random").connect();
        assertEquals("2", bob.text("#online strong"));

        Update sent = alice.submit("send", Map.of("text", "hello"));

        assertTrue(sent.success());
        assertEquals(List.of("hello"), texts(alice));
        assertEquals(List.of("hello"), texts(bob));
        assertEquals("alice", bob.text("#messages li[data-key] .author"));
        assertTrue(carol.has("#messages li.empty"));
        assertEquals(1, bob.pushed().stream().filter(u -> u.changed()).count());
    }

    @Test
    void anEmptyMessageIsRefusedAndNothingIsPublished() {
        LiveView<ChatState> alice = page.visit().query("room", "java").connect();
        LiveView<ChatState> bob = page.visit().query("room", "java").connect();
        bob.pushed();

        Update u = alice.submit("send", Map.of("text", " "));

        assertFalse(u.success());
        assertEquals("Please type a message.", alice.text("#text-error"));
        assertTrue(bob.pushed().isEmpty());
    }

    @Test
    void presenceCountsTabsAsTheyComeAndGo() {
        LiveView<ChatState> one = page.visit().query("room", "lobby").connect();
        LiveView<ChatState> two = page.visit().query("room", "lobby").connect();
        assertEquals("2", one.text("#online strong"));

        two.close();

        assertEquals("1", one.text("#online strong"));
        two = page.visit().query("room", "java").connect();
        one.navigate(Map.of("room", "java"));
        assertEquals("java", one.text("#room"));
        assertEquals("2", one.text("#online strong"));
    }

    @Test
    void sendCalledDirectlyPublishesTheMessage() {
        ChatState lobby =
                controller.mount(
                        ChatState.initial(),
                        TestContext.lifecycle().query(Map.of("room", "lobby")).build().context());
        TestContext ctx = TestContext.action("send").form(Map.of("text", "hi")).user("zoe").build();

        controller.send(lobby, ctx.context());

        assertEquals(1, ctx.published().size());
        assertEquals("chat/lobby", ctx.published().get(0).topic());
        assertEquals("refresh", ctx.published().get(0).action());
        assertEquals("hi", ctx.published().get(0).data().get("text"));
    }
}
