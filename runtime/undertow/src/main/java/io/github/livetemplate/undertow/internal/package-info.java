/**
 * Internal: HTTP request handling of a live page — routing of HEAD, page GET, JSON GET, JSON POST
 * and WebSocket upgrades, the same-origin check, forwarded headers, the session cookie, page
 * assembly (client script tag) and the client script itself.
 *
 * <p>Not API: may change in any release. Use {@code io.github.livetemplate.undertow.LiveHandler}.
 */
package io.github.livetemplate.undertow.internal;
