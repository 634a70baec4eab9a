package io.github.livetemplate.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.undertow.Undertow;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link Main} with its default settings, driven without a browser. */
@Timeout(30)
class MainTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Duration TIMEOUT = Duration.ofSeconds(5);

    Undertow server;
    String base;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    @BeforeEach
    void start() {
        server = Main.start("127.0.0.1", 0);
        base = "http://127.0.0.1:" + Main.port(server);
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(base + path)).timeout(TIMEOUT).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void servesHealthEndpoints() throws Exception {
        HttpResponse<String> live = get("/health/live");
        assertEquals(200, live.statusCode());
        assertEquals("healthy", JSON.readTree(live.body()).get("status").asText());
        HttpResponse<String> ready = get("/health/ready");
        assertEquals(200, ready.statusCode(), ready.body());
        assertEquals(
                "broadcaster",
                JSON.readTree(ready.body()).get("checks").get(0).get("name").asText());
    }

    @Test
    void servesTheMetricsAsPrometheusText() throws Exception {
        // given: a page load and an action posted to the to-do page
        HttpResponse<String> page = get("/");
        String cookie = page.headers().firstValue("Set-Cookie").orElseThrow();
        cookie = cookie.substring(0, cookie.indexOf(';'));
        HttpResponse<String> posted =
                http.send(
                        HttpRequest.newBuilder(URI.create(base + "/"))
                                .timeout(TIMEOUT)
                                .header("Content-Type", "application/json")
                                .header("Accept", "application/json")
                                .header("Cookie", cookie)
                                .POST(
                                        HttpRequest.BodyPublishers.ofString(
                                                "{\"action\":\"add\",\"data\":{\"text\":\"Buy"
                                                        + " milk\"}}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertEquals(200, posted.statusCode(), posted.body());

        // when
        HttpResponse<String> metrics = get("/metrics");

        // then
        assertEquals(200, metrics.statusCode());
        assertTrue(
                metrics.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
        String text = metrics.body();
        for (String line :
                new String[] {
                    "livetemplate_actions_total{action=\"add\",outcome=\"success\",page=\"todos\"} 1.0",
                    "livetemplate_action_duration_seconds_count{action=\"add\",outcome=\"success\","
                            + "page=\"todos\"} 1",
                    "livetemplate_render_duration_seconds_count{page=\"todos\"} 2",
                    "livetemplate_update_size_bytes_count{page=\"todos\"} 1",
                    "livetemplate_connections{page=\"counter\"} 0.0",
                    "livetemplate_messages_dropped_total{direction=\"inbound\",page=\"chat\"} 0.0",
                }) {
            assertTrue(text.contains(line), line + " in\n" + text);
        }
        // The answer as rendered; the HTTP transport then stamps the CSRF token into its forms.
        int size = posted.body().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        String prefix = "livetemplate_update_size_bytes_sum{page=\"todos\"} ";
        int at = text.indexOf(prefix) + prefix.length();
        double sum = Double.parseDouble(text.substring(at, text.indexOf('\n', at)));
        assertTrue(sum > size / 2 && sum <= size, sum + " for an answer of " + size + " bytes");
    }

    @Test
    void shutsDownGracefullyAndIsNotReadyMeanwhile() throws Exception {
        Main.App app =
                Main.App.create(new io.github.livetemplate.runtime.pubsub.InProcessBroadcaster());
        Undertow other = Main.start("127.0.0.1", 0, app.routes());
        String url = "http://127.0.0.1:" + Main.port(other);
        assertTrue(app.todos().shutdown(Duration.ofSeconds(2)));
        HttpResponse<String> ready =
                http.send(
                        HttpRequest.newBuilder(URI.create(url + "/health/ready")).build(),
                        HttpResponse.BodyHandlers.ofString());
        assertEquals(503, ready.statusCode(), ready.body());
        assertTrue(app.shutdown(other, Duration.ofSeconds(2)), "the rest drains in time");
    }

    @Test
    void servesTheTodoAppAtTheRootAndTheCounterBelowIt() throws Exception {
        HttpResponse<String> todo = get("/");
        assertEquals(200, todo.statusCode());
        assertTrue(todo.body().contains("<title>To-do · LiveTemplate</title>"), todo.body());
        assertTrue(todo.body().contains("data-lvt-id=\"lvt-"));
        assertTrue(todo.body().contains("<script defer src=\"/_lvt/client-0.25.1.js\"></script>"));
        assertTrue(todo.body().contains("Nothing to do yet."));
        assertEquals("enabled", todo.headers().firstValue("X-LiveTemplate-WebSocket").orElse(""));
        assertTrue(
                todo.headers().firstValue("Set-Cookie").orElse("").startsWith("livetemplate-id="));

        HttpResponse<String> counter = get("/counter");
        assertEquals(200, counter.statusCode());
        assertTrue(
                counter.body().contains("<output id=\"count\" class=\"\">0</output>"),
                counter.body());
        assertTrue(
                counter.body()
                        .contains(
                                "<script defer src=\"/counter/_lvt/client-0.25.1.js\"></script>"));

        for (String script :
                new String[] {"/_lvt/client-0.25.1.js", "/counter/_lvt/client-0.25.1.js"}) {
            HttpResponse<String> js = get(script);
            assertEquals(200, js.statusCode(), script);
            assertTrue(
                    js.headers()
                            .firstValue("Content-Type")
                            .orElse("")
                            .startsWith("text/javascript"));
            assertTrue(js.body().contains("LiveTemplateClient"));
        }
        assertEquals(404, get("/favicon.ico").statusCode());
        HttpResponse<String> filtered = get("/?filter=completed");
        assertTrue(filtered.body().contains("class=\"selected\">Completed</a>"), filtered.body());
    }

    @Test
    void todoActionsOverAWebSocket() throws Exception {
        String cookie = get("/").headers().firstValue("Set-Cookie").orElseThrow();
        cookie = cookie.substring(0, cookie.indexOf(';'));
        BlockingQueue<String> messages = new LinkedBlockingQueue<>();
        WebSocket ws =
                http.newWebSocketBuilder()
                        .header("Cookie", cookie)
                        .buildAsync(
                                URI.create(base.replace("http:", "ws:") + "/"),
                                new WebSocket.Listener() {
                                    final StringBuilder partial = new StringBuilder();

                                    @Override
                                    public CompletionStage<?> onText(
                                            WebSocket socket, CharSequence data, boolean last) {
                                        partial.append(data);
                                        if (last) {
                                            messages.add(partial.toString());
                                            partial.setLength(0);
                                        }
                                        socket.request(1);
                                        return null;
                                    }
                                })
                        .get(5, TimeUnit.SECONDS);
        try {
            JsonNode first = JSON.readTree(next(messages));
            assertTrue(first.get("tree").has("s"));

            ws.sendText(
                    "{\"action\":\"add\",\"data\":{\"text\":\"\"},\"submitter\":\"add\"}", true);
            JsonNode empty = JSON.readTree(next(messages));
            assertFalse(empty.get("meta").get("success").asBoolean());
            assertEquals(
                    "Please type what needs doing.",
                    empty.get("meta").get("errors").get("text").asText());
            assertTrue(empty.get("tree").toString().contains("Please type what needs doing."));

            ws.sendText(
                    "{\"action\":\"add\",\"data\":{\"text\":\""
                            + "é".repeat(101)
                            + "\"},\"submitter\":\"add\"}",
                    true);
            assertEquals(
                    "That is too long: at most 100 characters.",
                    JSON.readTree(next(messages)).get("meta").get("errors").get("text").asText());

            ws.sendText(
                    "{\"action\":\"add\",\"data\":{\"text\":\" <b>Milk</b> \"},"
                            + "\"submitter\":\"add\"}",
                    true);
            String added = next(messages);
            JsonNode ok = JSON.readTree(added);
            assertTrue(ok.get("meta").get("success").asBoolean(), added);
            assertTrue(added.contains("&lt;b&gt;Milk&lt;/b&gt;"), "escaped and trimmed: " + added);
            assertFalse(added.contains(" <b>"), added);

            ws.sendText("{\"action\":\"toggle\",\"data\":{\"id\":\"t1\"}}", true);
            assertTrue(next(messages).contains("[[\"u\",\"t1\","));
            ws.sendText("{\"action\":\"clear-done\"}", true);
            String cleared = next(messages);
            assertTrue(cleared.contains("Nothing to do yet."), cleared);
            // Emptied: the whole (empty) range, not removal ops, so that the client's targeted row
            // path cannot hide the {{else}} that shares the <ul> (see RangeDiff).
            assertTrue(cleared.contains("\"d\":[]"), cleared);
            assertFalse(cleared.contains("[\"r\""), cleared);
            ws.sendText("{\"action\":\"delete\",\"data\":{\"value\":\"t1\"}}", true);
            assertEquals(
                    "{}", JSON.readTree(next(messages)).get("tree").toString(), "already gone");
        } finally {
            ws.abort();
        }
    }

    private static String next(BlockingQueue<String> messages) throws InterruptedException {
        String m = messages.poll(5, TimeUnit.SECONDS);
        assertNotNull(m, "no message within 5 s");
        return m;
    }
}
