package io.github.livetemplate.undertow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.livetemplate.undertow.testing.FormPage;
import io.github.livetemplate.undertow.testing.TestServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code ctx.redirect} and cookies on every transport (docs/runtime.md, "Redirects and cookies").
 */
@Timeout(30)
class RedirectAndCookieTest {
    private static final Pattern TOKEN =
            Pattern.compile("name=\"lvt-csrf\" value=\"([A-Za-z0-9_-]+)\"");

    private final FormPage.Controller controller = new FormPage.Controller();
    private final TestServer s =
            TestServer.with(
                    "/f",
                    LiveHandler.builder(
                                    new FormPage.Renderer(), controller, FormPage.State.initial())
                            .build());

    @AfterEach
    void close() {
        s.close();
    }

    private String[] visit() throws Exception {
        HttpResponse<String> r = s.get("/f");
        String cookie = r.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        Matcher m = TOKEN.matcher(r.body());
        assertTrue(m.find());
        return new String[] {cookie, m.group(1)};
    }

    private HttpResponse<String> form(String cookie, String body) throws Exception {
        return s.send(
                s.request("/f")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header("Cookie", cookie)
                        .build());
    }

    @Test
    void aNativePostOrPageLoadRedirectsWith303() throws Exception {
        String[] b = visit();
        HttpResponse<String> r = form(b[0], "lvt-csrf=" + b[1] + "&to=%2Fnext%3Fa%3D1&go=");
        assertEquals(303, r.statusCode());
        assertEquals("/next?a=1", r.headers().firstValue("Location").orElse(null));

        HttpResponse<String> page = s.get("/f?bounce=../up", "Cookie", b[0]);
        assertEquals(303, page.statusCode());
        assertEquals("../up", page.headers().firstValue("Location").orElse(null));
    }

    @Test
    void aRedirectOffTheSiteIsRefusedAndTheActionFails() throws Exception {
        String[] b = visit();
        for (String to :
                List.of("https://evil.example/", "//evil.example", "javascript:alert(1)")) {
            HttpResponse<String> r =
                    form(
                            b[0],
                            "lvt-csrf="
                                    + b[1]
                                    + "&to="
                                    + java.net.URLEncoder.encode(
                                            to, java.nio.charset.StandardCharsets.UTF_8)
                                    + "&go=");
            assertEquals(200, r.statusCode(), to);
            assertTrue(r.body().contains("only paths on this site"), r.body());
            assertTrue(r.headers().firstValue("Location").isEmpty());
        }
    }

    @Test
    void overJsonAndTheWebSocketTheRedirectReplacesThePageWithARefresh() throws Exception {
        String cookie = visit()[0];
        HttpResponse<String> json =
                s.post("/f", "{\"action\":\"go\",\"data\":{\"to\":\"/next\"}}", "Cookie", cookie);
        JsonNode body = TestServer.json(json.body());
        assertEquals(
                "<meta http-equiv=\"refresh\" content=\"0;url=/next\"><p class=\"lvt-redirect\">"
                        + "Continue to <a href=\"/next\">/next</a></p>",
                body.get("tree").get("s").get(0).asText());
        assertEquals("go", body.get("meta").get("action").asText());

        try (TestServer.WsClient ws = s.connect("/f", "Cookie", cookie)) {
            ws.next();
            JsonNode update = ws.call("{\"action\":\"go\",\"data\":{\"to\":\"/next\"}}");
            assertTrue(update.get("tree").get("s").get(0).asText().contains("url=/next"));
        }
    }

    @Test
    void cookiesAreSetWithSafeDefaultsOverHttpAndRefusedWithAReasonOverTheWebSocket()
            throws Exception {
        String[] b = visit();
        HttpResponse<String> r = form(b[0], "lvt-csrf=" + b[1] + "&theme=dark&remember=");
        assertEquals(303, r.statusCode());
        String set =
                r.headers().allValues("Set-Cookie").stream()
                        .filter(c -> c.startsWith("theme="))
                        .findFirst()
                        .orElseThrow();
        assertTrue(set.startsWith("theme=dark"), set);
        assertTrue(set.contains("HttpOnly"), set);
        assertTrue(set.contains("SameSite=Lax"), set);
        assertTrue(set.contains("Path=/"), set);
        assertFalse(set.contains("Secure"), "no Secure over plain HTTP: " + set);

        HttpResponse<String> json =
                s.post(
                        "/f",
                        "{\"action\":\"remember\",\"data\":{\"theme\":\"light\"}}",
                        "Cookie",
                        b[0]);
        assertTrue(
                json.headers().allValues("Set-Cookie").stream()
                        .anyMatch(c -> c.startsWith("theme=light")));

        try (TestServer.WsClient ws = s.connect("/f", "Cookie", b[0] + "; theme=dark")) {
            ws.next();
            JsonNode refused = ws.call("{\"action\":\"remember\",\"data\":{\"theme\":\"x\"}}");
            assertFalse(refused.get("meta").get("success").asBoolean());
            String error = refused.get("meta").get("errors").get("_error").asText();
            assertTrue(error.contains("over the WebSocket"), error);
            ws.call("{\"action\":\"whoami\"}");
            assertTrue(controller.runs.contains("theme dark"), "the handshake's cookies are read");
        }
    }
}
