package io.github.livetemplate.examples.chat;

import io.github.livetemplate.LiveTemplate;
import io.github.livetemplate.runtime.FieldErrors;
import java.util.List;

/**
 * What one chat page shows: a room, its latest messages and how many connections are in it.
 *
 * <p>{@link ChatRooms} keeps one instance of this record per room and replaces it (never mutates
 * it) on every change, so every connection in a room holds the <em>same</em> object and one
 * published action costs one diff for all of them (the runtime's fan-out memo).
 *
 * @param room the room's name ({@code lobby}, …); {@code ""} before {@code mount}
 * @param messages the latest messages, oldest first; each row is keyed by its id
 * @param online connections in the room, on this instance and the others it has heard of
 * @param errors validation messages by form field ({@code .Errors.text} under the input)
 */
@LiveTemplate("chat.tmpl")
public record ChatState(String room, List<Message> messages, int online, FieldErrors errors) {

    public ChatState {
        messages = List.copyOf(messages);
    }

    /** The state before {@code mount} picks a room. */
    public static ChatState initial() {
        return new ChatState("", List.of(), 0, FieldErrors.none());
    }

    /** Whether the room has no messages yet. */
    public boolean empty() {
        return messages.isEmpty();
    }
}
