package io.github.livetemplate.examples.prefs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.undertow.Handlers;
import io.undertow.Undertow;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code @Persist} end to end: the processor generates the persisted-field code of {@code
 * PrefsControllerLive}, and the runtime stores the theme per browser session, so a page load brings
 * it back while the click count starts over.
 */
@Timeout(30)
class PersistIntegrationTest {
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Undertow server;
    private String base;

    @BeforeEach
    void start() {
        server =
                Undertow.builder()
                        .addHttpListener(0, "127.0.0.1")
                        .setHandler(
                                Handlers.path()
                                        .addPrefixPath(
                                                "/prefs",
                                                PrefsControllerLive.handler(
                                                        new PrefsController(),
                                                        new Prefs("light", 0))))
                        .build();
        server.start();
        int port = ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
        base = "http://127.0.0.1:" + port + "/prefs";
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    @Test
    void persistedComponentSurvivesAPageLoadOthersStartOver() throws Exception {
        HttpResponse<String> first =
                http.send(
                        HttpRequest.newBuilder(URI.create(base)).build(),
                        HttpResponse.BodyHandlers.ofString());
        String cookie = first.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        assertTrue(first.body().contains("<p class=\"theme\">light</p>"), first.body());

        post(cookie, "{\"action\":\"theme\",\"data\":{\"value\":\"dark\"}}");
        String clicked = post(cookie, "{\"action\":\"click\",\"data\":{}}");
        assertTrue(clicked.contains("\"success\":true"), clicked);

        String reloaded =
                http.send(
                                HttpRequest.newBuilder(URI.create(base))
                                        .header("Cookie", cookie)
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .body();
        assertTrue(reloaded.contains("<p class=\"theme\">dark</p>"), "theme restored: " + reloaded);
        assertTrue(
                reloaded.contains("<p class=\"clicks\">0</p>"), "clicks start over: " + reloaded);

        String other =
                http.send(
                                HttpRequest.newBuilder(URI.create(base)).build(),
                                HttpResponse.BodyHandlers.ofString())
                        .body();
        assertTrue(other.contains("<p class=\"theme\">light</p>"), "another session: " + other);
    }

    private String post(String cookie, String json) throws Exception {
        HttpResponse<String> r =
                http.send(
                        HttpRequest.newBuilder(URI.create(base))
                                .header("Content-Type", "application/json")
                                .header("Accept", "application/json")
                                .header("Cookie", cookie)
                                .POST(HttpRequest.BodyPublishers.ofString(json))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return r.body();
    }
}
