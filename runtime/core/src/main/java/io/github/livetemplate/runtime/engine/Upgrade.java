package io.github.livetemplate.runtime.engine;

import java.util.Map;

/**
 * What the transport learned about a connection before it opened: who it is, whether its group
 * outlives it (a session cookie), the page path and the page URL's query.
 */
public record Upgrade(
        Visitor visitor, boolean persistentGroup, String path, Map<String, String> query) {}
