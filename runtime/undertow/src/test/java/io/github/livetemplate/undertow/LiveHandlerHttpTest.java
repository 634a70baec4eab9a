package io.github.livetemplate.undertow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.livetemplate.undertow.testing.TestPage;
import io.github.livetemplate.undertow.testing.TestServer;
import io.undertow.Handlers;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class LiveHandlerHttpTest {
    TestPage.Controller controller;
    TestServer server;

    @BeforeEach
    void start() {
        controller = new TestPage.Controller();
        LiveHandler<TestPage.Page> counter =
                LiveHandler.builder(
                                new TestPage.Renderer(false), controller, TestPage.Page.initial())
                        .build();
        LiveHandler<TestPage.Page> fragment =
                LiveHandler.builder(
                                new TestPage.Renderer(true), controller, TestPage.Page.initial())
                        .loading(false)
                        .heartbeatMillis(2000)
                        .build();
        LiveHandler<TestPage.Page> httpOnly =
                LiveHandler.builder(
                                new TestPage.Renderer(false), controller, TestPage.Page.initial())
                        .webSocket(false)
                        .maxMessageBytes(1024)
                        .build();
        server =
                new TestServer(
                        Handlers.path()
                                .addPrefixPath("/counter", counter)
                                .addPrefixPath("/frag", fragment)
                                .addPrefixPath("/plain", httpOnly)
                                .addPrefixPath("/assets/lvt.js", LiveHandler.clientScript()));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void pageGetRendersPageWithCookieHeaderScriptAndWrapper() throws Exception {
        HttpResponse<String> r = server.get("/counter?start=7", "Accept", "text/html");
        assertEquals(200, r.statusCode());
        assertEquals("enabled", r.headers().firstValue("X-LiveTemplate-WebSocket").orElse(""));
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        String cookie = r.headers().firstValue("Set-Cookie").orElseThrow();
        assertTrue(cookie.matches("livetemplate-id=[A-Za-z0-9_-]{43};.*"), cookie);
        String lower = cookie.toLowerCase();
        assertTrue(lower.contains("httponly"), cookie);
        assertTrue(lower.contains("samesite=lax"), cookie);
        assertTrue(lower.contains("path=/"), cookie);
        assertTrue(lower.contains("max-age=31536000"), cookie);
        assertFalse(lower.contains("secure"), "no Secure over plain HTTP: " + cookie);

        String body = r.body();
        assertTrue(
                body.contains(
                        "<title>Counter</title><script defer src=\"/counter/_lvt/client-0.25.1.js\"></script></HEAD>"),
                body);
        Matcher m =
                Pattern.compile(
                                "<div data-lvt-id=\"(lvt-[0-9a-f]{16})\" data-lvt-loading=\"true\">")
                        .matcher(body);
        assertTrue(m.find(), body);
        assertTrue(body.contains("<p>Count: 7</p>"), "mount saw the query: " + body);
        assertFalse(body.contains("data-lvt-heartbeat-ms"), "no heartbeat unless configured");

        // Same path: same wrapper id; other path: another one.
        HttpResponse<String> again = server.get("/counter");
        assertTrue(again.body().contains("data-lvt-id=\"" + m.group(1) + "\""));
        HttpResponse<String> other = server.get("/counter/other");
        assertFalse(other.body().contains("data-lvt-id=\"" + m.group(1) + "\""));
        assertTrue(other.body().contains("src=\"/counter/_lvt/client-0.25.1.js\""), other.body());
    }

    @Test
    void pageGetKeepsAnExistingCookie() throws Exception {
        String cookie = server.session("/counter");
        HttpResponse<String> r = server.get("/counter", "Cookie", cookie);
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Set-Cookie").isEmpty());
        // A malformed cookie is replaced.
        HttpResponse<String> bad = server.get("/counter", "Cookie", "livetemplate-id=<bad>");
        assertTrue(bad.headers().firstValue("Set-Cookie").isPresent());
    }

    @Test
    void fragmentIsWrappedInAMinimalDocumentWithHeartbeat() throws Exception {
        HttpResponse<String> r = server.get("/frag");
        String body = r.body();
        assertTrue(
                body.startsWith(
                        "<!DOCTYPE html><html><head><meta charset=\"utf-8\">"
                                + "<script defer src=\"/frag/_lvt/client-0.25.1.js\"></script></head><body><div data-lvt-id=\""),
                body);
        assertTrue(body.endsWith("</div></body></html>"), body);
        assertTrue(
                body.matches(
                        "(?s).*data-lvt-id=\"lvt-[0-9a-f]{16}\" data-lvt-heartbeat-ms=\"2000\">.*"),
                body);
        assertFalse(body.contains("data-lvt-loading"), "loading(false)");
    }

    @Test
    void headAnswersTheTransportHeaderWithoutRendering() throws Exception {
        int mounts = controller.mounts.get();
        HttpResponse<String> r =
                server.send(
                        server.request("/counter")
                                .method("HEAD", HttpRequest.BodyPublishers.noBody())
                                .build());
        assertEquals(200, r.statusCode());
        assertEquals("enabled", r.headers().firstValue("X-LiveTemplate-WebSocket").orElse(""));
        assertEquals("", r.body());
        assertEquals(mounts, controller.mounts.get(), "HEAD does not mount");

        HttpResponse<String> plain =
                server.send(
                        server.request("/plain")
                                .method("HEAD", HttpRequest.BodyPublishers.noBody())
                                .build());
        assertEquals("disabled", plain.headers().firstValue("X-LiveTemplate-WebSocket").orElse(""));
    }

    @Test
    void jsonGetAnswersTheFullTree() throws Exception {
        HttpResponse<String> r = server.get("/counter?start=3", "Accept", "application/json");
        assertEquals(200, r.statusCode());
        assertTrue(
                r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        JsonNode j = TestServer.json(r.body());
        assertEquals(5, j.get("tree").get("s").size());
        assertEquals("3", j.get("tree").get("0").asText());
        assertTrue(j.get("meta").get("success").asBoolean());
        assertEquals(0, j.get("meta").get("errors").size());
    }

    @Test
    void postRunsTheActionAndAnswersTheFullTree() throws Exception {
        String cookie = server.session("/counter?start=10");
        JsonNode j =
                TestServer.json(
                        server.post(
                                        "/counter",
                                        "{\"action\":\"increment\",\"data\":{},\"submitter\":\"increment\"}",
                                        "Cookie",
                                        cookie)
                                .body());
        assertEquals(
                "11", j.get("tree").get("0").asText(), "acts on the state the page GET mounted");
        assertEquals(5, j.get("tree").get("s").size(), "full tree with statics");
        assertTrue(j.get("meta").get("success").asBoolean());
        assertEquals("increment", j.get("meta").get("action").asText());

        j =
                TestServer.json(
                        server.post(
                                        "/counter",
                                        "{\"action\":\"add\",\"data\":{\"n\":\"5\"}}",
                                        "Cookie",
                                        cookie)
                                .body());
        assertEquals("16", j.get("tree").get("0").asText());
        j =
                TestServer.json(
                        server.post(
                                        "/counter",
                                        "{\"action\":\"add\",\"data\":{\"n\":4}}",
                                        "Cookie",
                                        cookie)
                                .body());
        assertEquals("20", j.get("tree").get("0").asText());

        // The JSON GET sees the same HTTP state.
        j =
                TestServer.json(
                        server.get("/counter", "Accept", "application/json", "Cookie", cookie)
                                .body());
        assertEquals("20", j.get("tree").get("0").asText());

        // Another session group has its own state.
        String other = server.session("/counter");
        j =
                TestServer.json(
                        server.post("/counter", "{\"action\":\"increment\"}", "Cookie", other)
                                .body());
        assertEquals("1", j.get("tree").get("0").asText());
    }

    @Test
    void postValidationErrorsAreRenderedAndReported() throws Exception {
        String cookie = server.session("/counter");
        JsonNode j =
                TestServer.json(
                        server.post(
                                        "/counter",
                                        "{\"action\":\"save\",\"data\":{\"title\":\"\",\"qty\":2},\"submitter\":\"save\"}",
                                        "Cookie",
                                        cookie)
                                .body());
        assertFalse(j.get("meta").get("success").asBoolean());
        assertEquals("Title is required", j.get("meta").get("errors").get("title").asText());
        assertEquals("title=Title is required", j.get("tree").get("2").asText());

        j =
                TestServer.json(
                        server.post(
                                        "/counter",
                                        "{\"action\":\"save\",\"data\":{\"title\":\"<b>Milk</b>\",\"qty\":\"2\"}}",
                                        "Cookie",
                                        cookie)
                                .body());
        assertTrue(j.get("meta").get("success").asBoolean());
        assertEquals("&lt;b&gt;Milk&lt;/b&gt;", j.get("tree").get("1").asText());
        assertEquals("", j.get("tree").get("2").asText(), "errors cleared");
        assertEquals("2", j.get("tree").get("0").asText());

        // Wrong types: binding errors per field, state unchanged.
        j =
                TestServer.json(
                        server.post(
                                        "/counter",
                                        "{\"action\":\"save\",\"data\":{\"title\":\"x\",\"qty\":\"lots\"}}",
                                        "Cookie",
                                        cookie)
                                .body());
        assertFalse(j.get("meta").get("success").asBoolean());
        assertEquals("must be a whole number", j.get("meta").get("errors").get("qty").asText());
        assertEquals("2", j.get("tree").get("0").asText());
    }

    @Test
    void postBadInputAnswersAnErrorAndKeepsTheSession() throws Exception {
        String cookie = server.session("/counter");
        server.post("/counter", "{\"action\":\"increment\"}", "Cookie", cookie);

        HttpResponse<String> r = server.post("/counter", "{not json", "Cookie", cookie);
        assertEquals(200, r.statusCode());
        JsonNode j = TestServer.json(r.body());
        assertEquals(0, j.get("tree").size());
        assertFalse(j.get("meta").get("success").asBoolean());
        assertTrue(j.get("meta").get("errors").get("_error").asText().startsWith("malformed JSON"));

        j =
                TestServer.json(
                        server.post("/counter", "{\"action\":\"nope\"}", "Cookie", cookie).body());
        assertEquals("unknown action \"nope\"", j.get("meta").get("errors").get("_error").asText());
        assertEquals("nope", j.get("meta").get("action").asText());
        assertTrue(j.get("tree").isObject());

        j =
                TestServer.json(
                        server.post("/counter", "{\"action\":\"boom\"}", "Cookie", cookie).body());
        String msg = j.get("meta").get("errors").get("_error").asText();
        assertEquals("action \"boom\" failed (internal error)", msg);
        assertFalse(msg.contains("secret"), "internal exception text is not shown");

        j =
                TestServer.json(
                        server.post("/counter", "{\"action\":\"reject\"}", "Cookie", cookie)
                                .body());
        assertEquals(
                "action \"reject\" failed: n must be positive",
                j.get("meta").get("errors").get("_error").asText());

        j =
                TestServer.json(
                        server.post(
                                        "/counter",
                                        "{\"action\":\"increment\",\"data\":[1]}",
                                        "Cookie",
                                        cookie)
                                .body());
        assertEquals(
                "\"data\" must be a JSON object",
                j.get("meta").get("errors").get("_error").asText());

        j =
                TestServer.json(
                        server.post("/counter", "{\"action\":\"increment\"}", "Cookie", cookie)
                                .body());
        assertTrue(j.get("meta").get("success").asBoolean());
        assertEquals("2", j.get("tree").get("0").asText(), "bad input changed nothing");
    }

    @Test
    void postLimitsAndContentType() throws Exception {
        String cookie = server.session("/plain");
        String big = "{\"action\":\"add\",\"data\":{\"x\":\"" + "a".repeat(2000) + "\"}}";
        assertEquals(413, server.post("/plain", big, "Cookie", cookie).statusCode());
        HttpResponse<String> chunked =
                server.send(
                        server.request("/plain")
                                .POST(
                                        HttpRequest.BodyPublishers.ofInputStream(
                                                () ->
                                                        new java.io.ByteArrayInputStream(
                                                                big.getBytes())))
                                .header("Content-Type", "application/json")
                                .header("Cookie", cookie)
                                .build());
        assertEquals(413, chunked.statusCode(), "without Content-Length too");
        HttpResponse<String> text =
                server.send(
                        server.request("/plain")
                                .POST(
                                        HttpRequest.BodyPublishers.ofString(
                                                "{\"action\":\"increment\"}"))
                                .header("Content-Type", "text/plain")
                                .build());
        assertEquals(415, text.statusCode());
        // Still fine afterwards.
        JsonNode j =
                TestServer.json(
                        server.post("/plain", "{\"action\":\"increment\"}", "Cookie", cookie)
                                .body());
        assertEquals("1", j.get("tree").get("0").asText());
    }

    @Test
    void crossOriginPostIsRefused() throws Exception {
        String cookie = server.session("/counter");
        assertEquals(
                403,
                server.post(
                                "/counter",
                                "{\"action\":\"increment\"}",
                                "Cookie",
                                cookie,
                                "Origin",
                                "http://evil.example")
                        .statusCode());
        assertEquals(
                403,
                server.post(
                                "/counter",
                                "{\"action\":\"increment\"}",
                                "Cookie",
                                cookie,
                                "Origin",
                                "null")
                        .statusCode());
        assertEquals(
                200,
                server.post(
                                "/counter",
                                "{\"action\":\"increment\"}",
                                "Cookie",
                                cookie,
                                "Origin",
                                server.origin())
                        .statusCode());
        assertEquals(
                200,
                server.post("/counter", "{\"action\":\"increment\"}", "Cookie", cookie)
                        .statusCode(),
                "no Origin: not a browser");
    }

    @Test
    void allowedOriginsAndForwardedHeaders() throws Exception {
        TestPage.Controller c = new TestPage.Controller();
        try (TestServer s =
                new TestServer(
                        Handlers.path()
                                .addPrefixPath(
                                        "/open",
                                        LiveHandler.builder(
                                                        new TestPage.Renderer(false),
                                                        c,
                                                        TestPage.Page.initial())
                                                .allowedOrigins("https://app.example.com")
                                                .build())
                                .addPrefixPath(
                                        "/proxied",
                                        LiveHandler.builder(
                                                        new TestPage.Renderer(false),
                                                        c,
                                                        TestPage.Page.initial())
                                                .trustForwardedHeaders(true)
                                                .build()))) {
            String body = "{\"action\":\"increment\"}";
            assertEquals(
                    200, s.post("/open", body, "Origin", "https://app.example.com").statusCode());
            assertEquals(
                    200,
                    s.post("/open", body, "Origin", "HTTPS://APP.example.com:443").statusCode());
            assertEquals(
                    403, s.post("/open", body, "Origin", "http://app.example.com").statusCode());

            String[] fwd = {
                "Origin",
                "https://shop.example.com",
                "X-Forwarded-Proto",
                "https",
                "X-Forwarded-Host",
                "shop.example.com"
            };
            assertEquals(403, s.post("/open", body, fwd).statusCode(), "not trusted by default");
            assertEquals(200, s.post("/proxied", body, fwd).statusCode());
            assertEquals(
                    200,
                    s.post(
                                    "/proxied",
                                    body,
                                    "Origin",
                                    "https://shop.example.com",
                                    "Forwarded",
                                    "for=1.2.3.4;proto=https;host=shop.example.com")
                            .statusCode());
            assertEquals(
                    403,
                    s.post(
                                    "/proxied",
                                    body,
                                    "Origin",
                                    "https://evil.example",
                                    "X-Forwarded-Proto",
                                    "https",
                                    "X-Forwarded-Host",
                                    "shop.example.com")
                            .statusCode());

            // Secure cookie when the proxy says HTTPS.
            HttpResponse<String> page = s.get("/proxied", "X-Forwarded-Proto", "https");
            assertTrue(
                    page.headers()
                            .firstValue("Set-Cookie")
                            .orElse("")
                            .toLowerCase()
                            .contains("secure"));
            HttpResponse<String> untrusted = s.get("/open", "X-Forwarded-Proto", "https");
            assertFalse(
                    untrusted
                            .headers()
                            .firstValue("Set-Cookie")
                            .orElse("")
                            .toLowerCase()
                            .contains("secure"));
        }
    }

    @Test
    void identifyNamesTheUserInContext() throws Exception {
        TestPage.Controller c = new TestPage.Controller();
        server.close();
        server =
                new TestServer(
                        Handlers.path()
                                .addPrefixPath(
                                        "/me",
                                        LiveHandler.builder(
                                                        new TestPage.Renderer(false),
                                                        c,
                                                        TestPage.Page.initial())
                                                .identify(
                                                        ex ->
                                                                ex.getRequestHeaders()
                                                                        .getFirst("X-User"))
                                                .build()));
        server.get("/me", "X-User", "alice");
        assertEquals("alice", c.users.poll(5, java.util.concurrent.TimeUnit.SECONDS));
        server.get("/me");
        assertEquals("", c.users.poll(5, java.util.concurrent.TimeUnit.SECONDS), "anonymous");
    }

    @Test
    void clientScriptIsServedWithCacheHeaders() throws Exception {
        for (String path :
                new String[] {
                    "/counter/_lvt/client-0.25.1.js",
                    "/plain/_lvt/client-0.25.1.js",
                    "/assets/lvt.js"
                }) {
            HttpResponse<String> r = server.get(path);
            assertEquals(200, r.statusCode(), path);
            assertTrue(
                    r.headers()
                            .firstValue("Content-Type")
                            .orElse("")
                            .startsWith("text/javascript"));
            assertEquals(
                    "public, max-age=31536000, immutable",
                    r.headers().firstValue("Cache-Control").orElse(""));
            assertTrue(r.body().length() > 100_000, "the whole bundle");
            assertTrue(r.body().contains("LiveTemplateClient"), "the client bundle");
        }
        assertEquals("/_lvt/client-0.25.1.js", LiveHandler.CLIENT_SCRIPT_PATH);
        assertEquals("0.25.1", LiveHandler.CLIENT_VERSION);
    }

    @Test
    void rootMountsServeTheScriptAtTheRoot() throws Exception {
        TestPage.Controller c = new TestPage.Controller();
        LiveHandler<TestPage.Page> page =
                LiveHandler.builder(new TestPage.Renderer(false), c, TestPage.Page.initial())
                        .build();
        try (TestServer bare = new TestServer(Handlers.path(page));
                TestServer slash = TestServer.with("/", page)) {
            for (TestServer s : new TestServer[] {bare, slash}) {
                HttpResponse<String> r = s.get("/anything?x=1");
                assertTrue(
                        r.body().contains("<script defer src=\"/_lvt/client-0.25.1.js\"></script>"),
                        r.body());
                assertEquals(200, s.get("/_lvt/client-0.25.1.js").statusCode());
            }
        }
        LiveHandler<TestPage.Page> custom =
                LiveHandler.builder(new TestPage.Renderer(false), c, TestPage.Page.initial())
                        .clientScriptUrl("/static/lvt.js")
                        .build();
        try (TestServer s = TestServer.with("/x", custom)) {
            assertTrue(
                    s.get("/x").body().contains("<script defer src=\"/static/lvt.js\"></script>"));
        }
    }

    @Test
    void httpOnlyModeRefusesWebSockets() throws Exception {
        HttpResponse<String> r = server.get("/plain");
        assertEquals("disabled", r.headers().firstValue("X-LiveTemplate-WebSocket").orElse(""));
        assertEquals(400, server.refusedStatus("/plain"));
        String cookie = r.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        JsonNode j =
                TestServer.json(
                        server.post("/plain", "{\"action\":\"increment\"}", "Cookie", cookie)
                                .body());
        assertEquals("1", j.get("tree").get("0").asText());
    }

    @Test
    void failingMountAnswers500() throws Exception {
        assertEquals(500, server.get("/counter?start=oops").statusCode());
        HttpResponse<String> j = server.get("/counter/j?start=oops", "Accept", "application/json");
        assertEquals(500, j.statusCode());
        assertEquals("{}", TestServer.json(j.body()).get("tree").toString());
    }

    @Test
    void otherMethodsAreRefused() throws Exception {
        HttpResponse<String> r =
                server.send(
                        server.request("/counter")
                                .method("DELETE", HttpRequest.BodyPublishers.noBody())
                                .build());
        assertEquals(405, r.statusCode());
        assertNotEquals("", r.headers().firstValue("Allow").orElse(""));
    }

    @Test
    void actionsRunOnWorkerThreads() throws Exception {
        String cookie = server.session("/counter");
        server.post("/counter", "{\"action\":\"increment\"}", "Cookie", cookie);
        for (String t : controller.threads) {
            assertFalse(t.contains("I/O"), "ran on an I/O thread: " + t);
        }
        assertFalse(controller.threads.isEmpty());
    }
}
