package io.github.livetemplate.runtime.engine;

/**
 * Internal: who a request or connection belongs to.
 *
 * @param groupId the session group (the browser's session cookie)
 * @param userId the signed-in user, {@code ""} when anonymous
 */
public record Visitor(String groupId, String userId) {}
