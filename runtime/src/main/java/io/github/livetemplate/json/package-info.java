/**
 * Internal: JSON on the wire. {@link io.github.livetemplate.json.Inbound} parses the client's
 * message envelope with Jackson; {@link io.github.livetemplate.json.Outbound} writes the server's
 * envelopes by hand around the bytes a renderer produced (trees are never re-serialized);
 * {@link io.github.livetemplate.json.Binder} backs {@code Context.bind}.
 *
 * <p>Not API: may change in any release.
 */
package io.github.livetemplate.json;
