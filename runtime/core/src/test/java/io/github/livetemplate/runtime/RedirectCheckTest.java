package io.github.livetemplate.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The open-redirect guard of {@link Context#redirect}: same-site paths and relative references
 * only.
 */
class RedirectCheckTest {
    @Test
    void pathsAndRelativeReferencesAreAccepted() {
        for (String ok :
                List.of("/", "/account", "/a?b=c#d", "./next", "../up", "next", "a/b:c", "?q=1")) {
            assertEquals(ok, Context.checkRedirect(ok), ok);
        }
    }

    @Test
    void anythingThatCouldLeaveTheSiteIsRefused() {
        for (String bad :
                List.of(
                        "https://evil.example",
                        "//evil.example",
                        "/\\evil.example",
                        "\\\\evil.example",
                        "javascript:alert(1)",
                        "JAVASCRIPT:alert(1)",
                        "mailto:a@b",
                        "/ok\r\nSet-Cookie: x=1",
                        "/tab\there")) {
            assertThrows(IllegalArgumentException.class, () -> Context.checkRedirect(bad), bad);
        }
    }

    @Test
    void cookiesCannotBeSetOverTheWebSocket() {
        Context ws = Context.builder("x").http(false).build();
        Context.HttpOnlyException e =
                assertThrows(Context.HttpOnlyException.class, () -> ws.setCookie("a", "b"));
        assertEquals(true, e.getMessage().contains("over the WebSocket"));
        Context http = Context.builder("x").http(true).build();
        http.setCookie("a", "b");
        assertEquals(List.of(ResponseCookie.of("a", "b")), http.cookiesToSet());
        assertThrows(IllegalArgumentException.class, () -> http.setCookie("a", "b;c"));
    }
}
