package io.github.livetemplate.runtime;

import java.util.AbstractMap;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * An immutable, ordered map of messages: the shared shape of {@link FieldErrors} and {@link Flash}.
 */
public abstract sealed class MessageMap extends AbstractMap<String, String>
        permits FieldErrors, Flash {
    private final Map<String, String> messages;

    MessageMap(Map<String, String> messages) {
        this.messages =
                messages.isEmpty()
                        ? Map.of()
                        : Collections.unmodifiableMap(new LinkedHashMap<>(messages));
    }

    @Override
    public final Set<Entry<String, String>> entrySet() {
        return messages.entrySet();
    }

    @Override
    public final String get(Object key) {
        return messages.get(key);
    }
}
