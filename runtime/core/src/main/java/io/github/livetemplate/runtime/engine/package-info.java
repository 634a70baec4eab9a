/**
 * Internal: sessions and connections. One state per WebSocket connection, one HTTP state per
 * session group and page path, and a {@link io.github.livetemplate.runtime.engine.SerialQueue} per
 * connection and per HTTP state that runs their work one task at a time on Undertow's worker
 * pool, so states need no locks.
 *
 * <p>Not API: may change in any release.
 */
package io.github.livetemplate.runtime.engine;
