package io.github.livetemplate.runtime.engine;

import java.util.Map;

/**
 * What the transport learned about a connection before it opened: who it is, whether its group
 * outlives it (a session cookie), the page path, the page URL's query and the handshake's cookies
 * (what {@code ctx.cookie(name)} reads on this connection).
 */
public record Upgrade(
        Visitor visitor,
        boolean persistentGroup,
        String path,
        Map<String, String> query,
        Map<String, String> cookies) {

    public Upgrade {
        cookies = cookies == null ? Map.of() : Map.copyOf(cookies);
    }

    /** An upgrade without cookies. */
    public Upgrade(
            Visitor visitor, boolean persistentGroup, String path, Map<String, String> query) {
        this(visitor, persistentGroup, path, query, Map.of());
    }
}
