package io.github.livetemplate.examples.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.livetemplate.examples.Main;
import io.github.livetemplate.examples.chat.ChatController;
import io.github.livetemplate.examples.chat.ChatRooms;
import io.github.livetemplate.examples.chat.ChatState;
import io.github.livetemplate.examples.todo.TodoRepository;
import io.github.livetemplate.runtime.pubsub.InProcessBroadcaster;
import io.github.livetemplate.undertow.LiveHandler;
import io.undertow.Undertow;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The chat example on one instance (in-process broadcaster, no Redis): two browser windows in one
 * room see each other's messages and presence, validation, room links.
 */
@ExtendWith(BrowserExtension.class)
@Timeout(60)
class ChatBrowserTest {
    static InProcessBroadcaster broadcaster;
    static LiveHandler<ChatState> chat;
    static Undertow server;
    static String base;

    final E2E e2e;

    ChatBrowserTest(E2E e2e) {
        this.e2e = e2e;
    }

    @BeforeAll
    static void start() {
        broadcaster = new InProcessBroadcaster();
        ChatController controller = new ChatController(new ChatRooms());
        chat = Main.chat(controller, Main.chatPage(controller, broadcaster));
        server =
                Main.start(
                        "127.0.0.1",
                        0,
                        Main.routes(
                                Main.todoPage(new TodoRepository()).build(),
                                Main.counterPage().build(),
                                chat));
        base = "http://127.0.0.1:" + Main.port(server);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.stop();
        }
        if (broadcaster != null) {
            broadcaster.close();
        }
    }

    @BeforeEach
    @AfterEach
    void reset() {
        e2e.reset(); // one window on about:blank: no chat socket left open
        e2e.waitServer("chat sockets closed", () -> chat.openConnections() == 0);
    }

    @Test
    void twoWindowsSeeEachOthersMessagesAndPresence() {
        ChatPage one = ChatPage.open(e2e, base + "/chat?room=lobby", false);
        one.waitText("#room", "lobby");
        one.waitOnline(1);
        one.waitText("#messages", "No messages yet.");

        ChatPage two = ChatPage.open(e2e, base + "/chat?room=lobby", true);
        two.waitOnline(2);
        one.waitOnline(2);
        assertEquals(1, chat.subscribers("chat/lobby") - 1, "both windows subscribed");

        one.say("Hello from one");
        two.waitMessage("Hello from one");
        two.say("Hi from two");
        one.waitMessage("Hi from two");
        assertEquals(List.of("Hello from one", "Hi from two"), one.messages());
        assertEquals(List.of("Hello from one", "Hi from two"), two.messages());
        assertTrue(one.keyed() && two.keyed(), "rows keyed by message id");
        assertEquals("", one.inputValue(), "the form is reset after a successful send");

        // Validation: an empty message is refused with a field error, only in the sender's window.
        one.send("   ");
        one.waitText("#text-error", "Please type a message.");
        assertEquals("   ", one.inputValue(), "the typed text stays");
        assertNull(two.text("#text-error"));
        assertEquals(2, two.messages().size());

        // Room links are same-page navigations: window two moves to "java" and back.
        two.click("a[href='?room=java']");
        two.waitText("#room", "java");
        two.waitText("#messages", "No messages yet.");
        two.waitOnline(1);
        one.waitOnline(1);
        two.say("In java");
        assertEquals(List.of("Hello from one", "Hi from two"), one.messages());
        two.click("a[href='?room=lobby']");
        two.waitText("#room", "lobby");
        two.waitOnline(2);
        one.waitOnline(2);
        assertEquals(List.of("Hello from one", "Hi from two"), two.messages(), "history kept");

        // Closing a window counts it out.
        two.focus();
        e2e.driver.close();
        one.waitOnline(1);
    }
}
