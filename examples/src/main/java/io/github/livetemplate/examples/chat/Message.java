package io.github.livetemplate.examples.chat;

import java.util.Objects;

/**
 * One chat message, as stored by {@link ChatRooms} and shown in a row of the message list.
 *
 * @param id unique across instances ({@code <instance>-<n>}); the row's {@code data-key}
 * @param author who sent it (a guest name derived from the sender's session; not authenticated)
 * @param text what was typed (escaped when rendered)
 */
public record Message(String id, String author, String text) {

    public Message {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(text, "text");
    }
}
