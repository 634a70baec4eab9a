/**
 * Internal: the transport-independent page engine. A {@link
 * io.github.livetemplate.runtime.engine.PageEngine} holds what every session of a page shares; a
 * {@link io.github.livetemplate.runtime.engine.PageSession} is one session (one per WebSocket
 * connection, one per session group and page path over HTTP) and runs every step on it, each
 * answered with a {@link io.github.livetemplate.runtime.engine.Reply} its transport writes. A
 * {@link io.github.livetemplate.runtime.engine.SerialQueue} per connection and per HTTP state runs
 * their work one task at a time on the server's worker pool, so states need no locks.
 *
 * <p>Not API: may change in any release.
 */
package io.github.livetemplate.runtime.engine;
