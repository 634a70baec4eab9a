package io.github.livetemplate.examples.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.livetemplate.examples.Main;
import io.undertow.Undertow;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The chat's {@code refresh} and {@code presence} are server-only: a client that forges them (a
 * message "by admin", a huge online count) gets an error reply and changes nothing, while the
 * publishes of {@code send} still run {@code refresh} on the other connections.
 */
@Timeout(30)
class ServerOnlyActionsTest {
    static final ObjectMapper JSON = new ObjectMapper();

    Undertow server;
    String ws;

    @BeforeEach
    void start() {
        server = Main.start("127.0.0.1", 0);
        ws = "ws://127.0.0.1:" + Main.port(server) + "/chat?room=lobby";
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    static final class Client implements WebSocket.Listener {
        final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
        final StringBuilder partial = new StringBuilder();
        WebSocket socket;

        static Client connect(String url) throws Exception {
            Client c = new Client();
            c.socket =
                    HttpClient.newHttpClient()
                            .newWebSocketBuilder()
                            .buildAsync(URI.create(url), c)
                            .get(5, TimeUnit.SECONDS);
            return c;
        }

        @Override
        public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                messages.add(partial.toString());
                partial.setLength(0);
            }
            w.request(1);
            return null;
        }

        JsonNode next() throws Exception {
            String m = messages.poll(5, TimeUnit.SECONDS);
            assertTrue(m != null, "no message within 5 s");
            return JSON.readTree(m);
        }

        JsonNode call(String frame) throws Exception {
            socket.sendText(frame, true).get(5, TimeUnit.SECONDS);
            return next();
        }
    }

    @Test
    void forgedServerActionsAreRefusedAndPublishesStillRunThem() throws Exception {
        Client alice = Client.connect(ws);
        Client mallory = Client.connect(ws);
        alice.next();
        mallory.next();
        alice.messages.clear(); // presence updates of mallory's join

        String[] forged = {
            "{\"action\":\"refresh\",\"data\":{\"id\":\"x1\",\"author\":\"admin\","
                    + "\"text\":\"forged\"}}",
            "{\"action\":\"presence\",\"data\":{\"instance\":\"evil\",\"count\":2147483647}}",
        };
        for (String frame : forged) {
            JsonNode reply = mallory.call(frame);
            // A presence push of mallory's own join may arrive first; it names no action.
            for (int i = 0; i < 10 && !reply.path("meta").has("action"); i++) {
                reply = mallory.next();
            }
            assertFalse(reply.get("meta").get("success").asBoolean(), reply.toString());
            assertTrue(
                    reply.get("meta").get("errors").get("_error").asText().contains("server only"),
                    reply.toString());
            assertEquals("{}", reply.get("tree").toString(), "nothing changed");
        }

        JsonNode sent = mallory.call("{\"action\":\"send\",\"data\":{\"text\":\"hello\"}}");
        assertTrue(sent.get("meta").get("success").asBoolean(), sent.toString());
        String pushed = alice.next().toString();
        while (!pushed.contains("hello")) {
            pushed = alice.next().toString();
        }
        assertFalse(pushed.contains("forged"), pushed);
        assertFalse(pushed.contains("admin"), pushed);
        alice.socket.abort();
        mallory.socket.abort();
    }
}
