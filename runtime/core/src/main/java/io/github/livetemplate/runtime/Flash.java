package io.github.livetemplate.runtime;

import java.util.Map;

/**
 * Flash messages by key. Declare a component of this type in a state record to render them: {@code
 * {{with .Flash.saved}}<p class="notice">{{.}}</p>{{end}}}. The runtime fills it from {@link
 * Context#flash}; a message stays until {@link Context#clearFlash} removes it.
 */
public final class Flash extends MessageMap {
    private static final Flash NONE = new Flash(Map.of());

    private Flash(Map<String, String> messages) {
        super(messages);
    }

    /** No messages. */
    public static Flash none() {
        return NONE;
    }

    /** A copy of {@code messages}, in their order. */
    public static Flash of(Map<String, String> messages) {
        return messages.isEmpty() ? NONE : new Flash(messages);
    }
}
