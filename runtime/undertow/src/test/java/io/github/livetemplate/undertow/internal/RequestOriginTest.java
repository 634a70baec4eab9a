package io.github.livetemplate.undertow.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RequestOriginTest {

    @Test
    void normalize() {
        assertEquals("https://example.com:443", RequestOrigin.normalize("https://Example.COM"));
        assertEquals("https://example.com:443", RequestOrigin.normalize("HTTPS://example.com:443"));
        assertEquals("http://example.com:80", RequestOrigin.normalize("http://example.com"));
        assertEquals("http://127.0.0.1:8080", RequestOrigin.normalize("http://127.0.0.1:8080"));
        assertEquals("http://[::1]:8080", RequestOrigin.normalize("http://[::1]:8080"));
        assertNull(RequestOrigin.normalize("null"));
        assertNull(RequestOrigin.normalize("file://"));
        assertNull(RequestOrigin.normalize("not a url"));
    }

    @Test
    void forwardedParameters() {
        assertEquals(
                "https", RequestOrigin.forwardedParam("for=1.2.3.4;proto=https;host=a.b", "proto"));
        assertEquals(
                "a.b",
                RequestOrigin.forwardedParam("for=1.2.3.4; Host=\"a.b\"; proto=http", "host"));
        assertEquals("x", RequestOrigin.forwardedParam("host=x, host=y", "host"), "first element");
        assertNull(RequestOrigin.forwardedParam("for=1.2.3.4", "proto"));
        assertNull(RequestOrigin.forwardedParam(null, "proto"));
    }

    @Test
    void sessionCookieValues() {
        String id = SessionCookie.newId();
        assertEquals(43, id.length());
        assertTrue(SessionCookie.valid(id));
        assertFalse(SessionCookie.valid("short"));
        assertFalse(SessionCookie.valid("a".repeat(20) + ";x"));
        assertFalse(SessionCookie.valid(null));
    }
}
